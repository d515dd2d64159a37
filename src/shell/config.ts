/**
 * Dossier's settings, each read in one place with its type and default (package.json `contributes.configuration`
 * declares the same keys). The settings that name paths are read with who wrote them (the user, or the
 * workspace): the core's resolveReportPath decides what each may name (see src/library/workspaceTrust.ts).
 */
import * as vscode from 'vscode';
import { CITATION_STYLES, type CitationStyle } from '../core/cite';
import type { SettingOrigin } from '../core/reportSource';

export const Setting = {
  reports: 'dossier.reports',
  showBundledReport: 'dossier.showBundledReport',
  maxReportSizeMB: 'dossier.maxReportSizeMB',
  maxPdfReadSeconds: 'dossier.maxPdfReadSeconds',
  followCursor: 'dossier.outline.followCursor',
  openReaderOnStart: 'dossier.reader.openOnStart',
  citationStyle: 'dossier.citation.style',
  cslFile: 'dossier.citation.cslFile',
  checkEnabled: 'dossier.check.enabled',
  /** VS Code's own: whether an extension's walkthrough opens when it is installed */
  walkthroughsOpenOnInstall: 'workbench.welcomePage.walkthroughs.openOnInstall',
} as const;

function read<T>(key: string, fallback: T, scope?: vscode.ConfigurationScope): T {
  return vscode.workspace.getConfiguration(undefined, scope).get<T>(key, fallback);
}

/** A setting's value split by who wrote it: the user, or the workspace (which wins when it has one). */
function byOrigin(key: string): { user?: unknown; workspace?: unknown } {
  const inspected = vscode.workspace.getConfiguration().inspect<unknown>(key);
  return { user: inspected?.globalValue, workspace: inspected?.workspaceFolderValue ?? inspected?.workspaceValue };
}

/** A setting's list of paths; anything else a settings file may hold is no path. */
function asPaths(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export const config = {
  /** `dossier.reports` as written, by origin: the workspace's list replaces the user's when it has one */
  reports: (): { user: string[]; workspace?: string[] } => {
    const { user, workspace } = byOrigin(Setting.reports);
    return { user: asPaths(user), workspace: workspace === undefined ? undefined : asPaths(workspace) };
  },
  /** `dossier.showBundledReport` (default true: the bundled report is in the library until the user hides it) */
  showBundledReport: (): boolean => read<unknown>(Setting.showBundledReport, true) !== false,
  /** `dossier.maxReportSizeMB` (the core's default when unset or not a number) */
  maxReportSizeMB: (): number | undefined => {
    const size = read<unknown>(Setting.maxReportSizeMB, undefined);
    return typeof size === 'number' ? size : undefined;
  },
  /** `dossier.maxPdfReadSeconds` (undefined when unset or not a positive number: the reader's default) */
  maxPdfReadSeconds: (): number | undefined => {
    const seconds = read<unknown>(Setting.maxPdfReadSeconds, undefined);
    return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
  },
  /** `workbench.welcomePage.walkthroughs.openOnInstall` (VS Code's default: true) */
  walkthroughsOpenOnInstall: (): boolean => read<unknown>(Setting.walkthroughsOpenOnInstall, true) !== false,
  /** `dossier.reader.openOnStart` (off unless a workspace, like `npm start`'s demo, asks for it) */
  openReaderOnStart: (): boolean => read<unknown>(Setting.openReaderOnStart, false) === true,
  /** `dossier.outline.followCursor` */
  followCursor: (): boolean => read<unknown>(Setting.followCursor, true) !== false,
  /** `dossier.citation.style` (pandoc when the setting names no known style) */
  citationStyle: (): CitationStyle => CITATION_STYLES.find(s => s === read<unknown>(Setting.citationStyle, 'pandoc')) ?? 'pandoc',
  /** `dossier.citation.cslFile` as written ('' when unset) and who wrote it */
  cslFile: (): { path: string; origin: SettingOrigin } => {
    const { user, workspace } = byOrigin(Setting.cslFile);
    const [value, origin]: [unknown, SettingOrigin] = workspace !== undefined ? [workspace, 'workspace'] : [user, 'user'];
    return { path: typeof value === 'string' ? value.trim() : '', origin };
  },
  /** `dossier.check.enabled` for a note (a folder may turn it off) */
  checkEnabled: (scope?: vscode.ConfigurationScope): boolean => read<unknown>(Setting.checkEnabled, true, scope) !== false,
};

/** The settings Dossier writes: the analyst's libraries, and whether the bundled report shows. */
export const configWrites = {
  /** `dossier.reports` of the user's settings (the personal library) or of the workspace's */
  reports: (origin: SettingOrigin, paths: readonly string[]): Thenable<void> =>
    vscode.workspace
      .getConfiguration()
      .update(
        Setting.reports,
        paths.length ? [...paths] : undefined,
        origin === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace,
      ),
  /** `dossier.showBundledReport` in the user's settings */
  showBundledReport: (show: boolean): Thenable<void> =>
    vscode.workspace.getConfiguration().update(Setting.showBundledReport, show ? undefined : false, vscode.ConfigurationTarget.Global),
};
