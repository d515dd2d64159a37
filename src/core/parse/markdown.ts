/** Markdown reports (being implemented; falls back to the plain-text rules meanwhile). */
import type { Draft } from './draft';
import { parseText } from './text';

export function looksLikeMarkdown(text: string): boolean {
  return /^---\s*\n/.test(text) || /^#{1,6}\s+\S/m.test(text) || /\[\^[^\]\s]+\]/.test(text);
}

export function parseMarkdown(text: string): Draft {
  return parseText(text);
}
