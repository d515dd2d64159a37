/** Hostile and odd input read right: line endings, markers inside figures, thousands of notes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReport } from '../../src/core/parse';
import { renderReport } from '../../src/core/reader';
import { parseSource, resolveReferences } from '../../src/core/sources';
import type { Source } from '../../src/core/model';
import { parseReportWithSpans } from '../../src/core/parse';
import { findChartBlocks, resolveDeclaredChart } from '../../src/core/charts';
import { Library } from '../../src/core/library';
import { parseYaml, YAML_MAX_VALUES } from '../../src/core/yaml';
import { cslStyleClass, cslStyleProblem } from '../../src/core/cslStyle';
import { cleanAttribute } from '../../src/webview/sanitizeSvg';
import { findQuantities } from '../../src/core/quantities';
import { createNoteChecker } from '../../src/core/check';
import { readFileSync } from 'node:fs';

const body = 'The program spent a great deal of money over the years, officials said [1].';
const crReport = `A Report Title\r\r${body}\r\rSecond Heading\r\rAnother paragraph here with several words in it for sure [2].\r\r[1] A note.\r[2] Another note.\r`;

test('CR-only line endings: paragraphs, headings and notes as with LF', () => {
  const lf = parseReport(crReport.replace(/\r/g, '\n'));
  const cr = parseReport(crReport);
  assert.deepEqual(
    cr.sections.map(s => [s.title, s.paragraphs.map(p => p.footnotes)]),
    [
      ['Introduction', [[1]]],
      ['Second Heading', [[2]]],
    ],
  );
  assert.deepEqual(
    cr.footnotes.map(f => f.text),
    ['A note.', 'Another note.'],
  );
  assert.deepEqual(cr.sections, lf.sections);
});

test('mixed line endings (CRLF, CR, LF) split lines the same way', () => {
  const mixed = `A Report Title\r\n\r${body}\n\r\nSecond Heading\r\rAnother paragraph here with several words in it for sure [2].\r\n\n[1] A note.\r[2] Another note.\n`;
  assert.deepEqual(parseReport(mixed).sections, parseReport(crReport).sections);
});

test('a Markdown report with front matter reads the same with LF, CR-only and CRLF line endings', () => {
  const lf =
    '---\ntitle: A CR Report\nauthors: [Jane Doe]\n---\n\n# Intro\n\nA paragraph with a note [^1].\n\n## Second\n\nAnother paragraph.\n\n[^1]: A note, 2020.\n';
  const read = (text: string) => {
    const { title, authors, sections, footnotes } = parseReport(text, { source: 'cr.md' });
    return { title, authors, sections, notes: footnotes.map(f => f.text) };
  };
  const expected = read(lf);
  assert.equal(expected.title, 'A CR Report');
  assert.deepEqual(
    expected.sections.map(s => s.title),
    ['Intro', 'Second'],
  );
  assert.deepEqual(read(lf.replace(/\n/g, '\r')), expected);
  assert.deepEqual(read(lf.replace(/\n/g, '\r\n')), expected);
});

test('a marker inside a figure ("over 600[1] attacks") is inside its reader highlight', () => {
  const parsed = parseReportWithSpans('# T\n\nMilitants carried out over 600[^1] attacks in the province last year.\n\n[^1]: A note.\n');
  const report = parsed.report;
  const { text, spans } = renderReport(report, parsed.spans);
  const figure = spans.find(s => s.kind === 'figure')!;
  assert.equal(report.figures[0]!.text, '600 attacks');
  assert.equal(text.slice(figure.start, figure.end), '600[1] attacks');
});

test('a note source ending in a long run of punctuation keeps its URL and title', () => {
  assert.deepEqual(parseSource(`Jane Doe, “A Title,” Outlet, 2020, https://example.com/a${'.'.repeat(5000)}`), {
    authors: ['Jane Doe'],
    title: 'A Title',
    container: 'Outlet',
    date: '2020',
    url: 'https://example.com/a',
  });
  assert.equal(parseSource(`<https://example.com/b>>>>`).url, 'https://example.com/b');
});

/** The rule short forms follow, spelled out: the nearest earlier unresolved note whose title equals, extends or begins it. */
function plainRule(notes: { n: number; text: string; source: Source }[]): Map<number, number> {
  const norm = (t: string) =>
    t
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const refers = new Map<number, number>();
  notes.forEach((note, index) => {
    if (/^(?:ibid|id)\b\.?/i.test(note.text.trim())) {
      if (index > 0) refers.set(note.n, refers.get(notes[index - 1]!.n) ?? notes[index - 1]!.n);
      return;
    }
    const s = note.source;
    if (s.url || s.date || !s.title) return;
    const title = norm(s.title);
    if (title.length < 6) return;
    for (let i = index - 1; i >= 0; i--) {
      const earlier = notes[i]!.source.title;
      if (!earlier || refers.has(notes[i]!.n)) continue;
      const other = norm(earlier);
      if (other === title || other.startsWith(title) || title.startsWith(other)) {
        refers.set(note.n, notes[i]!.n);
        return;
      }
    }
  });
  return refers;
}

test('short forms resolve as the plain rule says, for any list of notes', () => {
  const title = fc
    .array(fc.constantFrom('Trade', 'trade', ' ', 'Talks', 'and', 'Tariffs', '—', 'é', 'e', 'x'), { maxLength: 6 })
    .map(a => a.join(''));
  const note = fc.record({
    ibid: fc.boolean(),
    title: fc.option(title, { nil: undefined }),
    url: fc.option(fc.constant('https://example.com'), { nil: undefined, freq: 4 }),
  });
  fc.assert(
    fc.property(fc.array(note, { maxLength: 30 }), list => {
      const notes = list.map((x, i) => ({
        n: i + 1,
        text: x.ibid ? 'Ibid.' : `note ${i + 1}`,
        source: { authors: [], ...(x.title !== undefined ? { title: x.title } : {}), ...(x.url ? { url: x.url } : {}) },
      }));
      assert.deepEqual([...resolveReferences(notes)].sort(), [...plainRule(notes)].sort());
    }),
    { numRuns: 400 },
  );
});

/** 9 levels of 9 aliases: 1 KB of YAML, 9⁹ values once expanded. */
function aliasBomb(key: string): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n${key}: *a9\n`;
}

test('a YAML alias bomb in a chart block is refused with a message, at once', () => {
  // expanded, its 9⁹ values would take minutes and gigabytes: returning at all is the proof it was not
  const [block] = findChartBlocks('# Note\n\n```dossier-chart\ntitle: Bomb\n' + aliasBomb('figures') + '```\n');
  assert.equal(block!.body, undefined);
  assert.equal(
    block!.problem,
    `The chart block is not valid YAML or JSON: its aliases expand to more than ${YAML_MAX_VALUES.toLocaleString('en-US')} values (an alias bomb?)`,
  );
});

test('a YAML alias bomb in front matter is ignored with a warning; the report still reads', () => {
  const parsed = parseReportWithSpans(`---\n${aliasBomb('authors')}title: Bomb\n---\n\n# Bomb\n\nA paragraph that says 29 percent.\n`, {
    source: 'bomb.md',
  });
  assert.equal(parsed.report.title, 'Bomb');
  assert.deepEqual(parsed.report.authors, []);
  assert.match(parsed.warnings.join('\n'), /front matter is not valid YAML and was ignored: its aliases expand to more than/);
});

test('YAML with a few shared aliases still loads', () => {
  assert.deepEqual(parseYaml('base: &b [1, 2]\nmore: [*b, *b]\n'), {
    base: [1, 2],
    more: [
      [1, 2],
      [1, 2],
    ],
  });
});

test('chart figures given as a list or settings are a problem, not flattened text', () => {
  const report = parseReport('# T\n\nThe rate was 29 percent in 2024 and 31 percent in 2025.\n');
  const [block] = findChartBlocks('```dossier-chart\nfigures: [[f1, f2], {a: 1}, f1]\n```\n');
  const { chart, error } = resolveDeclaredChart(block!, 0, new Library([report]), report);
  assert.deepEqual(
    chart?.data.map(d => d.figureId),
    ['f1'],
  );
  assert.equal(
    error?.message,
    'Chart "note-chart-1": each entry of figures: is a figure id or search words, not a list or settings; each entry of figures: is a figure id or search words, not a list or settings.',
  );
});

const style = (attrs: string, body = '<info><title>T</title></info><citation><layout><text variable="title"/></layout></citation>') =>
  `<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"${attrs}>${body}</style>\n`;

test('a CSL style: well-formed, in the CSL namespace, at most 1 MB, no DOCTYPE', () => {
  assert.equal(cslStyleProblem(style(' class="note"')), undefined);
  assert.equal(cslStyleProblem(style('', '<info><title>T</info>')), 'malformed XML: </info> on line 2 closes <title>');
  assert.equal(cslStyleProblem(style('', '<info>')), 'malformed XML: </style> on line 2 closes <info>');
  assert.equal(cslStyleProblem(style('', '<!-- never closed')), 'malformed XML: a comment opened on line 2 is not closed');
  assert.equal(
    cslStyleProblem(`<!DOCTYPE style [<!ENTITY a "aaaa">]>\n${style('')}`),
    'a CSL style has no DOCTYPE or entity declarations (line 1)',
  );
  assert.equal(cslStyleProblem('<html>not a style</html>'), 'not a CSL style (no <style> element in the CSL namespace)');
  assert.equal(cslStyleProblem('just text'), 'not a CSL style (no XML element in it)');
  // the 420 KB style of the security review: well-formed, but nothing to cite with (the engine threw a TypeError)
  assert.equal(
    cslStyleProblem(`<style xmlns="http://purl.org/net/xbiblio/csl"><!--${'<style '.repeat(1000)}--><info/></style>`),
    'not a usable CSL style (its <style> has no <citation> element)',
  );
  assert.equal(cslStyleProblem(style('', `<!--${'x'.repeat(1_200_000)}-->`)), 'it is 1.2 MB; a CSL style is read only up to 1 MB');
});

test("a CSL style's class comes from its root element only", () => {
  assert.equal(cslStyleClass(style(' class="note"')), 'note');
  assert.equal(cslStyleClass(style(" class='in-text'", '<!-- <style class="note"> -->')), 'in-text');
  assert.equal(cslStyleClass(style('', `<!--${'<style '.repeat(1000)}-->`)), 'in-text');
});

test('the chart SVG cleaner keeps local references only, and prefixes ids', () => {
  assert.equal(cleanAttribute('id', 'clip1', 'chart3-'), 'chart3-clip1');
  assert.equal(cleanAttribute('clip-path', 'url(#clip1)', 'chart3-'), 'url(#chart3-clip1)');
  assert.equal(cleanAttribute('fill', 'url("#grad")', 'chart3-'), 'url(#chart3-grad)');
  assert.equal(cleanAttribute('href', '#clip1', 'chart3-'), '#chart3-clip1');
  assert.equal(cleanAttribute('fill', 'url(https://tracker.example/p.png)', 'c-'), undefined);
  assert.equal(cleanAttribute('filter', 'url(#a) url(//evil.example/f.svg#x)', 'c-'), undefined);
  assert.equal(cleanAttribute('fill', 'URL ( data:image/png;base64,xx )', 'c-'), undefined);
  assert.equal(cleanAttribute('fill', 'url(#a', 'c-'), undefined);
  assert.equal(cleanAttribute('fill', '\\75 rl(http://x)', 'c-'), undefined);
  assert.equal(cleanAttribute('xlink:href', 'https://x', 'c-'), undefined);
  assert.equal(cleanAttribute('onload', 'alert(1)', 'c-'), undefined);
  assert.equal(cleanAttribute('fill', '#4e79a7', 'c-'), '#4e79a7');
  assert.equal(cleanAttribute('transform', 'translate(10,20)', 'c-'), 'translate(10,20)');
});

test('zero-width and bidi controls inside a number do not split it', () => {
  const text = 'It cost US$8\u200b45 million and \u202a29\u202c percent.';
  assert.deepEqual(
    findQuantities(text).map(q => [q.text, q.value, q.start, q.end]),
    [
      ['US$8\u200b45 million', 845e6, 8, 23],
      ['29\u202c percent', 29, 29, 40],
    ],
  );
});

test('"US$8\u200b45 million" in a note agrees with the report: no false contradiction, no fix that writes a wrong number', () => {
  const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
    source: 'us-pakistan-relations-in-flux.txt',
  });
  const checker = createNoteChecker(new Library([seed]));
  const note = 'The Trump administration has already suspended US$8\u200b45 million in multisector funding.';
  assert.deepEqual(
    checker.check(note).filter(f => f.code === 'contradicts-report'),
    [],
  );
  assert.deepEqual(
    checker.check(note.replace('\u200b', '')).filter(f => f.code === 'contradicts-report'),
    [],
  );
});

test('a note of 200,000 "[^x] [@key]" is checked (no spread of its markers into one call), its findings counted from the first', () => {
  const checker = createNoteChecker(new Library([parseReport(`A Report Title\n\n${body}\n\n[1] A note.\n`, { id: 't' })]));
  const findings = checker.check(`# n\n\nText ${'[^x] [@key] '.repeat(200_000)}.\n`);
  const first = findings[0]!;
  assert.equal(first.code, 'unknown-footnote');
  assert.equal(first.message, 'The footnote [^x] has no definition.');
  assert.deepEqual([first.start, first.end], [10, 14]);
  // a thousand of each named, the rest counted, and where the check stopped
  assert.equal(findings.length, 2003);
  assert.deepEqual(
    findings.filter(f => /more/.test(f.message)).map(f => f.message.split(' from')[0]),
    ['165,666 more footnote markers without a definition', '165,665 more citation keys that resolve to nothing'],
  );
  assert.equal(findings.at(-1)!.message, 'The note is longer than 2,000,000 characters: only the text before this point is checked.');
});

test('a report line of 400,000 characters is skipped with a warning that names it; the paragraphs around it are read', () => {
  const long = 'x'.repeat(400_000);
  const text = `A Report Title\n\n${body}\n\n${long}\n\nAnother paragraph here with several words in it for sure [2].\n\n[1] A note.\n[2] Another note.\n`;
  const parsed = parseReportWithSpans(text, { id: 't' });
  assert.deepEqual(parsed.warnings, ['Line 5 is 400,000 characters: skipped (no line over 100,000 characters is read).']);
  assert.deepEqual(
    parsed.report.sections.flatMap(s => s.paragraphs.map(p => p.footnotes)),
    [[1], [2]],
  );
  const markdown = parseReportWithSpans(`---\ntitle: T\n---\n\n${body.replace('[1]', '[^1]')}\n\n${long}\n\n[^1]: A note.\n`, {
    id: 'm',
    source: 'm.md',
  });
  assert.deepEqual(markdown.warnings, ['Line 7 is 400,000 characters: skipped (no line over 100,000 characters is read).']);
  assert.equal(markdown.report.sections.flatMap(s => s.paragraphs).length, 1);
});

test('a line of tabs or no-break spaces separates paragraphs, with LF, CRLF, CR and mixed line endings', () => {
  const second = 'Another paragraph here with several words in it for sure [2].';
  for (const [eol, blank] of [
    ['\n', '\t '],
    ['\r\n', '\u00a0'],
    ['\r', '\u2003'],
    ['\r\n', ''],
  ]) {
    const text = ['A Report Title', '', body, blank, second, '', '[1] A note.', '[2] Another note.'].join(eol);
    const report = parseReport(text, { id: 't' });
    assert.deepEqual(
      report.sections.flatMap(s => s.paragraphs.map(p => p.text)),
      [body.replace('[1]', ''), second.replace('[2]', '')],
      JSON.stringify([eol, blank]),
    );
    assert.equal(report.footnotes.length, 2);
  }
});

test('an article of 130,000 links (its notes) is read up to the notes cap, with the markers past it counted in one warning', () => {
  const paragraph = (k: number) =>
    Array.from({ length: 130 }, (_, i) => `Words [source ${k}-${i}](https://example.com/${k}/${i}) more`).join(' ');
  const markdown = `---\ntitle: Links\n---\n\n${Array.from({ length: 1_000 }, (_, k) => paragraph(k)).join('\n\n')}\n`;
  const parsed = parseReportWithSpans(markdown, { id: 'links', source: 'links.md' });
  assert.equal(parsed.report.footnotes.length, 20_000);
  assert.equal(parsed.report.footnotes[19_999]!.source.url, 'https://example.com/153/109');
  assert.equal(parsed.warnings.length, 22);
  assert.equal(parsed.warnings[0], 'The report has 130,000 notes: only the first 20,000 are read (no report holds more).');
  assert.equal(parsed.warnings[1], 'Marker [20001] in paragraph p154 has no note.');
  assert.equal(parsed.warnings[21], '109,980 more markers have no note.');
});

test('a note defined 30 times is named twice 20 times, then counted', () => {
  const notes = Array.from({ length: 31 }, () => '[1] A note.').join('\n');
  const { warnings } = parseReportWithSpans(`A Report Title\n\n${body}\n\n${notes}\n`, { id: 't' });
  assert.deepEqual(warnings, [
    ...Array(20).fill('Note 1 is defined twice; the first is kept.'),
    '10 more notes are defined twice; the first of each is kept.',
  ]);
});

test('past five long lines, the rest are counted in one warning', () => {
  const text = `A Report Title\n\n${body}\n\n${Array(8).fill('y'.repeat(100_001)).join('\n\n')}\n\n[1] A note.\n`;
  const { warnings } = parseReportWithSpans(text, { id: 't' });
  assert.equal(warnings.length, 6);
  assert.equal(warnings[0], 'Line 5 is 100,001 characters: skipped (no line over 100,000 characters is read).');
  assert.equal(warnings[5], '3 more lines over 100,000 characters: skipped.');
});
