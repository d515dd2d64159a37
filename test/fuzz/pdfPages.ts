/** Text laid out as a PDF's pages, for the fuzz suites of the PDF layout analysis (no PDF file, no pdf.js). */
import type { PdfContent, PdfItem } from '../../src/core/parse/pdfItems';

const LINES_PER_PAGE = 45;

/**
 * Text laid out as a PDF's pages: one item per word, 45 lines a page, headings (`#` lines) larger, note
 * markers (`[1]`) small and raised — the shapes the layout analysis tells apart.
 */
export function pdfPages(text: string): PdfContent {
  const pages: PdfContent['pages'] = [];
  let items: PdfItem[] = [];
  let line = 0;
  const flush = () => {
    pages.push({ n: pages.length + 1, width: 612, height: 792, items });
    items = [];
    line = 0;
  };
  for (const raw of text.split('\n')) {
    if (line === LINES_PER_PAGE) flush();
    const y = 740 - line * 15;
    const size = raw.startsWith('#') ? 16 : 10;
    let x = 72;
    // a word run of any length is one item: a hostile line is one huge item, as pdf.js would give it
    for (const word of raw.split(' ')) {
      const marker = /^\[\d+\]$/.test(word);
      const s = marker ? word.slice(1, -1) : word;
      const w = s.length * size * 0.5;
      items.push({ s, x, y: marker ? y + 3 : y, w, size: marker ? 6 : size });
      x += w + size * 0.25;
    }
    if (items.length) items[items.length - 1]!.eol = true;
    line++;
  }
  flush();
  return { pages, info: {}, tagged: false };
}
