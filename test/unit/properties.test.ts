import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseReportWithSpans } from '../../src/core/parse';
import { ReportError } from '../../src/core/errors';
import { assertLinear } from './linear';

const seed = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
const runs = { numRuns: Number(process.env.DOSSIER_PROPERTY_RUNS ?? 300) };

/** Parses, and lets only ReportError through: any other exception fails the property. */
function tryParse(text: string, format?: 'text' | 'markdown') {
  try {
    return parseReportWithSpans(text, format ? { format } : {});
  } catch (error) {
    if (error instanceof ReportError) {
      assert.ok(error.message.length > 0 && !error.message.includes('\n'), 'one-line message');
      return undefined;
    }
    throw error;
  }
}

// Report-like text: words, markers, headings, notes, Markdown syntax, chrome, mixed in any order.
const token = fc.oneof(
  fc.constantFrom('The', 'U.S.', 'Pakistan', 'US$845 million', '29 percent', 'over 600 attacks', 'three percent', '2025', '—', '“quoted”'),
  fc.integer({ min: 0, max: 40 }).map(n => `[${n}]`),
  fc.integer({ min: 0, max: 40 }).map(n => `[^${n}]`),
  fc.integer({ min: 0, max: 40 }).map(n => `[${n}](#fn${n})`),
  fc.integer({ min: 0, max: 40 }).map(n => `<sup>${n}</sup>`),
  fc.constantFrom(
    '\n',
    '\n\n',
    '\n\n# Heading\n\n',
    '\n\nNotes\n\n',
    '\n\n## Footnotes\n\n',
    '\n1. ',
    '\n[3] ',
    '\n| 4 | x |',
    '\n[^2]: note',
  ),
  fc.constantFrom('*', '**', '_', '`', '[', ']', '(', ')', '<', '>', '&amp;', '\\', '|', '---', '![img](x.png)', '[link](http://x.org)'),
  fc.constantFrom('Insight Image', 'Related Topics', '19 May 2025', 'Ibid.', 'https://example.com/a b–c.'),
  fc.string({ maxLength: 8 }),
);
const reportish = fc.array(token, { maxLength: 80 }).map(parts => parts.join(' '));

describe('properties: any input', () => {
  test('arbitrary strings never throw anything but ReportError (text, Markdown, auto)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), s => {
        tryParse(s);
        tryParse(s, 'text');
        tryParse(s, 'markdown');
      }),
      runs,
    );
  });

  test('full-unicode and binary-ish strings never throw anything but ReportError', () => {
    const binaryish = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
      .map(codes => String.fromCharCode(...codes.filter(c => c < 0xd800 || c > 0xdfff)));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), binaryish), s => {
        tryParse(s, 'text');
        tryParse(s, 'markdown');
      }),
      runs,
    );
  });

  test('text with NUL bytes or mostly control characters is rejected as binary', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), fc.string({ maxLength: 100 }), (a, b) => {
        assert.throws(() => parseReportWithSpans(`${a}\u0000${b}`), ReportError);
      }),
      runs,
    );
    assert.throws(() => parseReportWithSpans('\u0001\u0002\u0003'.repeat(50) + ' some words here.'), /binary/);
  });
});

describe('properties: report-like input', () => {
  test('paragraph text holds no markers, and every marker resolves to a note or is reported', () => {
    fc.assert(
      fc.property(reportish, fc.constantFrom<'text' | 'markdown'>('text', 'markdown'), (text, format) => {
        // in Markdown a code span or block keeps "[^0]" as written, by design: that is no marker
        if (format === 'markdown' && text.includes('`')) return;
        const parsed = tryParse(text, format);
        if (!parsed) return;
        const { report, warnings } = parsed;
        const notes = new Set(report.footnotes.map(f => f.n));
        for (const p of report.sections.flatMap(s => s.paragraphs)) {
          assert.doesNotMatch(p.text, format === 'text' ? /\[\^\d{1,4}\]/ : /\[\^[^\]\s]{1,100}\]/, 'no [^label] left');
          if (format === 'text') assert.doesNotMatch(p.text, /\[\d{1,4}\]/, 'no [n] left');
          for (const n of p.footnotes) {
            assert.ok(
              notes.has(n) || warnings.some(w => w.includes(`[${n}]`) && w.includes(p.id)),
              `marker ${n} in ${p.id} resolves or is reported`,
            );
          }
        }
      }),
      runs,
    );
  });

  test('ids are p1..pN and s1..sN in order; spans stay inside the input', () => {
    fc.assert(
      fc.property(reportish, fc.constantFrom<'text' | 'markdown'>('text', 'markdown'), (text, format) => {
        const parsed = tryParse(text, format);
        if (!parsed) return;
        const paragraphs = parsed.report.sections.flatMap(s => s.paragraphs);
        assert.deepEqual(
          paragraphs.map(p => p.id),
          paragraphs.map((_, i) => `p${i + 1}`),
        );
        assert.deepEqual(
          parsed.report.sections.map(s => s.id),
          parsed.report.sections.map((_, i) => `s${i + 1}`),
        );
        for (const span of parsed.spans)
          assert.ok(span.start >= 0 && span.start < span.end && span.end <= text.length, JSON.stringify(span));
      }),
      runs,
    );
  });

  test("every figure's sentence contains its text, and the sentence is in its paragraph", () => {
    const check = (text: string, format?: 'text' | 'markdown') => {
      const parsed = tryParse(text, format);
      if (!parsed) return;
      const paragraphs = new Map(parsed.report.sections.flatMap(s => s.paragraphs).map(p => [p.id, p]));
      for (const f of parsed.report.figures) {
        assert.ok(f.sentence.includes(f.text), `${f.id}: "${f.text}" in "${f.sentence}"`);
        assert.ok(paragraphs.get(f.paragraph)?.text.includes(f.sentence), `${f.id}: sentence in ${f.paragraph}`);
      }
    };
    check(seed, 'text');
    fc.assert(
      fc.property(reportish, fc.constantFrom<'text' | 'markdown'>('text', 'markdown'), (text, format) => check(text, format)),
      runs,
    );
  });

  test('removing or duplicating random lines of the seed never breaks the parser', () => {
    const lines = seed.split('\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: lines.length - 1 }), { maxLength: 20 }), fc.boolean(), (picks, duplicate) => {
        const chosen = new Set(picks);
        const edited = lines.flatMap((l, i) => (chosen.has(i) ? (duplicate ? [l, l] : []) : [l])).join('\n');
        tryParse(edited, 'text');
      }),
      { numRuns: 100 },
    );
  });
});

describe('huge and hostile input stays fast', () => {
  // each case: a name, the hostile text for a size n, the largest n tried, the format
  const body = seed.slice(0, seed.indexOf('[1] Madiha'));
  const cases: [string, (n: number) => string, number, 'text' | 'markdown'][] = [
    ['up to 1 MB of "["', n => 'A paragraph of prose.\n\n' + '['.repeat(n), 1_000_000, 'markdown'],
    ['up to 1 MB of "<"', n => '# T\n\n' + '<'.repeat(n), 1_000_000, 'markdown'],
    ['up to 1 MB of "[a]("', n => '# T\n\n' + '[a]('.repeat(n), 250_000, 'markdown'],
    ['up to 1 MB of backticks and spaces', n => '# T\n\n' + '` '.repeat(n), 500_000, 'markdown'],
    ['up to 100k notes', n => '# T\n\nPara.[1]\n\n## Notes\n\n' + '1. x\n'.repeat(n), 100_000, 'markdown'],
    ['"# " + up to 200k spaces + x', n => '# ' + ' '.repeat(n) + 'x\n\nParagraph.', 200_000, 'markdown'],
    ['up to 100k [1] lines', n => 'T\n\nPara one.[1]\n\n' + '[1] x\n'.repeat(n), 100_000, 'text'],
    ['the seed body up to 50 times', n => body.repeat(n) + seed, 50, 'text'],
  ];
  for (const [name, text, largest, format] of cases) {
    test(`${name}: twice the input takes about twice the time`, () => {
      assertLinear(name, n => tryParse(text(n), format), Math.max(1, Math.floor(largest / 16)), largest);
    });
  }
});
