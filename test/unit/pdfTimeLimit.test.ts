import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeSource } from '../../src/cli/nodeSource';
import { createDossier } from '../../src/core/dossier';
import { ReportError } from '../../src/core/errors';
import { workerReaders } from '../../src/lazy/loadPdf';
import { readPdf } from '../../src/lazy/pdf';
import { damaged } from '../fuzz/damagedPdf';

/**
 * Found by `npm run fuzz`: nine bytes flipped in endnotes.pdf's font ToUnicode table keep pdf.js's
 * `mapBfRange` busy for about 5 s of processor time in one call (then the file reads).
 */
const slowPdf = () =>
  damaged(new Uint8Array(readFileSync('test/fixtures/pdf/endnotes.pdf')), {
    kind: 'flip',
    at: [31381, 37372, 31022, 29580, 29718, 30393, 13494, 16173, 32195],
  });
/** The skip message at a limit of 1 s: processor time on Linux; the wall clock's backstop (5×) on a very busy machine. */
const SKIPPED = /^The PDF took (over 1 s of processor time|longer than 5 s) to read: skipped \(setting dossier\.maxPdfReadSeconds\)$/;

describe('PDF reports are read in a worker thread, with a time limit', () => {
  let limit = 60;
  const readers = workerReaders(() => limit);
  const reader = readers.pdf;
  after(() => readers.close());

  const files = [
    ...readdirSync('test/fixtures/reports')
      .filter(f => f.endsWith('.pdf'))
      .map(f => `test/fixtures/reports/${f}`),
    'test/fixtures/pdf/endnotes.pdf',
    'test/fixtures/pdf/two-columns.pdf',
  ];
  test(`the corpus PDFs give the same report, spans and warnings as read in this thread (${files.length} files)`, async () => {
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const inWorker = await reader.read(bytes, path.basename(file));
      assert.deepStrictEqual(inWorker, await readPdf(bytes, path.basename(file)), file);
    }
  });

  test('a damaged PDF that keeps pdf.js busy is skipped at the limit, and this thread runs meanwhile', async () => {
    limit = 1;
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 5);
    try {
      await assert.rejects(reader.read(slowPdf(), 'slow.pdf'), (error: unknown) => {
        assert.ok(error instanceof ReportError);
        assert.match(error.message, SKIPPED);
        return true;
      });
    } finally {
      clearInterval(ticking);
    }
    // read in this thread, the same file would have let no timer run until it was done
    assert.ok(ticks > 0, 'no timer ran while the PDF was read');
    // the worker was ended at the limit; the next file gets a fresh one
    limit = 60;
    const next = await reader.read(new Uint8Array(readFileSync('test/fixtures/pdf/endnotes.pdf')), 'endnotes.pdf');
    assert.equal(next.report.title, 'Copper Supply and the Energy Transition');
  });

  test("what pdf.js cannot read comes back as the reader's reason; a file named .pdf that is not one is read as text", async () => {
    await assert.rejects(reader.read(new TextEncoder().encode('%PDF-1.7\nnot really'), 'fake.pdf'), (error: unknown) => {
      assert.ok(error instanceof ReportError);
      assert.match(error.message, /^Not a readable PDF: /);
      return true;
    });
    const markdown = await reader.read(
      new TextEncoder().encode('# Water\n\nA Markdown file named .pdf.[^1]\n\n[^1]: A note.\n'),
      'notes.pdf',
    );
    assert.equal(markdown.report.title, 'Water');
  });

  test("a skipped PDF is one of the load's problems, named with the reason, like any unreadable report", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dossier-slow-pdf-'));
    try {
      writeFileSync(path.join(dir, 'slow.pdf'), slowPdf());
      writeFileSync(path.join(dir, 'endnotes.pdf'), readFileSync('test/fixtures/pdf/endnotes.pdf'));
      const dossier = createDossier({
        source: nodeSource,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
        settings: { bundledReports: [], reports: [dir], baseFolder: dir },
      });
      const slow = workerReaders(() => 1);
      slow.register(dossier.readers);
      try {
        const loaded = await dossier.load();
        assert.deepEqual(
          loaded.reports.map(r => r.report.title),
          ['Copper Supply and the Energy Transition'],
        );
        assert.deepEqual(
          loaded.problems.map(p => p.name),
          ['slow.pdf'],
        );
        assert.match(loaded.problems[0]!.message, SKIPPED);
      } finally {
        await slow.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
