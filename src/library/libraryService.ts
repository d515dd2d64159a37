import * as vscode from 'vscode';
import {
  createDossier,
  type Dossier,
  type DossierSettings,
  type LoadedReport,
  type LoadProgress,
  type LoadResult,
  type ReportNotice,
} from '../core/dossier';
import type { Library } from '../core/library';
import { DEFAULT_READ_SECONDS, workerReaders } from '../lazy/loadPdf';
import { Setting, config } from '../shell/config';
import { globalStorageCache } from './libraryCache';
import { workspaceSource } from './workspaceSource';
import { restrictedModeMessage, workspaceFolderLocations } from './workspaceTrust';

/**
 * The extension's host for the core's dossier: reports through `workspace.fs`, settings from the
 * configuration, the bundled reports and charts from the extension's data/. It reloads when a setting that
 * names reports changes (reading only the reports that are new; the watcher in ./watcher.ts re-reads a file
 * that changes on disk), and tells the analyst once about every report that could not be read and every
 * parser warning about their own reports (the tree and the Problems panel keep showing them).
 */
export class LibraryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Library>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** what was already told, so a reload of one file does not tell again about the others */
  private told = new Set<string>();

  /** Fires after every load that became the current one, with the new library. */
  readonly onDidChange = this.changed.event;

  private readonly loads = new vscode.EventEmitter<LoadResult>();
  /** Fires after every load that became the current one, with its result (reports, roots, problems, warnings). */
  readonly onDidLoad = this.loads.event;

  /** where parsed reports are kept between sessions (the library cache), for tests */
  readonly cacheFolder: vscode.Uri;
  private first: Promise<unknown> | undefined;
  private created: Dossier | undefined;
  private readonly cache: ReturnType<typeof globalStorageCache>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    globalStorageUri: vscode.Uri,
  ) {
    this.cache = globalStorageCache(globalStorageUri);
    this.cacheFolder = this.cache.folder;
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        // a new or removed entry: the reports already read are kept (the watcher keeps them current)
        if (e.affectsConfiguration(Setting.reports) || e.affectsConfiguration(Setting.showBundledReport)) void this.reloadFiles([]);
        // a new size or time limit may let in, or keep out, any file: everything afresh
        if (e.affectsConfiguration(Setting.maxReportSizeMB) || e.affectsConfiguration(Setting.maxPdfReadSeconds)) void this.reload();
      }),
      // trusting the workspace brings its own settings' reports in (VS Code hid them until then)
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
    );
  }

  /**
   * The core's dossier. In extension.js the core is a bundle of its own (dist/core.js, scripts/lazyCore.js)
   * that activation does not load: features hold this from activation on, and it makes the dossier at their
   * first use of it — usually the library's first load, on the turn after activation.
   */
  readonly dossier: Dossier = new Proxy({} as Dossier, {
    get: (_, key) => {
      const dossier = this.made();
      const value: unknown = Reflect.get(dossier, key);
      return typeof value === 'function' ? value.bind(dossier) : value;
    },
  });

  private made(): Dossier {
    if (!this.created) {
      const dossier = createDossier({
        source: workspaceSource,
        log: this.log,
        settings: extensionSettings(this.extensionUri),
        cache: this.cache,
      });
      // every report is read in a worker thread, each stopped at the time limit (read again at every file); the
      // engines load there at the first report. Small text reports too: the first parse of a session (its code
      // not yet compiled) held the host 110-160 ms, and a busy host's collector paid for every parse's garbage
      const offThread = workerReaders(() => config.maxPdfReadSeconds() ?? DEFAULT_READ_SECONDS, { textBytes: 0 });
      offThread.register(dossier.readers);
      this.disposables.push({ dispose: () => void offThread.close() });
      const unsubscribe = dossier.onDidLoad(result => {
        this.tell(result);
        this.changed.fire(result.library);
        this.loads.fire(result);
      });
      this.disposables.push({ dispose: unsubscribe });
      this.created = dossier;
    }
    return this.created;
  }

  /** The last load that became the current one (undefined before the first). */
  get lastLoad(): LoadResult | undefined {
    return this.created?.lastLoad;
  }

  /** The library as last loaded (empty before the first load finishes). */
  get current(): Library {
    return this.dossier.library;
  }

  /**
   * The library once loaded. The first call starts the first load on the next turn of the event loop, so
   * activation only registers providers (the tree says "Loading reports…" meanwhile); the first load goes
   * with progress, later ones are the dossier's newest.
   */
  async ready(): Promise<Library> {
    this.first ??= new Promise(resolve => setTimeout(resolve, 0)).then(() => this.load());
    await this.first.catch(() => undefined); // a failed load is the dossier's to report, just below
    return (await this.dossier.ready()).library;
  }

  /** Where a report of the current library was read from, and in which format. */
  async loaded(reportId: string): Promise<LoadedReport | undefined> {
    await this.ready();
    return this.dossier.lastLoad?.reports.find(r => r.report.id === reportId);
  }

  /** The files the library read its reports from, as URI strings: a Markdown report is no note to check. */
  async reportFiles(): Promise<ReadonlySet<string>> {
    await this.ready();
    return new Set((this.dossier.lastLoad?.reports ?? []).map(r => vscode.Uri.parse(r.location).toString()));
  }

  /** Loads afresh; when reloads overlap, the newest wins. */
  async reload(): Promise<Library> {
    return (await this.load()).library;
  }

  /**
   * A load, with its search index built right after (a library is search-ready when it opens). A load that
   * reads files rather than the cache and takes a while shows a notification, n of N, that can cancel it;
   * the tree fills in meanwhile (the dossier publishes the reports read so far).
   */
  private load(): Promise<LoadResult> {
    const started = Date.now();
    let cancelled = false;
    let latest: LoadProgress | undefined;
    let show: ((progress: LoadProgress) => void) | undefined;
    let notified = false;
    const loading = this.dossier.load({
      cancelled: () => cancelled,
      onProgress: progress => {
        latest = progress;
        show?.(progress);
        // a warm load (from the cache) is over before anyone could read a notification
        if (!notified && progress.done > progress.cached && Date.now() - started > 500 && progress.done < progress.total) {
          notified = true;
          void vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Dossier: reading reports'), cancellable: true },
            async (ui, token) => {
              token.onCancellationRequested(() => (cancelled = true));
              let shown = 0;
              show = p => {
                ui.report({ message: vscode.l10n.t('{0} of {1}', p.done, p.total), increment: ((p.done - shown) / p.total) * 100 });
                shown = p.done;
              };
              if (latest) show(latest);
              await loading.catch(() => undefined);
            },
          );
        }
      },
    });
    // the search index is built (from the cache's prepared items where it has them) as soon as the library is read
    void loading.then(() => this.dossier.searchIndex()).catch(() => undefined);
    return loading;
  }

  /** Reads `changed` again (and any file new to the library), keeping the other reports; newest wins. */
  async reloadFiles(changed: readonly string[]): Promise<Library> {
    return (await this.dossier.reload(changed)).library;
  }

  /** In Restricted Mode, why the workspace's own report settings were not read (for the tree); else undefined. */
  restriction(): Promise<string | undefined> {
    return restrictedModeMessage();
  }

  /** Problems and warnings: all in the log, and in a message (warnings only for the analyst's own reports). */
  private tell(result: LoadResult): void {
    if (result.partial) return; // told once, when the load is complete
    const told = this.told;
    this.told = new Set([...result.problems, ...result.restricted, ...result.warnings].map(noticeKey));
    const news = (notices: ReportNotice[]) => notices.filter(n => !told.has(noticeKey(n)));
    const problems = news(result.problems);
    for (const p of problems) this.log.warn(`Skipped report ${p.location}: ${p.message}`);
    for (const r of news(result.restricted)) this.log.info(`Not read in Restricted Mode: ${r.location}: ${r.message}`);
    const warnings = news(result.warnings);
    for (const w of warnings) this.log.warn(`${w.location}: ${w.message}`);
    const problem = problems[0];
    if (problem) {
      const text =
        problems.length === 1
          ? vscode.l10n.t('Dossier could not read the report {0}: {1}', problem.name, problem.message)
          : vscode.l10n.t('Dossier could not read {0} reports ({1}: {2}, …).', problems.length, problem.name, problem.message);
      this.offerLog(text);
    }
    const warned = warnings.filter(w => w.origin !== 'bundled');
    const first = warned[0];
    if (first) {
      const files = new Set(warned.map(w => w.location)).size;
      this.offerLog(
        files === 1
          ? vscode.l10n.t('Dossier read the report {0} with {1} warning(s), e.g. {2}', first.name, warned.length, first.message)
          : vscode.l10n.t(
              'Dossier read {0} reports with warnings ({1} in all), e.g. {2}: {3}',
              files,
              warned.length,
              first.name,
              first.message,
            ),
      );
    }
  }

  private offerLog(text: string): void {
    void vscode.window.showWarningMessage(text, vscode.l10n.t('Show Log')).then(choice => {
      if (choice) this.log.show();
    });
  }

  dispose(): void {
    this.loads.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The configuration as the dossier reads it: live getters, so every load sees the current settings. The
 * reports setting is split by who wrote it, for the trust and path policy (core resolveReportPath), and
 * both lists are read: the personal library and the workspace's show side by side.
 */
function extensionSettings(extensionUri: vscode.Uri): DossierSettings {
  return {
    get bundledReports() {
      return config.showBundledReport() ? [vscode.Uri.joinPath(extensionUri, 'data', 'reports').toString()] : [];
    },
    chartFolders: [vscode.Uri.joinPath(extensionUri, 'data', 'charts').toString()],
    // the personal library and the workspace's both show (each marked in the tree), not one instead of the other
    get reports() {
      return config.reports().user;
    },
    get workspaceReports() {
      return config.reports().workspace ?? [];
    },
    get trusted() {
      return vscode.workspace.isTrusted;
    },
    get workspaceFolders() {
      return workspaceFolderLocations();
    },
    get maxReportSizeMB() {
      return config.maxReportSizeMB();
    },
    get baseFolder() {
      return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    },
  };
}

function noticeKey(notice: ReportNotice): string {
  return `${notice.location}\n${notice.message}`;
}
