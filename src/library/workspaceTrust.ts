/**
 * Restricted Mode for settings that name paths. package.json declares them `restrictedConfigurations`, so
 * in an untrusted workspace VS Code drops the workspace's values before Dossier sees them; the core's
 * resolveReportPath is the policy for every value that does arrive (see src/core/reportSource.ts). This
 * file is the VS Code side: the workspace's folders, and what to tell the analyst (src/shell/config.ts
 * reads each value with who wrote it).
 */
import * as vscode from 'vscode';

/** The settings that name paths (keep in step with package.json → capabilities.untrustedWorkspaces). */
export const PATH_SETTINGS = ['dossier.reports', 'dossier.citation.cslFile'] as const;

export function workspaceFolderLocations(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri.toString());
}

/**
 * In Restricted Mode, the line the Dossier tree shows when the workspace's own settings name reports or a
 * style that were therefore not read. VS Code hides those values from extensions, so the workspace's
 * settings files are searched for the setting names (reading a workspace file is allowed in Restricted Mode).
 */
export async function restrictedModeMessage(): Promise<string | undefined> {
  if (vscode.workspace.isTrusted) return undefined;
  const files = (vscode.workspace.workspaceFolders ?? []).map(folder => vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push(workspaceFile);
  const named = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(file);
      // a settings file is small; anything else is not worth reading to word a message
      if (!(stat.type & vscode.FileType.File) || stat.size > 1024 * 1024) continue;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue;
    }
    for (const setting of PATH_SETTINGS) if (text.includes(`"${setting}"`)) named.add(setting);
  }
  if (named.size === 0) return undefined;
  return vscode.l10n.t(
    "Restricted Mode: Dossier ignores this workspace's settings ({0}) and reads no report or style they name. Trust the workspace to use them.",
    [...named].join(', '),
  );
}
