/**
 * `dossier.checkAllNotes`: the fact-check over every Markdown note of the workspace, open or not, with a
 * cancellable progress notification. Findings go into the fact-check's own diagnostics collection with the
 * same codes as while typing, so the quick fixes work once a note is opened. Each note is read and checked in
 * slices (runInSlices, src/core/steps.ts), so the extension host keeps answering meanwhile. Runs from dist/commands.js.
 */
import * as vscode from 'vscode';
import type { CheckFinding, NoteChecker } from '../core/check';
import type { Library } from '../core/library';
import { Pace, type Steps } from '../core/steps';
import { notesLeftOut } from '../core/workspaceNotes';
import type { LibraryService } from '../library/libraryService';
import type { NotesChecked } from '../shared/commands';
import { runInSlices } from '../core/steps';
import { readWorkspaceNote, workspaceNoteFiles } from '../shared/workspaceNotes';
import { config } from '../shell/config';
import { toDiagnostic } from './diagnostics';

/** What the fact-check feature (./index.ts) lends Check All Notes. */
export interface NoteCheckHost {
  readonly library: LibraryService;
  readonly diagnostics: vscode.DiagnosticCollection;
  /** the fact-check against a library (one per library, shared with the checks while typing) */
  checker(library: Library): NoteChecker;
  /** checks an open note as while typing (its findings kept for the quick fixes); undefined when given up */
  checkOpen(document: vscode.TextDocument): Promise<readonly CheckFinding[] | undefined>;
  /** the notes whose problems came from disk: dropped when the library changes */
  readonly checkedOnDisk: Set<string>;
}

/** the run under way: a new one stops it (the newest wins) */
let running: vscode.CancellationTokenSource | undefined;

export async function checkAllNotes(host: NoteCheckHost): Promise<NotesChecked> {
  running?.cancel();
  const own = new vscode.CancellationTokenSource();
  running = own;
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Dossier'), cancellable: true },
      async (progress, token) => {
        const stop = token.onCancellationRequested(() => own.cancel());
        try {
          return await checkNotes(host, progress, own.token);
        } finally {
          stop.dispose();
        }
      },
    );
  } finally {
    if (running === own) running = undefined;
    own.dispose();
  }
}

async function checkNotes(
  host: NoteCheckHost,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<NotesChecked> {
  progress.report({ message: vscode.l10n.t('Finding notes\u2026') });
  const library = await host.library.ready();
  const files = await workspaceNoteFiles(await host.library.reportFiles(), token);
  const notes = files.read.filter(file => config.checkEnabled(file.uri));
  const result: NotesChecked = { total: notes.length, checked: 0, findings: 0, notesWithFindings: 0, cancelled: false };
  const leftOut = notesLeftOut(files);
  if (leftOut) result.leftOut = leftOut;
  const cancelled = () => token.isCancellationRequested || host.library.current !== library;

  for (const file of notes) {
    if (cancelled()) break;
    progress.report({
      message: vscode.l10n.t('Checking notes: {0} of {1}', result.checked + 1, notes.length),
      increment: notes.length ? 100 / notes.length : 0,
    });
    const note = await readWorkspaceNote(file, cancelled);
    if (!note || cancelled()) continue;
    let found: readonly CheckFinding[] | undefined;
    if (note.document) {
      found = await host.checkOpen(note.document);
    } else {
      found = await runInSlices(host.checker(library).steps(note.text, note.analysis), cancelled);
      const diagnostics = found && (await runInSlices(diagnosticsOf(found, note.positionAt, library), cancelled));
      if (diagnostics && !cancelled()) {
        host.diagnostics.set(note.uri, diagnostics);
        host.checkedOnDisk.add(file.location);
      }
    }
    if (!found || cancelled()) continue;
    result.checked++;
    result.findings += found.length;
    if (found.length > 0) result.notesWithFindings++;
  }
  result.cancelled = cancelled();
  tell(result);
  return result;
}

/** The findings as diagnostics, in steps: a long note can have thousands, each placed in the note and the report. */
function* diagnosticsOf(
  found: readonly CheckFinding[],
  positionAt: (offset: number) => vscode.Position,
  library: Library,
): Steps<vscode.Diagnostic[]> {
  const pace = new Pace(50);
  const diagnostics: vscode.Diagnostic[] = [];
  for (const finding of found) {
    diagnostics.push(toDiagnostic(positionAt, finding, library));
    if (pace.due()) yield;
  }
  return diagnostics;
}

/** The summary, with a way to the Problems panel when there is something to see there (not awaited). */
function tell(result: NotesChecked): void {
  const checked = result.checked === 1 ? vscode.l10n.t('1 note checked') : vscode.l10n.t('{0} notes checked', result.checked);
  const found =
    result.findings === 0
      ? vscode.l10n.t('no findings')
      : result.findings === 1
        ? vscode.l10n.t('1 finding in 1 note')
        : result.notesWithFindings === 1
          ? vscode.l10n.t('{0} findings in 1 note', result.findings)
          : vscode.l10n.t('{0} findings in {1} notes', result.findings, result.notesWithFindings);
  const stopped = result.cancelled ? vscode.l10n.t('Check All Notes stopped after {0} of {1} notes: ', result.checked, result.total) : '';
  const message = `${stopped || `${checked}: `}${found}.${result.leftOut ? ` ${result.leftOut}` : ''}`;
  const show = vscode.l10n.t('Show Problems');
  const asked = result.findings > 0 ? vscode.window.showInformationMessage(message, show) : vscode.window.showInformationMessage(message);
  void asked.then(choice => {
    if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}
