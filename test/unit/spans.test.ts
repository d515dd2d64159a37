import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SpanIndex, mergeRanges, spanTouching, type SpanKind } from '../../src/core/spans';
import { assertLinear } from './linear';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { parseReportWithSpans, SourceSpans, spanArray, type SourceSpan } from '../../src/core/parse';
import { Library } from '../../src/core/library';

describe('SpanIndex over input spans', () => {
  test('innermost span by binary search; gaps are undefined', () => {
    const index = new SpanIndex([
      { kind: 'section', id: 's1', start: 0, end: 100 },
      { kind: 'paragraph', id: 'p1', start: 10, end: 50 },
      { kind: 'marker', id: '1', start: 20, end: 23 },
      { kind: 'figure', id: 'f1', start: 30, end: 40 },
      { kind: 'paragraph', id: 'p2', start: 60, end: 90 },
      { kind: 'footnote', id: '1', start: 120, end: 150 },
    ]);
    const at = (o: number) => index.at(o)?.id;
    assert.deepEqual([0, 10, 19, 20, 22, 23, 30, 39, 40, 55, 60, 95, 100, 119, 120, 149, 150].map(at), [
      's1',
      'p1',
      'p1',
      '1',
      '1',
      'p1',
      'f1',
      'f1',
      'p1',
      's1',
      'p2',
      's1',
      undefined,
      undefined,
      '1',
      '1',
      undefined,
    ]);
  });

  test('10k paragraphs: lookups find the right one, and twice the spans and lookups take about twice the time', () => {
    const indexOf = (n: number) =>
      new SpanIndex(
        Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, id: `p${i + 1}`, start: i * 100, end: i * 100 + 90 })),
      );
    const index = indexOf(10000);
    assert.equal(index.at(555555)?.id, 'p5556');
    assert.equal(index.at(95), undefined);
    assertLinear(
      'span lookups',
      n => {
        const sized = indexOf(n);
        for (let i = 0; i < n * 10; i++) sized.at((i * 37) % (n * 100));
      },
      10000,
      80000,
    );
  });
});

describe('SpanIndex: one index for reader and input spans', () => {
  const index = new SpanIndex<SpanKind>([
    { kind: 'section', id: 's1', start: 0, end: 100 },
    { kind: 'heading', id: 's1', start: 0, end: 9 },
    { kind: 'paragraph', id: 'p1', start: 10, end: 50 },
    { kind: 'marker', id: '4', start: 20, end: 23 },
    { kind: 'paragraph', id: 'p2', start: 60, end: 90 },
    { kind: 'marker', id: '4', start: 70, end: 73 },
    { kind: 'paragraph', id: 'p0', start: 100, end: 100 },
  ]);

  test('at(offset, kind) finds the span of that kind, at(offset) the innermost', () => {
    assert.equal(index.at(21, 'paragraph')?.id, 'p1');
    assert.equal(index.at(21, 'section')?.id, 's1');
    assert.equal(index.at(21)?.kind, 'marker');
    assert.equal(index.at(55, 'paragraph'), undefined);
    assert.equal(index.at(55)?.id, 's1');
  });

  test('chainAt lists the nesting outermost first; empty spans hold no offset', () => {
    assert.deepEqual(
      index.chainAt(71).map(s => `${s.kind}:${s.id}`),
      ['section:s1', 'paragraph:p2', 'marker:4'],
    );
    assert.deepEqual(
      index.chainAt(3).map(s => s.kind),
      ['section', 'heading'],
    );
    assert.deepEqual(index.chainAt(100), []);
  });

  test('find, findAll and ofKind answer in text order', () => {
    assert.equal(index.find('marker', '4')?.start, 20);
    assert.deepEqual(
      index.findAll('marker', '4').map(s => s.start),
      [20, 70],
    );
    assert.deepEqual(
      index.ofKind('paragraph').map(s => s.id),
      ['p1', 'p2', 'p0'],
    );
    assert.equal(index.find('figure', 'f1'), undefined);
  });

  test('spanTouching counts the offset right after a span', () => {
    const sorted = [
      { start: 2, end: 5 },
      { start: 8, end: 9 },
    ];
    assert.deepEqual(
      [1, 2, 5, 6, 9, 10].map(o => spanTouching(sorted, o)?.start),
      [undefined, 2, 2, undefined, 8, undefined],
    );
  });

  test('mergeRanges joins overlapping and touching ranges in text order', () => {
    assert.deepEqual(
      mergeRanges([
        [10, 12],
        [0, 3],
        [2, 5],
        [5, 7],
        [20, 21],
      ]),
      [
        [0, 7],
        [10, 12],
        [20, 21],
      ],
    );
    assert.deepEqual(mergeRanges([]), []);
  });
});

describe('SourceSpans: input spans packed four numbers a span', () => {
  const kinds = ['section', 'paragraph', 'footnote', 'marker', 'figure'] as const;
  const offset = fc.integer({ min: 0, max: 0x7fffffff });
  const span = fc
    .record({
      kind: fc.constantFrom(...kinds),
      // ids as parsers write them, and others: zero-padded, other prefixes, empty, beyond 32 bits
      id: fc.oneof(
        fc.nat().map(n => String(n)),
        fc.nat().map(n => `p${n}`),
        fc.nat().map(n => `s${n}`),
        fc.nat().map(n => `f${n}`),
        fc.constantFrom('', 'p', 'p012', '007', '-1', '1.5', 'p4294967296', '99999999999', 't3', 'https://example.org/a'),
        fc.string(),
      ),
      start: offset,
      end: offset,
    })
    .map(s => ({ ...s }));

  test('give back exactly the spans they were made from, in order, by index, iteration and JSON', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), (spans: SourceSpan[]) => {
        const packed = SourceSpans.of(spans);
        assert.equal(packed.length, spans.length);
        assert.deepEqual(packed.toArray(), spans);
        assert.deepEqual([...packed], spans);
        assert.deepEqual(
          spans.map((_, i) => packed.at(i)),
          spans,
        );
        assert.deepEqual(JSON.parse(JSON.stringify(packed)), spans);
        assert.equal(packed.at(spans.length), undefined);
        assert.equal(packed.at(-1), undefined);
      }),
    );
  });

  test('a span that cannot be packed is refused with a reason, never packed wrong', () => {
    const bad = [
      { kind: 'heading', id: 's1', start: 0, end: 4 },
      { kind: 'paragraph', id: 'p1', start: 0.5, end: 4 },
      { kind: 'paragraph', id: 'p1', start: 0, end: 2 ** 31 },
      { kind: 'paragraph', id: 12, start: 0, end: 4 },
    ];
    for (const span of bad) assert.throws(() => SourceSpans.of([span as unknown as SourceSpan]), /Not a source span/);
  });

  test('the seed and corpus reports: the same spans after packing, and the same lookups by offset', () => {
    const texts: [string, string][] = [
      ['us-pakistan-relations-in-flux.txt', readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8')],
    ];
    for (const dir of ['test/fixtures/captures', 'test/fixtures/reports']) {
      for (const name of readdirSync(dir).filter(n => n.endsWith('.md') && n !== 'README.md'))
        texts.push([name, readFileSync(`${dir}/${name}`, 'utf8')]);
    }
    assert.ok(texts.length >= 10);
    for (const [name, text] of texts) {
      const parsed = parseReportWithSpans(text, { source: name });
      assert.ok(parsed.spans instanceof SourceSpans, name);
      const spans = spanArray(parsed.spans);
      assert.deepEqual(SourceSpans.of(spans).toArray(), spans, name);
      // every paragraph of the model has its span, and every note span names a note, under the model's own ids
      const paragraphIds = parsed.report.sections.flatMap(s => s.paragraphs.map(p => p.id));
      assert.deepEqual(
        spans.filter(s => s.kind === 'paragraph').map(s => s.id),
        paragraphIds,
        name,
      );
      const notes = new Set(parsed.report.footnotes.map(f => String(f.n)));
      const noteSpans = spans.filter(s => s.kind === 'footnote' || s.kind === 'marker');
      assert.ok(noteSpans.length > 0 && noteSpans.every(s => notes.has(s.id)), name);
      // a library over the packed spans answers as one over the plain array
      const packed = new Library([parsed]);
      const plain = new Library([{ report: parsed.report, spans }]);
      const id = parsed.report.id;
      for (let at = 0; at < text.length; at += 97) assert.deepEqual(packed.chainAt(id, at), plain.chainAt(id, at), `${name} at ${at}`);
      assert.deepEqual(packed.sourceSpans(id), spans);
      assert.equal(packed.readerText(parsed.report).text, plain.readerText({ ...parsed.report }).text, name);
    }
  });
});
