/**
 * Vega-Lite specs for Dossier's charts, in the editor theme's colours. Pure: the spec is plain JSON that the
 * lazy engine (src/lazy/charts.ts) renders to SVG. Every label that comes from report text travels as data
 * and is drawn by Vega as escaped SVG text, never as markup.
 */
import type { Chart, ChartDatum } from './charts';

/** The colours and font a chart is drawn in; from the webview's CSS variables or the theme kind. */
export interface ChartTheme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  /** subtitles, source lines, axis titles */
  muted: string;
  background: string;
  grid: string;
  /** bar colours: the first for the data, the second for the figure nearest the cursor */
  accents: string[];
  font: string;
}

export type VegaLiteSpec = Record<string, unknown>;

/** VS Code's Light Modern colours (editor, charts.*), for exports and the CLI. */
export const lightTheme: ChartTheme = {
  kind: 'light',
  foreground: '#3b3b3b',
  muted: '#616161',
  background: '#ffffff',
  grid: '#e5e5e5',
  accents: ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400'],
  font: 'system-ui, -apple-system, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
};

/** VS Code's Dark Modern colours. */
export const darkTheme: ChartTheme = {
  kind: 'dark',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  background: '#1f1f1f',
  grid: '#3c3c3c',
  accents: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c'],
  font: lightTheme.font,
};

export const highContrastTheme: ChartTheme = {
  kind: 'high-contrast',
  foreground: '#ffffff',
  muted: '#ffffff',
  background: '#000000',
  grid: '#6fc3df',
  accents: ['#3794ff', '#ffd700', '#89d185', '#b180d7', '#f14c4c'],
  font: lightTheme.font,
};

export const highContrastLightTheme: ChartTheme = {
  ...lightTheme,
  kind: 'high-contrast-light',
  foreground: '#000000',
  muted: '#292929',
  grid: '#0f4a85',
  accents: ['#0f4a85', '#b5200d', '#388a34', '#652d90', '#e51400'],
};

export function themeForKind(kind: ChartTheme['kind']): ChartTheme {
  switch (kind) {
    case 'dark':
      return darkTheme;
    case 'high-contrast':
      return highContrastTheme;
    case 'high-contrast-light':
      return highContrastLightTheme;
    default:
      return lightTheme;
  }
}

/**
 * A theme from the webview's computed CSS variables (`--vscode-*`), falling back to the kind's palette for
 * anything missing or not a plain colour. The values arrive in a message, so each is checked before use.
 */
export function themeFromCssVariables(kind: ChartTheme['kind'], vars: Record<string, string>): ChartTheme {
  const base = themeForKind(kind);
  const colour = (name: string, fallback: string) => {
    const v = vars[name]?.trim();
    return v && isCssColour(v) ? v : fallback;
  };
  // bars must be solid: some themes give chart colours an alpha, which reads as "faded", not "emphasised"
  const accents = [
    '--vscode-charts-blue',
    '--vscode-charts-orange',
    '--vscode-charts-green',
    '--vscode-charts-purple',
    '--vscode-charts-red',
  ].map((name, i) => opaque(colour(name, base.accents[i] as string)));
  const font = vars['--vscode-font-family']?.trim();
  return {
    kind,
    foreground: colour('--vscode-editor-foreground', colour('--vscode-foreground', base.foreground)),
    muted: colour('--vscode-descriptionForeground', base.muted),
    background: colour('--vscode-editor-background', base.background),
    grid: colour('--vscode-charts-lines', base.grid),
    accents,
    font: font && /^[\w\s,"'.-]{1,200}$/.test(font) ? font : base.font,
  };
}

/** The colour without its alpha channel (#rrggbbaa → #rrggbb, rgba() → rgb()). */
export function opaque(colour: string): string {
  if (/^#[0-9a-f]{8}$/i.test(colour)) return colour.slice(0, 7);
  if (/^#[0-9a-f]{4}$/i.test(colour)) return colour.slice(0, 4);
  const rgba = /^rgba\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)/i.exec(colour);
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : colour;
}

/** Hex, rgb()/rgba()/hsl() with plain numbers, or a bare colour name: nothing that could carry markup. */
export function isCssColour(value: string): boolean {
  return /^#[0-9a-f]{3,8}$/i.test(value) || /^(rgb|rgba|hsl|hsla)\(\s*[\d.%\s,/-]+\)$/i.test(value) || /^[a-z]{3,20}$/i.test(value);
}

export interface SpecOptions {
  /** figure id drawn in the emphasis colour (the one nearest the cursor) */
  highlight?: string;
  /** width of the plot area in px */
  width?: number;
}

/** A Vega-Lite spec for a chart: title, source line, axis titles, description, theme colours. */
export function chartSpec(chart: Chart, theme: ChartTheme, options: SpecOptions = {}): VegaLiteSpec {
  const width = options.width ?? 260;
  const values = chart.data.map(d => ({
    label: d.label,
    value: d.value,
    text: d.text,
    figure: d.figureId ?? '',
    emphasis: !!options.highlight && d.figureId === options.highlight,
    // what a screen reader says for each bar: the figure as written, not Vega's "$500G"
    spoken: `${d.label}: ${d.text}`,
  }));
  const units = [...new Set(chart.data.map(d => d.unit))];
  let body: VegaLiteSpec;
  if (chart.mark === 'arc') body = arcBody(chart, values, theme);
  else if (units.length > 1) body = panelsBody(chart, units, values, theme, width);
  else body = cartesianBody(chart, chart.data, values, theme, width);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: chart.description,
    title: {
      text: wrap(chart.title, 52),
      subtitle: wrap(chart.source, 64),
      anchor: 'start',
      color: theme.foreground,
      subtitleColor: theme.muted,
      fontSize: 14,
      subtitleFontSize: 11,
      subtitlePadding: 4,
      offset: 12,
    },
    background: theme.background,
    padding: 12,
    ...body,
    config: {
      font: theme.font,
      view: { stroke: null },
      axis: {
        labelColor: theme.foreground,
        titleColor: theme.muted,
        domainColor: theme.grid,
        tickColor: theme.grid,
        gridColor: theme.grid,
        labelFontSize: 11,
        titleFontSize: 11,
        titleFontWeight: 'normal',
        labelLimit: 180,
      },
      legend: { labelColor: theme.foreground, titleColor: theme.muted, labelFontSize: 11, titleFontSize: 11, labelLimit: 220 },
      text: { color: theme.foreground, fontSize: 11 },
    },
  };
}

type Row = { label: string; value: number; text: string; figure: string; emphasis: boolean; spoken: string };

/** Horizontal bars (or points) with each figure's value as written beside it. */
function cartesianBody(chart: Chart, data: ChartDatum[], values: Row[], theme: ChartTheme, width: number): VegaLiteSpec {
  const unit = data[0]?.unit ?? '';
  const log = chart.scale === 'log';
  // shares of one whole: the axis ends at 100 percent, not at 140 to make room for a label
  const domain: [number, number] =
    chart.shares && !log
      ? [0, 100]
      : valueDomain(
          data.map(d => d.value),
          log,
        );
  const gridlines = log ? powersOfTen(domain, Math.max(...data.map(d => d.value))) : [];
  const colour = {
    condition: { test: 'datum.emphasis', value: theme.accents[1] },
    value: theme.accents[0],
  };
  const x: Record<string, unknown> = {
    field: 'value',
    type: 'quantitative',
    title: valueTitle(chart.valueTitle ?? unitName(unit), log ? gridlines : []),
    scale: log ? { type: 'log', domain, nice: false } : { domain, nice: false, zero: true },
    axis: {
      format: axisFormat(unit),
      // d3's SI prefix G is "giga"; analysts read billions as B
      labelExpr: "datum.value === 0 ? '0' : replace(datum.label, 'G', 'B')",
      values: log ? gridlines : undefined,
      tickCount: log ? undefined : 5,
      labelFlush: true,
    },
  };
  const y = {
    field: 'label',
    type: 'nominal',
    sort: null,
    title: chart.categoryTitle ?? null,
    axis: { labelLimit: 200, titleAngle: 0, titleAlign: 'right', titleAnchor: 'end', titleY: -6, titleX: -8 },
  };
  if (chart.mark === 'line') {
    return {
      data: { values },
      width,
      height: 180,
      layer: [
        {
          mark: { type: 'line', point: true, color: theme.accents[0] },
          encoding: {
            x: { ...y, axis: { labelAngle: 0 } },
            y: { ...x, axis: { format: axisFormat(unit) } },
            description: { field: 'spoken' },
          },
        },
        { mark: { type: 'text', dy: -10, aria: false }, encoding: { x: { ...y }, y: { ...x }, text: { field: 'text' } } },
      ],
    };
  }
  const mark =
    chart.mark === 'point' ? { type: 'point', filled: true, size: 90 } : { type: 'bar', cornerRadiusEnd: 2, height: { band: 0.7 } };
  return {
    data: { values },
    width,
    height: { step: 26 },
    encoding: { y, x },
    layer: [
      // a log scale has no zero: bars start at the axis' lower end
      {
        mark,
        encoding: {
          color: colour,
          description: { field: 'spoken' },
          // a label cut by the axis is whole in the bar's tooltip
          tooltip: [
            { field: 'label', type: 'nominal', title: chart.categoryTitle ?? 'figure' },
            { field: 'text', type: 'nominal', title: 'value' },
          ],
          ...(log && chart.mark !== 'point' ? { x2: { datum: domain[0] } } : {}),
        },
      },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, aria: false }, encoding: { text: { field: 'text' } } },
    ],
  };
}

/** Figures in different units (copper in pounds, gold in ounces): one small panel per unit, stacked. */
function panelsBody(chart: Chart, units: string[], values: Row[], theme: ChartTheme, width: number): VegaLiteSpec {
  return {
    vconcat: units.map(unit => {
      const data = chart.data.filter(d => d.unit === unit);
      const rows = values.filter((_, i) => chart.data[i]?.unit === unit);
      const panel = cartesianBody({ ...chart, scale: 'linear', valueTitle: undefined }, data, rows, theme, width);
      return panel;
    }),
    spacing: 14,
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

/** A part of a whole (textiles' share of exports): a donut with the parts labelled and a legend. */
function arcBody(chart: Chart, values: Row[], theme: ChartTheme): VegaLiteSpec {
  const colours = values.map((row, i) => (row.figure ? theme.accents[i % theme.accents.length] : theme.grid));
  const rows = values.map(row => ({ ...row, label: `${row.label}: ${row.text}` }));
  return {
    data: { values: rows },
    width: 170,
    height: 170,
    layer: [
      {
        mark: { type: 'arc', innerRadius: 48, outerRadius: 84, stroke: theme.background, strokeWidth: 2 },
        encoding: {
          description: { field: 'spoken' },
          theta: { field: 'value', type: 'quantitative', stack: true },
          color: {
            field: 'label',
            type: 'nominal',
            sort: null,
            title: chart.categoryTitle ?? null,
            scale: { domain: rows.map(v => v.label), range: colours },
            legend: { orient: 'right', direction: 'vertical', symbolType: 'square', symbolSize: 120, labelFontSize: 12 },
          },
        },
      },
    ],
  };
}

/** Headroom on the right so the value written beside the longest bar stays inside the chart. */
export function valueDomain(values: number[], log: boolean): [number, number] {
  const positive = values.filter(v => v > 0);
  const max = Math.max(...positive, 1);
  if (!log) return [0, niceUp(max * 1.45)];
  const min = Math.min(...positive, max);
  // the smallest bar keeps a visible length: the axis starts one power of ten below it
  const low = Math.pow(10, Math.floor(Math.log10(min)) - 1);
  // place the largest value at about 70% of the axis, leaving the rest for its label
  const span = (Math.log10(max) - Math.log10(low)) / 0.7;
  return [low, Math.pow(10, Math.log10(low) + Math.max(span, 1))];
}

/** Gridlines at powers of ten up to just past the largest value, every other one when there are many. */
function powersOfTen([low, high]: [number, number], max: number): number[] {
  const top = Math.min(Math.floor(Math.log10(high)), Math.ceil(Math.log10(max)));
  const bottom = Math.ceil(Math.log10(low));
  const step = top - bottom > 5 ? 2 : 1;
  const values: number[] = [];
  for (let e = bottom; e <= top; e += step) values.push(Math.pow(10, e));
  return values;
}

function niceUp(v: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function axisFormat(unit: string): string {
  if (unit === 'USD') return '$~s';
  if (unit === 'percent') return '~r';
  return '~s';
}

const unitNames: Record<string, string> = {
  USD: 'US dollars',
  percent: 'Percent',
  count: 'Number',
  lb: 'Pounds',
  oz: 'Troy ounces',
  km2: 'Square kilometres',
  years: 'Years',
};

export function unitName(unit: string): string {
  return unitNames[unit] ?? (/^[A-Z]{3}$/.test(unit) ? unit : unit.charAt(0).toUpperCase() + unit.slice(1));
}

/** The value axis' title; on a log scale it says how far apart the gridlines are. */
function valueTitle(name: string, logGridlines: number[]): string {
  if (logGridlines.length < 2) return logGridlines.length ? `${name} (log scale)` : name;
  const ratio = Math.round((logGridlines[1] as number) / (logGridlines[0] as number));
  return `${name} (log scale: each gridline is ${ratio === 10 ? 'ten' : ratio === 100 ? 'a hundred' : ratio} times the last)`;
}

/** Splits a long title into lines of at most `width` characters (Vega titles do not wrap themselves). */
export function wrap(text: string, width: number): string | string[] {
  if (text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
