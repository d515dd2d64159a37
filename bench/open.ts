/**
 * Opening a library as the extension does (createDossier with a library cache), until it is search-ready:
 * cold (an empty cache: every file parsed, its entry written) and warm (every report from the cache), then an
 * edit of one report file re-read alone (`reload([file])`, as the file watcher does) and re-indexed. Files and cache entries are held in memory, so the figures are
 * Dossier's work alone (the extension adds workspace.fs reads: about a millisecond a file on a local disk).
 */
import { performance } from 'perf_hooks';
import { createDossier, type Dossier } from '../src/core/dossier';
import type { CacheStore } from '../src/core/libraryCache';
import type { ReportSource } from '../src/core/reportSource';
import { longestStall, type Stall } from './stalls';

export interface OpenMeasure {
  coldMs: number;
  warmMs: number;
  /** processor time of this process for the same spans (the machine is shared: wall time includes waiting for a core) */
  coldCpuMs: number;
  warmCpuMs: number;
  reindexCpuMs?: number;
  /** reports the warm open read from the cache (all of them, or the cache is not working) */
  warmCached: number;
  /** an edit of one report file: read, parsed, and its items re-indexed, until search finds the new words */
  reindexMs?: number;
  /** the longest holds of the event loop: the cold open, the search index's cache entry written, the warm open */
  stalls: { cold: Stall; indexWrite: Stall; warm: Stall };
}

/** Report files in memory, editable (memorySource takes a fixed set). */
function editableSource(files: Map<string, Uint8Array>): ReportSource {
  return {
    async stat(location) {
      const file = files.get(location);
      if (file) return { kind: 'file', size: file.length };
      return location === '/library' ? { kind: 'folder', size: 0 } : undefined;
    },
    async list() {
      return [...files.keys()].map(path => ({ name: path.slice('/library/'.length), kind: 'file' as const }));
    },
    async read(location) {
      await ioTurn();
      const file = files.get(location);
      if (!file) throw new Error(`${location}: no such file`);
      return file;
    },
    join: (folder, name) => `${folder}/${name}`,
    fromPath: path => path,
  };
}

/**
 * A read or write answers on a later turn of the event loop, as a file read does: an answer in the same turn
 * (a resolved promise) would let a whole open run as one turn, and the holds measured would be the bench's.
 */
const ioTurn = () => new Promise<void>(resolve => setImmediate(resolve));

const silent = { info() {}, warn() {}, error() {} };

export async function measureOpen(texts: { id: string; text: string }[], options: { reindex: boolean }): Promise<OpenMeasure> {
  const encoder = new TextEncoder();
  const files = new Map(texts.map(t => [`/library/${t.id}.txt`, encoder.encode(t.text)]));
  const entries = new Map<string, Uint8Array>();
  const store: CacheStore = {
    read: async name => {
      await ioTurn();
      return entries.get(name);
    },
    write: async (name, bytes) => {
      await ioTurn();
      entries.set(name, bytes);
    },
  };
  const source = editableSource(files);
  const open = async (): Promise<{ dossier: Dossier; ms: number; cpuMs: number; cached: number; stall: Stall }> => {
    const dossier = createDossier({
      source,
      log: silent,
      settings: { bundledReports: [], reports: ['/library'] },
      cache: { store, version: 'bench' },
    });
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let cached = 0;
    const stall = await longestStall(async () => {
      cached = (await dossier.load({ partialEveryMs: Infinity })).cached;
      await dossier.searchIndex();
    });
    return { dossier, ms: performance.now() - t0, cpuMs: cpuSince(c0), cached, stall };
  };
  // the cold open's window is closed before the warm one opens (a block of its own: its library can go)
  const { cold, indexWrite } = await (async () => {
    const opened = await open();
    // the library's search index is written a little after a load (INDEX_WRITE_DELAY_MS), out of the open's
    // way: write it now, as it would be by the time the window is opened again
    const indexWrite = await longestStall(() => opened.dossier.flushCache());
    return { cold: { ms: opened.ms, cpuMs: opened.cpuMs, stall: opened.stall }, indexWrite };
  })();
  const warm = await open();
  let reindexMs: number | undefined;
  let reindexCpuMs: number | undefined;
  if (options.reindex) {
    // one report gains a paragraph with a word no report has; the edit is done when search finds it
    // (into the body, after its first paragraph: text after a web capture's "Related Topics" is site chrome, rightly dropped)
    const [location, bytes] = [...files][Math.floor(files.size / 2)]!;
    const text = new TextDecoder().decode(bytes);
    const body = text.indexOf('\n\n', nthBreak(text, 3));
    const edited =
      body < 0
        ? text + '\n\nThe zyxquorbite accord was signed.\n'
        : `${text.slice(0, body)}\n\nThe zyxquorbite accord was signed.${text.slice(body)}`;
    files.set(location, encoder.encode(edited));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await warm.dossier.reload([location]);
    const hits = await warm.dossier.search('zyxquorbite', { limit: 1 });
    reindexMs = performance.now() - t0;
    reindexCpuMs = cpuSince(c0);
    if (!hits.length) throw new Error('the edited report is not found by its new word');
  }
  return {
    coldMs: cold.ms,
    warmMs: warm.ms,
    coldCpuMs: cold.cpuMs,
    warmCpuMs: warm.cpuMs,
    warmCached: warm.cached,
    reindexMs,
    reindexCpuMs,
    stalls: { cold: cold.stall, indexWrite, warm: warm.stall },
  };
}

/** The offset just past the n-th blank line (0 when there are fewer). */
function nthBreak(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const next = text.indexOf('\n\n', at);
    if (next < 0) return 0;
    at = next + 2;
  }
  return at;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
