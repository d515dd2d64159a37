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
  const count = state.charts.length;
  const counted = el('span', 'chart-count', `${count} chart${count === 1 ? '' : 's'}`);
  counted.title = 'Charts of the report figures this note mentions, cites or declares';
  heading.append(counted);
  header.append(heading);
  // the first control, so the first Tab from the note lands on the figure the analyst is writing about
  const atCursor = cursorFigure(state);
  if (atCursor) {
    const link = el('button', 'figure-link cursor-figure', `At the cursor: ${atCursor.label}: ${atCursor.text}`);
    link.title = 'Reveal the figure nearest the note’s cursor in the report';
    link.dataset.figureId = atCursor.figureId;
    link.addEventListener('click', () => post({ type: 'revealFigure', reportId: atCursor.reportId, figureId: atCursor.figureId }));
    header.append(link);
  }
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

/** The figure of the highlighted chart nearest the note's cursor, if the page shows it. */
function cursorFigure(state: PreviewState): (ChartView['figures'][number] & { figureId: string }) | undefined {
  const highlight = state.highlight;
  if (!highlight?.figureId) return undefined;
  return state.charts.find(c => c.id === highlight.chartId)?.figures.find(f => f.figureId === highlight.figureId);
}

/** What each kind of chart is, in the analyst's words (the label) and at more length (the tooltip). */
const ORIGINS: Record<ChartView['origin'], { label: string; title: string }> = {
  curated: {
    label: 'Prepared chart',
    title: 'A chart prepared with the report’s own data (bundled with Dossier): its figures were chosen and checked by hand.',
  },
  auto: {
    label: 'Drawn from your note',
    title: 'Dossier drew this chart from report figures your note mentions or cites that measure the same thing.',
  },
  declared: {
    label: 'Your chart block',
    title: 'Declared in a ```dossier-chart block of your note, which names its figures.',
  },
};

/** Identifies a control across redraws: its chart, its figure or its label. */
function focusKey(element: HTMLElement): string {
  const chart = element.closest<HTMLElement>('.chart')?.dataset.chartId ?? (element.closest('.figures-used') ? 'used' : '');
  return `${chart}\u0000${element.dataset.figureId ?? element.textContent ?? ''}`;
}

function chartCard(chart: ChartView): HTMLElement {
  const card = el('section', `chart origin-${chart.origin}`);
  card.dataset.chartId = chart.id;
  card.tabIndex = -1;
  card.setAttribute('aria-label', chart.title);
  if (saved.selectedChart === chart.id) card.classList.add('selected');

  const toolbar = el('div', 'chart-toolbar');
  const kind = el('span', 'chart-kind', ORIGINS[chart.origin].label);
  kind.title = ORIGINS[chart.origin].title;
  toolbar.append(kind);
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

/** How the note uses a figure, in words: "mentioned and cited". */
const USES: Record<string, string> = { mention: 'mentioned', citation: 'cited', declared: 'in a chart block' };

function usedHow(how: string[]): string {
  const words = how.map(h => USES[h] ?? h);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : (words[0] ?? '');
}

/** A table that aligns: the figure as written (never wrapped), what it measures, how the note uses it. */
function figureList(figures: UsedFigureView[]): HTMLElement {
  const section = document.createElement('vscode-collapsible');
  section.setAttribute('title', `Report figures this note uses (${figures.length})`);
  section.setAttribute('open', '');
  section.className = 'figures-used';
  const severalReports = new Set(figures.map(f => f.reportId)).size > 1;
  const table = el('table', 'used-figures');
  const head = el('tr');
  const columns: [string, string][] = [
    ['Figure', 'The number as the report writes it; activate it to reveal it in the report'],
    ['What it measures', 'What the report says the number is'],
    ['In your note', 'Mentioned: the note writes the number. Cited: the note cites the paragraph that states it.'],
  ];
  if (severalReports) columns.push(['Report', 'The report that states it']);
  for (const [label, title] of columns) {
    const th = el('th', undefined, label);
    th.scope = 'col';
    th.title = title;
    head.append(th);
  }
  table.append(el('thead'), el('tbody'));
  table.tHead!.append(head);
  for (const f of figures) {
    const row = el('tr');
    const link = el('button', 'figure-link', f.text);
    link.dataset.figureId = f.figureId;
    link.title = `Reveal in “${f.reportTitle}”`;
    link.addEventListener('click', () => post({ type: 'revealFigure', reportId: f.reportId, figureId: f.figureId }));
    const figure = el('td', 'figure-text');
    figure.append(link);
    const how = el('td', 'figure-how', usedHow(f.how));
    how.title = columns[2]![1];
    row.append(figure, el('td', 'figure-subject', f.subject), how);
    if (severalReports) row.append(el('td', 'figure-report', f.reportTitle));
    table.tBodies[0]!.append(row);
  }
  section.append(table);
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

/** The one live region of the page: a status line read out when Dossier reports something (an export). */
let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function notice(text: string): void {
  const bar = document.getElementById('status');
  if (!bar) return;
  bar.textContent = text;
  bar.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    bar.hidden = true;
    bar.textContent = '';
  }, 6000);
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

// VS Code swaps the body's theme class and CSS variables when the colour theme changes
new MutationObserver(() => reportTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

if (current) render(current);
reportTheme();
post({ type: 'ready' });
