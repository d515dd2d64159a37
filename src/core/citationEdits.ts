/** What inserting a citation writes into a note: the citation (or a footnote marker and definition) at the cursor. */
import { applyFootnoteCitation, type TextEdit } from './footnotes';

/** What a citation becomes in the note: text at the cursor, or a footnote (marker + definition). */
export type CitationText = { kind: 'inline'; text: string } | { kind: 'footnote'; text: string; key?: string };

/**
 * The text edits that put a citation at `offset`, and how many characters land at the cursor itself
 * (the figure text and the citation or marker; not the appended footnote definition).
 */
export function citationEdits(
  text: string,
  offset: number,
  citation: CitationText,
  figureText = '',
): { edits: TextEdit[]; atCursor: number } {
  const before = text[offset - 1] ?? '';
  const figureLead = figureText ? (before && !/\s/.test(before) ? ' ' : '') + figureText : '';
  if (citation.kind === 'inline') {
    const lead = figureText ? figureLead + ' ' : before && /[\p{L}\p{N}.,;:!?)\]]/u.test(before) ? ' ' : '';
    const newText = lead + citation.text;
    return { edits: [{ start: offset, end: offset, newText }], atCursor: newText.length };
  }
  const result = applyFootnoteCitation(text, offset, { text: citation.text, key: citation.key });
  const marker = `[^${result.label}]`;
  const edits = result.edits;
  if (figureLead) edits.unshift({ start: offset, end: offset, newText: figureLead });
  return { edits, atCursor: figureLead.length + marker.length };
}
