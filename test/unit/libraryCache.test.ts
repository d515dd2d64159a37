// The library cache: a warm start reads reports from the cache and gives the same library and the same search;
// a stale, cut-short, damaged or foreign entry is never used, and is rebuilt.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDossier, type LoadOptions, type LoadResult, type Logger } from '../../src/core/dossier';
import { contentHash, decodeEntry, encodeEntry, entryName, LIBRARY_INDEX_ENTRY, type CacheStore } from '../../src/core/libraryCache';
import { memorySource } from '../../src/core/reportSource';
import { ReportError } from '../../src/core/errors';
import { textReader } from '../../src/core/formats';
import { GULF } from './sampleReports';

const SEED = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');

function memoryStore(): CacheStore & { entries: Map<string, Uint8Array>; writes: number } {
  const entries = new Map<string, Uint8Array>();
  return {
    entries,
    writes: 0,
    async read(name) {
      return entries.get(name);
    },
    async write(name, bytes) {
      this.writes++;
      entries.set(name, bytes.slice());
    },
  };
}

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: m => lines.push(`info ${m}`), warn: m => lines.push(`warn ${m}`), error: m => lines.push(`error ${m}`) };
}

const FILES = { '/r/us-pakistan.txt': SEED, '/r/gulf.md': GULF };

function dossierWith(store: CacheStore | undefined, files: Record<string, string> = FILES, version = 'v1') {
  const log = quietLog();
  const dossier = createDossier({
    source: memorySource(files),
    log,
    settings: { bundledReports: [], reports: ['/r'] },
    cache: store ? { store, version } : undefined,
  });
  return { dossier, log };
}

/** What an analyst sees of a load: each report's model and warnings, and what a search finds. */
async function seen(result: LoadResult, search: (q: string) => Promise<unknown>) {
  return {
    reports: result.reports.map(r => ({ location: r.location, format: r.format, report: r.report })),
    warnings: result.warnings,
    spans: result.reports.map(r => result.library.sourceSpans(r.report.id)),
    hits: [await search('tarrif bangladesh'), await search('845m'), await search('war-risk premiums')],
  };
}

async function load(store: CacheStore | undefined, files?: Record<string, string>, version?: string, options?: LoadOptions) {
  const { dossier, log } = dossierWith(store, files, version);
  const result = await dossier.load(options);
  return { result, log, view: await seen(result, q => dossier.search(q, { limit: 10 })) };
}

describe('library cache', () => {
  test('a warm start reads every report from the cache and shows the same library and search as a cold one', async () => {
    const uncached = await load(undefined);
    const store = memoryStore();
    const cold = await load(store);
    assert.equal(cold.result.cached, 0);
    assert.equal(store.entries.size, 2);
    const warm = await load(store);
    assert.equal(warm.result.cached, 2);
    assert.equal(store.writes, 2, 'nothing written again');
    assert.deepEqual(cold.view, uncached.view);
    assert.deepEqual(warm.view, uncached.view);
    assert.equal(warm.view.reports[1]!.report.title, 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints');
  });

  test('an edited file is parsed again (its content hash changed), the others come from the cache', async () => {
    const store = memoryStore();
    await load(store);
    const edited = { ...FILES, '/r/gulf.md': GULF.replace('40 percent', '45 percent') };
    const warm = await load(store, edited);
    assert.equal(warm.result.cached, 1);
    const gulf = warm.result.reports.find(r => r.location === '/r/gulf.md')!.report;
    assert.deepEqual(
      gulf.figures.map(f => f.text),
      ['0.7 percent', '45 percent'],
    );
  });

  // Each kind of damage: the entry is not used, the report is read from its file, and a fresh entry replaces it.
  const damages: [string, (bytes: Uint8Array) => Uint8Array][] = [
    ['cut short', bytes => bytes.slice(0, Math.floor(bytes.length / 2))],
    ['one bit flipped in a figure', bytes => flipDigit(bytes)],
    ['one bit flipped in the header', bytes => ((bytes = bytes.slice()), (bytes[3]! ^= 1), bytes)],
    ['empty', () => new Uint8Array(0)],
    ['not an entry at all', () => new TextEncoder().encode('{"report": "hello"}')],
  ];
  for (const [what, damage] of damages) {
    test(`an entry ${what} is ignored and rebuilt: the report reads right`, async () => {
      const uncached = await load(undefined);
      const store = memoryStore();
      await load(store);
      for (const [name, bytes] of store.entries) store.entries.set(name, damage(bytes));
      const rebuilt = await load(store);
      assert.equal(rebuilt.result.cached, 0);
      assert.deepEqual(rebuilt.view, uncached.view);
      assert.equal(rebuilt.result.problems.length, 0);
      assert.ok(rebuilt.log.lines.some(l => l.startsWith('info Library cache: gulf.md: entry not used')));
      const again = await load(store);
      assert.equal(again.result.cached, 2, 'the fresh entries are used next time');
    });
  }

  test("each entry keeps its report's citation-key inputs; inputs that do not fit the report are ignored, and the keys come out the same", async () => {
    const uncached = await load(undefined);
    const store = memoryStore();
    await load(store);
    const bodies = [...store.entries]
      .filter(([name]) => name !== LIBRARY_INDEX_ENTRY)
      .map(([name, bytes]) => {
        const text = new TextDecoder().decode(bytes);
        const newline = text.indexOf('\n');
        const [, version, fileName, hash, modelLength] = text.slice(0, newline).split(' ') as string[];
        const body = text.slice(newline + 1);
        return {
          name,
          version: decodeURIComponent(version!),
          fileName: decodeURIComponent(fileName!),
          hash: hash!,
          // the entry's body: the report's JSON, then its search items' (ASCII, so characters are bytes)
          body: { ...JSON.parse(body.slice(0, Number(modelLength))), index: JSON.parse(body.slice(Number(modelLength))) },
        };
      });
    const seedEntry = bodies.find(b => b.fileName === 'us-pakistan.txt')!;
    assert.equal(seedEntry.body.keys.bases.length, seedEntry.body.parsed.report.footnotes.length);
    assert.equal(seedEntry.body.keys.base, 'usPakistanFlux2025');
    // inputs one note short, then of the wrong kind: the entry is still used, its keys read from the sources
    for (const misfit of [(k: { bases: string[] }) => k.bases.pop(), (k: { identities: unknown[] }) => (k.identities[0] = 'url')]) {
      for (const { name, version, fileName, hash, body } of bodies) {
        const keys = structuredClone(body.keys);
        misfit(keys);
        store.entries.set(name, encodeEntry(fileName, hash, version, { ...body, keys }));
      }
      const warm = await load(store);
      assert.equal(warm.result.cached, 2);
      assert.deepEqual(warm.view, uncached.view);
    }
  });

  test('an entry made by another parser version is rebuilt, not used', async () => {
    const store = memoryStore();
    await load(store, FILES, 'v1');
    const next = await load(store, FILES, 'v2');
    assert.equal(next.result.cached, 0);
    assert.ok(next.log.lines.some(l => l.includes('entry not used (made by another version of Dossier)')));
    assert.equal((await load(store, FILES, 'v2')).result.cached, 2);
  });

  test('a cache that cannot be read or written is logged, and the library loads all the same', async () => {
    const broken: CacheStore = {
      read: async () => {
        throw new Error('EACCES: permission denied');
      },
      write: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const uncached = await load(undefined);
    const loaded = await load(broken);
    assert.deepEqual(loaded.view, uncached.view);
    assert.ok(loaded.log.lines.includes('warn Library cache: gulf.md: could not write the entry (ENOSPC: no space left on device)'));
  });

  test('decodeEntry says why an entry does not fit this file', () => {
    const hash = contentHash(new TextEncoder().encode(GULF));
    const entry = encodeEntry('gulf.md', hash, 'v1', {
      format: 'markdown',
      parsed: { report: { id: 'g', key: 'g', title: 'G', authors: [], sections: [], footnotes: [], figures: [] }, spans: [], warnings: [] },
      index: { terms: [], items: [], count: 0 },
    });
    assert.ok('cached' in decodeEntry(entry, { fileName: 'gulf.md', hash, version: 'v1' }));
    assert.deepEqual(decodeEntry(entry, { fileName: 'other.md', hash, version: 'v1' }), { unusable: 'another file or content' });
    assert.deepEqual(decodeEntry(entry, { fileName: 'gulf.md', hash: '0'.repeat(16), version: 'v1' }), {
      unusable: 'another file or content',
    });
    assert.notEqual(entryName('gulf.md', hash), entryName('gulf2.md', hash));
    assert.notEqual(contentHash(new TextEncoder().encode('ab')), contentHash(new TextEncoder().encode('ba')));
  });

  test('a long load reports progress, publishes the reports read so far, and can be cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`/r/gulf${i}.md`] = GULF;
    const progress: string[] = [];
    const partials: number[] = [];
    const { dossier } = dossierWith(memoryStore(), files);
    dossier.onDidLoad(r => r.partial && partials.push(r.reports.length));
    const result = await dossier.load({
      onProgress: p => progress.push(`${p.done}/${p.total}`),
      cancelled: () => progress.length >= 4,
      partialEveryMs: 0,
    });
    assert.deepEqual(progress, ['1/6', '2/6', '3/6', '4/6']);
    assert.deepEqual(partials, [1, 2, 3, 4]);
    assert.equal(result.reports.length, 4);
    assert.deepEqual(
      result.problems.map(p => `${p.name}: ${p.message}`),
      ['gulf4.md: not read: loading was cancelled', 'gulf5.md: not read: loading was cancelled'],
    );
    assert.equal(result.partial, undefined);
  });
});

describe('reading ahead', () => {
  test('the next file is read while one is taken in: one ahead at most, the reports in their order, a failure in its place', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`/r/gulf${i}.md`] = i === 2 ? 'broken' : GULF.replace('Gulf Shipping', `Gulf Shipping ${i}`);
    const { dossier } = dossierWith(memoryStore(), files);
    let reading = 0;
    let most = 0;
    const started: string[] = [];
    dossier.readers.register({
      ...textReader,
      read: async (bytes, name) => {
        started.push(name);
        most = Math.max(most, ++reading);
        try {
          // a reader that answers later, as the worker thread does
          await new Promise(resolve => setTimeout(resolve, 5));
          if (name === 'gulf2.md') throw new ReportError('is not a report');
          return await textReader.read(bytes, name);
        } finally {
          reading--;
        }
      },
    });
    const result = await dossier.load();
    assert.equal(most, 2, 'two files in hand at most: the one taken in and the next');
    assert.deepEqual(started, ['gulf0.md', 'gulf1.md', 'gulf2.md', 'gulf3.md', 'gulf4.md']);
    assert.deepEqual(
      result.reports.map(r => [r.location, r.report.title]),
      [0, 1, 3, 4].map(i => [`/r/gulf${i}.md`, `Gulf Shipping ${i} Under Strain`]),
    );
    assert.deepEqual(
      result.problems.map(p => `${p.name}: ${p.message}`),
      ['gulf2.md: is not a report'],
    );
  });
});

describe('reloading one report', () => {
  test('an edited file replaces its report in the library and the search; the others are not read again and stay the same objects', async () => {
    const files = new Map(Object.entries({ ...FILES, '/r/gulf.md': GULF + '\nThe qeltravine accord was drafted.\n' }));
    const base = memorySource(FILES);
    const reads: string[] = [];
    const source = {
      ...base,
      stat: async (l: string) =>
        files.has(l) ? { kind: 'file' as const, size: files.get(l)!.length } : l === '/r/gulf.md' ? undefined : base.stat(l),
      read: async (l: string) => {
        reads.push(l);
        const text = files.get(l);
        if (text === undefined) throw new Error(`${l}: no such file`);
        return new TextEncoder().encode(text);
      },
    };
    const dossier = createDossier({
      source,
      log: quietLog(),
      settings: { bundledReports: [], reports: ['/r'] },
      cache: { store: memoryStore(), version: 'v1' },
    });
    const first = await dossier.load();
    assert.equal((await dossier.search('zyxquorbite')).length, 0);
    const seed = first.reports.find(r => r.location === '/r/us-pakistan.txt')!.report;

    const seedHits = (await dossier.search('pakistan', { reportId: seed.id })).map(h => `${h.kind} ${h.id}`);
    assert.deepEqual(
      (await dossier.search('qeltravine')).map(h => `${h.reportId} ${h.kind} ${h.label}`),
      ['gulf paragraph The qeltravine accord was drafted.'],
    );

    // the added paragraph is rewritten
    files.set('/r/gulf.md', GULF + '\nThe zyxquorbite accord was signed.\n');
    reads.length = 0;
    const changed = await dossier.reload(['/r/gulf.md']);
    assert.deepEqual(reads, ['/r/gulf.md']);
    assert.equal(changed.read, 1);
    assert.equal(changed.reports.find(r => r.location === '/r/us-pakistan.txt')!.report, seed);
    assert.deepEqual(
      (await dossier.search('zyxquorbite')).map(h => `${h.reportId} ${h.kind} ${h.label}`),
      ['gulf paragraph The zyxquorbite accord was signed.'],
    );
    assert.deepEqual(await dossier.search('qeltravine'), []);
    // the other report is found as before, by the same items
    assert.deepEqual(
      (await dossier.search('pakistan', { reportId: seed.id })).map(h => `${h.kind} ${h.id}`),
      seedHits,
    );
    assert.equal(dossier.lastLoad, changed);

    files.delete('/r/gulf.md');
    const gone = await dossier.reload(['/r/gulf.md']);
    assert.deepEqual(
      gone.reports.map(r => r.location),
      ['/r/us-pakistan.txt'],
    );
    assert.deepEqual(
      gone.problems.map(p => `${p.name}: ${p.message}`),
      ['gulf.md: no such file'],
    );
    assert.equal((await dossier.search('zyxquorbite')).length, 0);
  });
});

/** The same entry with one bit of one digit of the body flipped: still JSON, a different number. */
function flipDigit(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const pattern = new TextEncoder().encode('"value":');
  const at = copy.findIndex((_, i) => pattern.every((b, j) => copy[i + j] === b));
  assert.ok(at > 0);
  const digit = at + pattern.length;
  assert.ok(copy[digit]! >= 0x30 && copy[digit]! <= 0x39);
  copy[digit] = copy[digit]! ^ 1;
  return copy;
}
