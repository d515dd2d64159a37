/**
 * A fact-check finding as a diagnostic of the Problems panel: the same for a note checked while it is open
 * (./index.ts) and one checked from disk by Check All Notes (./checkAllNotes.ts), so the quick fixes find
 * their findings by code and place once the note is opened.
 */
import * as vscode from 'vscode';
import type { CheckFinding } from '../core/check';
import { placeLabel, type Library } from '../core/library';
import { readerUri } from '../shared/readerUri';

export const SOURCE = 'Dossier';
const SEVERITY: Record<CheckFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** `positionAt`: the position of an offset in the note's text (the open document's, or the file's). */
export function toDiagnostic(positionAt: (offset: number) => vscode.Position, finding: CheckFinding, library: Library): vscode.Diagnostic {
  const range = new vscode.Range(positionAt(finding.start), positionAt(finding.end));
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = finding.code;
  if (finding.severity === 'information') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  const related = finding.figure && figureLocation(library, finding.figure.reportId, finding.figure.figureId);
  if (related) {
    const f = finding.figure!;
    const place = library.paragraph(f.reportId, f.paragraph);
    // the Problems panel prints the location as line and column: the message says where, as an analyst would
    const where = place ? `${placeLabel(place)}: ` : '';
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(related, `${where}${f.qualifier ? f.qualifier + ' ' : ''}${f.text}`),
    ];
  }
  return diagnostic;
}

/** Where a figure sits in the report's reader tab. */
function figureLocation(library: Library, reportId: string, figureId: string): vscode.Location | undefined {
  const report = library.report(reportId);
  if (!report) return undefined;
  const reader = library.readerText(report);
  const span = reader.index.find('figure', figureId);
  if (!span) return undefined;
  return new vscode.Location(readerUri(report), new vscode.Range(positionIn(reader.text, span.start), positionIn(reader.text, span.end)));
}

function positionIn(text: string, offset: number): vscode.Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return new vscode.Position(line, offset - lineStart);
}
