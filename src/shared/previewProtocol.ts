/**
 * The messages between the chart preview's host (src/preview) and its webview (src/webview), both ways.
 * Each side validates every message it receives with the parser below before acting on it: a webview is
 * a web page, and a message is only data.
 */

/** A figure of a chart, as the webview lists it under the chart. */
export interface ChartFigureView {
  reportId: string;
  figureId: string;
  label: string;
  /** the figure as written ("US$845 million") */
  text: string;
}

export interface ChartView {
  id: string;
  title: string;
  origin: 'curated' | 'auto' | 'declared';
  /** SVG rendered by the host from escaped data: the only markup the webview inserts */
  svg: string;
  description: string;
  figures: ChartFigureView[];
}

/** A report figure the note uses: listed compactly, click to reveal it in the report. */
export interface UsedFigureView {
  reportId: string;
  figureId: string;
  text: string;
  subject: string;
  reportTitle: string;
  how: string[];
}

/** A declared chart block that could not be (fully) drawn. */
export interface ChartErrorView {
  chartId: string;
  message: string;
  /** 1-based line of the block in the note */
  line: number;
}

export interface Highlight {
  chartId: string;
  figureId?: string;
}

export interface PreviewState {
  /** the note the preview follows; absent before one is opened */
  note?: { name: string; uri: string };
  charts: ChartView[];
  figures: UsedFigureView[];
  errors: ChartErrorView[];
  highlight?: Highlight;
  /** shown instead of charts: no note, no figures, library still loading, render failure */
  message?: string;
}

export type HostMessage =
  { type: 'state'; state: PreviewState } | { type: 'highlight'; highlight?: Highlight } | { type: 'notice'; text: string };

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export type WebviewMessage =
  /** the page loaded (or reloaded) and wants the current state */
  | { type: 'ready' }
  /** the page's computed `--vscode-*` colours, so charts are drawn in the editor theme */
  | { type: 'theme'; kind: ThemeKind; vars: Record<string, string> }
  | { type: 'revealFigure'; reportId: string; figureId: string }
  | { type: 'exportChart'; chartId: string }
  | { type: 'insertLink'; chartId: string }
  /** what the page now shows (tests and the debug command read it) */
  | { type: 'rendered'; chartIds: string[]; highlighted?: string; errors: number };

/** What the webview keeps with getState/setState across hides and reloads. */
export interface PreviewWebviewState {
  noteUri?: string;
  scrollY: number;
  selectedChart?: string;
  lastState?: PreviewState;
}

// ---------------------------------------------------------------------------------------------------------
// limits

/** What the parsers below accept; the host fits its state to them before sending (fitPreviewState). */
export const PREVIEW_LIMITS = { text: 10_000, svg: 2_000_000, how: 20, notice: 1000 } as const;

// ---------------------------------------------------------------------------------------------------------
// validation

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max: number = PREVIEW_LIMITS.text): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && /^[\w.:-]{1,200}$/.test(v);
const optional = <T>(v: unknown, check: (v: unknown) => v is T): boolean => v === undefined || check(v);
const themeKinds: readonly ThemeKind[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

/** A message from the webview, or undefined when it is not one we know in a shape we accept. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'theme': {
      if (!themeKinds.includes(raw.kind as ThemeKind) || !isObj(raw.vars)) return undefined;
      const vars: Record<string, string> = {};
      for (const [name, value] of Object.entries(raw.vars).slice(0, 100)) {
        if (/^--vscode-[\w-]{1,80}$/.test(name) && isStr(value, 300)) vars[name] = value;
      }
      return { type: 'theme', kind: raw.kind as ThemeKind, vars };
    }
    case 'revealFigure':
      return isId(raw.reportId) && isId(raw.figureId)
        ? { type: 'revealFigure', reportId: raw.reportId, figureId: raw.figureId }
        : undefined;
    case 'exportChart':
    case 'insertLink':
      return isId(raw.chartId) ? { type: raw.type, chartId: raw.chartId } : undefined;
    case 'rendered':
      return Array.isArray(raw.chartIds) &&
        raw.chartIds.length <= 500 &&
        raw.chartIds.every(isId) &&
        optional(raw.highlighted, isId) &&
        typeof raw.errors === 'number'
        ? { type: 'rendered', chartIds: raw.chartIds as string[], highlighted: raw.highlighted as string | undefined, errors: raw.errors }
        : undefined;
    default:
      return undefined;
  }
}

function isHighlight(v: unknown): v is Highlight {
  return isObj(v) && isId(v.chartId) && optional(v.figureId, isId);
}

function isChartView(v: unknown): v is ChartView {
  return (
    isObj(v) &&
    isId(v.id) &&
    isStr(v.title) &&
    ['curated', 'auto', 'declared'].includes(v.origin as string) &&
    isStr(v.svg, PREVIEW_LIMITS.svg) &&
    v.svg.startsWith('<svg') &&
    isStr(v.description) &&
    Array.isArray(v.figures) &&
    v.figures.every(f => isObj(f) && isId(f.reportId) && isId(f.figureId) && isStr(f.label) && isStr(f.text))
  );
}

function isUsedFigure(v: unknown): v is UsedFigureView {
  return (
    isObj(v) &&
    isId(v.reportId) &&
    isId(v.figureId) &&
    isStr(v.text) &&
    isStr(v.subject) &&
    isStr(v.reportTitle) &&
    Array.isArray(v.how) &&
    v.how.every(h => isStr(h, PREVIEW_LIMITS.how))
  );
}

function isErrorView(v: unknown): v is ChartErrorView {
  return isObj(v) && isId(v.chartId) && isStr(v.message) && typeof v.line === 'number';
}

export function isPreviewState(v: unknown): v is PreviewState {
  return (
    isObj(v) &&
    optional(v.note, (n): n is PreviewState['note'] => isObj(n) && isStr(n.name) && isStr(n.uri)) &&
    Array.isArray(v.charts) &&
    v.charts.every(isChartView) &&
    Array.isArray(v.figures) &&
    v.figures.every(isUsedFigure) &&
    Array.isArray(v.errors) &&
    v.errors.every(isErrorView) &&
    optional(v.highlight, isHighlight) &&
    optional(v.message, (m): m is string => isStr(m))
  );
}

/** A message from the host, or undefined when malformed. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObj(raw)) return undefined;
  switch (raw.type) {
    case 'state':
      return isPreviewState(raw.state) ? { type: 'state', state: raw.state } : undefined;
    case 'highlight':
      return optional(raw.highlight, isHighlight) ? { type: 'highlight', highlight: raw.highlight as Highlight | undefined } : undefined;
    case 'notice':
      return isStr(raw.text, PREVIEW_LIMITS.notice) ? { type: 'notice', text: raw.text } : undefined;
    default:
      return undefined;
  }
}

/** Stands in for a chart whose SVG cannot be sent: the chart keeps its title, figures and place. */
function svgNotice(text: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 40" role="img" aria-label="${text}"><text x="8" y="24">${text}</text></svg>`;
}

/**
 * The state as the webview will accept it (isPreviewState): text over its limit is cut with "…", a chart's
 * SVG over its limit is replaced by a line saying so, items whose ids are unusable are left out. One
 * over-long string never costs the whole state. `cut` names what was changed, for the log.
 */
export function fitPreviewState(state: PreviewState): { state: PreviewState; cut: string[] } {
  const cut: string[] = [];
  const text = (value: string, what: string): string => {
    if (value.length <= PREVIEW_LIMITS.text) return value;
    cut.push(`${what}: ${value.length} characters, cut to ${PREVIEW_LIMITS.text}`);
    return value.slice(0, PREVIEW_LIMITS.text - 1) + '\u2026';
  };
  const ids = (what: string, ...values: string[]): boolean => {
    if (values.every(isId)) return true;
    cut.push(`${what}: an unusable id, left out`);
    return false;
  };
  const charts = state.charts
    .filter(c => ids('a chart', c.id))
    .map(chart => {
      let svg = chart.svg;
      if (svg.length > PREVIEW_LIMITS.svg || !svg.startsWith('<svg')) {
        cut.push(`chart ${chart.id}: its SVG (${svg.length} characters) replaced by a notice`);
        svg = svgNotice(
          svg.length > PREVIEW_LIMITS.svg
            ? `This chart is too big to show (${(svg.length / 1_000_000).toFixed(1)} million characters of SVG).`
            : 'This chart could not be drawn.',
        );
      }
      return {
        ...chart,
        svg,
        title: text(chart.title, `chart ${chart.id} title`),
        description: text(chart.description, `chart ${chart.id} description`),
        figures: chart.figures
          .filter(f => ids(`a figure of chart ${chart.id}`, f.reportId, f.figureId))
          .map(f => ({ ...f, label: text(f.label, `figure ${f.figureId} label`), text: text(f.text, `figure ${f.figureId}`) })),
      };
    });
  const figures = state.figures
    .filter(f => ids('a figure the note uses', f.reportId, f.figureId))
    .map(f => ({
      ...f,
      text: text(f.text, `figure ${f.figureId}`),
      subject: text(f.subject, `figure ${f.figureId} subject`),
      reportTitle: text(f.reportTitle, `report ${f.reportId} title`),
      how: f.how.filter(h => h.length <= PREVIEW_LIMITS.how),
    }));
  const errors = state.errors
    .filter(e => ids('a chart error', e.chartId))
    .map(e => ({ ...e, message: text(e.message, `error of chart ${e.chartId}`) }));
  let note = state.note;
  if (note && note.uri.length > PREVIEW_LIMITS.text) {
    cut.push(`the note's address: ${note.uri.length} characters, left out`);
    note = undefined;
  }
  const highlight = state.highlight && isHighlight(state.highlight) ? state.highlight : undefined;
  if (state.highlight && !highlight) cut.push('the highlight: an unusable id, left out');
  const fitted: PreviewState = { charts, figures, errors };
  if (note) fitted.note = { ...note, name: text(note.name, "the note's name") };
  if (highlight) fitted.highlight = highlight;
  if (state.message !== undefined) fitted.message = text(state.message, 'the message');
  return { state: fitted, cut };
}
