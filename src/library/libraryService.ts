import * as vscode from 'vscode';
import { Library } from '../core/library';
import { parseReport } from '../core/parse';
import type { Report } from '../core/model';

/**
 * Owns the Library the features read: the bundled report (always) plus the analyst's own reports
 * (setting `dossier.reports`: files or folders of .md/.txt). Rebuilds when the setting changes (edits to a
 * report file are read at the next rebuild); a report that cannot be read is reported and skipped, never fatal.
 */
export class LibraryService implements vscode.Disposable {
  private library: Library = new Library([]);
  private loading: Promise<Library> | undefined;
  private readonly changed = new vscode.EventEmitter<Library>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires after every rebuild with the new library. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('dossier.reports')) void this.reload();
      }),
    );
  }

  /** The library as last built (empty before the first load finishes). */
  get current(): Library {
    return this.library;
  }

  /** The library once loaded; starts loading on first call. */
  ready(): Promise<Library> {
    return (this.loading ??= this.load());
  }

  reload(): Promise<Library> {
    this.loading = this.load();
    return this.loading;
  }

  private async load(): Promise<Library> {
    const started = Date.now();
    const reports: Report[] = [];
    for (const uri of await this.reportFiles()) {
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        reports.push(parseReport(text, { source: uri.path.split('/').pop() }));
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        this.log.warn(`Skipped report ${uri.toString(true)}: ${why}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Dossier could not read the report {0}: {1}', uri.path.split('/').pop() ?? '', why));
      }
    }
    this.library = new Library(reports);
    this.log.info(`Library built: ${reports.length} report(s) in ${Date.now() - started} ms`);
    this.changed.fire(this.library);
    return this.library;
  }

  /** The bundled reports, then the files and folders named in `dossier.reports`. */
  private async reportFiles(): Promise<vscode.Uri[]> {
    const bundled = vscode.Uri.joinPath(this.extensionUri, 'data', 'reports');
    const configured = vscode.workspace.getConfiguration('dossier').get<string[]>('reports', []);
    const roots = [bundled, ...configured.map(p => this.resolve(p))];
    const files: vscode.Uri[] = [];
    for (const root of roots) files.push(...(await this.reportsUnder(root)));
    return files;
  }

  private resolve(path: string): vscode.Uri {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return vscode.Uri.parse(path);
    if (path.startsWith('/') || /^[a-z]:[\\/]/i.test(path)) return vscode.Uri.file(path);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, path) : vscode.Uri.file(path);
  }

  private async reportsUnder(uri: vscode.Uri): Promise<vscode.Uri[]> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        const entries = await vscode.workspace.fs.readDirectory(uri);
        return entries
          .filter(([name, type]) => type & vscode.FileType.File && /\.(md|markdown|txt)$/i.test(name))
          .map(([name]) => vscode.Uri.joinPath(uri, name))
          .sort((a, b) => a.path.localeCompare(b.path));
      }
      return [uri];
    } catch {
      this.log.warn(`Report path not found: ${uri.toString(true)}`);
      return [];
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
