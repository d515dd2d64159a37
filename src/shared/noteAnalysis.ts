import type * as vscode from 'vscode';
import { analyseNote, analyseNoteSteps, type NoteAnalysis } from '../core/note';
import { runInSlices } from '../core/steps';

/** One analysis per open document, replaced when its version changes; dropped with the document. */
const analyses = new WeakMap<vscode.TextDocument, { version: number; analysis: NoteAnalysis; figuresRead: boolean }>();
/** An analysis being read in slices, shared by whoever asks for the same version meanwhile. */
const reading = new WeakMap<vscode.TextDocument, { version: number; analysis: Promise<NoteAnalysis | undefined> }>();

/**
 * The analysis of a Markdown note's current version, shared by the fact-check, hovers, chart preview and
 * completion: the note is read once per edit, however many features look at it.
 */
export function noteAnalysis(document: vscode.TextDocument): NoteAnalysis {
  const known = analyses.get(document);
  if (known && known.version === document.version) return known.analysis;
  const analysis = analyseNote(document.getText());
  analyses.set(document, { version: document.version, analysis, figuresRead: false });
  return analysis;
}

/**
 * The same analysis, amounts included, read in slices between other work (a 2 MB note takes a few hundred
 * milliseconds in all). Undefined when the note changes before it is read.
 */
export function noteAnalysisInSlices(document: vscode.TextDocument): Promise<NoteAnalysis | undefined> {
  const version = document.version;
  const known = analyses.get(document);
  if (known?.version === version && known.figuresRead) return Promise.resolve(known.analysis);
  const pending = reading.get(document);
  if (pending?.version === version) return pending.analysis;
  const analysis = runInSlices(analyseNoteSteps(document.getText()), () => document.version !== version).then(read => {
    if (read && document.version === version) analyses.set(document, { version, analysis: read, figuresRead: true });
    return read;
  });
  reading.set(document, { version, analysis });
  // once read (or given up), the next ask starts from the cache or afresh
  const done = () => {
    if (reading.get(document)?.analysis === analysis) reading.delete(document);
  };
  analysis.then(done, done);
  return analysis;
}
