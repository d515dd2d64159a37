import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport, parseReportWithSpans } from '../../src/core/parse';
import { formatDate, renderReport, readerTextOf } from '../../src/core/reader';
import type { Report } from '../../src/core/model';

const seed = () =>
  parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'us-pakistan-relations-in-flux.txt' });

test('the reader shows title, date, the four section headings and the notes list', () => {
  const { text, index } = renderReport(seed());
  assert.match(text, /^U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints\n19 May 2025\n/);
  assert.deepEqual(
    index.ofKind('heading').map(s => text.slice(s.start, s.end)),
    ['# Introduction', '# New limitations', '# Motivations for navigating constraints', '# Conclusion'],
  );
  assert.equal(index.ofKind('paragraph').length, 31);
  assert.equal(index.ofKind('footnote').length, 24);
  assert.match(text, /\n# Notes\n/);
});

test('markers stand where the report put them, and each span covers its own text', () => {
  const parsed = parseReportWithSpans(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
    source: 'us-pakistan-relations-in-flux.txt',
  });
  const { text, index } = renderReport(parsed.report, parsed.spans);
  const marker4 = index.find('marker', '4')!;
  assert.equal(text.slice(marker4.start, marker4.end), '[4]');
  assert.match(text.slice(marker4.start - 30, marker4.start), /U\.S\. goodwill\.$/);
  const marker1 = index.find('marker', '1')!;
  assert.match(text.slice(marker1.start - 12, marker1.end + 3), /withdrawal\.\[1\] In/);
  const note4 = index.find('footnote', '4')!;
  assert.match(text.slice(note4.start, note4.end), /^\[4\] “US suspends \$845m aid projects/);
  const p6 = index.find('paragraph', 'p6')!;
  assert.match(text.slice(p6.start, p6.end), /^¶6 First, climate change/);
});

test('notes carry their URL as a span, kept whole even with spaces', () => {
  const { text, index } = renderReport(seed());
  const urls = index.ofKind('url').map(s => text.slice(s.start, s.end));
  assert.ok(urls.includes('https://prac.org.pk/uploads/An Analysis of U.S. Tariff Barriers Impacting Pakistan’s Trade.pdf'));
  assert.ok(urls.some(u => u.includes('the-new–and-low–normal')));
});

test('Ibid. and short forms point at their note with a marker', () => {
  const { text, index } = renderReport(seed());
  const note17 = index.find('footnote', '17')!;
  assert.equal(text.slice(note17.start, note17.end), '[17] Ibid. → [16]');
  const inner = [...index.chainAt(note17.end - 2)].reverse();
  assert.equal(inner[0]!.kind, 'marker');
  assert.equal(inner[0]!.id, '16');
});

test('offset lookups find the innermost span', () => {
  const { index } = renderReport(seed());
  const marker = index.find('marker', '4')!;
  const chain = [...index.chainAt(marker.start + 1)].reverse().map(s => s.kind);
  assert.deepEqual(chain.slice(0, 3), ['marker', 'paragraph', 'section']);
  assert.equal(index.at(marker.start, 'paragraph')!.id, 'p7');
});

test('hostile text stays one line per paragraph and is never interpreted', () => {
  const report: Report = {
    id: 'h',
    key: 'h2025',
    title: 'Bad\nTitle <img src=x onerror=alert(1)>',
    authors: [],
    date: '2025-01',
    sections: [
      {
        id: 's1',
        title: 'Introduction',
        paragraphs: [{ id: 'p1', text: 'Line\none [x](command:workbench.action.quit) \u0000', footnotes: [1] }],
      },
    ],
    footnotes: [
      { n: 1, key: 'k', text: 'See https://example.com/a).', source: { authors: [], url: 'https://example.com/a' }, citedBy: ['p1'] },
    ],
    figures: [],
  };
  const { text, index } = renderReport(report);
  assert.match(text, /^Bad Title <img src=x onerror=alert\(1\)>\nJanuary 2025\n/);
  assert.match(text, /¶1 Line one \[x\]\(command:workbench\.action\.quit\) \[1\]\n/);
  assert.equal(index.ofKind('url').length, 1);
});

test('dates render in words, partial dates stay partial', () => {
  assert.equal(formatDate('2025-05-19'), '19 May 2025');
  assert.equal(formatDate('2025-04'), 'April 2025');
  assert.equal(formatDate('2025'), '2025');
  assert.equal(formatDate(undefined), '');
});

test('readerTextOf renders a report once', () => {
  const report = seed();
  assert.equal(readerTextOf(report), readerTextOf(report));
});
