import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReportWithSpans, spanArray } from '../../src/core/parse';
import { Library } from '../../src/core/library';

const seedText = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
const ID = 'us-pakistan-relations-in-flux';
const library = new Library([parseReportWithSpans(seedText, { source: `${ID}.txt` })]);

describe('Library lookups', () => {
  test('report by id, by key; footnote by number', () => {
    assert.equal(library.report(ID)?.title, 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints');
    assert.equal(library.report('nope'), undefined);
    const byKey = library.byKey('usPakistanFlux2025');
    assert.equal(byKey?.kind, 'report');
    const afzal = library.byKey('afzal2025');
    assert.ok(afzal?.kind === 'footnote' && afzal.footnote.n === 1, 'a shared key names the original note, not the short form');
    assert.equal(library.footnote(ID, 17)?.refersTo, 16);
    assert.equal(library.footnote(ID, 99), undefined);
  });

  test('paragraph by id with its section and number', () => {
    const place = library.paragraph(ID, 'p12');
    assert.equal(place?.number, 12);
    assert.equal(place?.section.title, 'New limitations');
    assert.deepEqual(place?.paragraph.footnotes, [10]);
    assert.equal(library.paragraph(ID, 'p32'), undefined);
  });

  test('figures by id, when extraction finds any', () => {
    for (const { report, figure } of library.allFigures()) {
      assert.equal(library.figure(report.id, figure.id)?.figure, figure);
    }
  });
});

describe('Library offset lookups (input text)', () => {
  const at = (needle: string, delta = 0) => {
    const i = seedText.indexOf(needle);
    assert.ok(i >= 0, needle);
    return i + delta;
  };

  test('a marker, its paragraph and section', () => {
    const offset = at('withdrawal.[1]', 'withdrawal.'.length + 1);
    assert.deepEqual(library.at(ID, offset), { kind: 'marker', id: '1', start: offset - 1, end: offset + 2 });
    assert.deepEqual(
      library.chainAt(ID, offset).map(s => `${s.kind}:${s.id}`),
      ['section:s1', 'paragraph:p1', 'marker:1'],
    );
  });

  test('plain paragraph text is the paragraph; a heading is its section', () => {
    assert.deepEqual(library.at(ID, at('Targeted counterterrorism cooperation')), library.spanIndex(ID)?.find('paragraph', 'p2'));
    assert.equal(library.at(ID, at('New limitations\n'))?.id, 's2');
    assert.equal(library.at(ID, at('Conclusion\n'))?.kind, 'section');
  });

  test('a note in the notes list', () => {
    const span = library.at(ID, at('[22] “An Analysis', 10));
    assert.equal(span?.kind, 'footnote');
    assert.equal(span?.id, '22');
  });

  test('chrome and blank lines are in no span', () => {
    assert.equal(library.at(ID, 0), undefined); // "Insight Image"
    assert.equal(library.at(ID, at('Related Topics')), undefined);
  });

  test('figure spans cover the figure text as written', () => {
    const { report, spans } = parseReportWithSpans(seedText, { source: `${ID}.txt` });
    for (const span of spanArray(spans).filter(s => s.kind === 'figure')) {
      const figure = report.figures.find(f => f.id === span.id)!;
      assert.equal(seedText.slice(span.start, span.end).replace(/\s+/g, ' '), figure.text);
    }
  });

  test('every paragraph span maps back to text that holds its paragraph (markers aside)', () => {
    const { report, spans } = parseReportWithSpans(seedText, { source: `${ID}.txt` });
    const paragraphs = report.sections.flatMap(s => s.paragraphs);
    for (const span of spanArray(spans).filter(s => s.kind === 'paragraph')) {
      const p = paragraphs.find(x => x.id === span.id)!;
      assert.equal(
        seedText
          .slice(span.start, span.end)
          .replace(/\[\d+\]/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
        p.text,
      );
    }
  });

  test('a Library of parser results keeps their spans', () => {
    const lib = new Library([parseReportWithSpans(seedText, { id: 'seed' })]);
    assert.equal(lib.at('seed', at('withdrawal.[1]', 12))?.kind, 'marker');
    assert.equal(lib.at('unknown', 5), undefined);
  });
});

describe('Library ids', () => {
  test('two copies of one report get distinct ids, and the copy keeps its offset lookups', () => {
    const twice = new Library([
      parseReportWithSpans(seedText, { source: `${ID}.txt` }),
      parseReportWithSpans(seedText, { source: `${ID}.txt` }),
    ]);
    assert.deepEqual(
      twice.reports.map(r => r.id),
      [ID, `${ID}-2`],
    );
    const offset = seedText.indexOf('Targeted counterterrorism cooperation');
    assert.equal(twice.at(`${ID}-2`, offset)?.kind, 'paragraph');
  });

  test('a library made again of the same reports holds the same report objects, copies included', () => {
    // what a reload after one file changed relies on: the search re-indexes only reports that are new objects
    const first = parseReportWithSpans(seedText, { source: `${ID}.txt` });
    const second = parseReportWithSpans(seedText, { source: `${ID}.txt` });
    const before = new Library([first, second]);
    const after = new Library([first, second]);
    assert.notEqual(before.reports[1], second.report, 'the second copy gets another id and other keys');
    assert.equal(after.reports[0], before.reports[0]);
    assert.equal(after.reports[1], before.reports[1]);
    assert.equal(after.paragraph(`${ID}-2`, 'p12'), before.paragraph(`${ID}-2`, 'p12'));
    // the same report in another place gets other keys, hence another copy
    const alone = new Library([second]);
    assert.equal(alone.reports[0], second.report);
    const swapped = new Library([second, first]);
    assert.equal(swapped.reports[0], second.report);
    assert.notEqual(swapped.reports[1], first.report);
    assert.notEqual(swapped.reports[1], before.reports[1], 'not the copy made for the other order');
    assert.equal(swapped.reports[1]!.id, `${ID}-2`);
  });
});

describe('Library figures by value', () => {
  test('an amount finds the report figures of that value, whatever the unit, and nothing else', () => {
    assert.deepEqual(
      library.figuresWithValue(845_000_000).map(f => f.figure.text),
      ['US$845 million'],
    );
    assert.ok(library.figuresWithValue(29).some(f => f.figure.unit === 'percent'));
    assert.deepEqual(library.figuresWithValue(854_000_000), []);
  });
});
