import * as vscode from 'vscode';
import type { Report } from '../core/model';
import type { ReaderText } from '../core/reader';
import type { LibraryService } from '../library/libraryService';
import { showsReader } from '../shared/positions';
import { READER_SCHEME, reportIdOf } from '../shared/readerUri';

/** A reader tab's report and its rendered text. */
export interface OpenReader {
  report: Report;
  reader: ReaderText;
}

/**
 * Serves the read-only reader documents (`dossier-report:` URIs) and tells VS Code to refresh open ones
 * when the library is rebuilt.
 */
export class ReaderDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly library: LibraryService) {
    this.subscription = library.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === READER_SCHEME) this.changed.fire(document.uri);
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    await this.library.ready();
    const found = this.readerFor(uri);
    return found ? found.reader.text : vscode.l10n.t('This report is no longer in the Dossier library.');
  }

  /** The report behind a reader URI, if it is still in the library. */
  readerFor(uri: vscode.Uri): OpenReader | undefined {
    const id = reportIdOf(uri);
    const report = id === undefined ? undefined : this.library.current.report(id);
    return report ? { report, reader: this.library.current.readerText(report) } : undefined;
  }

  /** Like readerFor, but only when the document shows the current rendering (spans are valid for it). */
  readerOf(document: vscode.TextDocument): OpenReader | undefined {
    const found = this.readerFor(document.uri);
    return found && showsReader(document, found.reader) ? found : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
