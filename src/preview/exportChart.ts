import * as vscode from 'vscode';
import { placeAfterBlock } from '../core/blockPlace';
import { exists } from '../shared/files';
import { noteAnalysis } from '../shared/noteAnalysis';

/**
 * Where an exported chart goes: `charts/<id>.svg` in the note's workspace folder, else beside a saved note,
 * else (an untitled note with no folder open) wherever the analyst picks.
 */
export async function exportTarget(note: vscode.Uri, chartId: string, ask = true): Promise<vscode.Uri | undefined> {
  const name = `${chartId.replace(/[^\w.-]+/g, '-')}.svg`;
  const folder =
    vscode.workspace.getWorkspaceFolder(note)?.uri ??
    (note.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(note, '..'));
  if (folder) return vscode.Uri.joinPath(folder, 'charts', name);
  if (!ask) return undefined;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Chart as SVG'),
    filters: { SVG: ['svg'] },
    saveLabel: vscode.l10n.t('Export'),
  });
}

/**
 * Writes the SVG, asking first when the file exists. Returns false when the analyst declined.
 * `overwrite` skips the question (the caller already asked, or a test).
 */
export async function writeSvg(target: vscode.Uri, svg: string, overwrite = false): Promise<boolean> {
  if (!overwrite && (await exists(target))) {
    const replace = vscode.l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} already exists. Replace it with this chart?', vscode.workspace.asRelativePath(target)),
      { modal: true },
      replace,
    );
    if (choice !== replace) return false;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg.endsWith('\n') ? svg : svg + '\n'));
  return true;
}

/** `![title](charts/id.svg)`, the path relative to the note so the memo and its charts travel together. */
export function imageLink(note: vscode.Uri, image: vscode.Uri, title: string): string {
  const alt = title
    .replace(/[[\]\\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // an untitled note has no folder to be relative to: link the file itself
  const path =
    note.scheme === 'untitled' || note.scheme !== image.scheme
      ? image.toString()
      : relativePath(note, image).split('/').map(encodeURIComponent).join('/');
  return `![${alt}](${path})`;
}

function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  const fromDir = from.path.split('/').slice(0, -1);
  const target = to.path.split('/');
  let common = 0;
  while (common < fromDir.length && common < target.length - 1 && fromDir[common] === target[common]) common++;
  return [...fromDir.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

/**
 * Inserts the link as its own paragraph after the block at the note's cursor (never inside a footnote
 * definition or list item, see core/blockPlace.ts), as one undoable edit, in the note's visible editor if it
 * has one.
 */
export async function insertAfterBlock(note: vscode.Uri, text: string): Promise<boolean> {
  const editor =
    vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === note.toString()) ??
    (await vscode.window.showTextDocument(note, { preserveFocus: true, preview: false }));
  const document = editor.document;
  const place = placeAfterBlock(document.getText(), document.offsetAt(editor.selection.active), noteAnalysis(document).code);
  return editor.edit(edit => edit.insert(document.positionAt(place.offset), `${place.before}${text}${place.after}`));
}
