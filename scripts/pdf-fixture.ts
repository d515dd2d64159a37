/**
 * Records the text items of a few pages of a PDF as a JSON fixture for the layout analysis's unit tests:
 *   npx tsx scripts/pdf-fixture.ts REPORT.pdf 1-6 > test/fixtures/pdf/NAME.json
 * Pages outside the range are kept as empty pages, so page numbers stay those of the PDF.
 */
import * as fs from 'fs';
import { readPdfContent } from '../src/lazy/pdf';

void (async () => {
  const [file, range = ''] = process.argv.slice(2);
  if (!file) {
    console.error('usage: pdf-fixture.ts FILE.pdf [FIRST-LAST]');
    process.exit(2);
  }
  const content = await readPdfContent(fs.readFileSync(file));
  const [first, last] = range ? range.split('-').map(Number) : [1, content.pages.length];
  const pages = content.pages.filter(p => p.n >= first && p.n <= (last ?? first));
  process.stdout.write(JSON.stringify({ ...content, pages }) + '\n');
})();
