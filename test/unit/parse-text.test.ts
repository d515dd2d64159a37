import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport, parseReportWithSpans } from '../../src/core/parse';
import { ReportError } from '../../src/core/errors';

const SEED = 'data/reports/us-pakistan-relations-in-flux.txt';
const seedText = readFileSync(SEED, 'utf8');
const seed = parseReport(seedText, { source: 'us-pakistan-relations-in-flux.txt' });
const paragraphs = seed.sections.flatMap(s => s.paragraphs);

describe('plain-text parser: the bundled seed report', () => {
  test('title and date from the top, page chrome dropped', () => {
    assert.equal(seed.title, 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints');
    assert.equal(seed.date, '2025-05-19');
    assert.equal(seed.id, 'us-pakistan-relations-in-flux');
    assert.equal(seed.source, 'us-pakistan-relations-in-flux.txt');
  });

  test('sections: untitled opening is Introduction, then the three headed sections', () => {
    assert.deepEqual(
      seed.sections.map(s => [s.id, s.title]),
      [
        ['s1', 'Introduction'],
        ['s2', 'New limitations'],
        ['s3', 'Motivations for navigating constraints'],
        ['s4', 'Conclusion'],
      ],
    );
  });

  test('31 paragraphs numbered p1..p31 through the whole report', () => {
    assert.equal(paragraphs.length, 31);
    assert.deepEqual(
      paragraphs.map(p => p.id),
      Array.from({ length: 31 }, (_, i) => `p${i + 1}`),
    );
    assert.deepEqual(
      seed.sections.map(s => s.paragraphs.length),
      [4, 8, 16, 3],
    );
  });

  test('no chrome in any paragraph: "Insight Image", repeated title/date, "Related Topics"', () => {
    for (const p of paragraphs) {
      assert.doesNotMatch(p.text, /Insight Image|Related Topics|^19 May 2025$/);
      assert.notEqual(p.text, seed.title);
    }
    assert.match(paragraphs[0].text, /^Throughout history, U\.S\.-Pakistan relations have remained in flux\./);
    assert.match(paragraphs[30].text, /^The “China” factor/);
  });

  test('a leading no-break space is trimmed (p13)', () => {
    assert.match(paragraphs[12].text, /^Despite strategic constraints/);
  });

  test('24 notes numbered 1..24, with the [n] prefix removed', () => {
    assert.equal(seed.footnotes.length, 24);
    assert.deepEqual(
      seed.footnotes.map(f => f.n),
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    assert.match(seed.footnotes[0].text, /^Madiha Afzal, “The New, and Low, Normal/);
    assert.equal(seed.footnotes[16].text, 'Ibid.');
  });

  test('markers removed from paragraph text and kept in Paragraph.footnotes, in order', () => {
    for (const p of paragraphs) assert.doesNotMatch(p.text, /\[\d+\]/);
    assert.deepEqual(paragraphs[0].footnotes, [1]);
    assert.match(paragraphs[0].text, /2021 military withdrawal\. In contrast/);
    assert.deepEqual(paragraphs[6].footnotes, [3, 4]);
    assert.deepEqual(paragraphs[22].footnotes, [19, 20]);
    assert.deepEqual(
      paragraphs.flatMap(p => p.footnotes),
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
  });

  test('notes: Ibid. and short forms refer back, citedBy lists citing paragraphs', () => {
    const note = (n: number) => seed.footnotes.find(f => f.n === n)!;
    assert.equal(note(17).refersTo, 16);
    assert.equal(note(19).refersTo, 3);
    assert.equal(note(20).refersTo, 1);
    assert.equal(note(1).refersTo, undefined);
    assert.deepEqual(note(1).citedBy, ['p1']);
    assert.deepEqual(note(20).citedBy, ['p23']);
  });

  test('the report has its own key derived from the title', () => {
    assert.equal(seed.key, 'usPakistanFlux2025');
  });

  test('no warnings for the seed: every marker has a note', () => {
    const { warnings } = parseReportWithSpans(seedText, { source: SEED });
    assert.deepEqual(warnings, []);
  });
});

describe('plain-text parser: rules', () => {
  const body = (s: string) => `${s} This sentence makes the paragraph long enough to be prose and not a heading.`;

  test('title from the first short line, date from a date line, byline authors', () => {
    const r = parseReport(`My Report Title\n\nBy Jane Doe and John Smith\n\nMarch 3, 2024\n\n${body('First paragraph.')}\n`);
    assert.equal(r.title, 'My Report Title');
    assert.equal(r.date, '2024-03-03');
    assert.deepEqual(r.authors, ['Jane Doe', 'John Smith']);
    assert.equal(r.sections[0].title, 'Introduction');
  });

  test('a short line between title and first paragraph names the first section', () => {
    const r = parseReport(`Report\n\nBackground\n\n${body('One.')}\n\nFindings\n\n${body('Two.')}\n`);
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Background', 'Findings'],
    );
  });

  test('a line between title and date is a subtitle, not a section', () => {
    const r = parseReport(`Report Title\n\nA Subtitle Line\n\n3 March 2024\n\n${body('One.')}\n`);
    assert.equal(r.title, 'Report Title');
    assert.equal(r.date, '2024-03-03');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction'],
    );
  });

  test('hard-wrapped paragraphs are joined with single spaces', () => {
    const r = parseReport(
      `Title\n\nThis paragraph is wrapped\nacross several lines of the file\nand should read as one paragraph of prose.\n`,
    );
    assert.equal(
      r.sections[0].paragraphs[0].text,
      'This paragraph is wrapped across several lines of the file and should read as one paragraph of prose.',
    );
  });

  test('a block of bullet lines is one paragraph per item', () => {
    const r = parseReport(
      `T\n\n${body('Intro.')}\n\n- Pakistan could revise tariffs on raw materials.\n- It could diversify exports\n  over the coming years.\n• A third item.\n`,
    );
    assert.deepEqual(
      r.sections[0].paragraphs.slice(1).map(p => p.text),
      ['Pakistan could revise tariffs on raw materials.', 'It could diversify exports over the coming years.', 'A third item.'],
    );
  });

  test('page numbers from a PDF copy are dropped, also inside a paragraph', () => {
    const r = parseReport(
      `T\n\nThis paragraph runs across a page\n12\nbreak and continues here as one paragraph.\n\nPage 3 of 12\n\n${body('Next.')}\n`,
    );
    assert.deepEqual(
      r.sections[0].paragraphs.map(p => p.text),
      ['This paragraph runs across a page break and continues here as one paragraph.', body('Next.')],
    );
  });

  test('CRLF line endings', () => {
    const r = parseReport(`Title\r\n\r\n${body('Alpha.[1]')}\r\n\r\nHeading\r\n\r\n${body('Beta.')}\r\n\r\n[1] A note.\r\n`);
    assert.equal(r.sections.length, 2);
    assert.equal(r.footnotes[0].text, 'A note.');
  });

  test('marker lists and ranges: [1, 2] and [3–5]', () => {
    const r = parseReport(`T\n\n${body('One.[1, 2] Two.[3–5]')}\n\n[1] a\n\n[2] b\n\n[3] c\n\n[4] d\n\n[5] e\n`);
    assert.deepEqual(r.sections[0].paragraphs[0].footnotes, [1, 2, 3, 4, 5]);
  });

  test('notes under a "Notes" heading numbered "1." and one per line', () => {
    const r = parseReport(`T\n\n${body('One.[1] Two.[2]')}\n\nNotes\n\n1. First source.\n2. Second source,\n   continued.\n`);
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.text]),
      [
        [1, 'First source.'],
        [2, 'Second source, continued.'],
      ],
    );
  });

  test('a marker without a note is reported as a warning, not an error', () => {
    const { report, warnings } = parseReportWithSpans(`T\n\n${body('One.[7]')}\n`);
    assert.deepEqual(report.sections[0].paragraphs[0].footnotes, [7]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /\[7\].*no note/);
  });

  test('"Related Topics" and what follows it are not content', () => {
    const r = parseReport(`T\n\n${body('One.')}\n\nRelated Topics\n\nPakistan\n\nUnited States\n`);
    assert.equal(r.sections.flatMap(s => s.paragraphs).length, 1);
  });

  test('id from the file name, title from the file name when the text has none', () => {
    const r = parseReport(body('Only a paragraph.'), { source: '/tmp/my_notes-file.txt' });
    assert.equal(r.id, 'my-notes-file');
    assert.equal(r.title, 'My notes file');
  });

  test('bad input throws ReportError with a one-line message', () => {
    for (const bad of ['', '   \n\t  \n', 'abc\u0000def', '\u0001\u0002\u0003\u0004 binary \u0005\u0006']) {
      assert.throws(
        () => parseReport(bad),
        (e: unknown) => e instanceof ReportError && !e.message.includes('\n'),
      );
    }
  });

  test('text without paragraphs (only short lines) throws ReportError', () => {
    assert.throws(() => parseReport('Related Topics\n\nInsight Image\n'), ReportError);
  });
});
