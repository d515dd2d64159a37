import * as vscode from 'vscode';
import type { Feature } from '../services';
import type { PreviewWebviewState } from '../shared/previewProtocol';
import { ChartPreview, chartPreviewViewType, type PreviewDebugState } from './chartPreview';
import { previewWebviewOptions } from './html';

/** Command ids of the chart preview (the first is in package.json; the others are hidden). */
export const PreviewCommands = {
  open: 'dossier.openChartPreview',
  /** (chartId: string, options?: { overwrite?: boolean }) → { uri, link } | undefined */
  exportChart: 'dossier.preview.exportChart',
  /** (chartId: string) → link | undefined */
  insertLink: 'dossier.preview.insertLink',
  /** () → PreviewDebugState | undefined: what the panel last posted and what the page shows (tests) */
  debugState: 'dossier.preview.debugState',
  /** () → PreviewState: rebuild now, bypassing the typing debounce (tests) */
  refresh: 'dossier.preview.refresh',
  /** (panel: WebviewPanel, state: unknown) → void: what the serializer does after a reload (tests; a reload ends the test run) */
  restore: 'dossier.preview.restore',
} as const;

/**
 * The chart preview: a webview beside the notes editor with charts of the figures the note uses.
 * Vega loads on first use of the panel (src/lazy), never on activation.
 */
export const chartPreviewFeature: Feature = services => {
  let preview: ChartPreview | undefined;
  const curatedCharts = () => services.library.dossier.curatedCharts();

  const adopt = (panel: vscode.WebviewPanel, note: vscode.TextDocument | undefined) => {
    preview?.dispose();
    const created = new ChartPreview(panel, services, curatedCharts, note);
    created.onDidDispose(() => { if (preview === created) preview = undefined; });
    preview = created;
    return created;
  };

  const activeNote = () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'markdown') return editor.document;
    return vscode.window.visibleTextEditors.find(e => e.document.languageId === 'markdown')?.document;
  };

  const open = async (uri?: vscode.Uri) => {
    const note = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : activeNote();
    if (preview) {
      preview.reveal(note);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      chartPreviewViewType,
      vscode.l10n.t('Dossier Charts'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // the page keeps its own state (getState/setState), so it need not stay alive while hidden
      { ...previewWebviewOptions(services.context.extensionUri), retainContextWhenHidden: false },
    );
    adopt(panel, note);
  };

  /** Brings the panel back after a reload, following the note the page saved (setState) if it still opens. */
  const restore = async (panel: vscode.WebviewPanel, state: unknown) => {
    const saved = (typeof state === 'object' && state !== null ? state : {}) as Partial<PreviewWebviewState>;
    let note = activeNote();
    if (typeof saved.noteUri === 'string') {
      try {
        note = await vscode.workspace.openTextDocument(vscode.Uri.parse(saved.noteUri, true));
      } catch {
        services.log.warn(`Chart preview: the note ${saved.noteUri} is gone; following the active editor.`);
      }
    }
    adopt(panel, note);
  };

  return vscode.Disposable.from(
    { dispose: () => preview?.dispose() },
    vscode.commands.registerCommand(PreviewCommands.open, open),
    vscode.commands.registerCommand(PreviewCommands.exportChart, (chartId: unknown, options?: { overwrite?: boolean }) =>
      typeof chartId === 'string' ? preview?.exportChart(chartId, { overwrite: options?.overwrite === true }) : undefined),
    vscode.commands.registerCommand(PreviewCommands.insertLink, (chartId: unknown) =>
      typeof chartId === 'string' ? preview?.insertLink(chartId) : undefined),
    vscode.commands.registerCommand(PreviewCommands.debugState, (): PreviewDebugState | undefined => preview?.debugState()),
    vscode.commands.registerCommand(PreviewCommands.refresh, () => preview?.refresh()),
    vscode.commands.registerCommand(PreviewCommands.restore, (panel: vscode.WebviewPanel, state: unknown) => restore(panel, state)),
    vscode.window.registerWebviewPanelSerializer(chartPreviewViewType, { deserializeWebviewPanel: restore }),
  );
};
