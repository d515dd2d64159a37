/**
 * The longest holds of the event loop (issue 17: never block the extension host more than 50 ms), measured in
 * a process of their own whose heap is what the extension host's would be: one library of report files on
 * disk, read through node:fs, with its cache entries in a folder on disk, as the extension keeps them. In the
 * bench's own process the heap also holds every other library measured (~2 GB), and the collector's pauses
 * grow with it.
 *
 * Measured: a cold open (every file parsed in the reader's worker thread, a partial library published every
 * second, as the extension does), the search index's cache entry written, a warm open in a fresh heap (every report and the index
 * from the cache), the search index built in chunks from the reports, and 2 MB hostile notes checked in
 * slices. Prints one JSON line. `node --import tsx --expose-gc bench/holds.ts 2000`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { nodeSource } from '../src/cli/nodeSource';
import { createDossier } from '../src/core/dossier';
import { Library } from '../src/core/library';
import type { CacheStore } from '../src/core/libraryCache';
import { parseReportWithSpans } from '../src/core/parse';
import { workerReaders } from '../src/lazy/loadPdf';
import { buildSearchIndex } from '../src/core/search';
import { generateLibrary, SEED_PATH } from './generate';
import { measureNoteBlocking } from './noteBlocking';
import { longestStall, type Stall } from './stalls';

export interface Holds {
  reports: number;
  coldOpen: Stall;
  indexWrite: Stall;
  warmOpen: Stall;
  indexBuild: Stall;
  /** per hostile note shape, the longest hold while it is checked in slices */
  notes: Record<string, Pick<Stall, 'longestMs' | 'longestCpuMs' | 'longestWithoutGcMs'>>;
}

/** Cache entries as files in a folder, as the extension keeps them in its global storage. */
function folderStore(folder: string): CacheStore {
  fs.mkdirSync(folder, { recursive: true });
  return {
    async read(name) {
      try {
        return await fs.promises.readFile(path.join(folder, name));
      } catch {
        return undefined;
      }
    },
    async write(name, bytes) {
      await fs.promises.writeFile(path.join(folder, name), bytes);
    },
  };
}

const silent = { info() {}, warn() {}, error() {} };

/** Every report read in the worker thread, as the extension reads them (src/library/libraryService.ts). */
const offThread = workerReaders(undefined, { textBytes: 0 });

function dossierOn(libraryFolder: string, cacheFolder: string) {
  const dossier = createDossier({
    source: nodeSource,
    log: silent,
    settings: { bundledReports: [], reports: [libraryFolder] },
    cache: { store: folderStore(cacheFolder), version: 'bench-holds' },
  });
  offThread.register(dossier.readers);
  return dossier;
}

async function measureHolds(count: number): Promise<Holds> {
  const seedText = fs.readFileSync(SEED_PATH, 'utf8');
  const seedLibrary = new Library([parseReportWithSpans(seedText, { id: 'seed', source: 'seed.txt' })]);
  const notes: Holds['notes'] = {};
  for (const m of await measureNoteBlocking(seedLibrary))
    notes[m.shape] = { longestMs: m.longestSliceMs, longestCpuMs: m.longestSliceCpuMs, longestWithoutGcMs: m.longestSliceWithoutGcMs };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-holds-'));
  try {
    const libraryFolder = path.join(root, 'library');
    const cacheFolder = path.join(root, 'cache');
    fs.mkdirSync(libraryFolder);
    fs.writeFileSync(path.join(libraryFolder, 'us-pakistan-relations-in-flux.txt'), seedText);
    for (const report of generateLibrary(count - 1)) fs.writeFileSync(path.join(libraryFolder, `${report.id}.txt`), report.text);
    collect();

    const { coldOpen, indexWrite } = await (async () => {
      const dossier = dossierOn(libraryFolder, cacheFolder);
      const coldOpen = await longestStall(async () => {
        await dossier.load();
        await dossier.searchIndex();
      });
      // written a little after a load in the extension; now, as it would be by the next window
      const indexWrite = await longestStall(() => dossier.flushCache());
      return { coldOpen, indexWrite };
    })();
    // the next window: a heap without the first one's library
    collect();
    const dossier = dossierOn(libraryFolder, cacheFolder);
    const warmOpen = await longestStall(async () => {
      await dossier.load();
      await dossier.searchIndex();
    });
    const library = dossier.library;
    const indexBuild = await longestStall(() => buildSearchIndex(library));
    return { reports: library.reports.length, coldOpen, indexWrite, warmOpen, indexBuild, notes };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

if (require.main === module) {
  void measureHolds(Number(process.argv[2] ?? 2000))
    .then(holds => process.stdout.write(JSON.stringify(holds) + '\n'))
    .finally(() => offThread.close());
}
