/** The caps on a report's size (paragraphs, notes, a note's length): past them the rest is left out, and a warning says so. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReportWithSpans, spanArray } from '../../src/core/parse';
import { buildReport, MAX_NOTES_PER_REPORT } from '../../src/core/parse/build';
import { MAX_NOTE_LENGTH, MAX_PARAGRAPHS_PER_REPORT, OffsetMap, type Draft, type DraftParagraph } from '../../src/core/parse/draft';
import { assertLinear } from './linear';

const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => `Item ${i + 1} of the program was paid for, officials said.`).join('\n\n');
const draftParagraph = (text: string): DraftParagraph => ({
  text,
  markers: [],
  links: [],
  start: 0,
  end: text.length,
  map: new OffsetMap([]),
});

test('the caps sit far above any real report: 20,000 paragraphs and notes, 10,000 characters a note', () => {
  assert.equal(MAX_PARAGRAPHS_PER_REPORT, 20_000);
  assert.equal(MAX_NOTES_PER_REPORT, 20_000);
  assert.equal(MAX_NOTE_LENGTH, 10_000);
});

test('a text report of 20,003 paragraphs: the first 20,000 are read, and a warning says the rest is not', () => {
  const parsed = parseReportWithSpans(`A Report Title\n\n${paragraphs(20_003)}\n`, { id: 't' });
  const read = parsed.report.sections.flatMap(s => s.paragraphs);
  assert.equal(read.length, 20_000);
  assert.equal(read.at(-1)!.text, 'Item 20000 of the program was paid for, officials said.');
  assert.deepEqual(parsed.warnings, ['The report has over 20,000 paragraphs: only the first 20,000 are read.']);
});

test('a text report of exactly 20,000 paragraphs is read whole, without a warning', () => {
  const parsed = parseReportWithSpans(`A Report Title\n\n${paragraphs(20_000)}\n`, { id: 't' });
  assert.equal(parsed.report.sections.flatMap(s => s.paragraphs).length, 20_000);
  assert.deepEqual(parsed.warnings, []);
});

test('any format: the build step keeps the first 20,000 paragraphs and 20,000 notes of a draft, with one warning each', () => {
  const draft: Draft = {
    title: 'T',
    authors: [],
    sections: [
      {
        title: 'One',
        start: 0,
        end: 1,
        paragraphs: Array.from({ length: 15_000 }, (_, i) => draftParagraph(`First part, item ${i + 1}.`)),
      },
      {
        title: 'Two',
        start: 1,
        end: 2,
        paragraphs: Array.from({ length: 15_000 }, (_, i) => draftParagraph(`Second part, item ${i + 1}.`)),
      },
    ],
    notes: Array.from({ length: 20_002 }, (_, i) => ({ n: i + 1, text: `Agency, “Title ${i + 1},” 2024.`, start: 0, end: 1 })),
    warnings: [],
  };
  const built = buildReport(draft, { id: 't', fallbackTitle: 'T' });
  assert.deepEqual(
    built.report.sections.map(s => [s.title, s.paragraphs.length]),
    [
      ['One', 15_000],
      ['Two', 5_000],
    ],
  );
  assert.equal(built.report.footnotes.length, 20_000);
  assert.equal(built.report.footnotes.at(-1)!.n, 20_000);
  assert.deepEqual(built.warnings, [
    'The report has over 20,000 paragraphs: only the first 20,000 are read.',
    'The report has 20,002 notes: only the first 20,000 are read (no report holds more).',
  ]);
});

test('a note of some 40,000 characters over many lines: its first 10,000 are read, and the warning gives its length in the report', () => {
  const line = 'and another source named in the same note, 2024;';
  const lines = Array.from({ length: 800 }, () => line);
  const note = `[1] A first source, 2023;\n${lines.join('\n')}`;
  const text = `A Report Title\n\nThe program spent a great deal of money over the years, officials said [1].\n\n${note}\n`;
  const parsed = parseReportWithSpans(text, { id: 't' });
  const [footnote] = parsed.report.footnotes;
  assert.ok(footnote!.text.length <= MAX_NOTE_LENGTH, `${footnote!.text.length} characters`);
  assert.ok(footnote!.text.startsWith('A first source, 2023; and another source'));
  assert.deepEqual(parsed.warnings, [`Note 1 is ${note.length.toLocaleString('en-US')} characters: only the first 10,000 are read.`]);
  // the note's span still covers all of it: the reader highlights the whole note
  const span = spanArray(parsed.spans).find(s => s.kind === 'footnote')!;
  assert.equal(text.slice(span.end - line.length, span.end), line);
});

test('reading a note grows linearly with its lines, past the cap too', () => {
  const report = (n: number) =>
    `A Report Title\n\nThe program spent a great deal of money over the years, officials said [1].\n\n[1] A source;\n${'another source, 2024;\n'.repeat(n)}`;
  assertLinear('a note of n lines', n => parseReportWithSpans(report(n), { id: 't' }), 2000, 64_000);
});
