import * as vscode from 'vscode';
import { chartsForNoteSteps, nearestChart, type Chart, type CuratedChartFile, type NoteCharts } from '../core/charts';
import { themeKind as kindOf } from '../shared/theme';
import { chartSpec, lightTheme, themeForKind, themeFromCssVariables, type ChartTheme } from '../core/chartSpec';
import type { Library } from '../core/library';
import { chartEngine } from '../lazy/load';
import type { DossierServices } from '../services';
import {
  fitPreviewState,
  parseWebviewMessage,
  PREVIEW_LIMITS,
  type ChartView,
  type Highlight,
  type HostMessage,
  type PreviewState,
  type WebviewMessage,
} from '../shared/previewProtocol';
import { noteAnalysisInSlices } from '../shared/noteAnalysis';
import { runInSlices } from '../core/steps';
import type { ReportTarget } from '../shared/targets';
import { logError, runCommand } from '../shell/commands';
import { isNoteDocument } from '../shared/notes';
import { exists } from '../shared/files';
import { exportTarget, imageLink, insertAfterBlock, writeSvg } from './exportChart';
import { webviewOptions } from '../shared/webviewPage';
import { previewHtml } from './html';
import { errorMessage } from '../core/errors';

/** How long typing must pause before the charts are rebuilt. */
const TYPING_DEBOUNCE_MS = 250;
const CURSOR_DEBOUNCE_MS = 60;

/** What the debug command reports: what the host last posted and what the page says it shows. */
export interface PreviewDebugState {
  posted?: PreviewState;
  rendered?: { chartIds: string[]; highlighted?: string; errors: number };
  html: string;
  noteUri?: string;
  viewColumn?: number;
  visible: boolean;
  active: boolean;
  /** the last notification the panel showed, with its buttons */
  notified?: { message: string; buttons: string[] };
  renders: number;
}

/**
 * The chart panel beside the notes editor. It follows the active Markdown editor, rebuilds its charts while
 * the analyst types (debounced), highlights the chart of the figure nearest the cursor, and exports charts
 * as SVG into the workspace. One panel at a time; it survives reloads through the serializer.
 */
export class ChartPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private note: vscode.TextDocument | undefined;
  private theme: ChartTheme;
  private result: NoteCharts | undefined;
  private highlight: Highlight | undefined;
  private posted: PreviewState | undefined;
  private rendered: PreviewDebugState['rendered'];
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private cursorTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private renders = 0;
  private notified: PreviewDebugState['notified'];
  private readonly disposed = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: DossierServices,
    private readonly curated: () => Promise<CuratedChartFile[]>,
    note: vscode.TextDocument | undefined,
  ) {
    this.note = note;
    this.theme = themeForKind(kindOf(vscode.window.activeColorTheme.kind));
    const { extensionUri } = services.context;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = previewHtml(panel.webview, extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'dossier.svg');
    this.setTitle();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(raw => {
        const message = parseWebviewMessage(raw);
        if (message) void this.onMessage(message).catch(error => this.fail(error));
        else services.log.warn('Chart preview: ignored a malformed message from the webview');
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => {
        if (editor && isNoteDocument(editor.document) && editor.document !== this.note) {
          this.note = editor.document;
          this.setTitle();
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument(e => {
        if (e.document === this.note && e.contentChanges.length) this.schedule(TYPING_DEBOUNCE_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection(e => {
        if (e.textEditor.document === this.note) this.scheduleCursor(e.textEditor);
      }),
      vscode.workspace.onDidCloseTextDocument(document => {
        // keep following the note's uri; the document object is reopened on the next change
        if (document === this.note) this.schedule(0);
      }),
      vscode.window.onDidChangeActiveColorTheme(theme => {
        // until the page reports the new CSS colours, draw in the theme kind's palette
        this.theme = themeForKind(kindOf(theme.kind));
        this.schedule(0);
      }),
      services.library.onDidChange(() => this.schedule(0)),
    );
  }

  /** Shows the panel beside the note, without taking focus from it unless `focus`. */
  reveal(note?: vscode.TextDocument, focus = false): void {
    if (note && note !== this.note) {
      this.note = note;
      this.setTitle();
      this.schedule(0);
    }
    // already visible: stay in its group (Beside would move it away from the note)
    this.panel.reveal(this.panel.visible ? this.panel.viewColumn : vscode.ViewColumn.Beside, !focus);
  }

  /**
   * What a figure of the panel does: the reader opens in another editor group (the note's, or a new one
   * beside), never on top of the panel, which stays visible.
   */
  async revealFigure(target: ReportTarget): Promise<boolean> {
    const own = this.panel.viewColumn;
    const others = vscode.window.visibleTextEditors.filter(e => e.viewColumn !== undefined && e.viewColumn !== own);
    const column = (others.find(e => e.document === this.note) ?? others[0])?.viewColumn ?? vscode.ViewColumn.Beside;
    // the command reports its own failures
    return (await runCommand('revealInReport', target, { viewColumn: column })) === true;
  }

  get noteUri(): vscode.Uri | undefined {
    return this.note?.uri;
  }

  debugState(): PreviewDebugState {
    return {
      posted: this.posted,
      rendered: this.rendered,
      html: this.panel.webview.html,
      noteUri: this.note?.uri.toString(),
      viewColumn: this.panel.viewColumn,
      visible: this.panel.visible,
      active: this.panel.active,
      notified: this.notified,
      renders: this.renders,
    };
  }

  /** Rebuilds and posts the charts now (tests and commands wait on it). */
  async refresh(): Promise<PreviewState> {
    clearTimeout(this.typingTimer);
    const generation = ++this.generation;
    let state: PreviewState | undefined;
    // a note that changes while its charts are built is built again, as it is now
    while (!(state = await this.buildState()));
    if (generation === this.generation) this.post({ type: 'state', state });
    return state;
  }

  private schedule(delay: number): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => void this.refresh().catch(error => this.fail(error)), delay);
  }

  private scheduleCursor(editor: vscode.TextEditor): void {
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      if (!this.result || editor.document !== this.note) return;
      const next = nearestChart(this.result, editor.document.offsetAt(editor.selection.active));
      if (next?.chartId === this.highlight?.chartId && next?.figureId === this.highlight?.figureId) return;
      // the highlighted bar is drawn in the emphasis colour: re-render (cached SVGs make this cheap)
      void this.refresh().catch(error => this.fail(error));
    }, CURSOR_DEBOUNCE_MS);
  }

  /** The page's state for the note as it is; undefined when the note changed (or another was chosen) meanwhile. */
  private async buildState(): Promise<PreviewState | undefined> {
    const note = this.note;
    if (!note)
      return {
        charts: [],
        figures: [],
        errors: [],
        message: vscode.l10n.t('Open a Markdown note to see charts of the report figures it uses.'),
      };
    const noteInfo = { name: note.uri.path.split('/').pop() ?? note.uri.toString(), uri: note.uri.toString() };
    const library = await this.services.library.ready();
    const curated = await this.curated();
    // read in slices between other work: a 2 MB note takes a few hundred ms in all
    const version = note.version;
    const stale = () => this.note !== note || note.version !== version;
    const analysis = await noteAnalysisInSlices(note);
    if (!analysis || stale()) return undefined;
    const result = await runInSlices(chartsForNoteSteps(note.getText(), library, curated, analysis), stale);
    if (!result || stale()) return undefined;
    this.result = result;
    const editor = vscode.window.visibleTextEditors.find(e => e.document === note);
    const offset = editor ? note.offsetAt(editor.selection.active) : 0;
    this.highlight = nearestChart(result, offset);
    const charts = await Promise.all(result.charts.map(chart => this.chartView(chart)));
    const figures = result.figuresUsed.map(use => {
      const found = library.figure(use.reportId, use.figureId);
      return {
        reportId: use.reportId,
        figureId: use.figureId,
        text: found?.figure.text ?? use.figureId,
        subject: found?.figure.subject ?? '',
        reportTitle: found?.report.title ?? use.reportId,
        how: use.how,
      };
    });
    const errors = result.errors.map(e => ({ chartId: e.chartId, message: e.message, line: e.line + 1 }));
    this.renders++;
    const message = result.omitted
      ? vscode.l10n.t(
          '{0} more charts are not shown: the note uses figures that many reports share. Cite the report ([@key, para. N]) or declare a chart to choose.',
          result.omitted,
        )
      : charts.length || errors.length
        ? undefined
        : emptyMessage(library);
    return { note: noteInfo, charts, figures, errors, highlight: this.highlight, message };
  }

  private async chartView(chart: Chart): Promise<ChartView> {
    const highlight = this.highlight?.chartId === chart.id ? this.highlight.figureId : undefined;
    const svg = await chartEngine().renderSvg(chartSpec(chart, this.theme, { highlight }));
    return {
      id: chart.id,
      title: chart.title,
      origin: chart.origin,
      svg,
      description: chart.description,
      figures: chart.data
        .filter(d => d.figureId)
        .map(d => ({ reportId: d.reportId, figureId: d.figureId as string, label: d.label, text: d.text })),
    };
  }

  private post(message: HostMessage): void {
    if (message.type === 'state') {
      // the page refuses a state with one string over its limit: fit it, and say in the log what was cut
      const { state, cut } = fitPreviewState(message.state);
      for (const what of cut) this.services.log.warn(`Chart preview: ${what}`);
      message = { type: 'state', state };
      this.posted = state;
    } else if (message.type === 'notice' && message.text.length > PREVIEW_LIMITS.notice) {
      message = { type: 'notice', text: message.text.slice(0, PREVIEW_LIMITS.notice - 1) + '\u2026' };
    }
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.refresh();
        return;
      case 'theme': {
        const theme = themeFromCssVariables(message.kind, message.vars);
        if (JSON.stringify(theme) !== JSON.stringify(this.theme)) {
          this.theme = theme;
          this.schedule(0);
        }
        return;
      }
      case 'revealFigure':
        await this.revealFigure({ reportId: message.reportId, kind: 'figure', id: message.figureId });
        return;
      case 'exportChart':
      case 'insertLink':
        // a failed export (read-only folder, no workspace) is reported by the command; the charts stay on screen
        await runCommand(message.type === 'exportChart' ? 'exportChart' : 'insertChartLink', message.chartId);
        return;
      case 'rendered':
        this.rendered = { chartIds: message.chartIds, highlighted: message.highlighted, errors: message.errors };
        return;
    }
  }

  /**
   * Writes charts/<id>.svg (asking before replacing a file), inserts a Markdown image link as its own
   * paragraph after the block at the note's cursor, and says so in a notification with "Open SVG". The
   * export is drawn in the light palette: a memo travels and is printed, whatever the editor theme.
   */
  async exportChart(chartId: string, options: { overwrite?: boolean } = {}): Promise<{ uri: vscode.Uri; link: string } | undefined> {
    const note = this.note;
    const chart = this.result?.charts.find(c => c.id === chartId);
    if (!note || !chart) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The chart "{0}" is no longer in the preview.', chartId));
      return undefined;
    }
    const svg = await chartEngine().renderSvg(chartSpec(chart, lightTheme));
    const target = await exportTarget(note.uri, chart.id);
    if (!target || !(await writeSvg(target, svg, options.overwrite))) return undefined;
    const link = imageLink(note.uri, target, chart.title);
    await insertAfterBlock(note.uri, link);
    const saved = vscode.l10n.t('Saved {0} and linked it in the note.', vscode.workspace.asRelativePath(target));
    this.post({ type: 'notice', text: saved });
    const open = vscode.l10n.t('Open SVG');
    this.notified = { message: saved, buttons: [open] };
    // not awaited: the export is done; the notification stays until the analyst dismisses it
    void vscode.window.showInformationMessage(saved, open).then(choice => {
      if (choice === open) void vscode.commands.executeCommand('vscode.open', target, { viewColumn: vscode.ViewColumn.Beside });
    });
    return { uri: target, link };
  }

  /** Inserts the image link; exports the chart first when its file does not exist yet. */
  async insertLink(chartId: string): Promise<string | undefined> {
    const note = this.note;
    const chart = this.result?.charts.find(c => c.id === chartId);
    if (!note || !chart) return undefined;
    const target = await exportTarget(note.uri, chart.id, false);
    if (!target || !(await exists(target))) return (await this.exportChart(chartId))?.link;
    const link = imageLink(note.uri, target, chart.title);
    await insertAfterBlock(note.uri, link);
    return link;
  }

  private setTitle(): void {
    const name = this.note?.uri.path.split('/').pop();
    this.panel.title = name ? vscode.l10n.t('Charts: {0}', name) : vscode.l10n.t('Dossier Charts');
  }

  private fail(error: unknown): void {
    const message = errorMessage(error);
    logError(this.services.log, `Chart preview: ${message}`, error);
    this.post({
      type: 'state',
      state: { charts: [], figures: [], errors: [], message: vscode.l10n.t('The charts could not be drawn: {0}', message) },
    });
  }

  private isDisposed = false;

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    clearTimeout(this.typingTimer);
    clearTimeout(this.cursorTimer);
    this.disposed.fire();
    this.disposed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

function emptyMessage(library: Library): string {
  if (library.reports.length === 0)
    return vscode.l10n.t('No report is loaded yet. Dossier charts the figures of the reports in its library.');
  return vscode.l10n.t(
    'This note does not mention or cite any figure of the report yet. Write an amount from the report (e.g. “29 percent”), cite a paragraph ([@key, para. 12]), or declare a chart in a ```dossier-chart block.',
  );
}
