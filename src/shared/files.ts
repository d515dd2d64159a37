import * as vscode from 'vscode';

/** Whether anything is at `uri` (before an export that would overwrite it). */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
