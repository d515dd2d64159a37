import * as vscode from 'vscode';
import { sourceUrl } from '../core/cite';
import { spanFor } from '../core/reader';
import { lineOfText, originalOf } from '../core/sourceLine';
import type { Library } from '../core/library';
import type { Report } from '../core/model';
import type { LibraryService } from '../library/libraryService';
import type { OriginalShown } from '../shared/commands';
import { safeWebUrl } from '../shared/markdown';
import { noIcons } from '../shared/pickerText';
import { isNoteDocument } from '../shared/notes';
import { rangeOf } from '../shared/positions';
import { readerUri, reportIdOf } from '../shared/readerUri';
import { isReportTarget, type ReportTarget } from '../shared/targets';
import type { PdfPageView } from './pageView';

/** `dossier.openReport`: the reader tab of a report (asks which one when the library has several). */
export async function openReport(library: LibraryService, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  const current = await library.ready();
  const report = await chooseReport(current, arg);
  if (!report) return undefined;
  return showReader(report);
}

async function chooseReport(library: Library, arg: unknown): Promise<Report | undefined> {
  const id = typeof arg === 'string' ? arg : isReportTarget(arg) ? arg.reportId : undefined;
  if (id !== undefined) {
    const report = library.report(id);
    if (!report) void vscode.window.showWarningMessage(vscode.l10n.t('Dossier has no report with the id {0}.', id));
    return report;
  }
  if (library.reports.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('The Dossier library has no report yet. Add one with the setting dossier.reports.'),
    );
    return undefined;
  }
  if (library.reports.length === 1) return library.reports[0];
  const picked = await vscode.window.showQuickPick(
    library.reports.map(report => ({
      label: noIcons(report.title),
      description: report.date ?? '',
      detail: noIcons(report.source ?? ''),
      report,
    })),
    { title: vscode.l10n.t('Open Report'), placeHolder: vscode.l10n.t('Which report?'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.report;
}

/**
 * Shows a report's reader tab: in the column that already shows it, else in `column` when the caller chose
 * one (the chart panel: never its own group), else beside a Markdown draft, else here.
 */
export async function showReader(report: Report, preserveFocus = false, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const uri = readerUri(report);
  const visible = vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri.toString());
  const document = await vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor;
  const besideDraft = !visible && active !== undefined && isNoteDocument(active.document);
  return vscode.window.showTextDocument(document, {
    viewColumn: visible?.viewColumn ?? column ?? (besideDraft ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active),
    preview: false,
    preserveFocus,
  });
}

/** `dossier.revealInReport(target)`: opens the reader and selects the section, paragraph, note or figure. */
export async function revealInReport(library: LibraryService, target: unknown, options?: unknown): Promise<boolean> {
  if (!isReportTarget(target)) return false;
  const current = await library.ready();
  const report = current.report(target.reportId);
  if (!report) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Dossier has no report with the id {0}.', target.reportId));
    return false;
  }
  const column = (options as { viewColumn?: unknown } | undefined)?.viewColumn;
  const editor = await showReader(report, false, typeof column === 'number' ? column : undefined);
  const span = spanFor(current.readerText(report).index, target);
  if (!span) return false;
  const range = rangeOf(editor.document, span.start, span.kind === 'paragraph' || span.kind === 'footnote' ? span.start : span.end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/** `dossier.openSource(target)`: the web page a note (or the first note of a paragraph or figure) cites. */
export async function openSource(library: LibraryService, target: unknown): Promise<boolean> {
  if (!isReportTarget(target)) return false;
  const url = sourceUrl(await library.ready(), target);
  const safe = safeWebUrl(url);
  if (!safe) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This item has no web source to open.'));
    return false;
  }
  return vscode.env.openExternal(vscode.Uri.parse(safe, true));
}

/** From the palette: the figure, note or paragraph at the cursor of the active reader tab. */
function readerTarget(library: LibraryService): ReportTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  const reportId = editor && reportIdOf(editor.document.uri);
  const report = reportId === undefined ? undefined : library.current.report(reportId);
  if (!editor || !report) return undefined;
  const { index } = library.current.readerText(report);
  const offset = editor.document.offsetAt(editor.selection.start);
  for (const kind of ['figure', 'footnote', 'paragraph', 'section'] as const) {
    const span = index.at(offset, kind);
    if (span) return { reportId: report.id, kind, id: span.id };
  }
  return { reportId: report.id, kind: 'report', id: report.id };
}

/** Formats whose file is text an editor shows: the original opens there at the line. */
const TEXT_ORIGINALS: ReadonlySet<string> = new Set(['text', 'markdown', 'html']);

/**
 * `dossier.showOriginal(target)`: the report's own file beside the reader — a Markdown, HTML or text report at
 * the line where the item stands; a PDF in Dossier's page view, turned to the item's page with its text
 * highlighted.
 */
export async function showOriginal(library: LibraryService, pages: PdfPageView, target: unknown): Promise<OriginalShown | undefined> {
  target ??= readerTarget(library);
  if (!isReportTarget(target)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Show Original Page: pick a paragraph, note or figure in the Dossier tree or the reader first.'),
    );
    return undefined;
  }
  const current = await library.ready();
  const loaded = await library.loaded(target.reportId);
  const wanted = originalOf(current, target);
  if (!loaded || !wanted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Dossier has no original file for this item.'));
    return undefined;
  }
  const uri = vscode.Uri.parse(loaded.location);
  if (loaded.format === 'pdf') {
    const page = wanted.page ?? 1;
    const shown = await pages.show({ uri, page, label: loaded.report.pageLabels?.[page - 1] || undefined, text: wanted.text });
    return {
      format: loaded.format,
      uri: uri.toString(),
      page: shown.page,
      highlighted: shown.highlighted,
      found: shown.highlighted !== '',
    };
  }
  if (!TEXT_ORIGINALS.has(loaded.format)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Dossier cannot show the original of a {0} report yet.', loaded.format.toUpperCase()),
    );
    return { format: loaded.format, uri: uri.toString(), found: false };
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const line = wanted.text === undefined ? 0 : lineOfText(document.getText(), wanted.text);
  const at = new vscode.Position(line ?? 0, 0);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  editor.selection = new vscode.Selection(at, document.lineAt(at.line).range.end);
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
  if (line === undefined)
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Dossier could not find this item's text in the original file; it opened at the top."),
    );
  return { format: loaded.format, uri: uri.toString(), line: line ?? 0, found: line !== undefined };
}
