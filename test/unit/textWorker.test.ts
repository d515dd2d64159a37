import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeSource } from '../../src/cli/nodeSource';
import { createDossier } from '../../src/core/dossier';
import { ReportError } from '../../src/core/errors';
import { textReader } from '../../src/core/formats';
import type { ParsedReport } from '../../src/core/parse';
import { spanArray } from '../../src/core/parse/spans';
import { WORKER_TEXT_BYTES, workerReaders } from '../../src/lazy/loadPdf';
import { readDocx, readHtml } from '../../src/lazy/webReaders';
import { threadCpuMs } from '../fuzz/asyncReads';
import MarkdownIt from 'markdown-it';
import { Document as WordDocument, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

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
  return threadCpuMs() === undefined ? () => performance.now() : () => threadCpuMs()!;
}
/**
 * What `work` gives, and the longest this thread worked between two ticks of a 5 ms timer meanwhile (the
 * stretch since the last tick counts too: work done in this thread would let no tick come at all).
 */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ value: T; longest: number }> {
  const clock = heldClock();
  let last = clock();
  let longest = 0;
  const ticking = setInterval(() => {
    const now = clock();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    return { value, longest: Math.max(longest, clock() - last) };
  } finally {
    clearInterval(ticking);
  }
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
    const { value: parsed, longest } = await whileTicking(() => readers.text.read(bytes, 'big.md'));
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

describe('saved web pages and Word files are converted in the worker thread, whatever their size', () => {
  const readers = workerReaders(() => 60);
  after(() => readers.close());
  /** The web capture as a saved page, its body `times` over: a 160 KB page, or a 1.3 MB one at 8. */
  const page = (times: number) => {
    const body = new MarkdownIt().render(readFileSync(CAPTURE, 'utf8').replace(/^---[\s\S]*?---\n/, ''));
    return encode(
      `<!doctype html><html><head><meta charset="utf-8"><title>Seabed Mining</title></head><body><nav><a href="/">Home</a></nav><main><article>${body.repeat(times)}</article></main></body></html>`,
    );
  };
  const paragraphs = (parsed: ParsedReport) => parsed.report.sections.reduce((sum, section) => sum + section.paragraphs.length, 0);
  const docx = async () =>
    new Uint8Array(
      await Packer.toBuffer(
        new WordDocument({
          title: 'Dams and Storage on the Indus',
          footnotes: { 1: { children: [new Paragraph('Ayesha Siddiqa, “Dams and Delays,” Dawn, March 3, 2022.')] } },
          sections: [
            {
              children: [
                new Paragraph({ text: 'Dams and Storage on the Indus', heading: HeadingLevel.TITLE }),
                new Paragraph({ children: [new TextRun('Dams hold about 30 days of flow.'), new FootnoteReferenceRun(1)] }),
              ],
            },
          ],
        }),
      ),
    );

  test('a page and a Word file give the same report, warnings and Markdown as converted in this thread', async () => {
    // a converted file has no spans: packed in one case, an empty array in the other
    const spansAsArray = (parsed: ParsedReport) => ({ ...parsed, spans: spanArray(parsed.spans) });
    const html = page(1);
    const inWorker = await readers.html.read(html, 'seabed.html');
    assert.deepStrictEqual(spansAsArray(inWorker), spansAsArray(await readHtml(html, 'seabed.html')));
    assert.ok(paragraphs(inWorker) > 100, `the page’s paragraphs are read (${paragraphs(inWorker)})`);
    const word = await docx();
    const wordInWorker = await readers.docx.read(word, 'indus.docx');
    assert.deepStrictEqual(spansAsArray(wordInWorker), spansAsArray(await readDocx(word, 'indus.docx')));
    assert.equal(wordInWorker.report.footnotes[0]?.text, 'Ayesha Siddiqa, “Dams and Delays,” Dawn, March 3, 2022.');
  });

  test('a 1.3 MB page is converted while this thread keeps running: it never works 50 ms without a timer running', async () => {
    const html = page(8);
    const { value: parsed, longest } = await whileTicking(() => readers.html.read(html, 'seabed-long.html'));
    assert.equal(parsed.report.title, 'Seabed Mining');
    assert.ok(paragraphs(parsed) > 800, `its paragraphs are read (${paragraphs(parsed)})`);
    // converted in this thread, the same page holds it ~3 s
    assert.ok(longest < 50, `this thread worked ${longest.toFixed(0)} ms between two timer ticks`);
  });

  test('what the converters refuse comes back as their reason, from the worker too', async () => {
    await assert.rejects(readers.html.read(encode('just words, no markup'), 'plain.html'), new ReportError('has no HTML markup'));
    await assert.rejects(
      readers.docx.read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.docx'),
      (e: Error) => e instanceof ReportError && /^is not a Word document Dossier can read/.test(e.message),
    );
  });
});
