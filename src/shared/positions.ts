/**
 * The one place where core offsets (UTF-16 indexes into a text) become VS Code positions and back.
 * Core modules speak offsets only; adapters convert here.
 */
import * as vscode from 'vscode';

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

/** The offset of a hover/definition position, and whether it still fits the text the spans were made for. */
export function offsetIn(document: vscode.TextDocument, position: vscode.Position, expectedLength?: number): number | undefined {
  if (expectedLength !== undefined && document.getText().length !== expectedLength) return undefined;
  return document.offsetAt(position);
}
