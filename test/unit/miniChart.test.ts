import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../src/core/parse';
import { barChartSvg, comparableFigures, svgDataUri } from '../../src/core/miniChart';

test('bars are drawn for every figure, the highlighted one in its own colour', () => {
  const svg = barChartSvg(
    [
      { label: 'Pakistan', value: 29, highlight: true },
      { label: 'Bangladesh', value: 39 },
      { label: 'Vietnam', value: 46 },
    ],
    { title: 'Reciprocal tariff', format: v => `${v}%` },
  );
  assert.equal((svg.match(/<rect /g) ?? []).length, 3);
  assert.match(svg, /fill="#3794ff"/);
  assert.match(svg, />46%</);
  assert.match(svg, /^<svg [^>]*role="img"/);
});

test('labels are escaped', () => {
  const svg = barChartSvg([{ label: '<img src=x onerror=alert(1)>', value: 1 }], { title: '"><script>' });
  assert.doesNotMatch(svg, /<img|<script/);
  assert.match(svg, /&lt;img src=x/);
});

test('many bars are cut to the largest, keeping the highlighted one', () => {
  const bars = Array.from({ length: 20 }, (_, i) => ({ label: `b${i}`, value: i + 1, highlight: i === 0 }));
  const svg = barChartSvg(bars, { maxBars: 5 });
  assert.equal((svg.match(/<rect /g) ?? []).length, 5);
  assert.match(svg, />b0</);
});

test('empty and odd values never throw', () => {
  assert.doesNotThrow(() => barChartSvg([]));
  assert.doesNotThrow(() =>
    barChartSvg([
      { label: 'x', value: NaN },
      { label: 'y', value: -3 },
      { label: 'z', value: 0 },
    ]),
  );
});

test('the data URI is base64 of the UTF-8 text', () => {
  const svg = barChartSvg([{ label: 'Türkiye – €', value: 2 }]);
  const uri = svgDataUri(svg);
  assert.match(uri, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/);
  assert.equal(Buffer.from(uri.split(',')[1]!, 'base64').toString('utf8'), svg);
});

test('values spanning orders of magnitude are drawn on a log scale, and say so', () => {
  const svg = barChartSvg(
    [
      { label: 'a', value: 845e6, highlight: true },
      { label: 'b', value: 6e12 },
    ],
    { title: 'Amounts' },
  );
  assert.match(svg, /Amounts \(log scale\)/);
  const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map(m => Number(m[1]));
  assert.ok(widths[0]! > 20, `the small bar is visible: ${widths}`);
  assert.doesNotMatch(
    barChartSvg(
      [
        { label: 'a', value: 29 },
        { label: 'b', value: 46 },
      ],
      { title: 'T' },
    ),
    /log scale/,
  );
});

test('long labels are cut to their column', () => {
  const svg = barChartSvg([{ label: 'multisector funding suspended by the Trump administration', value: 1 }], { width: 360 });
  const label = /text-anchor="end"[^>]*>([^<]*)</.exec(svg)![1]!;
  assert.ok(label.length <= 28 && label.endsWith('…'), label);
});

test('the hover chart of a share of exports puts only shares of exports beside it, never tariff rates', () => {
  const report = parseReport(
    [
      '# Trade',
      '',
      '## Exports',
      '',
      'Textiles make up 77 percent of exports. Leather goods make up 5 percent of exports.',
      '',
      'The United States set a 29 percent reciprocal tariff on Pakistan, against 37 percent on Bangladesh.',
      '',
    ].join('\n'),
    { source: 'trade.md' },
  );
  const textiles = report.figures.find(f => f.value === 77)!;
  assert.deepEqual(
    comparableFigures(report, textiles).map(f => f.value),
    [77, 5],
  );
  const tariff = report.figures.find(f => f.value === 29)!;
  assert.ok(!comparableFigures(report, tariff).some(f => f.value === 77 || f.value === 5));
});
