import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport, parseReportWithSpans, detectFormat, spanArray } from '../../src/core/parse';
import type { Report } from '../../src/core/model';

const fixture = (name: string) => readFileSync(`test/fixtures/reports/${name}`, 'utf8');
const parse = (name: string) => parseReportWithSpans(fixture(name), { source: name });
const paras = (r: Report) => r.sections.flatMap(s => s.paragraphs);
const note = (r: Report, n: number) => r.footnotes.find(f => f.n === n)!;

describe('Markdown: front matter and [^n] / [^label] footnotes', () => {
  const { report: r, warnings, spans } = parse('footnotes-front-matter.md');

  test('front matter gives title, date, authors (strings or {name}), publisher', () => {
    assert.equal(r.title, 'Water Security in the Indus Basin');
    assert.equal(r.date, '2024-11-05');
    assert.deepEqual(r.authors, ['Jane Doe', 'Omar Khan']);
    assert.equal(r.publisher, 'Example Institute');
    assert.equal(r.key, 'waterSecurityIndus2024');
  });

  test('front matter dates under date, publication_date or published', () => {
    for (const key of ['date', 'publication_date', 'published'])
      assert.equal(parseReport(`---\ntitle: T\n${key}: 2025-03-09\n---\n\nText.\n`, { source: 'f.md' }).date, '2025-03-09', key);
    assert.equal(parseReport('---\ntitle: T\npublication_date: "May 30, 2025"\n---\n\nText.\n', { source: 'f.md' }).date, '2025-05-30');
  });

  test('the H1 repeating the title is not a section; the table of contents is not a paragraph', () => {
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Storage'],
    );
    for (const p of paras(r)) assert.doesNotMatch(p.text, /^Introduction$|^Storage$|#/);
  });

  test('emphasis, code marks and links are stripped, link text kept; images dropped; block quotes kept', () => {
    assert.equal(
      paras(r)[0].text,
      'The Indus basin supports over 200 million people, and its storage capacity covers about 30 days of flow. See the treaty text for the legal frame.',
    );
    assert.equal(paras(r)[2].text, 'Dams hold less than ten percent of annual flow, according to a 2023 survey.');
    assert.equal(paras(r)[3].text, 'Quoted testimony also counts as a paragraph of the report, with a note.');
    assert.equal(paras(r).length, 4);
  });

  test('labels are numbered in order of first reference; markers removed and listed', () => {
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1, 2], [1], [3], [4]],
    );
    assert.deepEqual(note(r, 1).citedBy, ['p1', 'p2']);
  });

  test('definitions with an indented continuation line; Ibid. and short forms resolve', () => {
    assert.equal(note(r, 2).text, '“Indus Waters Treaty,” World Bank, 1960, https://example.org/iwt.');
    assert.equal(note(r, 2).source.url, 'https://example.org/iwt');
    assert.equal(note(r, 3).refersTo, 2);
    assert.equal(note(r, 4).refersTo, 1);
    assert.equal(note(r, 4).key, note(r, 1).key);
    assert.deepEqual(warnings, []);
  });

  test('marker spans point at [^label] in the input', () => {
    const text = fixture('footnotes-front-matter.md');
    const markers = spanArray(spans).filter(s => s.kind === 'marker');
    assert.deepEqual(
      markers.map(s => text.slice(s.start, s.end)),
      ['[^1]', '[^treaty]', '[^1]', '[^survey]', '[^2]'],
    );
  });
});

describe('Markdown: linked-number markers with a numbered notes list', () => {
  const { report: r, warnings } = parse('linked-numbered-list.md');

  test('title from the first H1, byline and date lines before the first paragraph', () => {
    assert.equal(r.title, 'Critical Minerals and the Gulf');
    assert.deepEqual(r.authors, ['Sara Lee']);
    assert.equal(r.date, '2025-04-02');
  });

  test('[1](#fn1), <sup>[2](#fn2)</sup>, [[3]](#fn3), [<sup>4</sup>](#fn4) are markers', () => {
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [
        [1, 2],
        [3, 4],
      ],
    );
    assert.equal(paras(r)[1].text, 'Price swings could cut returns by a third, and some projects may stall.');
  });

  test('a line of links is navigation, not a paragraph', () => {
    assert.equal(paras(r).length, 2);
  });

  test('notes from the numbered list: anchors and back-links dropped, continuation lines joined, link URLs kept', () => {
    assert.equal(note(r, 1).text, 'Ali Hassan, “Gulf Mining Ambitions,” Al Monitor, January 2025.');
    assert.equal(note(r, 1).source.url, 'https://example.com/gulf-mining');
    assert.equal(note(r, 2).source.url, 'https://example.com/supply');
    assert.equal(note(r, 3).refersTo, 2);
    assert.equal(note(r, 4).source.title, 'Stalled Projects Report');
    assert.equal(note(r, 4).source.url, 'https://example.com/stalled');
    assert.deepEqual(warnings, []);
  });
});

describe('Markdown: [n] markers and notes on lines starting with the number', () => {
  const r = parse('numbered-lines.md').report;
  test('"Endnotes" on its own line starts the notes; "[1] text" and "3 text" lines are notes', () => {
    assert.deepEqual(
      r.footnotes.map(f => f.n),
      [1, 2, 3],
    );
    assert.equal(note(r, 3).refersTo, 1);
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1, 2], [3]],
    );
    assert.equal(r.key, 'borderTradeSouth');
  });
});

describe('Markdown: notes as table rows', () => {
  const r = parse('table-notes.md').report;
  test('rows "| 1 | text |" and "| [2](#ref-2) | text |" are notes; the header row is not; body tables are not paragraphs', () => {
    assert.deepEqual(
      r.footnotes.map(f => f.n),
      [1, 2],
    );
    assert.deepEqual(note(r, 2).source.authors, ['Ahmed Raza', 'Lina Park']);
    assert.equal(note(r, 1).source.container, 'Business Recorder');
    assert.deepEqual(
      paras(r).map(p => p.text),
      ['Energy subsidies reached 3 percent of GDP last year. Reform plans are under discussion.'],
    );
    assert.deepEqual(paras(r)[0].footnotes, [1, 2]);
  });
});

describe('Markdown: rules', () => {
  test('format from the extension, else from content', () => {
    assert.equal(detectFormat('plain', 'a.md'), 'markdown');
    assert.equal(detectFormat('# Heading', 'a.txt'), 'text');
    assert.equal(detectFormat('---\ntitle: x\n---\nbody'), 'markdown');
    assert.equal(detectFormat('Text with a note.[^1]\n\n[^1]: n'), 'markdown');
    assert.equal(detectFormat('Plain report.[1]\n\n[1] A note.'), 'text');
  });

  test('setext headings, code fences and HTML comments are not paragraphs', () => {
    const r = parseReport(
      'Title\n=====\n\nFirst paragraph of prose here.\n\nSection Two\n-----------\n\n```\ncode [1]\n```\n\n<!-- hidden -->\n\nSecond paragraph.\n',
      { format: 'markdown' },
    );
    assert.equal(r.title, 'Title');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Section Two'],
    );
    assert.deepEqual(
      paras(r).map(p => p.text),
      ['First paragraph of prose here.', 'Second paragraph.'],
    );
  });

  test('escapes, entities, autolinks and HTML tags', () => {
    const r = parseReport('# T\n\nPrices rose 5\\*3 &amp; fell &mdash; see <https://example.com/x> and <span class="a">this</span>.\n', {
      format: 'markdown',
    });
    assert.equal(paras(r)[0].text, 'Prices rose 5*3 & fell — see https://example.com/x and this.');
  });

  test('km<sup>2</sup> is a square kilometre, not note 2; <sup>3</sup> after a word is still note 3', () => {
    const md =
      '# T\n\nContracts may cover 3,000 km<sup>2</sup> of crusts in the program.<sup>3</sup>\n\n## Notes\n\n2. A, "B," 2020.\n3. C, "D," 2021.\n';
    const r = parseReport(md, { source: 'a.md' });
    assert.equal(paras(r)[0].text, 'Contracts may cover 3,000 km² of crusts in the program.');
    assert.deepEqual(paras(r)[0].footnotes, [3]);
    assert.deepEqual(
      r.figures.map(f => [f.text, f.value, f.unit]),
      [['3,000 km²', 3000, 'km2']],
    );
  });

  test('snake_case and arithmetic stars survive', () => {
    const r = parseReport('# T\n\nThe file_name_here and 2 * 3 stay.\n', { format: 'markdown' });
    assert.equal(paras(r)[0].text, 'The file_name_here and 2 * 3 stay.');
  });

  test('a printed web address keeps its underscores and stars ("…052925#_ftn7"); emphasis around it still goes', () => {
    const r = parseReport(
      '# T\n\nSee _this_ at https://www.sec.gov/statement-052925#_ftn7 and www.example.org/_q_/*x*.\n\n' +
        '[^1]: SEC, press release, https://www.sec.gov/statement-052925#_ftn7.\n',
      { format: 'markdown' },
    );
    assert.equal(paras(r)[0].text, 'See this at https://www.sec.gov/statement-052925#_ftn7 and www.example.org/_q_/*x*.');
    assert.equal(r.footnotes[0].source.url, 'https://www.sec.gov/statement-052925#_ftn7');
  });

  test('bullet lists of prose are paragraphs, one per item', () => {
    const r = parseReport('# T\n\n- Pakistan could revise tariffs.\n- It could also diversify\n  exports over time.\n', {
      format: 'markdown',
    });
    assert.deepEqual(
      paras(r).map(p => p.text),
      ['Pakistan could revise tariffs.', 'It could also diversify exports over time.'],
    );
  });

  test('invalid front matter is ignored with a warning', () => {
    const { report, warnings } = parseReportWithSpans('---\ntitle: [unclosed\n---\n\n# Real Title\n\nBody text here.\n', {
      format: 'markdown',
    });
    assert.equal(report.title, 'Real Title');
    assert.equal(warnings.length, 1);
  });

  test('plain-text style notes in Markdown: "[n] text" lines make [n] markers', () => {
    const r = parseReport(
      '---\ntitle: Converted\n---\n\nA claim.[1] Another.[2]\n\n## Heading[^9]\n\nMore.[1]\n\n[1] “One,” Outlet, 2024, https://a.example.\n\n[2] Ibid.\n',
      { format: 'markdown' },
    );
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1, 2], [1]],
    );
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Heading'],
    );
    assert.equal(note(r, 2).refersTo, 1);
  });

  test('Word-style converted notes: [[1]](#_ftn1) markers, "[[1]](#_ftnref1) text" notes without a heading', () => {
    const r = parseReport(
      '# Converted\n\nA claim.[[1]](#_ftn1) And a second one.<a href="#_ftn2" name="_ftnref2">2</a>\n\n---\n\n[[1]](#_ftnref1) Jane Doe, “One,” Outlet, 2024, https://a.example.\n\n[[2]](#_ftnref2) Ibid.\n',
      { format: 'markdown' },
    );
    assert.deepEqual(
      paras(r).map(p => [p.text, p.footnotes]),
      [['A claim. And a second one.', [1, 2]]],
    );
    assert.equal(note(r, 1).source.authors[0], 'Jane Doe');
    assert.equal(note(r, 2).refersTo, 1);
  });

  test('a [^n] marker without definition is reported', () => {
    const { warnings } = parseReportWithSpans('# T\n\nClaim.[^9]\n', { format: 'markdown' });
    assert.match(warnings.join('\n'), /\[9\].*no note/);
  });
});
