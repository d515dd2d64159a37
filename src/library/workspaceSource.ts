import * as vscode from 'vscode';
import type { EntryKind, ReportSource } from '../core/reportSource';

/** Report files through `vscode.workspace.fs` (local, remote and virtual workspaces alike): locations are URI strings. */
export const workspaceSource: ReportSource = {
  async stat(location) {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(location));
      return { kind: kindOf(stat.type), size: stat.size };
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  },
  async list(folder) {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(folder));
    return entries.map(([name, type]) => ({ name, kind: kindOf(type) }));
  },
  read: async location => vscode.workspace.fs.readFile(vscode.Uri.parse(location)),
  join: (folder, name) => vscode.Uri.joinPath(vscode.Uri.parse(folder), ...name.split(/[\\/]/).filter(Boolean)).toString(),
  fromPath: path => vscode.Uri.file(path).toString(),
};

/** A FileType is a bit set (a symbolic link to a file is File | SymbolicLink); FIFOs and devices are Unknown. */
function kindOf(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.Directory) return 'folder';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}
