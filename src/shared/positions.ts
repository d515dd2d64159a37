/**
 * The one place where core offsets (UTF-16 indexes into a text) become VS Code positions and back.
 * Core modules speak offsets only; adapters convert here.
 */
import * as vscode from 'vscode';
import type { ReaderText } from '../core/reader';

export function positionOf(document: vscode.TextDocument, offset: number): vscode.Position {
  return document.positionAt(offset);
}

export function offsetOf(document: vscode.TextDocument, position: vscode.Position): number {
  return document.offsetAt(position);
}

/** The range of [start, end) in a document; positionAt clamps offsets past the end, so a stale span cannot throw. */
export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(Math.max(start, end)));
}

const shapes = new WeakMap<ReaderText, { lines: number; lastLine: number }>();

/**
 * Whether a reader document shows this rendering, so its spans apply. Compares line count and the length of
 * the last line (O(1)), not the whole text: a hover must not copy a 5 MB document on every mouse move.
 */
export function showsReader(document: vscode.TextDocument, reader: ReaderText): boolean {
  let shape = shapes.get(reader);
  if (!shape) {
    const lastBreak = reader.text.lastIndexOf('\n');
    let lines = 1;
    for (let i = reader.text.indexOf('\n'); i >= 0; i = reader.text.indexOf('\n', i + 1)) lines++;
    shape = { lines, lastLine: reader.text.length - lastBreak - 1 };
    shapes.set(reader, shape);
  }
  return document.lineCount === shape.lines && document.lineAt(document.lineCount - 1).text.length === shape.lastLine;
}
