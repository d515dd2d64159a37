/**
 * Plain-text reports as copied from a web page or PDF: title and date near the top, headings as short
 * unpunctuated lines between paragraphs, bracketed markers `[n]` in paragraphs, a numbered notes list at
 * the end, and page chrome ("Insight Image", the repeated title and date, "Related Topics") to drop.
 */
import { bylineAuthors, dateLine, endsContent, isChrome, isNotesHeading, isPageNumber } from './chrome';
import type { Draft, DraftNote, DraftParagraph, DraftSection } from './draft';
import { MAX_NOTE_LENGTH, MAX_PARAGRAPHS_PER_REPORT, PARAGRAPH_CAP_WARNING, TextBuilder } from './draft';
import { type Block, type Line, blockText, splitBlocks } from './lines';

/** `[12]`, `[12, 13]`, `[12–14]` (ranges expand); `[^12]` from pasted Markdown too */
const MARKER = /\[\^?(\d{1,4}(?:\s*[,;–-]\s*\d{1,4}){0,20})\]/g;
const NOTE_START_BRACKET = /^\s*\[\^?(\d{1,4})\]:?\s*/;
const NOTE_START_NUMBER = /^\s*(\d{1,4})(?:[.)]|\s)\s*(?=\S)/;

export function parseText(input: string): Draft {
  const warnings: string[] = [];
  const blocks = splitBlocks(input, warnings);

  // each block's text is asked for up to three times (is it a paragraph, the heading before it, itself)
  const texts: (string | undefined)[] = [];
  const textOf = (i: number): string => (texts[i] ??= blockText(blocks[i]));

  const notesAt = findNotes(blocks);
  const bodyEnd = notesAt ?? blocks.length;
  const notes = notesAt === undefined ? [] : readNotes(blocks.slice(notesAt));

  // The preamble: short lines before the first real paragraph.
  let first = 0;
  while (first < bodyEnd && !isParagraphLike(textOf(first))) first++;
  const preamble = blocks.slice(0, first).map((b, i) => ({ block: b, text: textOf(i) }));
  let title: string | undefined;
  let date: string | undefined;
  let authors: string[] = [];
  // A short line right before the first paragraph (after title, date and byline) names the first section;
  // one between the title and the date is a subtitle.
  let opening: { block: Block; text: string } | undefined;
  for (const item of preamble) {
    if (isChrome(item.text)) continue;
    opening = undefined;
    const d = dateLine(item.text);
    if (d) {
      date ??= d;
      continue;
    }
    const by = bylineAuthors(item.text);
    if (by) {
      if (!authors.length) authors = by;
      continue;
    }
    if (title === undefined) {
      title = item.text;
      continue;
    }
    if (same(item.text, title)) continue;
    opening = item;
  }

  const sections: DraftSection[] = [];
  let section: DraftSection | undefined;
  if (opening && isHeading(opening.text)) {
    section = { title: opening.text, start: opening.block.start, end: opening.block.end, paragraphs: [] };
  }

  let read = 0;
  for (let i = first; i < bodyEnd; i++) {
    const block = blocks[i];
    const text = textOf(i);
    if (endsContent(text)) break;
    if (isChrome(text) || (title && same(text, title)) || (dateLine(text) && text.length < 40)) continue;
    if (block.lines.length === 1 && isHeading(text) && nextIsContent(blocks, textOf, i + 1, bodyEnd)) {
      if (section && section.paragraphs.length) sections.push(section);
      section = { title: text, start: block.start, end: block.end, paragraphs: [] };
      continue;
    }
    if (read >= MAX_PARAGRAPHS_PER_REPORT) {
      warnings.push(PARAGRAPH_CAP_WARNING);
      break;
    }
    section ??= { start: block.start, end: block.end, paragraphs: [] };
    for (const item of listItems(block)) {
      const paragraph = readParagraph(input, item);
      if (paragraph.text) {
        read++;
        section.paragraphs.push(paragraph);
        section.end = paragraph.end;
      }
    }
  }
  if (section && section.paragraphs.length) sections.push(section);

  return { title, date, authors, sections, notes, warnings };
}

function same(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** A heading: one short line, no closing punctuation, no marker, starting with a capital or a digit. */
export function isHeading(text: string): boolean {
  // the cheap tests first: it is asked of every block that may end the notes list
  if (text.length === 0 || text.length > 100) return false;
  if (!/^[\p{Lu}\p{N}"“‘'(]/u.test(text) || /[.,;:!]$/.test(text)) return false;
  if (/\[\^?\d+\]/.test(text)) return false;
  return text.split(/\s+/).length <= 14;
}

function isParagraphLike(text: string): boolean {
  if (/\[\^?\d{1,4}\]/.test(text) && !NOTE_START_BRACKET.test(text)) return true;
  const words = text.split(/\s+/).length;
  return words >= 25 || (words >= 6 && /[.!?]["”’)]?$/.test(text));
}

function nextIsContent(blocks: Block[], textOf: (i: number) => string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const text = textOf(i);
    if (endsContent(text)) return false;
    if (isChrome(text)) continue;
    return !(blocks[i].lines.length === 1 && isHeading(text) && !isParagraphLike(text));
  }
  return false;
}

/** Where the notes list starts: a notes heading, or the first block that opens with `[n]`. */
function findNotes(blocks: Block[]): number | undefined {
  for (let i = 1; i < blocks.length; i++) {
    const text = blocks[i].lines[0].text;
    if (isNotesHeading(text) && blocks[i].lines.length === 1) {
      const next = blocks[i + 1]?.lines[0].text ?? '';
      if (NOTE_START_BRACKET.test(next) || NOTE_START_NUMBER.test(next)) return i;
    }
    if (NOTE_START_BRACKET.test(text)) return i;
  }
  return undefined;
}

function readNotes(blocks: Block[]): DraftNote[] {
  const notes: DraftNote[] = [];
  let headed = false;
  let pending: { n: number; lines: Line[]; firstOffset: number; length: number; last: Line } | undefined;
  const flush = () => {
    if (!pending) return;
    const last = pending.last;
    const text = pending.lines
      .map((l, i) => (i === 0 ? l.text.slice(pending!.firstOffset) : l.text))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    notes.push({ n: pending.n, text, start: pending.lines[0].start, end: last.end });
    pending = undefined;
  };
  for (const block of blocks) {
    const first = block.lines[0].text;
    if (isNotesHeading(first) && block.lines.length === 1) {
      headed = true;
      continue;
    }
    const opens = NOTE_START_BRACKET.test(first) || (headed && NOTE_START_NUMBER.test(first));
    if (!opens) {
      // Trailing navigation ("Related Topics" and its list) ends the notes.
      if (endsContent(first) || isChrome(first) || (block.lines.length === 1 && isHeading(first) && first.length < 40)) break;
    }
    for (const line of block.lines) {
      const m = NOTE_START_BRACKET.exec(line.text) ?? (headed ? NOTE_START_NUMBER.exec(line.text) : null);
      if (m) {
        flush();
        pending = { n: Number(m[1]), lines: [line], firstOffset: m[0].length, length: line.text.length, last: line };
      } else if (pending) {
        // past the longest note read, lines only move its end (notes the parser cannot tell apart make one huge note)
        if (pending.length <= MAX_NOTE_LENGTH) pending.lines.push(line);
        pending.length += line.text.length;
        pending.last = line;
      }
    }
  }
  flush();
  return notes;
}

const BULLET = /^\s*(?:[-*•–◦▪]|\d{1,3}[.)])\s+(?=\S)/;

/** A block of bullet lines ("- …", "• …", "1. …") is one paragraph per item, bullets removed. */
function listItems(block: Block): Block[] {
  const bullets = block.lines.filter(l => BULLET.test(l.text)).length;
  if (block.lines.length < 2 || bullets < 2 || !BULLET.test(block.lines[0].text)) return [block];
  const items: Line[][] = [];
  for (const line of block.lines) {
    const m = BULLET.exec(line.text);
    if (m) items.push([{ text: line.text.slice(m[0].length), start: line.start + m[0].length, end: line.end }]);
    else items[items.length - 1].push(line);
  }
  return items.map(lines => ({ lines, start: lines[0].start, end: lines[lines.length - 1].end }));
}

function readParagraph(input: string, block: Block): DraftParagraph {
  const builder = new TextBuilder();
  // a page number between two lines of a paragraph is a page break, not text
  const lines = block.lines.length > 1 ? block.lines.filter(l => !isPageNumber(l.text)) : block.lines;
  lines.forEach((line, index) => {
    if (index > 0) builder.space(line.start);
    let pos = line.start;
    MARKER.lastIndex = 0;
    for (const m of line.text.matchAll(MARKER)) {
      const start = line.start + (m.index ?? 0);
      const end = start + m[0].length;
      builder.copy(input, pos, start);
      for (const n of markerNumbers(m[1])) builder.marker(n, start, end);
      pos = end;
    }
    builder.copy(input, pos, line.end);
  });
  return builder.finish(block.start, block.end);
}

/** "12, 13" → [12, 13]; "12–14" → [12, 13, 14] (ranges capped so a typo cannot explode). */
export function markerNumbers(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b >= a && b - a <= 50) for (let n = a; n <= b; n++) out.push(n);
      else out.push(a, b);
    } else if (/^\d+$/.test(part)) {
      out.push(Number(part));
    }
  }
  return out;
}

/**
 * A raised "2" or "3" right after a unit of length ("3,000 km²", "square kilometers (km²)") squares or cubes
 * the unit: it is an exponent, not a note marker. `before` is the text up to the raised digits. Only a unit
 * standing as a word of its own counts ("km", not "Program"), so a marker after a word stays a marker.
 */
export function unitExponent(before: string, digits: string): string | undefined {
  if (digits !== '2' && digits !== '3') return undefined;
  if (!/(?:^|[^\p{L}\p{N}])(?:[kcm]?m|mi|ft|yd)$/u.test(before)) return undefined;
  return digits === '2' ? '²' : '³';
}
