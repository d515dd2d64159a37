import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printedPageLabels } from '../../src/core/parse/pdfPages';
import type { PdfContent, PdfItem } from '../../src/core/parse/pdfItems';
import { pageName, pagesLocator } from '../../src/core/cite';

/** A page of body text with `foot` as its lowest line (or none). */
function page(n: number, foot?: PdfItem[]) {
  const body: PdfItem[] = [{ s: 'Body text of the page, long enough to be prose.', x: 72, y: 600, w: 300, size: 11 }];
  return { n, width: 612, height: 792, items: [...body, ...(foot ?? [])] };
}
const crsFoot = (printed: string): PdfItem[] => [
  { s: 'Congressional Research Service', x: 72, y: 40, w: 150, size: 8 },
  { s: printed, x: 530, y: 40, w: 6, size: 8 },
];
const content = (pages: PdfContent['pages'], labels?: string[]): PdfContent => ({ pages, info: {}, tagged: true, labels });

test("the running foot's numbers, when every numbered page agrees on one offset", () => {
  const pages = [page(1), page(2, crsFoot('')), page(3), page(4, crsFoot('1')), page(5, crsFoot('2')), page(6, crsFoot('3'))];
  assert.deepEqual(printedPageLabels(content(pages)), ['', '', '', '1', '2', '3']);
});

test("a note's last line ending in a number on one page of many does not unsettle the offset; it is not a label", () => {
  const pages = [page(1), ...Array.from({ length: 10 }, (_, i) => page(i + 2, crsFoot(String(i + 1))))];
  pages[5] = page(6, [{ s: 'See the Federal Register, vol. 90, p. 77', x: 72, y: 40, w: 300, size: 8 }]);
  const labels = printedPageLabels(content(pages))!;
  assert.equal(labels[5], '');
  assert.equal(labels[6], '6');
});

test('silent when the numbers disagree, when they are the physical ones, or when one page only is numbered', () => {
  const disagree = [page(1, crsFoot('3')), page(2, crsFoot('9')), page(3, crsFoot('4'))];
  assert.equal(printedPageLabels(content(disagree)), undefined);
  assert.equal(printedPageLabels(content([page(1, crsFoot('1')), page(2, crsFoot('2'))])), undefined);
  assert.equal(printedPageLabels(content([page(1), page(2, crsFoot('1'))])), undefined);
  // a number high on the page is no running foot
  assert.equal(printedPageLabels(content([page(1, [{ s: '7', x: 300, y: 700, w: 6, size: 8 }])])), undefined);
});

test("the PDF's own page labels come first, when they are not just the physical numbers", () => {
  const pages = [page(1), page(2), page(3)];
  assert.deepEqual(printedPageLabels(content(pages, ['i', 'ii', '1'])), ['i', 'ii', '1']);
  assert.equal(printedPageLabels(content(pages, ['1', '2', '3'])), undefined);
});

test("the PDF's own labels are ignored when one is not a page label: a locator in the memo carries no link, markup or icon", () => {
  const pages = [page(1), page(2), page(3)];
  assert.deepEqual(printedPageLabels(content(pages, ['A-1', 'Appendix 2', ''])), ['A-1', 'Appendix 2', '']);
  for (const hostile of [
    '1](https://tracker.example/x)',
    '![](https://t.example/p.png)',
    '<img src=x onerror=alert(1)>',
    '$(zap)',
    'x'.repeat(40),
    '1\u202e2',
  ])
    assert.equal(printedPageLabels(content(pages, ['i', hostile, '1'])), undefined, hostile);
});

test('locators name printed pages, and a page without one by its place in the PDF', () => {
  const report = { pageLabels: ['', '', '', '1', '2', '3'] };
  assert.equal(pagesLocator(report, 4), 'p. 1');
  assert.equal(pagesLocator(report, 4, 6), 'pp. 1\u20133');
  assert.equal(pagesLocator(report, 2), 'PDF p. 2');
  assert.equal(pagesLocator(report, 2, 4), 'PDF pp. 2\u20134');
  assert.equal(pagesLocator({}, 4), 'p. 4');
  assert.equal(pageName(undefined, 9), 'p. 9');
});
