import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReport } from '../../src/core/parse';
import { readPdf } from '../../src/lazy/pdf';
import { loadGold } from '../../eval/gold';

// The exact counts of the eval's gold (written by reading each report) hold as tests; its rates are
// measured by `npm run eval`, not asserted here. A PDF is read as the extension reads it (pdf.js).
describe('Eval corpus: headings and notes as the gold gives them', () => {
  for (const gold of loadGold()) {
    test(`${gold.id}: ${gold.headings.length} headings, ${gold.notes} notes, the gold's metadata`, async () => {
      const report = gold.path.toLowerCase().endsWith('.pdf')
        ? (await readPdf(new Uint8Array(readFileSync(gold.path)), basename(gold.path))).report
        : parseReport(readFileSync(gold.path, 'utf8'), { source: basename(gold.path) });
      assert.deepEqual(
        report.sections.map(s => s.title),
        gold.headings,
      );
      assert.equal(report.footnotes.length, gold.notes);
      assert.equal(report.title, gold.metadata.title);
      if (gold.metadata.date) assert.equal(report.date, gold.metadata.date);
      if (gold.metadata.authors) assert.deepEqual(report.authors, gold.metadata.authors);
      if (gold.metadata.number) assert.equal(report.number, gold.metadata.number);
    });
  }
});
