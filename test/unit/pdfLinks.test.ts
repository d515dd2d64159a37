import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePdfContent } from '../../src/core/parse/pdf';
import { linkItems, linkRanges } from '../../src/core/parse/pdfLinks';
import type { PdfContent, PdfItem, PdfPage } from '../../src/core/parse/pdfItems';
import { assertLinearScan } from './linear';

// Recorded with scripts/pdf-fixture.ts from CRS Insight IN12614 (public domain): page 1, its text and its links.
const in12614 = () => JSON.parse(readFileSync('test/fixtures/pdf/in12614-p1.json', 'utf8')) as PdfContent;

test('CRS Insight IN12614, page 1: its hyperlinks are its sources, numbered in reading order and cited where they stand', () => {
  const { report, markdown } = parsePdfContent(in12614(), { source: 'IN12614.3.pdf' });
  assert.equal(report.footnotes.length, 12);
  assert.ok(report.footnotes.every(f => f.kind === 'link'));
  const [first, , third, , fifth] = report.footnotes;
  assert.equal(first!.source.title, 'partially delegated to the President.');
  assert.equal(first!.source.url, 'https://crsreports.congress.gov/product/pdf/IF/IF11030');
  assert.equal(first!.source.container, 'crsreports.congress.gov');
  assert.equal(third!.source.title, '(19 U.S.C. §1862)');
  // the same address linked twice is one source, cited by both paragraphs; its date from the address
  assert.equal(fifth!.source.title, 'imposed');
  assert.equal(fifth!.source.date, '2025-08-05');
  assert.deepEqual(fifth!.citedBy, ['p1', 'p3']);
  const opening = report.sections[0]!.paragraphs[0]!;
  assert.deepEqual(opening.footnotes, [1, 2, 3, 4, 5, 6]);
  // the paragraph reads as printed: no brackets or addresses in its text
  assert.match(
    opening.text,
    /^Congress has constitutional authority over foreign commerce and tariffs, a power it has partially delegated/,
  );
  assert.doesNotMatch(opening.text, /\[|\]\(|https?:/);
  // dossier import writes the links as Markdown links
  assert.match(
    markdown,
    /\[Section 232 of the Trade Expansion Act of 1962\]\(https:\/\/crsreports\.congress\.gov\/product\/pdf\/IF\/IF13006\)/,
  );
});

const item = (s: string, x: number, y: number, w: number): PdfItem => ({ s, x, y, w, size: 10 });

test("an item is linked when its middle lies in the link's area; another line or column is not", () => {
  const page: PdfPage = {
    n: 1,
    width: 612,
    height: 792,
    items: [
      item('See the ', 72, 700, 40),
      item('agency notice', 112, 700, 60),
      item(' for more.', 172, 700, 40),
      item('Below', 112, 680, 30),
    ],
    links: [{ url: 'https://example.gov/notice', x1: 111, y1: 697, x2: 173, y2: 711 }],
  };
  linkItems(page);
  assert.deepEqual(
    page.items.map(i => i.href),
    [undefined, 'https://example.gov/notice', undefined, undefined],
  );
});

test('a link broken over two lines is one run, found across the rejoined word', () => {
  const a = { ...item('the con-', 72, 700, 40), href: 'https://example.gov/c' };
  const b = { ...item('sultation', 72, 688, 40), href: 'https://example.gov/c' };
  assert.deepEqual(linkRanges([item('See ', 0, 0, 0), a, b, item(' now.', 0, 0, 0)], 'See the consultation now.'), [
    { from: 4, to: 20, url: 'https://example.gov/c' },
  ]);
  // a compound broken after its hyphen keeps it, and is not taken for an earlier "U.S." of the paragraph
  const c = { ...item('U.S.-', 0, 0, 0), href: 'https://crs.gov/Reports/IF10997' };
  const d = { ...item('Mexico-Canada Agreement (USMCA)', 0, 0, 0), href: 'https://crs.gov/Reports/IF10997' };
  assert.deepEqual(linkRanges([c, d], 'The largest U.S. partner under the U.S.-Mexico-Canada Agreement (USMCA), also.'), [
    { from: 35, to: 71, url: 'https://crs.gov/Reports/IF10997' },
  ]);
  // nothing found: no range, rather than a wrong one
  assert.deepEqual(linkRanges([{ ...item('elsewhere', 0, 0, 0), href: 'https://x.org' }], 'Not in the text.'), []);
});

test('an address with parentheses or spaces stays one Markdown link', () => {
  const page: PdfPage = {
    n: 1,
    width: 612,
    height: 792,
    items: [item('Read the ', 72, 700, 44), item('rule text', 116, 700, 44), item(' here and more words to make it prose.', 160, 700, 200)],
    links: [{ url: 'https://example.gov/a (b)/c', x1: 115, y1: 697, x2: 161, y2: 711 }],
  };
  const { report } = parsePdfContent({ pages: [page], info: {}, tagged: false });
  assert.equal(report.footnotes[0]?.source.url, 'https://example.gov/a%20%28b%29/c');
  assert.equal(report.sections[0]!.paragraphs[0]!.text, 'Read the rule text here and more words to make it prose.');
});

test('linking is linear in the items of a page, however many links it has', () => {
  // the page is built once per size, outside the timing: only the linking is measured
  assertLinearScan(
    'linkItems',
    n => ({
      n: 1,
      width: 612,
      height: 792,
      items: Array.from({ length: n }, (_, i) => item('word', (i % 50) * 10, 700 - Math.floor(i / 50), 8)),
      links: Array.from({ length: 2000 }, (_, i) => ({ url: `https://x.org/${i}`, x1: 0, y1: 690, x2: 600, y2: 710 })),
    }),
    linkItems,
    2000,
  );
});
