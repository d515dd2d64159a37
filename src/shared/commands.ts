/**
 * Every command Dossier contributes, declared once: its id, the arguments it takes and what it returns.
 * Features attach the handlers (src/shell/commands.ts registers them all under one error policy); other
 * features, tree items, hover links and quick fixes name a command through this table, never by a string.
 * package.json declares the same ids (a unit test keeps the two in step).
 *
 * Arguments from command links, menus and webviews arrive as JSON from outside: handlers still check them
 * (`isReportTarget`) before trusting them; the types say what a well-behaved caller sends.
 */
import type * as vscode from 'vscode';
import type { CitationStyle } from '../core/cite';
import type { SettingOrigin } from '../core/reportSource';
import type { SearchHit } from '../core/search';
import type { ReportTarget } from './targets';

/** A command: its id and, as types only, its arguments and result. */
export interface Command<Args extends unknown[], Result> {
  readonly id: string;
  /** what the user reads when it fails, `{0}` being why (vscode.l10n template) */
  readonly failure: string;
  /** never set: carries the types */
  readonly signature?: (...args: Args) => Result;
}

function command<Args extends unknown[] = [], Result = void>(id: `dossier.${string}`, failure: string): Command<Args, Result> {
  return { id, failure };
}

export type BibliographyFormat = 'csl-json' | 'bibtex' | 'ris';

/** Given by scripts and tests, these skip the pickers (an existing file is still confirmed). */
export interface ExportBibliographyArgs {
  format?: BibliographyFormat;
  uri?: string;
  /** a note's URI: export only what it cites */
  cited?: string;
}

export interface InsertOptions {
  /** the figure as written, then its citation: "US$845 million [@profit2025]" */
  withFigureText?: boolean;
  /** cite at this place instead of the cursor (quick fixes) */
  at?: { uri: string; offset: number };
  /** style for this one insertion; the setting otherwise */
  style?: CitationStyle;
}

/** What Export Memo… writes: a Word file, one HTML file, or a folder for pandoc. */
export type MemoFormat = 'docx' | 'html' | 'pandoc';

/** Given by scripts and tests, these skip the questions (an existing file is still confirmed). */
export interface ExportMemoArgs {
  /** the memo's URI (default: the active Markdown editor's) */
  note?: string;
  format?: MemoFormat;
  /** where to write it */
  uri?: string;
  /** export without asking about the numbers the fact-check disputes */
  exportAnyway?: boolean;
}

/** One place a figure or a note is mentioned: in the reader or in a Markdown note of the workspace. */
export interface Mention {
  uri: string;
  line: number;
  /** the text around the mention */
  text: string;
  where: string;
  target?: ReportTarget;
}

/** What Check All Notes did: notes checked out of those found, and what the fact-check found in them. */
export interface NotesChecked {
  /** notes to check (open ones and the workspace's Markdown files, within the limits) */
  total: number;
  /** notes checked to the end */
  checked: number;
  findings: number;
  /** notes with at least one finding */
  notesWithFindings: number;
  /** stopped before the end (Cancel, a newer run, a library reload) */
  cancelled: boolean;
  /** the files left out, as told (too many, too large) */
  leftOut?: string;
}

/** What Show Original Page opened: the report's file, where, and whether the item's text was found there. */
export interface OriginalShown {
  format: string;
  uri: string;
  /** 0-based line of the text in a text original */
  line?: number;
  /** the page a PDF original was turned to */
  page?: number;
  /** the text highlighted on that page */
  highlighted?: string;
  found: boolean;
}

/** A report of the library as a tree item names it: a report's id, or the location of a file it could not read. */
export interface LibraryItem {
  reportId?: string;
  location?: string;
}

/** What Add Reports… did: setting values added to a library, those it already had, files it cannot read. */
export interface ReportsAdded {
  /** the personal library (user settings) or the workspace's */
  library: SettingOrigin;
  added: string[];
  already: string[];
  /** files of no format Dossier reads (as picked, by name) */
  unsupported: string[];
}

/** What Remove from Library changed: the setting, in whose settings, and the value taken out (or set). */
export interface LibraryRemoval {
  setting: 'dossier.reports' | 'dossier.showBundledReport';
  library: SettingOrigin;
  removed: string;
}

export const commands = {
  /** the reader tab of a report (a report id, or asks) → the reader's uri */
  openReport: command<[report?: string | ReportTarget], string | undefined>('dossier.openReport', 'Dossier could not open the report: {0}'),
  /** the search picker, pre-filled with `query` → the hits shown for it */
  search: command<[query?: string], SearchHit[]>('dossier.search', 'Dossier could not search the reports: {0}'),
  /** the figure picker, pre-filled with `query` → the hits shown for it */
  findFigure: command<[query?: string], SearchHit[]>('dossier.findFigure', 'Dossier could not search the figures: {0}'),
  /** the citation picker; with `targets` it cites them without asking → whether it inserted */
  insertCitation: command<[args?: { targets?: ReportTarget[]; style?: CitationStyle }], boolean>(
    'dossier.insertCitation',
    'Dossier could not write the citation: {0}',
  ),
  /** in the open citation picker: adds the highlighted source and keeps choosing (Ctrl+Enter) */
  addToCitation: command('dossier.addToCitation', 'Dossier could not add the source: {0}'),
  /** the library's note sources to a file → the file written */
  exportBibliography: command<[args?: ExportBibliographyArgs], vscode.Uri | undefined>(
    'dossier.exportBibliography',
    'Dossier could not export the bibliography: {0}',
  ),
  /** the memo as Word, HTML or a pandoc bundle → what was written */
  exportMemo: command<[args?: ExportMemoArgs], vscode.Uri | undefined>('dossier.exportMemo', 'Dossier could not export the memo: {0}'),
  /** the chart panel beside the note (the active one, or `note`) */
  openChartPreview: command<[note?: vscode.Uri]>('dossier.openChartPreview', 'Dossier could not open the chart preview: {0}'),
  /** the keyboard focus into the chart panel (opened beside the note when there is none) */
  focusChartPreview: command('dossier.focusChartPreview', 'Dossier could not focus the chart preview: {0}'),
  /** the walkthrough in Help › Get Started (Dossier opens it by itself once, at its first start) */
  getStarted: command('dossier.getStarted', 'Dossier could not open its walkthrough: {0}'),
  /** Dossier's output channel */
  showLog: command('dossier.showLog', 'Dossier could not show its log: {0}'),
  /** charts/<chartId>.svg beside the note, linked at its cursor → the file and the link */
  exportChart: command<[chartId: string, options?: { overwrite?: boolean }], { uri: vscode.Uri; link: string } | undefined>(
    'dossier.preview.exportChart',
    'Dossier could not export the chart: {0}',
  ),
  /** a link to the chart's SVG at the note's cursor (exported first if need be) → the link */
  insertChartLink: command<[chartId: string], string | undefined>(
    'dossier.preview.insertLink',
    'Dossier could not insert the chart link: {0}',
  ),
  /** a citation of a target into the note, in the current style → whether it inserted */
  insertCitationFor: command<[target: ReportTarget, options?: InsertOptions], boolean>(
    'dossier.insertCitationFor',
    'Dossier could not write the citation: {0}',
  ),
  /** a citation of a target on the clipboard → its text */
  copyCitationFor: command<[target: ReportTarget, options?: { style?: CitationStyle }], string>(
    'dossier.copyCitationFor',
    'Dossier could not copy the citation: {0}',
  ),
  /** the reader, with the target selected (in `viewColumn` when given) → whether it was found */
  revealInReport: command<[target: ReportTarget, options?: { viewColumn?: vscode.ViewColumn }], boolean>(
    'dossier.revealInReport',
    'Dossier could not reveal it in the report: {0}',
  ),
  /** the web page a note (or the first note of a paragraph or figure) cites → whether one opened */
  openSource: command<[target: ReportTarget], boolean>('dossier.openSource', 'Dossier could not open the source: {0}'),
  /** every mention of a figure or note in the report and the workspace's notes, open or not, in a picker → the list */
  showMentions: command<[target: ReportTarget], Mention[]>('dossier.showMentions', 'Dossier could not list the mentions: {0}'),
  /** the fact-check over every Markdown note of the workspace, open or not, into the Problems panel → what it did */
  checkAllNotes: command<[], NotesChecked>('dossier.checkAllNotes', 'Dossier could not check the notes: {0}'),
  /** the report's own file beside the reader at the target (the reader's cursor from the palette) → what opened */
  showOriginal: command<[target?: ReportTarget], OriginalShown | undefined>(
    'dossier.showOriginal',
    'Dossier could not show the original: {0}',
  ),
  /** report files or folders into the personal or the workspace's library (picked when not given) → what was added */
  addReports: command<[reports?: readonly (string | vscode.Uri)[], options?: { library?: SettingOrigin }], ReportsAdded | undefined>(
    'dossier.addReports',
    'Dossier could not add the reports: {0}',
  ),
  /** the setting value that brought a report in, out of its library (the bundled report: hidden) → what changed */
  removeFromLibrary: command<[item: LibraryItem, options?: { folder?: boolean }], LibraryRemoval | undefined>(
    'dossier.removeFromLibrary',
    'Dossier could not remove the report from the library: {0}',
  ),
  /** a report's file in the Explorer (inside the workspace) or the system's file manager → its URI */
  revealReportFile: command<[item: LibraryItem], string | undefined>(
    'dossier.revealReportFile',
    'Dossier could not reveal the report file: {0}',
  ),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type ArgsOf<C> = C extends { signature?: (...args: infer A) => unknown } ? A : never;
export type ResultOf<C> = C extends { signature?: (...args: never[]) => infer R } ? R : never;

/** What a feature gives for each command it serves. */
export type CommandHandlers = {
  [N in CommandName]: (...args: ArgsOf<Commands[N]>) => ResultOf<Commands[N]> | Thenable<ResultOf<Commands[N]>>;
};
