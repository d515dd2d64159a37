/**
 * The reader tab: a report as a read-only document (`dossier-report:`), with links, definitions from
 * markers to notes and back, folding by section, and symbols for VS Code's Outline and breadcrumbs.
 * Its commands and the PDF page view load from dist/commands.js at their first use.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { commandsEngine } from '../lazy/load';
import { config } from '../shell/config';
import type { Feature } from '../services';
import { READER_SCHEME } from '../shared/readerUri';
import { READER_TOKENS, ReaderDefinitions, ReaderFigureTokens, ReaderFolding, ReaderLinks, ReaderSymbols } from './providers';
import { ReaderDocuments } from './readerDocuments';
import type { PdfPageView } from './pageView';
import { pageViewType } from '../shared/pageViewProtocol';

/** What tests reach of the reader: the PDF page view (what it last drew; a page shown directly). */
export interface ReaderApi {
  readonly pageView: Pick<PdfPageView, 'lastShown' | 'show' | 'restore'>;
  /**
   * `dossier.reader.openOnStart`: the Dossier view and the first report's reader beside the open note, once the
   * library is ready → the reader's editor (undefined when the setting is off or the library is empty).
   */
  openOnStart(): Promise<vscode.TextEditor | undefined>;
}

export const readerFeature: Feature<'openReport' | 'revealInReport' | 'openSource' | 'showOriginal', { reader: ReaderApi }> = ({
  context,
  library,
  log,
}) => {
  const documents = new ReaderDocuments(library);
  let view: PdfPageView | undefined;
  const pageView = () => (view ??= new (commandsEngine().PdfPageView)(context.extensionUri, log));
  const selector: vscode.DocumentSelector = { scheme: READER_SCHEME };
  const openOnStart = async (): Promise<vscode.TextEditor | undefined> => {
    if (!config.openReaderOnStart()) return undefined;
    const [first] = (await library.ready()).reports;
    if (!first) return undefined;
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    return commandsEngine().showReader(first, true, vscode.ViewColumn.Beside);
  };
  // after activation returns, and only when asked for: a demo workspace opens on the report
  if (config.openReaderOnStart())
    setTimeout(() => openOnStart().catch(error => log.warn(`The reader did not open at start: ${errorMessage(error)}`)), 0);
  return {
    disposable: vscode.Disposable.from(
      documents,
      { dispose: () => view?.dispose() },
      // the page view comes back after a window reload, on the page it showed (activation: onWebviewPanel)
      vscode.window.registerWebviewPanelSerializer(pageViewType, {
        deserializeWebviewPanel: (panel, state) =>
          pageView()
            .restore(panel, state)
            .then(() => undefined),
      }),
      vscode.workspace.registerTextDocumentContentProvider(READER_SCHEME, documents),
      vscode.languages.registerDocumentLinkProvider(selector, new ReaderLinks(documents)),
      vscode.languages.registerDefinitionProvider(selector, new ReaderDefinitions(documents)),
      vscode.languages.registerFoldingRangeProvider(selector, new ReaderFolding(documents)),
      vscode.languages.registerDocumentSymbolProvider(selector, new ReaderSymbols(documents), { label: 'Dossier' }),
      vscode.languages.registerDocumentSemanticTokensProvider(selector, new ReaderFigureTokens(documents), READER_TOKENS),
    ),
    commands: {
      openReport: async report => (await commandsEngine().openReport(library, report))?.document.uri.toString(),
      revealInReport: (target, options) => commandsEngine().revealInReport(library, target, options),
      openSource: target => commandsEngine().openSource(library, target),
      showOriginal: target => commandsEngine().showOriginal(library, pageView(), target),
    },
    reader: {
      pageView: {
        get lastShown() {
          return view?.lastShown;
        },
        show: request => pageView().show(request),
        restore: (panel, state) => pageView().restore(panel, state),
      },
      openOnStart,
    },
  };
};
