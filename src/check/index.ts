/**
 * Fact-check diagnostics on Markdown notes (setting `dossier.check.enabled`): numbers that contradict the
 * report (warning, with quick fixes: the report's value, and a citation of its source), citation locators
 * that miss the cited figure (warning, with the right locator), citations and footnote markers that resolve
 * to nothing (error), footnote definitions never referenced (information).
 * Checks run debounced while typing, in slices of ~20 ms between other work (a 2 MB note costs a few hundred
 * ms in all), and are given up when the note changes; diagnostics go away when a note closes or checking is
 * turned off.
 */
import * as vscode from 'vscode';
import { createNoteChecker, type CheckFinding, type NoteChecker } from '../core/check';
import type { Library } from '../core/library';
import type { CitedKey, NoteRange } from '../core/note';
import type { Feature } from '../services';
import { noteAnalysisInSlices } from '../shared/noteAnalysis';
import { runInSlices } from '../core/steps';
import { logError } from '../shell/commands';
import { commands } from '../shared/commands';
import { NOTE_SELECTOR, isNoteDocument } from '../shared/notes';
import type { ReportTarget } from '../shared/targets';
import { Setting, config } from '../shell/config';
import { commandsEngine } from '../lazy/load';
import { SOURCE, toDiagnostic } from './diagnostics';
import type { NoteCheckHost } from './checkAllNotes';

const DEBOUNCE_MS = 400;

export const checkFeature: Feature<'checkAllNotes'> = ({ library, log }) => {
  const diagnostics = vscode.languages.createDiagnosticCollection('dossier');
  /** findings behind each document's diagnostics, for the quick fixes */
  const findings = new Map<string, { version: number; findings: CheckFinding[] }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** per note, the latest check started: an earlier one still running stops at its next slice */
  const latest = new Map<string, number>();
  let checks = 0;
  /** per note, the citation bracket whose unknown key waits for the cursor to leave it */
  const held = new Map<string, NoteRange>();
  let checker: { library: Library; checker: NoteChecker } | undefined;

  const checkerFor = (current: Library): NoteChecker => {
    if (checker?.library !== current) checker = { library: current, checker: createNoteChecker(current) };
    return checker.checker;
  };

  /** Checks a note as it is now; its findings, or undefined when given up (changed, closed, replaced). */
  const check = async (document: vscode.TextDocument): Promise<readonly CheckFinding[] | undefined> => {
    const key = document.uri.toString();
    const run = ++checks;
    latest.set(key, run);
    if (!isNoteDocument(document) || !config.checkEnabled(document)) {
      diagnostics.delete(document.uri);
      findings.delete(key);
      return undefined;
    }
    const current = library.current;
    if (current.reports.length === 0) return undefined; // not loaded yet: checked again on load
    const version = document.version;
    // given up when the note changes or closes, the library is replaced, or a newer check of it started
    const stale = () => document.isClosed || document.version !== version || library.current !== current || latest.get(key) !== run;
    const started = Date.now();
    const text = document.getText();
    const analysis = await noteAnalysisInSlices(document);
    if (!analysis || stale()) return undefined;
    const all = await runInSlices(checkerFor(current).steps(text, analysis), stale);
    if (!all || stale()) return undefined;
    const typing = bracketBeingTyped(document, analysis.keys);
    // a key is not dangling while it is still being typed in its bracket (the editor closes `[` at once)
    const found = typing ? all.filter(f => !(f.code === 'unknown-citation' && f.start > typing.start && f.end < typing.end)) : all;
    if (found.length < all.length) held.set(key, typing!);
    else held.delete(key);
    findings.set(key, { version, findings: found });
    diagnostics.set(
      document.uri,
      found.map(f => toDiagnostic(offset => document.positionAt(offset), f, current)),
    );
    const took = Date.now() - started;
    if (took > 200) log.warn(`Fact-check of ${document.uri.path.split('/').pop()} took ${took} ms (in slices, between other work)`);
    return found;
  };
  const checkSoon = (document: vscode.TextDocument) =>
    void check(document).then(undefined, error => logError(log, `Fact-check of ${document.uri.toString()} failed`, error));

  const schedule = (document: vscode.TextDocument) => {
    if (!isNoteDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        checkSoon(document);
      }, DEBOUNCE_MS),
    );
  };

  const checkAll = () => {
    for (const document of vscode.workspace.textDocuments) checkSoon(document);
  };

  const forget = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    diagnostics.delete(document.uri);
    findings.delete(key);
    held.delete(key);
    latest.delete(key);
  };

  /** The findings of the document as it is now (re-checked at once if an edit is still debounced). */
  const freshFindings = async (document: vscode.TextDocument) => {
    const state = findings.get(document.uri.toString());
    if (state?.version === document.version) return state;
    await check(document);
    return findings.get(document.uri.toString());
  };

  // a library that fails to load is reported once, by the composition root
  void library.ready().then(checkAll, () => undefined);

  /** what Check All Notes (dist/commands.js) uses of this feature */
  const host: NoteCheckHost = {
    library,
    diagnostics,
    checker: checkerFor,
    checkOpen: check,
    checkedOnDisk: new Set(),
  };
  const forgetCheckedOnDisk = () => {
    // their findings were against the library as it was: Check All Notes again to see them against this one
    for (const location of host.checkedOnDisk) diagnostics.delete(vscode.Uri.parse(location));
    host.checkedOnDisk.clear();
  };

  return {
    disposable: vscode.Disposable.from(
      diagnostics,
      { dispose: () => timers.forEach(t => clearTimeout(t)) },
      library.onDidChange(() => {
        forgetCheckedOnDisk();
        checkAll();
      }),
      vscode.workspace.onDidOpenTextDocument(checkSoon),
      vscode.workspace.onDidChangeTextDocument(e => schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument(forget),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => {
        // the cursor left a citation whose key was held back: now it is finished, check it
        const bracket = held.get(textEditor.document.uri.toString());
        if (bracket && !inBracket(textEditor.document.offsetAt(textEditor.selection.active), bracket)) schedule(textEditor.document);
      }),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(Setting.checkEnabled)) checkAll();
      }),
      vscode.languages.registerCodeActionsProvider(
        NOTE_SELECTOR,
        {
          provideCodeActions: async (document, _range, context) => codeActions(document, context, await freshFindings(document)),
        },
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    ),
    commands: { checkAllNotes: () => commandsEngine().checkAllNotes(host) },
  };
};

/** The citation bracket the cursor of the note's active editor is in, `[@tar|]`, if any. */
function bracketBeingTyped(document: vscode.TextDocument, keys: readonly CitedKey[]): NoteRange | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document !== document || keys.length === 0) return undefined;
  const cursor = document.offsetAt(editor.selection.active);
  return keys.find(k => inBracket(cursor, k.group))?.group;
}

/** After `[` and up to `]`: where the analyst is still typing the citation. */
function inBracket(offset: number, bracket: NoteRange): boolean {
  return offset > bracket.start && offset < bracket.end;
}

function codeActions(
  document: vscode.TextDocument,
  context: vscode.CodeActionContext,
  state: { version: number; findings: CheckFinding[] } | undefined,
): vscode.CodeAction[] {
  if (!state || state.version !== document.version) return [];
  const actions: vscode.CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const finding = state.findings.find(f => f.code === diagnostic.code && f.start === start);
    if (!finding) continue;
    if (finding.code !== 'contradicts-report') {
      actions.push(...otherFixes(document, diagnostic, finding));
      continue;
    }
    if (!finding.figure) continue;
    if (finding.replacement !== undefined) {
      const fix = new vscode.CodeAction(
        vscode.l10n.t('Use the report\u2019s figure: {0}', finding.replacement),
        vscode.CodeActionKind.QuickFix,
      );
      fix.edit = new vscode.WorkspaceEdit();
      fix.edit.replace(document.uri, diagnostic.range, finding.replacement);
      fix.diagnostics = [diagnostic];
      fix.isPreferred = true;
      actions.push(fix);
    }
    const target: ReportTarget = { reportId: finding.figure.reportId, kind: 'figure', id: finding.figure.figureId };
    const cite = new vscode.CodeAction(
      vscode.l10n.t('Cite the report\u2019s source for this figure (@{0})', finding.cite?.key ?? ''),
      vscode.CodeActionKind.QuickFix,
    );
    cite.command = {
      command: commands.insertCitationFor.id,
      title: cite.title,
      arguments: [target, { at: { uri: document.uri.toString(), offset: finding.end } }],
    };
    cite.diagnostics = [diagnostic];
    actions.push(cite);
  }
  return actions;
}

/**
 * Fixes for citations and footnotes: the locator that holds the cited figure, a likely key, a definition to
 * fill in, an unused note to drop.
 */
function otherFixes(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: CheckFinding): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  const fix = (title: string, edit: (e: vscode.WorkspaceEdit) => void, preferred = false) => {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    edit(action.edit);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    actions.push(action);
  };
  if (finding.code === 'wrong-locator') {
    // offered only when the figure stands in one place (core/check: right or silent)
    if (finding.replacement !== undefined) {
      const locator = finding.replacement;
      fix(vscode.l10n.t('Change the locator to {0}', locator), e => e.replace(document.uri, diagnostic.range, locator), true);
    }
  } else if (finding.code === 'unknown-citation') {
    (finding.suggestions ?? []).forEach((key, i) =>
      fix(vscode.l10n.t('Change to @{0}', key), e => e.replace(document.uri, diagnostic.range, `@${key}`), i === 0),
    );
  } else if (finding.code === 'unknown-footnote') {
    const label = document.getText(diagnostic.range);
    const text = document.getText();
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
    fix(vscode.l10n.t('Add a definition for {0} at the end of the note', label), e =>
      e.insert(document.uri, document.positionAt(text.length), `${lead}${label}: ${eol}`),
    );
  } else if (finding.code === 'unused-footnote') {
    const line = document.lineAt(diagnostic.range.start.line);
    fix(vscode.l10n.t('Remove the unused footnote definition'), e => e.delete(document.uri, line.rangeIncludingLineBreak));
  }
  return actions;
}
