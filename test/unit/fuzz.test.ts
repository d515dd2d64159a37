/**
 * The fuzz and ReDoS suite: every parser and scanner over untrusted text on adversarial shapes. Two
 * promises: only ReportError ever escapes, and time grows linearly (time on 2n / time on n < 3, the median
 * of a few runs, sizes grown until a run is measurable). `npm test` runs the known hostile inputs and a
 * fixed sample of generated shapes; `npm run fuzz` (test/fuzz/run.ts) runs 10,000 per parser.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildReport } from '../../src/core/parse/build';
import { MAX_PARAGRAPHS_PER_REPORT, OffsetMap, PARAGRAPH_CAP_WARNING } from '../../src/core/parse/draft';
import { cslStyleClass } from '../../src/core/cslStyle';
import { medianTime, nestings, render, runGuarded, scalingRatio, scanners, shapes, type Scanner } from '../fuzz/scanners';

const scanner = (name: string): Scanner => scanners.find(s => s.name === name)!;

/** Linear, allowing for a busy machine: the best of three measurements must be under 3. */
function assertLinear(subject: Scanner, input: (n: number) => string, start?: number): void {
  const tries = [];
  for (let i = 0; i < 3; i++) {
    const measured = scalingRatio(subject, input, start);
    tries.push(measured);
    if (measured.ratio < 3) return;
  }
  assert.fail(`${subject.name}: time on 2n / time on n = ${tries.map(t => t.ratio.toFixed(2)).join(', ')} at n = ${tries[0]!.n}`);
}

const report = (body: string) =>
  `A Report Title\n\nThe program spent a great deal of money over the years, officials said [1].\n\n${body}\n`;

describe('fuzz: the hostile inputs of the security review stay linear', () => {
  const text = scanner('text report parser');
  const markdown = scanner('Markdown report parser');
  test('a "Notes" line with a long run of spaces', () => assertLinear(text, n => report(`Notes${' '.repeat(n)}x\n\n[1] A note.`)));
  for (const run of ['.', '>', ';']) {
    test(`a note URL followed by a long run of "${run}"`, () =>
      assertLinear(text, n => report(`[1] A note, https://example.com/a${run.repeat(n)}x`)));
  }
  test('a note with a long run of ";" before the end', () =>
    assertLinear(scanner('note source reader'), n => `A note about things${';'.repeat(n)} x`));
  test('thousands of short-form notes by one author (keys and short-form resolution)', () =>
    assertLinear(
      text,
      n => report(Array.from({ length: n }, (_, i) => `[${i + 1}] John Smith, “Report number ${i + 1} about things.”`).join('\n\n')),
      250,
    ));
  test('the fact-check of a note: an open "[" and a long run of "@"', () =>
    assertLinear(scanner('fact-check of a note'), n => `# n\n\n[${'@'.repeat(n)}`));
  test('the fact-check of a note: a long run of "[^x]" and "[@key]"', () =>
    assertLinear(scanner('fact-check of a note'), n => `# n\n\nText ${'[^x] [@key] '.repeat(n)}.\n`, 250));
  test('the fact-check of a note: a sentence of thousands of amounts (found by `npm run fuzz`)', () =>
    assertLinear(scanner('fact-check of a note'), n =>
      render({ before: '[1] See https://example.com/', unit: '$1 <;', after: '', lines: 3 }, n),
    ));
  test('search excerpts of a paragraph that is one word 40,000 times', () =>
    assertLinear(scanner('search highlights and excerpt'), n => 'zebra '.repeat(n)));
  test('the reader: a title that is a long run of spaces', () =>
    assertLinear(
      scanner('reader'),
      n => `---\ntitle: "T${' '.repeat(n)}x"\n---\n\nA first paragraph with words enough [^1].\n\n[^1]: A note.\n`,
    ));
  test('the reader: thousands of figures in one paragraph', () =>
    assertLinear(scanner('reader'), n => `# T\n\n${Array.from({ length: n }, (_, i) => `about ${i + 1} percent`).join(', ')}.\n`, 250));
  test('CR-only line endings', () =>
    assertLinear(
      text,
      n => report(Array.from({ length: n }, (_, i) => `Paragraph ${i} has a few words in it, said someone.`).join('\r\r')),
      250,
    ));
  test('a section of 150,000 paragraphs builds (no spread of its paragraphs into one call)', () => {
    const paragraphs = Array.from({ length: 150000 }, (_, i) => ({
      text: 'Word.',
      markers: [],
      links: [],
      start: 7 * i,
      end: 7 * i + 5,
      map: new OffsetMap([]),
    }));
    const built = buildReport(
      { authors: [], sections: [{ start: 0, end: 5, paragraphs }], notes: [], warnings: [] },
      { id: 'r', fallbackTitle: 'T' },
    );
    // the report's cap keeps the first 20,000; the section's span still reaches its last paragraph
    assert.equal(built.report.sections[0]!.paragraphs.length, MAX_PARAGRAPHS_PER_REPORT);
    assert.deepEqual(built.warnings, [PARAGRAPH_CAP_WARNING]);
    assert.deepEqual(
      built.spans.toArray().find(s => s.kind === 'section'),
      { kind: 'section', id: 's1', start: 0, end: 7 * 149999 + 5 },
    );
  });
  test('a CSL style holding a long run of "<style "', () =>
    assertLinear(
      { name: 'CSL style class', run: xml => cslStyleClass(xml) },
      n => `<style xmlns="http://purl.org/net/xbiblio/csl"><!--${'<style '.repeat(n)}--><info/></style>`,
    ));
  test('a YAML alias bomb is refused in constant time', () =>
    assertLinear(scanner('YAML'), n => `a: &a [${'x, '.repeat(n)}x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: [${'*b, '.repeat(9)}*b]\n`));
  for (const open of nestings) {
    test(`nesting "${open.trim()}" 2n deep costs about twice n`, () =>
      assertLinear(markdown, n => `# T\n\nDeep ${open.repeat(n)}x [^1].\n\n[^1]: A note.\n`));
  }
});

describe('fuzz: generated adversarial shapes', () => {
  // a fixed sample; `npm run fuzz` (test/fuzz/run.ts) runs 10,000 cases per scanner and their scaling
  const runs = 25;
  for (const subject of scanners) {
    test(`${subject.name}: only ReportError escapes, no case is slow (${runs} cases)`, () => {
      fc.assert(
        fc.property(shapes, fc.integer({ min: 1, max: 4000 }), (shape, size) => {
          const took = medianTime(() => runGuarded(subject, render(shape, size)), 1);
          // 4,000 repetitions take milliseconds when linear; a quadratic scan takes seconds
          assert.ok(took < 1000, `${JSON.stringify(shape)} × ${size} took ${Math.round(took)} ms`);
        }),
        { numRuns: runs, seed: 17 },
      );
    });
  }
});
