/**
 * Printed page numbers of a PDF report: the number an analyst reads on the page and cites ("p. 1" on the 4th
 * page of a CRS report, after the cover, summary and contents), which is not the PDF's page index.
 * Right or silent: the PDF's own page labels when it has them, otherwise the running foot's number only when
 * every numbered page agrees on one offset from the physical page.
 */
import type { PdfContent, PdfPage } from './pdfItems';

/** A page number as printed in a running foot: arabic, or lower-case roman in front matter. */
const PAGE_NUMBER = /^(?:\d{1,4}|[ivxlc]{1,7})$/;
/**
 * A page label as a PDF may declare it (its /PageLabels: a prefix and a number, "iv", "A-3", "Appendix 2"): a
 * short run of letters, digits, spaces, dots and dashes. The prefix is any text the file's author chose, and
 * a label becomes a locator written into the analyst's memo ("[@key, p. …]"): a file declaring anything else
 * (brackets, links, markup) has its labels ignored.
 */
const DECLARED_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N} .\-\u2013]{0,22}[\p{L}\p{N}.])?$/u;
/** Points within which items share the page's lowest line. */
const LINE = 2;
/** The foot band: the lowest line must sit in the bottom eighth of the page. */
const FOOT = 1 / 8;

/**
 * The printed label of each page (index: page − 1; '' for a page that prints none), or undefined when the
 * printed numbers are the physical ones or cannot be told with confidence.
 */
export function printedPageLabels(content: PdfContent): string[] | undefined {
  const pages = content.pages;
  const declared = content.labels;
  if (
    declared?.length === pages.length &&
    declared.every(l => l === '' || DECLARED_LABEL.test(l)) &&
    declared.some((l, i) => l !== String(i + 1))
  )
    return declared;
  const numbers = pages.map(footNumber);
  const offsets = new Map<number, number>();
  let numbered = 0;
  numbers.forEach((n, i) => {
    if (n === undefined || !/^\d+$/.test(n)) return;
    const offset = i + 1 - Number(n);
    offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
    numbered++;
  });
  // one offset on two pages or more and on nine in ten of the numbered pages (a note's last line may end in
  // a number), and not zero (then the printed numbers are the physical ones)
  const [offset, count] = [...offsets].reduce((best, o) => (o[1] > best[1] ? o : best), [0, 0]);
  if (count < 2 || count < numbered * 0.9 || offset === 0) return undefined;
  return numbers.map((n, i) => (n !== undefined && (!/^\d+$/.test(n) || i + 1 - Number(n) === offset) ? n : ''));
}

/** The number alone at either end of the page's lowest line of text, if it is in the foot band. */
function footNumber(page: PdfPage): string | undefined {
  let low = Infinity;
  for (const item of page.items) if (item.s.trim() && item.y < low) low = item.y;
  if (low > page.height * FOOT) return undefined;
  const words = page.items
    .filter(i => i.s.trim() && i.y - low <= LINE)
    .sort((a, b) => a.x - b.x)
    .flatMap(i => i.s.split(/\s+/).filter(Boolean));
  return [words[0], words[words.length - 1]].find(w => w !== undefined && PAGE_NUMBER.test(w));
}
