import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SpanIndex, mergeRanges, spanTouching, type SpanKind } from '../../src/core/spans';
import { assertLinear } from './linear';

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
