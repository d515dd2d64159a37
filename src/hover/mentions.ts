import * as vscode from 'vscode';
import type { Library } from '../core/library';
import { findQuantities, sameAmount } from '../core/quantities';
import { noIcons } from '../shared/pickerText';
import { rangeOf } from '../shared/positions';
import { readerUri } from '../shared/readerUri';
import { CommandIds, isReportTarget, type ReportTarget } from '../shared/targets';
import type { NoteScans } from './noteScan';

/** One place a figure or a note is mentioned: in the reader or in an open Markdown note. */
export interface Mention {
  uri: string;
  line: number;
  /** the text around the mention */
  text: string;
  where: string;
  target?: ReportTarget;
}

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
      await vscode.commands.executeCommand(CommandIds.revealInReport, m.target);
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
  const mentions: Mention[] = [];
  const { text: readerText, index } = library.readerText(report);
  const uri = readerUri(report).toString();
  // line of an offset by binary search over the line starts (computed once per call, not per mention)
  const starts = [0];
  for (let i = readerText.indexOf('\n'); i >= 0; i = readerText.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const around = (text: string, start: number, end: number) => text.slice(Math.max(0, start - 60), Math.min(text.length, end + 60)).replace(/\s+/g, ' ').trim();

  if (target.kind === 'figure') {
    const figure = report.figures.find(f => f.id === target.id);
    if (!figure) return [];
    const same = (q: { value: number; unit: string; counted?: string }) => sameAmount(q, figure);
    // in the report: every paragraph and note with the same amount
    for (const span of [...index.ofKind('paragraph'), ...index.ofKind('footnote')]) {
      const text = readerText.slice(span.start, span.end);
      for (const q of safeQuantities(text)) {
        if (!same(q)) continue;
        const place = span.kind === 'paragraph' ? library.paragraph(report.id, span.id) : undefined;
        mentions.push({
          uri, line: lineOf(span.start + q.start), text: around(text, q.start, q.end),
          where: place ? `¶${place.number} · ${place.section.title}` : `[${span.id}]`,
          target: { reportId: report.id, kind: span.kind === 'paragraph' ? 'paragraph' : 'footnote', id: span.id },
        });
      }
    }
    // in open Markdown notes
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== 'markdown') continue;
      const text = document.getText();
      for (const q of scans.scan(document).quantities) {
        if (!same(q)) continue;
        const range = rangeOf(document, q.start, q.end);
        mentions.push({ uri: document.uri.toString(), line: range.start.line, text: around(text, q.start, q.end), where: `${vscode.workspace.asRelativePath(document.uri)}:${range.start.line + 1}` });
      }
    }
    return mentions;
  }

  if (target.kind === 'footnote') {
    const footnote = report.footnotes.find(f => String(f.n) === target.id);
    if (!footnote) return [];
    for (const pid of footnote.citedBy) {
      const place = library.paragraph(report.id, pid);
      const span = index.find('paragraph', pid);
      if (place && span) mentions.push({ uri, line: lineOf(span.start), text: place.paragraph.text.slice(0, 140), where: `¶${place.number} · ${place.section.title}`, target: { reportId: report.id, kind: 'paragraph', id: pid } });
    }
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== 'markdown') continue;
      const text = document.getText();
      for (const c of scans.scan(document).citations) {
        if (c.kind !== 'key' || c.name !== footnote.key) continue;
        const range = rangeOf(document, c.start, c.end);
        mentions.push({ uri: document.uri.toString(), line: range.start.line, text: around(text, c.start, c.end), where: `${vscode.workspace.asRelativePath(document.uri)}:${range.start.line + 1}` });
      }
    }
  }
  return mentions;
}

function safeQuantities(text: string) {
  try {
    return findQuantities(text);
  } catch {
    return [];
  }
}
