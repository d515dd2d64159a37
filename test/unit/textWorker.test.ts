import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeSource } from '../../src/cli/nodeSource';
import { createDossier } from '../../src/core/dossier';
import { ReportError } from '../../src/core/errors';
import { textReader } from '../../src/core/formats';
import { WORKER_TEXT_BYTES, workerReaders } from '../../src/lazy/loadPdf';

const SEED = 'data/reports/us-pakistan-relations-in-flux.txt';
const CAPTURE = 'test/fixtures/captures/R47324v18-seabed-mining-in-areas-beyond-national-jurisdict.md';
const encode = (text: string) => new TextEncoder().encode(text);
/** A web capture repeated to about this many bytes: a report as big as an analyst may load (the size limit is 50 MB). */
const bigCapture = (bytes: number) => {
  const capture = readFileSync(CAPTURE, 'utf8');
  return encode(capture.repeat(Math.ceil(bytes / capture.length)));
};
/** The skip message at a limit of 1 s: processor time on Linux; the wall clock's backstop (5×) on a very busy machine. */
/**
 * A clock of this thread's own processor time in ms where Linux tells it (/proc/thread-self/schedstat, in ns),
 * else the wall clock: on a busy machine the wall clock also counts the waits for a core, which are not the
 * host's work (idle, with a busy worker beside it, this thread saw 50 ms gaps between 5 ms ticks).
 */
function heldClock(): () => number {
  const onCpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  try {
    if (Number.isFinite(onCpu())) return onCpu;
  } catch {
    // no /proc: the wall clock
  }
  return () => performance.now();
}
const SKIPPED =
  /^The Markdown report took (over 1 s of processor time|longer than 5 s) to read: skipped \(setting dossier\.maxPdfReadSeconds\)$/;

describe('big text and Markdown reports are parsed in the worker thread, with the time limit', () => {
  let limit = 60;
  const readers = workerReaders(() => limit);
  after(() => readers.close());

  test('the seed report padded past the threshold and a web capture give the same report, spans and warnings as parsed in this thread', async () => {
    const seed = readFileSync(SEED, 'utf8');
    const files: [string, Uint8Array][] = [
      ['us-pakistan-relations-in-flux.txt', encode(seed.repeat(Math.ceil(WORKER_TEXT_BYTES / seed.length) + 1))],
      [path.basename(CAPTURE), new Uint8Array(readFileSync(CAPTURE))],
    ];
    for (const [name, bytes] of files) {
      assert.ok(bytes.length >= WORKER_TEXT_BYTES, `${name} is read in the worker`);
      const inWorker = await readers.text.read(bytes, name);
      assert.deepStrictEqual(inWorker, await textReader.read(bytes, name), name);
      assert.ok(inWorker.report.footnotes.length > 0, name);
    }
  });

  test('a 5 MB report is read while this thread keeps running: it never works 50 ms without a timer running', async () => {
    const bytes = bigCapture(5 * 1024 * 1024);
    const clock = heldClock();
    let last = clock();
    let longest = 0;
    const ticking = setInterval(() => {
      const now = clock();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    let parsed;
    try {
      parsed = await readers.text.read(bytes, 'big.md');
      // the stretch since the last tick counts too (read in this thread, no tick at all would come)
      longest = Math.max(longest, clock() - last);
    } finally {
      clearInterval(ticking);
    }
    assert.equal(parsed.report.title, 'Seabed Mining in Areas Beyond National Jurisdiction: Issues for Congress');
    // parsed in this thread, the same report holds it ~1 s
    assert.ok(longest < 50, `this thread worked ${longest.toFixed(0)} ms between two timer ticks`);
  });

  test('what the text reader refuses comes back as its reason, from the worker too', async () => {
    const latin1 = new Uint8Array(WORKER_TEXT_BYTES + 10).fill(0x61);
    latin1[100] = 0xe9;
    await assert.rejects(readers.text.read(latin1, 'latin1.txt'), new ReportError('is not valid UTF-8 text'));
  });

  test('a report over the limit is skipped with the message, in the load problems; the next report gets a fresh worker', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-slow-text-'));
    try {
      writeFileSync(path.join(dir, 'huge.md'), bigCapture(25 * 1024 * 1024));
      writeFileSync(path.join(dir, 'seabed.md'), readFileSync(CAPTURE));
      const dossier = createDossier({
        source: nodeSource,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        settings: { bundledReports: [], reports: [dir], baseFolder: dir },
      });
      limit = 1;
      readers.register(dossier.readers);
      const loaded = await dossier.load();
      assert.deepEqual(
        loaded.reports.map(r => r.report.title),
        ['Seabed Mining in Areas Beyond National Jurisdiction: Issues for Congress'],
      );
      assert.deepEqual(
        loaded.problems.map(p => p.name),
        ['huge.md'],
      );
      assert.match(loaded.problems[0]!.message, SKIPPED);
    } finally {
      limit = 60;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
