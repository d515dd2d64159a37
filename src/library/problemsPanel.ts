/**
 * The library's problems in the Problems panel, against each report file: a file that could not be read
 * (an error) and every parser warning about a report the analyst added (the bundled report's are in the log).
 */
import * as vscode from 'vscode';
import type { LoadResult, ReportNotice } from '../core/dossier';
import type { LibraryService } from './libraryService';

export function showLibraryProblems(library: LibraryService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('dossier-library');
  const show = (result: LoadResult) => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (notice: ReportNotice, severity: vscode.DiagnosticSeverity) => {
      // a setting path Dossier refused names no file to put it on: the tree shows it
      if (notice.asWritten || notice.origin === 'bundled') return;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), notice.message, severity);
      diagnostic.source = 'Dossier';
      const list = byFile.get(notice.location) ?? [];
      list.push(diagnostic);
      byFile.set(notice.location, list);
    };
    for (const problem of result.problems) add(problem, vscode.DiagnosticSeverity.Error);
    for (const warning of result.warnings) add(warning, vscode.DiagnosticSeverity.Warning);
    collection.clear();
    for (const [location, diagnostics] of byFile) collection.set(vscode.Uri.parse(location), diagnostics);
  };
  if (library.lastLoad) show(library.lastLoad);
  const subscription = library.onDidLoad(show);
  return vscode.Disposable.from(collection, subscription);
}
