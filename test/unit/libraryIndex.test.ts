// The library's whole search index in the cache: a warm start of the same report files reads it back instead
// of adding every report's items again, and answers every search exactly as an index built afresh; any other
// library (a file changed, added, removed or moved, another parser version) or a damaged index entry is
// ignored, and the index is built from the reports, then written again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CACHED_REPORT_MAX_BYTES, createDossier, type Logger } from '../../src/core/dossier';
import { CompactIndex } from '../../src/core/compactIndex';
import {
  contentHash,
  contentHashSteps,
  decodeEntry,
  decodeLibraryIndex,
  decodeLibraryIndexSteps,
  encodeLibraryIndex,
  encodeLibraryIndexSteps,
  LIBRARY_INDEX_ENTRY,
  type CacheStore,
} from '../../src/core/libraryCache';
import { parseReportWithSpans } from '../../src/core/parse';
import { memorySource, type ReportSource } from '../../src/core/reportSource';
import { prepareReportIndex } from '../../src/core/search';
import { runSteps } from '../../src/core/steps';
import { GULF } from './sampleReports';

const SEED = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');

const RED_SEA = `---
title: Red Sea Transits and Tariff Pressure
date: 2025-04-02
authors: [Jonah Weiss]
---

# Overview

Transits through the Bab el-Mandeb fell to 35 percent of their 2023 level, and Pakistan's textile exports paid $845 million more in freight.[^1]

[^1]: Jonah Weiss, "Freight and tariffs," Journal of Commerce, March 30, 2025.
`;

const FILES: Record<string, string> = { '/r/a-us-pakistan.txt': SEED, '/r/b-gulf.md': GULF, '/r/c-red-sea.md': RED_SEA };

const QUERIES = ['tarrif bangladesh', '845m', 'war-risk premiums', 'pakistan textile', 'insur', 'strait traffic ', 'F-16', 'zyxq'];

function memoryStore(): CacheStore & { entries: Map<string, Uint8Array>; written: string[] } {
  const entries = new Map<string, Uint8Array>();
  const written: string[] = [];
  return {
    entries,
    written,
    read: async name => entries.get(name),
    write: async (name, bytes) => void (written.push(name), entries.set(name, bytes.slice())),
  };
}

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: m => lines.push(`info ${m}`), warn: m => lines.push(`warn ${m}`), error: m => lines.push(`error ${m}`) };
}

/** A dossier over `files` (in the order given: each file named in the setting), its first load done and its index ready. */
async function open(store: CacheStore | undefined, files: Record<string, string>, version = 'v1') {
  const log = quietLog();
  const dossier = createDossier({
    source: memorySource(files),
    log,
    settings: { bundledReports: [], reports: Object.keys(files) },
    cache: store ? { store, version, indexWriteDelayMs: 60_000 } : undefined,
  });
  await dossier.load();
  await dossier.searchIndex();
  const restored = log.lines.some(l => l.includes('items from the library cache'));
  return { dossier, log, restored };
}

/** Every search an analyst might type, with everything each hit shows, scores included. */
async function answers(dossier: Awaited<ReturnType<typeof open>>['dossier']) {
  const all = [];
  for (const q of QUERIES) all.push(await dossier.search(q, { limit: 20 }));
  all.push(await dossier.search('premiums', { kinds: ['footnote'] }));
  return all;
}

/** A warm store: the files opened once and the library's index written. */
async function warmed(files: Record<string, string>, version = 'v1') {
  const store = memoryStore();
  const cold = await open(store, files, version);
  await cold.dossier.flushCache();
  assert.ok(store.entries.has(LIBRARY_INDEX_ENTRY), 'the library index is written');
  return store;
}

describe("the library's search index in the cache", () => {
  test('a warm start reads the whole index back and answers every search as a fresh build does', async () => {
    const fresh = await open(undefined, FILES);
    const store = await warmed(FILES);
    const warm = await open(store, FILES);
    assert.equal(warm.restored, true);
    assert.equal(warm.dossier.lastLoad?.cached, 3);
    assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
    assert.equal((await warm.dossier.searchIndex()).size, (await fresh.dossier.searchIndex()).size);
    // nothing to write: the index read back is the one in the cache
    await warm.dossier.flushCache();
    assert.deepEqual(
      store.written.filter(n => n === LIBRARY_INDEX_ENTRY),
      [LIBRARY_INDEX_ENTRY],
    );
  });

  test('a report file over CACHED_REPORT_MAX_BYTES gets no entry of its own (read afresh at each open), and the library index is still read back', async () => {
    const withBig = { ...FILES, '/r/d-big.txt': SEED.repeat(Math.ceil((CACHED_REPORT_MAX_BYTES + 1) / SEED.length)) };
    const store = await warmed(withBig);
    const reportEntries = [...store.entries.keys()].filter(name => name !== LIBRARY_INDEX_ENTRY);
    assert.equal(reportEntries.length, 3, `an entry for each small report, none for the big one: ${reportEntries.join(', ')}`);
    const fresh = await open(undefined, withBig);
    const warm = await open(store, withBig);
    assert.equal(warm.restored, true, warm.log.lines.join('\n'));
    assert.equal(warm.dossier.lastLoad?.cached, 3);
    assert.equal(warm.dossier.library.reports.length, 4);
    assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
  });

  const others: [string, Record<string, string>, string?][] = [
    ['one file changed', { ...FILES, '/r/b-gulf.md': GULF.replace('40 percent', '45 percent') }],
    ['a file added', { ...FILES, '/r/d-gulf-copy.md': GULF.replace('Gulf Shipping', 'Gulf Ports') }],
    ['a file removed', { '/r/a-us-pakistan.txt': SEED, '/r/c-red-sea.md': RED_SEA }],
    ['the files in another order', { '/r/c-red-sea.md': RED_SEA, '/r/a-us-pakistan.txt': SEED, '/r/b-gulf.md': GULF }],
    ['another parser version', FILES, 'v2'],
  ];
  for (const [what, files, version] of others) {
    test(`an index made for other reports is not used (${what}): the search is a fresh build's, and the index is written again`, async () => {
      const store = await warmed(FILES);
      const fresh = await open(undefined, files);
      const warm = await open(store, files, version);
      assert.equal(warm.restored, false);
      assert.ok(
        warm.log.lines.some(l =>
          /Library cache: search index not used \((made for other report files|made by another version of Dossier)\)/.test(l),
        ),
        warm.log.lines.join('\n'),
      );
      assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
      await warm.dossier.flushCache();
      const again = await open(store, files, version);
      assert.equal(again.restored, true, 'the index written for these files is used next time');
      assert.deepEqual(await answers(again.dossier), await answers(fresh.dossier));
    });
  }

  const damages: [string, (bytes: Uint8Array) => Uint8Array][] = [
    ['cut short', bytes => bytes.slice(0, bytes.length - 7)],
    ['one bit flipped in its postings', bytes => ((bytes = bytes.slice()), (bytes[bytes.length - 100]! ^= 4), bytes)],
    ['one bit flipped in its header', bytes => ((bytes = bytes.slice()), (bytes[2]! ^= 1), bytes)],
    ['empty', () => new Uint8Array(0)],
    ['a report entry instead', bytes => new TextEncoder().encode(`dossier-cache/3 v1 x ${new TextDecoder().decode(bytes.slice(0, 40))}`)],
  ];
  for (const [what, damage] of damages) {
    test(`an index entry ${what} is ignored, the index built from the reports and written again`, async () => {
      const store = await warmed(FILES);
      store.entries.set(LIBRARY_INDEX_ENTRY, damage(store.entries.get(LIBRARY_INDEX_ENTRY)!));
      const fresh = await open(undefined, FILES);
      const warm = await open(store, FILES);
      assert.equal(warm.restored, false);
      assert.equal(warm.dossier.lastLoad?.cached, 3, 'the reports still come from their entries');
      assert.ok(warm.log.lines.some(l => l.startsWith('info Library cache: search index not used')));
      assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
      await warm.dossier.flushCache();
      assert.equal((await open(store, FILES)).restored, true);
    });
  }

  test('an index whose checksum holds but whose arrays do not (a posting past the items) is refused when restored', async () => {
    const store = await warmed(FILES);
    const reports = [...store.written.filter(n => n !== LIBRARY_INDEX_ENTRY)];
    const decoded = decodeLibraryIndex(store.entries.get(LIBRARY_INDEX_ENTRY)!, { version: 'v1', reports });
    assert.ok('snapshot' in decoded, JSON.stringify(decoded));
    const { snapshot } = decoded;
    const items = snapshot.index.lengths.length;
    for (const spoil of [
      () => (snapshot.index.postings[0] = items * 1024 + 3),
      () => (snapshot.index.sorted[0] = snapshot.index.sorted[1]!),
      () => (snapshot.index.starts[1] = snapshot.index.starts[2]! + 1),
    ]) {
      const copy = structuredClone(snapshot);
      const original = snapshot.index.postings[0]!;
      const [sorted, starts] = [snapshot.index.sorted[0]!, snapshot.index.starts[1]!];
      spoil();
      store.entries.set(LIBRARY_INDEX_ENTRY, encodeLibraryIndex('v1', reports, snapshot));
      Object.assign(snapshot, copy);
      snapshot.index.postings[0] = original;
      snapshot.index.sorted[0] = sorted;
      snapshot.index.starts[1] = starts;
      const fresh = await open(undefined, FILES);
      const warm = await open(store, FILES);
      assert.equal(warm.restored, false);
      assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
    }
  });

  test('after an edit is re-indexed, the index written is the new library’s, and answers as one built afresh', async () => {
    const store = await warmed(FILES);
    const files = { ...FILES };
    const log = quietLog();
    // the files as they are at each read (memorySource takes a fixed set)
    const now = () => memorySource(files);
    const source: ReportSource = {
      stat: location => now().stat(location),
      list: folder => now().list(folder),
      read: location => now().read(location),
      join: (folder, name) => now().join(folder, name),
      fromPath: path => now().fromPath(path),
    };
    const dossier = createDossier({
      source,
      log,
      settings: { bundledReports: [], reports: Object.keys(files) },
      cache: { store, version: 'v1', indexWriteDelayMs: 60_000 },
    });
    await dossier.load();
    await dossier.searchIndex();
    files['/r/b-gulf.md'] = GULF.replace('Container traffic', 'Zyxquorbite container traffic');
    await dossier.reload(['/r/b-gulf.md']);
    assert.equal((await dossier.search('zyxquorbite')).length, 1);
    await dossier.flushCache();
    const fresh = await open(undefined, files);
    const warm = await open(store, files);
    assert.equal(warm.restored, true);
    assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
    assert.deepEqual(await warm.dossier.search('zyxquorbite container'), await fresh.dossier.search('zyxquorbite container'));
  });

  test("a report entry's search items, read only when asked, are the items prepared from the report", async () => {
    const store = await warmed(FILES);
    for (const [name, bytes] of store.entries) {
      if (name === LIBRARY_INDEX_ENTRY) continue;
      const header = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(10))).split(' ');
      const fileName = decodeURIComponent(header[2]!);
      const decoded = decodeEntry(bytes, { fileName, hash: header[3]!, version: 'v1' });
      assert.ok('cached' in decoded);
      const parsed = parseReportWithSpans(FILES[`/r/${fileName}`]!, { source: fileName });
      assert.deepEqual(decoded.cached.index(), prepareReportIndex(parsed.report));
    }
  });

  test("a report entry whose search items are damaged is still read; the report's items are made again from it", async () => {
    const store = await warmed(FILES);
    store.entries.delete(LIBRARY_INDEX_ENTRY);
    for (const [name, bytes] of store.entries) {
      const copy = bytes.slice();
      copy[copy.length - 3]! ^= 1;
      store.entries.set(name, copy);
    }
    const fresh = await open(undefined, FILES);
    const warm = await open(store, FILES);
    assert.equal(warm.dossier.lastLoad?.cached, 3);
    assert.deepEqual(await answers(warm.dossier), await answers(fresh.dossier));
  });

  test('a compact index snapshot renumbered and restored answers as the index built in the new order', () => {
    const tokenize = (text: string) => text.split(/\s+/).filter(Boolean);
    const fields = [{ name: 'text', boost: 1 }];
    const texts = ['tariff exemption textile', 'tariff war', 'shipping insurers premiums', 'textile exports', 'war-risk premiums'];
    const built = new CompactIndex(fields, tokenize, t => t.toLowerCase());
    built.addPrepared(1, built.prepare(texts.map(text => ({ text }))));
    built.freeze();
    built.discard(2);
    // items 1, 3, 4, 5 kept, in the order 5, 1, 3, 4
    const renumber = Uint32Array.from([0, 2, 0, 3, 4, 1]);
    const snapshot = runSteps(built.snapshotSteps(renumber, 4))!;
    assert.deepEqual(snapshot.terms.includes('war'), false, 'a term only the discarded item had is dropped');
    const restored = new CompactIndex(fields, tokenize, t => t.toLowerCase());
    assert.equal(runSteps(restored.restoreSteps(snapshot)), undefined);
    const fresh = new CompactIndex(fields, tokenize, t => t.toLowerCase());
    fresh.addPrepared(1, fresh.prepare([4, 0, 2, 3].map(i => ({ text: texts[i] }))));
    fresh.freeze();
    const weights = { fuzzy: 0.6, prefix: 0.8 };
    for (const term of ['tariff', 'premiums', 'textil', 'wa', 'exports']) {
      const query = [{ term, fuzzy: 1 as const, prefix: true }];
      assert.deepEqual(restored.search(query, { limit: 10, weights }), fresh.search(query, { limit: 10, weights }));
    }
    assert.equal(restored.documentCount, 4);
  });
});

describe('a big index entry, written and read in steps', () => {
  // 50,000 terms (some not ASCII) and 700,000 postings: several steps of terms, copies and checksum
  const terms = Array.from({ length: 50_000 }, (_, i) => (i % 7 ? `t${i}` : `ş${i}é`));
  const postings = Uint32Array.from({ length: 700_000 }, (_, i) => (i % 49_999) * 1024 + 10);
  const starts = Uint32Array.from({ length: terms.length + 1 }, (_, i) => Math.min(i * 14, postings.length));
  starts[terms.length] = postings.length;
  const snapshot = {
    index: {
      terms,
      starts,
      postings,
      lengths: Int32Array.from({ length: 50_000 }, (_, i) => i % 90),
      sorted: Uint32Array.from(terms.keys()),
    },
    counts: Uint32Array.of(20_000, 29_999),
  };
  const reports = ['a.json', 'b.json'];
  const steps = <T>(generator: Generator<void, T, void>) => {
    let count = 0;
    for (;;) {
      const next = generator.next();
      if (next.done) return { value: next.value, count };
      count++;
    }
  };

  test('reads back exactly what was written, in many steps each way', () => {
    const written = steps(encodeLibraryIndexSteps('v1', reports, snapshot));
    assert.ok(written.count > 5, `written in ${written.count} steps`);
    assert.deepEqual(written.value, encodeLibraryIndex('v1', reports, snapshot), 'the same bytes as at once');
    const read = steps(decodeLibraryIndexSteps(written.value, { version: 'v1', reports }));
    assert.ok(read.count > 2, `read in ${read.count} steps`);
    assert.ok('snapshot' in read.value);
    assert.deepEqual(read.value.snapshot, snapshot);
  });

  test('an entry whose bytes do not start on a 4-byte boundary is read into copies of its own, the same', () => {
    const bytes = encodeLibraryIndex('v1', reports, snapshot);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 200)).indexOf('\n') % 4, 3, 'the header pads the body to a 4-byte boundary');
    const elsewhere = new Uint8Array(bytes.length + 1);
    elsewhere.set(bytes, 1);
    const aligned = decodeLibraryIndex(bytes, { version: 'v1', reports });
    const copied = decodeLibraryIndex(elsewhere.subarray(1), { version: 'v1', reports });
    assert.ok('snapshot' in aligned && 'snapshot' in copied);
    assert.deepEqual(copied.snapshot, snapshot);
    assert.equal(aligned.snapshot.index.postings.buffer, bytes.buffer, 'read where it is');
    assert.notEqual(copied.snapshot.index.postings.buffer, elsewhere.buffer, 'a copy of its own');
  });

  test('one flipped bit anywhere in the terms or arrays, or the entry cut short, is unusable', () => {
    const bytes = encodeLibraryIndex('v1', reports, snapshot);
    for (const at of [bytes.length - 3, Math.floor(bytes.length / 2), 2_000]) {
      const damaged = bytes.slice();
      damaged[at]! ^= 4;
      assert.deepEqual(decodeLibraryIndex(damaged, { version: 'v1', reports }), { unusable: 'damaged (checksum)' }, `bit at ${at}`);
    }
    assert.deepEqual(decodeLibraryIndex(bytes.subarray(0, bytes.length - 4), { version: 'v1', reports }), { unusable: 'cut short' });
  });

  test('the checksum is the same over bytes on any alignment, a megabyte at a time or at once', () => {
    const bytes = encodeLibraryIndex('v1', reports, snapshot);
    const shifted = bytes.subarray(1);
    assert.equal(contentHash(shifted), contentHash(shifted.slice()));
    assert.equal(runSteps(contentHashSteps(shifted)), contentHash(shifted.slice()));
    assert.notEqual(contentHash(shifted), contentHash(bytes.subarray(2)));
  });
});
