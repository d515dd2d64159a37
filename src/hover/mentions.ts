import * as vscode from 'vscode';
import type { Library } from '../core/library';
import { around, reportMentions } from '../core/mentions';
import { sameAmount } from '../core/quantities';
import { notesLeftOut } from '../core/workspaceNotes';
import { noIcons } from '../shared/pickerText';
import { readerUri } from '../shared/readerUri';
import type { Mention } from '../shared/commands';
import { readWorkspaceNote, workspaceNoteFiles } from '../shared/workspaceNotes';
import { runCommand } from '../shell/commands';
import { isReportTarget, type ReportTarget } from '../shared/targets';

/**
 * `dossier.showMentions(target)`: every place the report and the workspace's Markdown notes, open or not,
 * mention a figure (the same value, however written) or cite a note. Shows a picker; returns the list.
 * `reportFiles`: the library's own files (a Markdown report is no note).
 */
export async function showMentions(library: Library, reportFiles: () => Promise<ReadonlySet<string>>, arg: unknown): Promise<Mention[]> {
  if (!isReportTarget(arg)) return [];
  const { mentions, leftOut } = await findMentions(library, await reportFiles(), arg);
  const count = vscode.l10n.t('{0} mention(s)', mentions.length);
  const picked = vscode.window.showQuickPick(
    mentions.map(m => ({ label: noIcons(m.where), detail: noIcons(m.text), mention: m })),
    {
      title: vscode.l10n.t('Dossier: Mentions'),
      // the picker is where the analyst looks: the files left out are said there
      placeHolder: leftOut ? `${count} \u2014 ${leftOut}` : count,
      matchOnDetail: true,
    },
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

/** The report's own mentions, then each note's (open notes first, then the workspace's files by path). */
async function findMentions(
  library: Library,
  reportFiles: ReadonlySet<string>,
  target: ReportTarget,
): Promise<{ mentions: Mention[]; leftOut?: string }> {
  const report = library.report(target.reportId);
  if (!report) return { mentions: [] };
  const figure = target.kind === 'figure' ? report.figures.find(f => f.id === target.id) : undefined;
  const footnote = target.kind === 'footnote' ? report.footnotes.find(f => String(f.n) === target.id) : undefined;
  const uri = readerUri(report).toString();
  const mentions: Mention[] = reportMentions(library, target).map(m => ({ uri, ...m }));
  // a note without a key (a comment) is cited by no note
  if (!figure && !footnote?.key) return { mentions };

  const files = await workspaceNoteFiles(reportFiles);
  for (const file of files.read) {
    const note = await readWorkspaceNote(file);
    if (!note) continue;
    const places: readonly { start: number; end: number }[] = figure
      ? note.analysis.figures.filter(q => sameAmount(q, figure))
      : note.analysis.keys.filter(k => k.key === footnote!.key);
    for (const place of places) {
      const line = note.positionAt(place.start).line;
      mentions.push({
        uri: file.location,
        line,
        text: around(note.text, place.start, place.end),
        where: `${vscode.workspace.asRelativePath(note.uri)}:${line + 1}`,
      });
    }
  }
  return { mentions, leftOut: notesLeftOut(files) };
}
