import * as vscode from 'vscode';
import { commandsEngine } from '../lazy/load';
import type { Feature } from '../services';
import { isNoteDocument } from '../shared/notes';
import type { PreviewState, PreviewWebviewState } from '../shared/previewProtocol';
import { webviewOptions } from '../shared/webviewPage';
import type { ChartPreview, PreviewDebugState } from './chartPreview';

/** The panel's type, as package.json's activation event names it (onWebviewPanel:dossier.chartPreview). */
const chartPreviewViewType = 'dossier.chartPreview';

/** What the API shows of the chart panel (for tests: the page state, a rebuild now, a restore after a reload). */
export interface ChartPreviewApi {
  /** what the panel last posted and what the page shows; undefined without a panel */
  state(): PreviewDebugState | undefined;
  /** rebuilds now, bypassing the typing debounce */
  refresh(): Promise<PreviewState | undefined>;
  /** what the serializer does after a reload (a real reload would end the test run) */
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  /** what a click on one of the panel's figures does → whether the reader showed it */
  revealFigure(reportId: string, figureId: string): Promise<boolean>;
}

/**
 * The chart preview: a webview beside the notes editor with charts of the figures the note uses.
 * Only the registrations are here: the panel's code comes from dist/commands.js when it first opens (or is
 * restored), and Vega from dist/charts.js when it first draws — never on activation.
 */
export const chartPreviewFeature: Feature<
  'openChartPreview' | 'focusChartPreview' | 'exportChart' | 'insertChartLink',
  { chartPreview: ChartPreviewApi }
> = services => {
  let preview: ChartPreview | undefined;
  const curatedCharts = () => services.library.dossier.curatedCharts();

  const adopt = (panel: vscode.WebviewPanel, note: vscode.TextDocument | undefined) => {
    preview?.dispose();
    const created = new (commandsEngine().ChartPreview)(panel, services, curatedCharts, note);
    created.onDidDispose(() => {
      if (preview === created) preview = undefined;
    });
    preview = created;
    return created;
  };

  const activeNote = () => {
    const editor = vscode.window.activeTextEditor;
    if (editor && isNoteDocument(editor.document)) return editor.document;
    return vscode.window.visibleTextEditors.find(e => isNoteDocument(e.document))?.document;
  };

  const open = async (uri?: vscode.Uri, focus = false) => {
    const note = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : activeNote();
    if (preview) {
      preview.reveal(note, focus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      chartPreviewViewType,
      vscode.l10n.t('Dossier Charts'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !focus },
      // the page keeps its own state (getState/setState), so it need not stay alive while hidden
      { ...webviewOptions(services.context.extensionUri), retainContextWhenHidden: false },
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

  return {
    disposable: vscode.Disposable.from(
      { dispose: () => preview?.dispose() },
      vscode.window.registerWebviewPanelSerializer(chartPreviewViewType, { deserializeWebviewPanel: restore }),
    ),
    commands: {
      openChartPreview: uri => open(uri),
      focusChartPreview: () => open(undefined, true),
      exportChart: (chartId, options) =>
        typeof chartId === 'string' ? preview?.exportChart(chartId, { overwrite: options?.overwrite === true }) : undefined,
      insertChartLink: chartId => (typeof chartId === 'string' ? preview?.insertLink(chartId) : undefined),
    },
    chartPreview: {
      state: () => preview?.debugState(),
      refresh: async () => preview?.refresh(),
      restore,
      revealFigure: async (reportId, figureId) => (await preview?.revealFigure({ reportId, kind: 'figure', id: figureId })) ?? false,
    },
  };
};
