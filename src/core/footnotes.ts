/**
 * Markdown footnotes in an analyst's note: where `[^x]` markers and `[^x]: …` definitions are, and the
 * edits that cite a source as a footnote — a marker at the cursor, the definition at the end of the file
 * (reused when the same note is already defined), numeric labels kept in order of first use.
 * The edits only insert text or replace label digits: the user's own text is never deleted or moved.
 */

import { analyseNote, type FootnoteDefinition, type FootnoteRef } from './note';

export interface TextEdit {
  /** offsets in the original text */
  start: number;
  end: number;
  newText: string;
}

export type { FootnoteDefinition, FootnoteRef } from './note';

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

const isNumeric = (label: string) => /^\d+$/.test(label);

export interface FootnoteCitation {
  /** the formatted note */
  text: string;
  /** the source's citation key: a definition labelled with it is reused */
  key?: string;
}

export interface FootnoteCitationEdits {
  edits: TextEdit[];
  /** the label of the marker inserted */
  label: string;
  /** true when an existing definition was reused */
  reused: boolean;
}

/**
 * Cites a note as a Markdown footnote at `cursor`: inserts `[^n]` there and, unless the same note is
 * already defined (same label as the key, or the same text), a definition at the end of the file.
 * Numeric labels stay in order of first use: labels from the new one up are shifted (digits only).
 */
export function applyFootnoteCitation(text: string, cursor: number, citation: FootnoteCitation): FootnoteCitationEdits {
  const eol = text.includes('\r\n') ? '\r\n' : /\r(?!\n)/.test(text) && !text.includes('\n') ? '\r' : '\n';
  const { footnoteRefs: refs, footnoteDefinitions: definitions } = analyseNote(text);
  let at = Math.max(0, Math.min(cursor, text.length));
  // A cursor inside a marker cites after it, never splitting it.
  const inside = refs.find(r => r.start < at && at < r.end);
  if (inside) at = inside.end;
  const wanted = normalise(citation.text);
  const existing = definitions.find(d => (citation.key !== undefined && d.label === citation.key) || normalise(d.text) === wanted);

  if (existing && !isNumeric(existing.label)) {
    return { edits: [{ start: at, end: at, newText: `[^${existing.label}]` }], label: existing.label, reused: true };
  }

  // The number the new marker should carry: one more than any numeric label already used before it.
  // (a loop, not Math.max(...labels): a note may hold more markers than a call can take arguments)
  let number = 1;
  for (const r of refs) if (r.end <= at && isNumeric(r.label)) number = Math.max(number, Number(r.label) + 1);
  const renumber = new Map<string, string>();

  const labels = allNumericLabels(refs, definitions);
  if (existing) {
    const old = Number(existing.label);
    const firstUse = refs.find(r => r.label === existing.label);
    let firstAfter = Infinity;
    for (const r of refs)
      if (r.start >= at && isNumeric(r.label) && r.label !== existing.label) firstAfter = Math.min(firstAfter, Number(r.label));
    const fits = old >= number && old < firstAfter;
    if ((firstUse && firstUse.end <= at) || fits) {
      // Already used earlier, or its number already fits here: just point at it.
      return { edits: [{ start: at, end: at, newText: `[^${existing.label}]` }], label: existing.label, reused: true };
    }
    // Its first use moves to the cursor: rotate the labels between its old place and the new one.
    const target = old > number ? number : number - 1;
    for (const label of labels) {
      const n = Number(label);
      if (old > number && n >= number && n < old) renumber.set(label, String(n + 1));
      if (old < number && n > old && n < number) renumber.set(label, String(n - 1));
    }
    renumber.set(existing.label, String(target));
    const edits = [...labelEdits(refs, definitions, renumber), { start: at, end: at, newText: `[^${target}]` }];
    return { edits: sortEdits(edits), label: String(target), reused: true };
  }

  if (labels.has(String(number))) {
    for (const label of labels) if (Number(label) >= number) renumber.set(label, String(Number(label) + 1));
  }
  const edits = labelEdits(refs, definitions, renumber);
  edits.push({ start: at, end: at, newText: `[^${number}]` });
  edits.push(definitionInsert(text, definitions, number, renumber, citation.text, eol));
  return { edits: sortEdits(edits), label: String(number), reused: false };
}

function allNumericLabels(refs: FootnoteRef[], definitions: FootnoteDefinition[]): Set<string> {
  return new Set([...refs, ...definitions].map(r => r.label).filter(isNumeric));
}

/** Digit-only replacements for every marker and definition label being renumbered. */
function labelEdits(refs: FootnoteRef[], definitions: FootnoteDefinition[], renumber: Map<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const r of [...refs, ...definitions]) {
    const to = renumber.get(r.label);
    if (to !== undefined && to !== r.label) edits.push({ start: r.start + 2, end: r.end - 1, newText: to });
  }
  return edits;
}

/**
 * Where the new definition goes: before the first numeric definition that will carry a higher number when
 * that definition sits in the trailing block of notes, else at the very end of the file.
 */
function definitionInsert(
  text: string,
  definitions: FootnoteDefinition[],
  number: number,
  renumber: Map<string, string>,
  noteText: string,
  eol: string,
): TextEdit {
  const line = `[^${number}]: ${noteText.replace(/\s+/g, space => (/[\r\n]/.test(space) ? ' ' : space)).trim()}`;
  const next = definitions
    .filter(d => isNumeric(d.label) && Number(renumber.get(d.label) ?? d.label) > number)
    .sort((a, b) => a.lineStart - b.lineStart)[0];
  if (next && trailingDefinitionsFrom(text, definitions) <= next.lineStart) {
    return { start: next.lineStart, end: next.lineStart, newText: line + eol };
  }
  const endsWithNewline = text.endsWith('\n') || text.endsWith('\r');
  const lines = linesOf(text);
  const lastLine = lines[lines.length - (endsWithNewline && lines.length > 1 ? 2 : 1)];
  const afterDefinition = lastLine !== undefined && definitions[definitions.length - 1]?.lineStart === lastLine.start;
  const lead = text.length === 0 ? eol + eol : endsWithNewline ? (afterDefinition ? '' : eol) : afterDefinition ? eol : eol + eol;
  return { start: text.length, end: text.length, newText: lead + line + eol };
}

/** Offset where the block of footnote definitions at the end of the file begins (text.length if none). */
function trailingDefinitionsFrom(text: string, definitions: FootnoteDefinition[]): number {
  const byLine = new Set(definitions.map(d => d.lineStart));
  const lines = linesOf(text);
  let start = text.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (byLine.has(line.start)) start = line.start;
    // blank lines and indented continuation lines belong to the block; anything else ends it
    else if (line.text.trim() !== '' && !/^\s{2,}\S/.test(line.text)) break;
  }
  return start;
}

/** The lines of a text and where each starts; CRLF, LF and CR-only line ends alike. */
function linesOf(text: string): { start: number; text: string }[] {
  const lines: { start: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i < text.length && ch !== '\n' && ch !== '\r') continue;
    lines.push({ start, text: text.slice(start, i) });
    if (ch === '\r' && text[i + 1] === '\n') i++;
    start = i + 1;
  }
  return lines;
}

function sortEdits(edits: TextEdit[]): TextEdit[] {
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies non-overlapping edits (tests, CLI). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let from = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(from, e.start) + e.newText;
    from = e.end;
  }
  return out + text.slice(from);
}
