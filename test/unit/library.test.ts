import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport, parseReportWithSpans } from '../../src/core/parse';
import { Library, createLibrary } from '../../src/core/library';
import { SourceSpanIndex } from '../../src/core/parse/spans';

const seedText = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
const ID = 'us-pakistan-relations-in-flux';
const library = new Library([parseReport(seedText, { source: `${ID}.txt` })]);

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
    assert.deepEqual(library.chainAt(ID, offset).map(s => `${s.kind}:${s.id}`), ['section:s1', 'paragraph:p1', 'marker:1']);
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
    for (const span of spans.filter(s => s.kind === 'figure')) {
      const figure = report.figures.find(f => f.id === span.id)!;
      assert.equal(seedText.slice(span.start, span.end).replace(/\s+/g, ' '), figure.text);
    }
  });

  test('every paragraph span maps back to text that holds its paragraph (markers aside)', () => {
    const { report, spans } = parseReportWithSpans(seedText, { source: `${ID}.txt` });
    const paragraphs = report.sections.flatMap(s => s.paragraphs);
    for (const span of spans.filter(s => s.kind === 'paragraph')) {
      const p = paragraphs.find(x => x.id === span.id)!;
      assert.equal(seedText.slice(span.start, span.end).replace(/\[\d+\]/g, '').replace(/\s+/g, ' ').trim(), p.text);
    }
  });

  test('createLibrary keeps spans of parser results', () => {
    const lib = createLibrary([parseReportWithSpans(seedText, { id: 'seed' })]);
    assert.equal(lib.at('seed', at('withdrawal.[1]', 12))?.kind, 'marker');
    assert.equal(lib.at('unknown', 5), undefined);
  });
});

describe('SourceSpanIndex', () => {
  test('innermost span by binary search; gaps are undefined', () => {
    const index = new SourceSpanIndex([
      { kind: 'section', id: 's1', start: 0, end: 100 },
      { kind: 'paragraph', id: 'p1', start: 10, end: 50 },
      { kind: 'marker', id: '1', start: 20, end: 23 },
      { kind: 'figure', id: 'f1', start: 30, end: 40 },
      { kind: 'paragraph', id: 'p2', start: 60, end: 90 },
      { kind: 'footnote', id: '1', start: 120, end: 150 },
    ]);
    const at = (o: number) => index.at(o)?.id;
    assert.deepEqual([0, 10, 19, 20, 22, 23, 30, 39, 40, 55, 60, 95, 100, 119, 120, 149, 150].map(at),
      ['s1', 'p1', 'p1', '1', '1', 'p1', 'f1', 'f1', 'p1', 's1', 'p2', 's1', undefined, undefined, '1', '1', undefined]);
  });

  test('10k paragraphs: lookups stay fast', () => {
    const spans = Array.from({ length: 10000 }, (_, i) => ({ kind: 'paragraph' as const, id: `p${i + 1}`, start: i * 100, end: i * 100 + 90 }));
    const index = new SourceSpanIndex(spans);
    const started = performance.now();
    for (let i = 0; i < 100000; i++) index.at((i * 37) % 1000000);
    assert.ok(performance.now() - started < 500);
    assert.equal(index.at(555555)?.id, 'p5556');
  });
});
