/**
 * Add Reports…, Remove from Library and Reveal Report File: the analyst's libraries are the `dossier.reports`
 * setting of their user settings (personal) and of the workspace's settings; these commands edit it so the
 * analyst never has to. A folder is added as a folder: every report file in it, including those added later.
 */
import * as vscode from 'vscode';
import type { LoadedReport, ReportNotice } from '../core/dossier';
import { ExplainedError } from '../core/errors';
import { nameOf, type SettingOrigin } from '../core/reportSource';
import type { LibraryItem, LibraryRemoval, ReportsAdded } from '../shared/commands';
import { Setting, config, configWrites } from '../shell/config';
import type { LibraryService } from './libraryService';

export async function addReports(
  library: LibraryService,
  reports: readonly (string | vscode.Uri)[] | undefined,
  options: { library?: SettingOrigin } = {},
): Promise<ReportsAdded | undefined> {
  const picked = reports?.length ? reports.map(r => (typeof r === 'string' ? vscode.Uri.parse(r) : r)) : await pickReports(library);
  if (!picked?.length) return undefined;
  const unsupported: string[] = [];
  const uris: vscode.Uri[] = [];
  for (const uri of picked) {
    const stat = await vscode.workspace.fs.stat(uri).then(
      s => s,
      () => undefined,
    );
    if (!stat) throw new ExplainedError(vscode.l10n.t('Dossier found nothing at {0}.', uriLabel(uri)));
    if (stat.type & vscode.FileType.Directory || library.dossier.readers.isReportFile(nameOf(uri.path))) uris.push(uri);
    else unsupported.push(nameOf(uri.path));
  }
  if (unsupported.length) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Dossier reads text, Markdown, PDF, HTML and Word reports; not added: {0}', unsupported.join(', ')),
    );
  }
  if (!uris.length) return { library: options.library ?? 'user', added: [], already: [], unsupported };

  const target = options.library ?? (await chooseLibrary(uris));
  if (!target) return undefined;
  if (target === 'workspace') {
    if (!vscode.workspace.isTrusted) {
      throw new ExplainedError(
        vscode.l10n.t("Restricted Mode: Dossier does not read the workspace's library. Add the reports to your personal library."),
      );
    }
    const outside = uris.find(uri => !insideWorkspace(uri));
    if (outside) {
      throw new ExplainedError(
        vscode.l10n.t(
          "{0} is outside the workspace: add it to your personal library (a workspace's settings name only its own files).",
          uriLabel(outside),
        ),
      );
    }
  }
  const current = (target === 'user' ? config.reports().user : config.reports().workspace) ?? [];
  const have = new Set(current.map(path => locationOf(library, path, target)));
  const added: string[] = [];
  const already: string[] = [];
  for (const uri of uris) {
    const entry = settingPath(uri, target);
    if (have.has(uri.toString())) already.push(entry);
    else {
      added.push(entry);
      have.add(uri.toString());
    }
  }
  if (added.length) await configWrites.reports(target, [...current, ...added]);
  else void vscode.window.showInformationMessage(vscode.l10n.t('Already in your library: {0}', already.join(', ')));
  return { library: target, added, already, unsupported };
}

export async function removeFromLibrary(
  library: LibraryService,
  item: LibraryItem,
  options: { folder?: boolean } = {},
): Promise<LibraryRemoval | undefined> {
  const file = await libraryFile(library, item);
  if (file.origin === 'bundled') {
    // the bundled report is the default library: hidden, not deleted (dossier.showBundledReport brings it back)
    await configWrites.showBundledReport(false);
    return { setting: Setting.showBundledReport, library: 'user', removed: file.location };
  }
  const origin = file.origin;
  if (!origin || file.entry === undefined)
    throw new ExplainedError(vscode.l10n.t('{0} is not in a library Dossier can edit.', nameOf(file.location)));
  const current = (origin === 'user' ? config.reports().user : config.reports().workspace) ?? [];
  const entry = file.entry;
  const folder = locationOf(library, entry, origin) !== file.location && !file.asWritten;
  if (folder && !options.folder) {
    const remove = vscode.l10n.t('Remove Folder');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is in the folder {1} of your library. Remove the whole folder from the library?', nameOf(file.location), entry),
      { modal: true },
      remove,
    );
    if (choice !== remove) return undefined;
  }
  await configWrites.reports(
    origin,
    current.filter(path => path !== entry),
  );
  return { setting: Setting.reports, library: origin, removed: entry };
}

export async function revealReportFile(library: LibraryService, item: LibraryItem): Promise<string | undefined> {
  const file = await libraryFile(library, item);
  if (file.asWritten) throw new ExplainedError(vscode.l10n.t('{0} names no file Dossier may read.', file.location));
  const uri = vscode.Uri.parse(file.location);
  if (insideWorkspace(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
  else await vscode.commands.executeCommand('revealFileInOS', uri);
  return uri.toString();
}

/** The loaded report or unreadable file a tree item (or a script) names. */
async function libraryFile(library: LibraryService, item: LibraryItem): Promise<(LoadedReport | ReportNotice) & { asWritten?: true }> {
  const load = (await library.dossier.ready(), library.dossier.lastLoad);
  const reportId = typeof item?.reportId === 'string' && item.reportId !== '' ? item.reportId : undefined;
  const location = typeof item?.location === 'string' ? item.location : undefined;
  const found =
    (reportId !== undefined ? load?.reports.find(r => r.report.id === reportId) : undefined) ??
    (location !== undefined
      ? (load?.reports.find(r => r.location === location) ?? load?.problems.find(p => p.location === location))
      : undefined);
  if (!found) throw new ExplainedError(vscode.l10n.t('That report is no longer in the library.'));
  return found;
}

/** Files or folders, from the system's dialog (one dialog for both where the system allows it). */
async function pickReports(library: LibraryService): Promise<vscode.Uri[] | undefined> {
  const extensions = library.dossier.readers.extensions().map(e => e.replace(/^\./, ''));
  const base: vscode.OpenDialogOptions = {
    canSelectMany: true,
    openLabel: vscode.l10n.t('Add to Library'),
    title: vscode.l10n.t('Add Reports'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  };
  // Windows and Linux dialogs pick either files or folders, not both: ask which first
  const both = typeof process !== 'undefined' && process.platform === 'darwin';
  let folders = false;
  if (!both) {
    const files = vscode.l10n.t('Report Files…');
    const folder = vscode.l10n.t('A Folder of Reports…');
    const choice = await vscode.window.showQuickPick([files, folder], { title: vscode.l10n.t('Add Reports') });
    if (!choice) return undefined;
    folders = choice === folder;
  }
  return vscode.window.showOpenDialog({
    ...base,
    canSelectFiles: both || !folders,
    canSelectFolders: both || folders,
    filters: both || !folders ? { [vscode.l10n.t('Reports')]: extensions } : undefined,
  });
}

/** The workspace's library is offered only when every file is inside it and the workspace is trusted. */
async function chooseLibrary(uris: readonly vscode.Uri[]): Promise<SettingOrigin | undefined> {
  if (!vscode.workspace.isTrusted || !uris.every(insideWorkspace)) return 'user';
  const personal = {
    label: vscode.l10n.t('My personal library'),
    detail: vscode.l10n.t('user settings: in every window'),
    library: 'user' as const,
  };
  const workspace = {
    label: vscode.l10n.t("This workspace's library"),
    detail: vscode.l10n.t("the workspace's settings: shared with whoever opens it"),
    library: 'workspace' as const,
  };
  const choice = await vscode.window.showQuickPick([workspace, personal], { title: vscode.l10n.t('Add the reports to') });
  return choice?.library;
}

function insideWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** How a file is written in the setting: relative to the first workspace folder in the workspace's, a path in the user's. */
function settingPath(uri: vscode.Uri, library: SettingOrigin): string {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (library === 'workspace' && first && uri.scheme === first.scheme && uri.path.startsWith(first.path.replace(/\/$/, '') + '/')) {
    return uri.path.slice(first.path.replace(/\/$/, '').length + 1);
  }
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function locationOf(library: LibraryService, path: string, origin: SettingOrigin): string | undefined {
  const resolved = library.dossier.settingLocation(path, origin);
  return 'location' in resolved ? resolved.location : undefined;
}

function uriLabel(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
