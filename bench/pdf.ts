/**
 * PDF parse time per page through the production lazy bundle dist/pdf.js (pdf.js text and structure tree,
 * then the layout analysis and the Markdown reader), on the CRS PDFs of the test fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { timeAsync } from './stats';

const ROOT = path.join(__dirname, '..');

type PdfBundle = typeof import('../src/lazy/pdf');

export interface PdfTimes {
  /** loading dist/pdf.js and reading the first PDF */
  coldMs: number;
  /** median over the fixture PDFs (each read five times) of ms per page */
  msPerPage: number;
  /** the largest fixture: its pages and the median time to read it whole */
  largestPages: number;
  largestMs: number;
}

export async function measurePdf(chunk: string): Promise<PdfTimes> {
  const dir = path.join(ROOT, 'test/fixtures/reports');
  const files = fs
    .readdirSync(dir)
    .filter(n => n.endsWith('.pdf'))
    .sort()
    .map(n => ({ name: n, bytes: new Uint8Array(fs.readFileSync(path.join(dir, n))) }));
  if (!files.length) throw new Error('no PDF in test/fixtures/reports');
  const cold = await timeAsync(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pdf = require(chunk) as PdfBundle;
    await pdf.readPdf(files[0]!.bytes, files[0]!.name);
    return pdf;
  });
  const pdf = cold.value;
  const perPage: number[] = [];
  let largest = { pages: 0, ms: [] as number[] };
  for (const file of files) {
    const pages = (await pdf.readPdfContent(file.bytes)).pages.length;
    const ms: number[] = [];
    for (let round = 0; round < 5; round++) ms.push((await timeAsync(() => pdf.readPdf(file.bytes, file.name))).ms);
    for (const m of ms) perPage.push(m / pages);
    if (pages > largest.pages) largest = { pages, ms };
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { coldMs: cold.ms, msPerPage: median(perPage), largestPages: largest.pages, largestMs: median(largest.ms) };
}
