// Pure rules that used to live in the VS Code adapters (cite, reader, hover), now in core and tested here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { citationEdits } from '../../src/core/citationEdits';
import { sourceUrl } from '../../src/core/cite';
import { figuresMatching, footnoteForDefinition } from '../../src/core/figureMatch';
import { Library } from '../../src/core/library';
import type { Report } from '../../src/core/model';
import { around, reportMentions } from '../../src/core/mentions';
import { comparableFigures } from '../../src/core/miniChart';
import { figuresByParagraph, paragraphNumbers } from '../../src/core/paragraphs';
import { sameAmount, sameValue } from '../../src/core/quantities';
import { parseReportWithSpans } from '../../src/core/parse';
import { spanFor } from '../../src/core/reader';
import { allFigures, sectionsAndFigures } from '../../src/core/search';
import { MAX_NOTE_FILE_BYTES, notesLeftOut, notesToRead } from '../../src/core/workspaceNotes';
import { ownCopy, shared } from '../../src/core/text';
import { assertLinear } from './linear';

const ID = 'us-pakistan-relations-in-flux';
const library = new Library([parseReportWithSpans(readFileSync(`data/reports/${ID}.txt`, 'utf8'), { source: `${ID}.txt` })]);
const seed = library.report(ID)!;

describe('citationEdits: what inserting a citation writes', () => {
  test('an inline citation after a word or a full stop gets a space before it', () => {
    assert.deepEqual(citationEdits('Aid fell.', 9, { kind: 'inline', text: '[@afzal2025]' }), {
      edits: [{ start: 9, end: 9, newText: ' [@afzal2025]' }],
      atCursor: 13,
    });
    assert.deepEqual(citationEdits('Aid fell ', 9, { kind: 'inline', text: '[@afzal2025]' }).edits[0]?.newText, '[@afzal2025]');
  });

  test('with the figure text, the figure comes first and the cursor lands after both', () => {
    assert.deepEqual(citationEdits('Aid fell', 8, { kind: 'inline', text: '[@afzal2025]' }, 'US$845 million'), {
      edits: [{ start: 8, end: 8, newText: ' US$845 million [@afzal2025]' }],
      atCursor: 28,
    });
  });

  test('a footnote citation puts the marker at the cursor and the definition at the end, once', () => {
    assert.deepEqual(citationEdits('Aid fell.\n\nMore.\n', 9, { kind: 'footnote', text: 'Madiha Afzal, 2025.', key: 'afzal2025' }), {
      edits: [
        { start: 9, end: 9, newText: '[^1]' },
        { start: 17, end: 17, newText: '\n[^1]: Madiha Afzal, 2025.\n' },
      ],
      atCursor: 4,
    });
    assert.deepEqual(
      citationEdits('Aid fell.[^1]\n\n[^1]: Madiha Afzal, 2025.\n', 13, {
        kind: 'footnote',
        text: 'Madiha Afzal, 2025.',
        key: 'afzal2025',
      }),
      { edits: [{ start: 13, end: 13, newText: '[^1]' }], atCursor: 4 },
      'the same source reuses its definition',
    );
  });
});

describe('sourceUrl: the web page a target cites', () => {
  test('a note, a figure (its first note), a paragraph (its first note)', () => {
    assert.equal(
      sourceUrl(library, { reportId: ID, kind: 'footnote', id: '16' }),
      'https://thediplomat.com/2025/04/critical-minerals-add-a-new-dynamic-to-pakistan-us-relations/',
    );
    const aid = seed.figures.find(f => f.text === 'US$845 million')!;
    assert.equal(
      sourceUrl(library, { reportId: ID, kind: 'figure', id: aid.id }),
      'https://profit.pakistantoday.com.pk/2025/02/04/us-suspends-845m-aid-projects-in-pakistan-following-trumps-directive/',
    );
    assert.equal(
      sourceUrl(library, { reportId: ID, kind: 'paragraph', id: 'p1' }),
      'https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations',
    );
  });

  test('Ibid. without a URL of its own gives the URL of the note it repeats; a report from a file has none', () => {
    const report: Report = {
      id: 'r',
      key: 'r2025',
      title: 'R',
      authors: [],
      source: 'r.md',
      sections: [],
      figures: [],
      footnotes: [
        { n: 1, key: 'a2025', text: 'A.', source: { authors: [], url: 'https://example.org/a' }, citedBy: [] },
        { n: 2, key: 'a2025', text: 'Ibid.', source: { authors: [] }, refersTo: 1, citedBy: [] },
      ],
    };
    const lib = new Library([report]);
    assert.equal(sourceUrl(lib, { reportId: 'r', kind: 'footnote', id: '2' }), 'https://example.org/a');
    assert.equal(sourceUrl(lib, { reportId: 'r', kind: 'report', id: 'r' }), undefined);
    assert.equal(sourceUrl(lib, { reportId: 'nope', kind: 'report', id: 'nope' }), undefined);
  });
});

describe('spanFor: where a target sits in the reader text', () => {
  test('report → title, section → heading, paragraph, note, figure', () => {
    const { text, index } = library.readerText(seed);
    const at = (kind: 'report' | 'section' | 'paragraph' | 'footnote' | 'figure', id: string) => {
      const span = spanFor(index, { reportId: ID, kind, id })!;
      return text.slice(span.start, Math.min(span.end, span.start + 30));
    };
    assert.equal(at('report', ID), 'U.S.-Pakistan Relations in Flu');
    assert.equal(at('section', 's2'), '# New limitations');
    assert.equal(at('paragraph', 'p6'), '¶6 First, climate change is un');
    assert.equal(at('footnote', '4'), '[4] “US suspends $845m aid pro');
    assert.equal(at('figure', seed.figures.find(f => f.text === 'US$845 million')!.id), 'US$845 million');
    assert.equal(spanFor(index, { reportId: ID, kind: 'paragraph', id: 'p999' }), undefined);
  });
});

describe('figure matching for hovers', () => {
  test('same value and unit; a bare number matches any unit; another unit does not', () => {
    assert.deepEqual(
      figuresMatching(library, { value: 29, unit: 'percent', text: '29 percent' }).map(f => f.figure.text),
      ['29 percent'],
    );
    assert.deepEqual(
      figuresMatching(library, { value: 29 }).map(f => f.figure.unit),
      ['percent'],
    );
    assert.deepEqual(figuresMatching(library, { value: 29, unit: 'USD' }), []);
  });

  test('a footnote definition that repeats a report note finds that note', () => {
    assert.equal(footnoteForDefinition(library, seed.footnotes[3]!.text)?.footnote.n, 4);
    assert.equal(footnoteForDefinition(library, 'Something unrelated entirely.'), undefined);
  });
});

describe('paragraph numbers: one numbering through the report', () => {
  test('the reader, the Library and the fact-check all say ¶6 for p6', () => {
    assert.equal(paragraphNumbers(seed).get('p6'), 6);
    assert.equal(paragraphNumbers(seed).size, 31);
    assert.equal(library.paragraph(ID, 'p6')?.number, 6);
    assert.match(library.readerText(seed).text, /\n¶6 First, climate change/);
    const second = seed.sections[1]!.paragraphs[0]!;
    assert.equal(paragraphNumbers(seed).get(second.id), seed.sections[0]!.paragraphs.length + 1, 'numbering runs on across sections');
  });
});

describe('the same number: one rule', () => {
  test('equal up to rounding, not up to a typo', () => {
    assert.equal(sameValue(845_000_000, 845e6), true);
    assert.equal(sameValue(0.1 + 0.2, 0.3), true);
    assert.equal(sameValue(845e6, 854e6), false);
    assert.equal(sameValue(29, 29.000001), false);
  });

  test("a note's number is a figure's amount in the same unit, or bare", () => {
    const aid = { value: 845e6, unit: 'USD' };
    assert.equal(sameAmount({ value: 845e6, unit: 'USD' }, aid), true);
    assert.equal(sameAmount({ value: 845e6 }, aid), true, 'a bare number');
    assert.equal(sameAmount({ value: 845e6, unit: 'count' }, aid), true, 'a count of nothing in particular');
    assert.equal(sameAmount({ value: 845e6, unit: 'count', counted: 'people' }, aid), false, '845 million people are not dollars');
    assert.equal(sameAmount({ value: 845e6, unit: 'GBP' }, aid), false);
  });
});

describe('what the pickers list before anything is typed', () => {
  test('sections first, then figures with their qualifier, section and paragraph number', () => {
    const hits = sectionsAndFigures(library);
    assert.deepEqual(
      hits.slice(0, 4).map(h => [h.kind, h.label]),
      [
        ['section', 'Introduction'],
        ['section', 'New limitations'],
        ['section', 'Motivations for navigating constraints'],
        ['section', 'Conclusion'],
      ],
    );
    const aid = seed.figures.find(f => f.text === 'US$845 million')!;
    const hit = allFigures(library).find(h => h.id === aid.id)!;
    const place = library.paragraph(ID, aid.paragraph)!;
    assert.equal(hit.detail, `¶${place.number} · ${place.section.title} · ${seed.title}`);
    assert.equal(hit.where, `¶${place.number} · ${place.section.title}`);
    assert.equal(hit.reportTitle, seed.title);
    assert.equal(allFigures(library).length, seed.figures.length);
    assert.ok(allFigures(library).every(h => h.kind === 'figure'));
  });
});

describe('the hover chart compares like with like', () => {
  test('the figure among the closest figures of its unit that measure the same thing, largest first; counts stand alone', () => {
    const figure = (text: string) => seed.figures.find(f => f.text === text)!;
    // tariff rates beside tariff rates; not the IMF vote share nor the textile industry's share of GDP
    assert.deepEqual(
      comparableFigures(seed, figure('29 percent')).map(f => f.text),
      ['46 percent', '39 percent', '29 percent'],
    );
    // suspended funding has nothing of its kind in the report: no chart rather than losses and contracts beside it
    assert.deepEqual(
      comparableFigures(seed, figure('US$845 million')).map(f => f.text),
      [],
    );
    assert.deepEqual(
      comparableFigures(
        seed,
        seed.figures.find(f => f.unit === 'count')!,
      ),
      [],
    );
  });

  test('every report paragraph lists its own figures, in reading order', () => {
    const byParagraph = figuresByParagraph(seed);
    assert.equal(
      [...byParagraph.values()].reduce((n, list) => n + list.length, 0),
      seed.figures.length,
    );
    const aid = seed.figures.find(f => f.text === 'US$845 million')!;
    assert.ok(byParagraph.get(aid.paragraph)!.includes(aid));
  });
});

describe('mentions in the report', () => {
  test('a figure: every paragraph and note with the same amount, however written', () => {
    const aid = seed.figures.find(f => f.text === 'US$845 million')!;
    const mentions = reportMentions(library, { reportId: ID, kind: 'figure', id: aid.id });
    assert.deepEqual(
      mentions.map(m => [m.where, m.target.kind, m.target.id]),
      [
        ['¶7 · New limitations', 'paragraph', 'p7'],
        ['[4]', 'footnote', '4'],
      ],
    );
    assert.match(mentions[1]!.text, /^\[4\] “US suspends \$845m aid projects/);
    const lines = library.readerText(seed).text.split('\n');
    assert.match(lines[mentions[0]!.line]!, /^¶7 /);
    assert.match(lines[mentions[1]!.line]!, /^\[4\] /);
  });

  test('a note: the paragraphs that cite it', () => {
    assert.deepEqual(
      reportMentions(library, { reportId: ID, kind: 'footnote', id: '16' }).map(m => [m.where, m.target.id]),
      [['¶20 · Motivations for navigating constraints', 'p20']],
    );
    assert.deepEqual(reportMentions(library, { reportId: 'nope', kind: 'footnote', id: '16' }), []);
  });
});

describe('mention snippets: whole words, an ellipsis where cut', () => {
  const text = 'The outlook will remain bleak while aid of US$845 million stays on hold for now.';
  const start = text.indexOf('US$845');
  const end = start + 'US$845 million'.length;

  test('a cut inside a word drops the part word: "…remain bleak", never "emain bleak"', () => {
    assert.equal(around(text, start, end, 25), '\u2026bleak while aid of US$845 million stays on hold for now.');
    assert.equal(around(text, start, end, 26), '\u2026remain bleak while aid of US$845 million stays on hold for now.');
    assert.equal(around(text, start, end, 20), '\u2026bleak while aid of US$845 million stays on hold for\u2026');
  });

  test('no ellipsis when nothing is cut; white space and line breaks read as one space', () => {
    assert.equal(around('Aid: $845m was\n  suspended.\n', 5, 10), 'Aid: $845m was suspended.');
    assert.equal(around('\n\n  $845m  \n', 4, 9, 2), '$845m');
  });

  test('a mention inside a long word is shown whole, cut after it', () => {
    assert.equal(around('US$845million', 0, 6, 3), 'US$845\u2026');
  });

  test('linear in the white space it walks over', () => {
    assertLinear('around', n => around(`${' '.repeat(n)}$845m${' '.repeat(n)}`, n, n + 5), 20_000);
  });
});

describe('workspace notes: which files Show All Mentions and Check All Notes read', () => {
  const file = (name: string, size: number, open = false) => ({ location: `file:///w/${name}`, size, open });

  test("open notes first, then files on disk up to the limit; the library's reports and repeats skipped", () => {
    const notes = notesToRead(
      [file('a.md', 10), file('b.md', 10), file('report.md', 10), file('open.md', 0, true), file('a.md', 10), file('c.md', 10)],
      new Set(['file:///w/report.md']),
      2,
    );
    assert.deepEqual(
      notes.read.map(f => f.location),
      ['file:///w/open.md', 'file:///w/a.md', 'file:///w/b.md'],
    );
    assert.equal(notes.capped, true);
    assert.equal(notesLeftOut(notes, 2), 'Only the first 2 Markdown files of the workspace were read.');
  });

  test('a file over 2 MB on disk is not read, an open note of any size is', () => {
    const notes = notesToRead([
      file('dump.md', MAX_NOTE_FILE_BYTES + 1),
      file('big-open.md', 5 * MAX_NOTE_FILE_BYTES, true),
      file('ok.md', MAX_NOTE_FILE_BYTES),
    ]);
    assert.deepEqual(
      notes.read.map(f => f.location),
      ['file:///w/big-open.md', 'file:///w/ok.md'],
    );
    assert.deepEqual(
      notes.tooLarge.map(f => f.location),
      ['file:///w/dump.md'],
    );
    assert.equal(notes.capped, false);
    assert.equal(notesLeftOut(notes), '1 file over 2 MB was not read.');
  });

  test('nothing to say when every note was read; both reasons in one sentence', () => {
    assert.equal(notesLeftOut(notesToRead([file('a.md', 1)])), undefined);
    const both = notesToRead([file('a.md', 1), file('b.md', 1), file('x.md', 3e6), file('y.md', 3e6)], new Set(), 1);
    assert.equal(notesLeftOut(both, 1), 'Only the first 1 Markdown files of the workspace were read; 2 files over 2 MB were not read.');
  });
});

describe("ownCopy and shared: the model's strings as copies of their own, repeated ones once", () => {
  test('ownCopy gives every string back equal, lone surrogates and escapes included', () => {
    for (const text of [
      '',
      'short',
      'A “curly” paragraph of some length, with a \\ and a " and a\nline',
      '\ud800 lone \udfff surrogates here',
      'x'.repeat(5000),
    ])
      assert.equal(ownCopy(text), text);
  });

  test('shared gives a value equal to the one given, and the same copy for the same text', () => {
    const a = shared(['Council on Foreign', 'Relations'].join(' '));
    const b = shared(`Council on Foreign ${'Relations'}`);
    assert.equal(a, 'Council on Foreign Relations');
    assert.equal(b, a);
    const long = 'y'.repeat(200);
    assert.equal(shared(long), long);
  });

  test('a parsed report reads the same with its strings shared: outlets, dates, ids', () => {
    const { report } = parseReportWithSpans(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'seed.txt' });
    const again = parseReportWithSpans(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
      source: 'seed.txt',
    }).report;
    assert.deepEqual(again, report);
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'no field is undefined: JSON drops none');
    const withOutlet = report.footnotes.filter(f => f.source.container);
    assert.ok(withOutlet.length > 10);
    // a note's source has its fields in the model's order, authors first, and nothing else
    for (const f of report.footnotes) {
      const order = ['authors', 'title', 'container', 'date', 'url'];
      const keys = Object.keys(f.source);
      assert.deepEqual(
        keys,
        order.filter(k => keys.includes(k)),
        `note ${f.n}`,
      );
    }
  });
});
