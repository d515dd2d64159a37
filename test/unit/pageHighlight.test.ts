import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { piecesHolding } from '../../src/core/pageHighlight';
import { parsePdfContent } from '../../src/core/parse/pdf';
import type { PdfContent } from '../../src/core/parse/pdfItems';
import { assertLinear } from './linear';

test("the pieces of a page that hold a paragraph: across a line-end hyphen, not its note marker, not the page's head or foot", () => {
  const pieces = [
    'Congressional Research Service',
    'Contributions to a Trump ac-',
    'count are capped at $5,000',
    '12',
    ' a year.',
    'Other text follows here.',
    '7',
  ];
  assert.deepEqual(piecesHolding(pieces, 'Contributions to a Trump account are capped at $5,000 a year.'), [1, 2, 4]);
});

test('a paragraph that began on the page before is found by its later words, and grows back to the top of the page', () => {
  const pieces = ['Running head', 'the program started in 2025 and grew', 'quickly over the following years.', 'Next paragraph.'];
  const text = 'An earlier sentence on the previous page, and then the program started in 2025 and grew quickly over the following years.';
  assert.deepEqual(piecesHolding(pieces, text), [1, 2]);
});

test('a squared unit is highlighted through its raised 2 (the model reads "km²", the page draws "km" and "2")', () => {
  const pieces = ['Running head', 'exploration areas of up to 3,000 km', '2', ' consisting of 150 blocks', 'for cobalt-rich crusts.'];
  assert.deepEqual(
    piecesHolding(pieces, 'Exploration areas of up to 3,000 km² consisting of 150 blocks for cobalt-rich crusts.'),
    [1, 2, 3, 4],
  );
});

test('text that the page does not hold highlights nothing', () => {
  assert.deepEqual(piecesHolding(['One two three four five.'], 'Six seven eight nine ten.'), []);
  assert.deepEqual(piecesHolding(['One two three.'], ''), []);
});

test("CRS R48910 page 4: the Introduction's first paragraph is highlighted from its first word to its last, and nothing else", () => {
  const content = JSON.parse(readFileSync('test/fixtures/pdf/r48910-p1-6.json', 'utf8')) as PdfContent;
  const { report } = parsePdfContent(content, { source: 'R48910.2.pdf' });
  const paragraph = report.sections.find(s => s.title === 'Introduction')!.paragraphs[0]!;
  assert.equal(paragraph.page, 4);
  const pieces = content.pages[3]!.items.map(i => i.s);
  const held = piecesHolding(pieces, paragraph.text);
  const text = held.map(i => pieces[i]).join(' ');
  assert.match(text, /^The 2025 reconciliation law \(P\.L\. 119-21\) created/);
  assert.match(text, /using new Internal Revenue Service \(IRS\) ?Form 4547\.$/);
  assert.doesNotMatch(text, /Congressional Research Service/);
});

test('piecesHolding is linear in the page', () => {
  assertLinear(
    'piecesHolding',
    n => {
      const pieces = Array.from({ length: n }, (_, i) => `the the the word${i % 50} the`);
      piecesHolding(pieces, 'the the the the the the the the the the the the missing');
    },
    2000,
  );
});
