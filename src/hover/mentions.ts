import * as vscode from 'vscode';
import type { Library } from '../core/library';
import { around, reportMentions } from '../core/mentions';
import { sameAmount } from '../core/quantities';
import { noIcons } from '../shared/pickerText';
import { isNoteDocument } from '../shared/notes';
import { rangeOf } from '../shared/positions';
import { readerUri } from '../shared/readerUri';
import type { Mention } from '../shared/commands';
import { runCommand } from '../shell/commands';
import { isReportTarget, type ReportTarget } from '../shared/targets';
import type { NoteScans } from './noteScan';

/**
 * `dossier.showMentions(target)`: every place the report and the open Markdown notes mention a figure (the
 * same value, however written) or cite a note. Shows a picker; returns the list.
 */
export async function showMentions(library: Library, scans: NoteScans, arg: unknown): Promise<Mention[]> {
  if (!isReportTarget(arg)) return [];
  const mentions = findMentions(library, scans, arg);
  const picked = vscode.window.showQuickPick(
    mentions.map(m => ({ label: noIcons(m.where), detail: noIcons(m.text), mention: m })),
    { title: vscode.l10n.t('Dossier: Mentions'), placeHolder: vscode.l10n.t('{0} mention(s)', mentions.length), matchOnDetail: true },
  );
  void picked.then(async choice => {
    if (!choice) return;
    const m = choice.mention;
    if (m.target) {
      await runCommand('revealInReport', m.target);
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(m.uri));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const position = new vscode.Position(m.line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  return mentions;
}

export function findMentions(library: Library, scans: NoteScans, target: ReportTarget): Mention[] {
  const report = library.report(target.reportId);
  if (!report) return [];
  const uri = readerUri(report).toString();
  const mentions: Mention[] = reportMentions(library, target).map(m => ({ uri, ...m }));

  if (target.kind === 'figure') {
    const figure = report.figures.find(f => f.id === target.id);
    if (!figure) return [];
    // in open Markdown notes
    for (const document of vscode.workspace.textDocuments) {
      if (!isNoteDocument(document)) continue;
      const text = document.getText();
      for (const q of scans.scan(document).quantities) {
        if (!sameAmount(q, figure)) continue;
        const range = rangeOf(document, q.start, q.end);
        mentions.push({
          uri: document.uri.toString(),
          line: range.start.line,
          text: around(text, q.start, q.end),
          where: `${vscode.workspace.asRelativePath(document.uri)}:${range.start.line + 1}`,
        });
      }
    }
  } else if (target.kind === 'footnote') {
    const footnote = report.footnotes.find(f => String(f.n) === target.id);
    if (!footnote) return [];
    for (const document of vscode.workspace.textDocuments) {
      if (!isNoteDocument(document)) continue;
      const text = document.getText();
      for (const c of scans.scan(document).citations) {
        if (c.kind !== 'key' || c.name !== footnote.key) continue;
        const range = rangeOf(document, c.start, c.end);
        mentions.push({
          uri: document.uri.toString(),
          line: range.start.line,
          text: around(text, c.start, c.end),
          where: `${vscode.workspace.asRelativePath(document.uri)}:${range.start.line + 1}`,
        });
      }
    }
  }
  return mentions;
}
