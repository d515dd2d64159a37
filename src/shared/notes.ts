/**
 * Which documents are the analyst's Markdown notes: the ones Dossier checks, cites into, charts and hovers.
 * Not the reader tab (a report), not an output channel, not a diff's or git's view of a file.
 */
import type * as vscode from 'vscode';

const NOTE_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote'] as const;

/** The notes as a document selector, for providers. */
export const NOTE_SELECTOR: vscode.DocumentFilter[] = NOTE_SCHEMES.map(scheme => ({ language: 'markdown', scheme }));

export function isNoteDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && !document.isClosed && (NOTE_SCHEMES as readonly string[]).includes(document.uri.scheme);
}
