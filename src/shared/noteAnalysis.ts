import type * as vscode from 'vscode';
import { analyseNote, type NoteAnalysis } from '../core/note';

/** One analysis per open document, replaced when its version changes; dropped with the document. */
const analyses = new WeakMap<vscode.TextDocument, { version: number; analysis: NoteAnalysis }>();

/**
 * The analysis of a Markdown note's current version, shared by the fact-check, hovers, chart preview and
 * completion: the note is read once per edit, however many features look at it.
 */
export function noteAnalysis(document: vscode.TextDocument): NoteAnalysis {
  const known = analyses.get(document);
  if (known && known.version === document.version) return known.analysis;
  const analysis = analyseNote(document.getText());
  analyses.set(document, { version: document.version, analysis });
  return analysis;
}
