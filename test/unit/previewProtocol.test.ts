import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPreviewState, isPreviewState, parseHostMessage, PREVIEW_LIMITS, type PreviewState } from '../../src/shared/previewProtocol';

const chart = (over: Partial<PreviewState['charts'][number]> = {}): PreviewState['charts'][number] => ({
  id: 'tariffs',
  title: 'Reciprocal tariff rates',
  origin: 'curated',
  svg: '<svg></svg>',
  description: 'Pakistan 29%',
  figures: [{ reportId: 'flux', figureId: 'f1', label: 'Pakistan', text: '29%' }],
  ...over,
});
const usedFigure = { reportId: 'flux', figureId: 'f1', text: '29%', subject: 'tariff on Pakistan', reportTitle: 'Flux', how: ['cited'] };

test('one over-long string is cut, not the whole state dropped; the log says what', () => {
  const long = 'x'.repeat(PREVIEW_LIMITS.text + 5);
  const state: PreviewState = {
    note: { name: 'memo.md', uri: 'file:///ws/memo.md' },
    charts: [chart({ title: long }), chart({ id: 'second' })],
    figures: [{ ...usedFigure, subject: long }],
    errors: [{ chartId: 'third', message: long, line: 4 }],
  };
  assert.equal(isPreviewState(state), false, 'as built, the page would refuse it');
  const { state: fitted, cut } = fitPreviewState(state);
  assert.equal(isPreviewState(fitted), true);
  assert.equal(parseHostMessage({ type: 'state', state: fitted })?.type, 'state');
  assert.deepEqual(
    fitted.charts.map(c => c.id),
    ['tariffs', 'second'],
  );
  assert.equal(fitted.charts[0].title.length, PREVIEW_LIMITS.text);
  assert.ok(fitted.charts[0].title.endsWith('…'));
  assert.equal(fitted.figures[0].subject.length, PREVIEW_LIMITS.text);
  assert.deepEqual(cut, [
    'chart tariffs title: 10005 characters, cut to 10000',
    'figure f1 subject: 10005 characters, cut to 10000',
    'error of chart third: 10005 characters, cut to 10000',
  ]);
});

test('an SVG over the limit becomes a notice in its place; an item with an unusable id is left out', () => {
  const { state, cut } = fitPreviewState({
    charts: [chart({ svg: '<svg>' + ' '.repeat(PREVIEW_LIMITS.svg) + '</svg>' }), chart({ id: 'bad id <img>' })],
    figures: [usedFigure, { ...usedFigure, figureId: '"><img>' }],
    errors: [],
    highlight: { chartId: 'tariffs', figureId: 'f 1' },
  });
  assert.equal(isPreviewState(state), true);
  assert.deepEqual(
    state.charts.map(c => c.id),
    ['tariffs'],
  );
  assert.match(state.charts[0].svg, /^<svg .*This chart is too big to show \(2\.0 million characters of SVG\)\.<\/text><\/svg>$/);
  assert.deepEqual(state.charts[0].figures, chart().figures);
  assert.equal(state.figures.length, 1);
  assert.equal(state.highlight, undefined);
  assert.deepEqual(cut, [
    'a chart: an unusable id, left out',
    'chart tariffs: its SVG (2000011 characters) replaced by a notice',
    'a figure the note uses: an unusable id, left out',
    'the highlight: an unusable id, left out',
  ]);
});

test('a state that fits is passed on as it is', () => {
  const state: PreviewState = { charts: [chart()], figures: [usedFigure], errors: [], message: 'No charts yet' };
  const fitted = fitPreviewState(state);
  assert.deepEqual(fitted, { state, cut: [] });
});
