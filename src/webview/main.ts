/**
 * The chart preview page. It draws what the host sends: chart SVGs (rendered by the host from escaped data,
 * and sanitised again here), figure lists and errors as text nodes. It reports the editor theme's colours
 * so the host draws charts to match, and keeps scroll and selection with getState/setState.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import {
  parseHostMessage,
  isPreviewState,
  type ChartErrorView,
  type ChartView,
  type Highlight,
  type PreviewState,
  type PreviewWebviewState,
  type ThemeKind,
  type UsedFigureView,
  type WebviewMessage,
} from '../shared/previewProtocol';
import { sanitizeSvg } from './sanitizeSvg';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PreviewWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let saved: PreviewWebviewState = restore(vscode.getState());
let current: PreviewState | undefined = saved.lastState;

function restore(raw: unknown): PreviewWebviewState {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    noteUri: typeof s.noteUri === 'string' ? s.noteUri : undefined,
    scrollY: typeof s.scrollY === 'number' ? s.scrollY : 0,
    selectedChart: typeof s.selectedChart === 'string' ? s.selectedChart : undefined,
    lastState: isPreviewState(s.lastState) ? s.lastState : undefined,
  };
}

function save(patch: Partial<PreviewWebviewState>): void {
  saved = { ...saved, ...patch };
  vscode.setState(saved);
}

// ---------------------------------------------------------------------------------------------------------
// drawing

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, title: string, onClick: () => void, secondary = true): HTMLElement {
  const b = document.createElement('vscode-button');
  b.textContent = label;
  b.title = title;
  if (secondary) b.setAttribute('secondary', '');
  b.addEventListener('click', onClick);
  return b;
}

function render(state: PreviewState): void {
  current = state;
  save({ lastState: state, noteUri: state.note?.uri });
  const children: HTMLElement[] = [];

  const header = el('header', 'preview-header');
  const heading = el('h1', undefined, state.note ? state.note.name : 'Dossier Charts');
  const badge = document.createElement('vscode-badge');
  badge.textContent = String(state.charts.length);
  badge.title = `${state.charts.length} chart${state.charts.length === 1 ? '' : 's'}`;
  heading.append(' ', badge);
  header.append(heading);
  children.push(header);

  if (state.message) children.push(el('p', 'message', state.message));
  for (const error of state.errors) children.push(errorCard(error));
  const charts = el('div', 'charts');
  for (const chart of state.charts) charts.append(chartCard(chart));
  children.push(charts);
  if (state.figures.length) children.push(figureList(state.figures));

  // a redraw (typing in the note, a theme change) must not drop the keyboard focus
  const focused =
    document.activeElement instanceof HTMLElement && app.contains(document.activeElement) ? focusKey(document.activeElement) : undefined;
  app.replaceChildren(...children);
  applyHighlight(state.highlight, false);
  if (focused)
    Array.from(app.querySelectorAll<HTMLElement>('button, vscode-button'))
      .find(e => focusKey(e) === focused)
      ?.focus();
  window.scrollTo(0, saved.scrollY);
  reportRendered();
}

/** Identifies a control across redraws: its chart, its figure or its label. */
function focusKey(element: HTMLElement): string {
  const chart = element.closest<HTMLElement>('.chart')?.dataset.chartId ?? '';
  return `${chart}\u0000${element.dataset.figureId ?? element.textContent ?? ''}`;
}

function chartCard(chart: ChartView): HTMLElement {
  const card = el('section', `chart origin-${chart.origin}`);
  card.dataset.chartId = chart.id;
  card.tabIndex = -1;
  card.setAttribute('aria-label', chart.title);
  if (saved.selectedChart === chart.id) card.classList.add('selected');

  const toolbar = el('div', 'chart-toolbar');
  toolbar.append(
    el('span', 'chart-kind', chart.origin === 'declared' ? 'declared in the note' : chart.origin === 'auto' ? 'automatic' : 'curated'),
  );
  toolbar.append(
    button('Export as SVG', 'Save this chart as charts/<id>.svg in the workspace and link it in the note', () =>
      post({ type: 'exportChart', chartId: chart.id }),
    ),
    button('Insert link', 'Insert a Markdown image link to this chart at the cursor of the note', () =>
      post({ type: 'insertLink', chartId: chart.id }),
    ),
  );
  card.append(toolbar);

  const figure = el('figure', 'chart-figure');
  const svg = sanitizeSvg(chart.svg);
  if (svg) figure.append(svg);
  else figure.append(el('p', 'message', 'This chart could not be shown.'));
  card.append(figure);

  const figures = el('ul', 'chart-figures');
  figures.setAttribute('aria-label', 'Figures in this chart');
  for (const f of chart.figures) {
    const item = el('li');
    const link = el('button', 'figure-link', `${f.label}: ${f.text}`);
    link.dataset.figureId = f.figureId;
    link.title = 'Reveal this figure in the report';
    link.addEventListener('click', () => post({ type: 'revealFigure', reportId: f.reportId, figureId: f.figureId }));
    item.append(link);
    figures.append(item);
  }
  card.append(figures);
  card.addEventListener('click', event => {
    if ((event.target as HTMLElement).closest('vscode-button, button')) return;
    save({ selectedChart: chart.id });
    for (const c of Array.from(app.querySelectorAll('.chart.selected'))) c.classList.remove('selected');
    card.classList.add('selected');
  });
  return card;
}

function errorCard(error: ChartErrorView): HTMLElement {
  const card = el('section', 'chart-error');
  card.dataset.chartId = error.chartId;
  card.setAttribute('role', 'alert');
  card.append(el('strong', undefined, `Chart block on line ${error.line}`), el('p', undefined, error.message));
  return card;
}

function figureList(figures: UsedFigureView[]): HTMLElement {
  const section = document.createElement('vscode-collapsible');
  section.setAttribute('title', `Report figures this note uses (${figures.length})`);
  section.setAttribute('open', '');
  section.className = 'figures-used';
  const list = el('ul', 'used-figures');
  for (const f of figures) {
    const item = el('li');
    const link = el('button', 'figure-link', f.text);
    link.title = `Reveal in “${f.reportTitle}”`;
    link.addEventListener('click', () => post({ type: 'revealFigure', reportId: f.reportId, figureId: f.figureId }));
    item.append(link, el('span', 'figure-subject', f.subject), el('span', 'figure-how', f.how.join(', ')));
    list.append(item);
  }
  section.append(list);
  return section;
}

function highlightKey(highlight: Highlight | undefined): string {
  return highlight ? `${highlight.chartId}\u0000${highlight.figureId ?? ''}` : '';
}

function applyHighlight(highlight: Highlight | undefined, scroll = true): void {
  for (const c of Array.from(app.querySelectorAll('.chart.highlighted'))) c.classList.remove('highlighted');
  for (const f of Array.from(app.querySelectorAll('.figure-link.highlighted'))) f.classList.remove('highlighted');
  if (!highlight) return;
  const card = Array.from(app.querySelectorAll<HTMLElement>('.chart')).find(c => c.dataset.chartId === highlight.chartId);
  if (!card) return;
  card.classList.add('highlighted');
  const figure = Array.from(card.querySelectorAll<HTMLElement>('.figure-link')).find(f => f.dataset.figureId === highlight.figureId);
  figure?.classList.add('highlighted');
  if (scroll) card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function notice(text: string): void {
  let bar = document.getElementById('notice');
  if (!bar) {
    bar = el('div', 'notice');
    bar.id = 'notice';
    bar.setAttribute('role', 'status');
    document.body.append(bar);
  }
  bar.textContent = text;
  bar.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    if (bar) bar.hidden = true;
  }, 4000);
}

function reportRendered(): void {
  const charts = Array.from(app.querySelectorAll<HTMLElement>('.chart')).map(c => c.dataset.chartId ?? '');
  const highlighted = app.querySelector<HTMLElement>('.chart.highlighted')?.dataset.chartId;
  post({ type: 'rendered', chartIds: charts, highlighted, errors: app.querySelectorAll('.chart-error').length });
}

// ---------------------------------------------------------------------------------------------------------
// theme

const themeVariables = [
  '--vscode-editor-foreground',
  '--vscode-foreground',
  '--vscode-editor-background',
  '--vscode-descriptionForeground',
  '--vscode-charts-foreground',
  '--vscode-charts-lines',
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-font-family',
];

function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

let lastTheme = '';
function reportTheme(): void {
  const style = getComputedStyle(document.documentElement);
  const vars: Record<string, string> = {};
  for (const name of themeVariables) {
    const value = style.getPropertyValue(name).trim();
    if (value) vars[name] = value;
  }
  const message: WebviewMessage = { type: 'theme', kind: themeKind(), vars };
  const key = JSON.stringify(message);
  if (key === lastTheme) return;
  lastTheme = key;
  post(message);
}

// ---------------------------------------------------------------------------------------------------------
// wiring

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

window.addEventListener('message', event => {
  const message = parseHostMessage(event.data);
  if (!message) return; // not ours, or malformed: ignore
  switch (message.type) {
    case 'state': {
      const moved = highlightKey(message.state.highlight) !== highlightKey(current?.highlight);
      render(message.state);
      // scroll only when the cursor moved to another figure, not on every keystroke
      if (moved) applyHighlight(message.state.highlight);
      return;
    }
    case 'highlight':
      if (current) current = { ...current, highlight: message.highlight };
      applyHighlight(message.highlight);
      reportRendered();
      return;
    case 'notice':
      notice(message.text);
      return;
  }
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => save({ scrollY: window.scrollY }), 150);
});

// Coming to the panel from the note: start on the figure under the note's cursor, so Enter reveals it in
// the report and Tab walks on from there.
window.addEventListener('focus', () =>
  setTimeout(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement && app.contains(active)) return;
    app.querySelector<HTMLElement>('.chart.highlighted .figure-link.highlighted')?.focus();
  }, 0),
);

// VS Code swaps the body's theme class and CSS variables when the colour theme changes
new MutationObserver(() => reportTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

if (current) render(current);
reportTheme();
post({ type: 'ready' });
