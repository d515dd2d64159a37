/**
 * Where Dossier puts a block it writes into a note (an exported chart's image link): its own paragraph after
 * the Markdown block the cursor is in. "After the block" means after everything Markdown reads as part of
 * it: a footnote definition with its indented continuation lines, a list with its items and their
 * continuations, a fenced code block. A link written on the line under `[^1]: …` would be read as part of
 * footnote 1; one written between two list items would end the list.
 *
 * One pass over the lines up from the cursor and one down: linear in the note's length.
 */
import type { NoteRange } from './note';
import { lineIndexAt } from './text';

/** Insert `before + block + after` at `offset`. */
export interface BlockPlace {
  offset: number;
  before: string;
  after: string;
}

/** `[^label]:` at the start of a line, indented at most three spaces. */
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^[^\]\s]+\]:/;
/** `- `, `* `, `+ `, `1. `, `1) ` at the start of a line, indented at most three spaces. */
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

type Container = 'footnote' | 'list' | undefined;

function containerOf(line: string): Container {
  if (FOOTNOTE_DEFINITION.test(line)) return 'footnote';
  if (LIST_ITEM.test(line)) return 'list';
  return undefined;
}

const isBlank = (line: string) => line.trim() === '';
/** a line that continues a footnote definition or list item after a blank line */
const isIndented = (line: string) => line.startsWith('  ') || line.startsWith('\t');

/**
 * Where a block goes so that it is its own paragraph after the cursor's block. `code` is the note's code
 * ranges (`analyseNote(text).code`): a fenced block the cursor is in, or that a list item holds, is kept whole.
 */
export function placeAfterBlock(text: string, cursor: number, code: readonly NoteRange[] = []): BlockPlace {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n').map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const starts: number[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    starts.push(at);
    at += line.length + 1;
  }
  const lineAt = (offset: number) => lineIndexAt(starts, offset);
  // the last line of each code block that spans lines, by its first line
  const codeEnd = new Map<number, number>();
  for (const range of code) {
    const first = lineAt(range.start);
    const last = lineAt(Math.max(range.start, range.end - 1));
    if (last > first) codeEnd.set(first, Math.max(last, codeEnd.get(first) ?? last));
  }
  const through = (line: number) => codeEnd.get(line) ?? line;

  let line = lineAt(Math.max(0, Math.min(cursor, text.length)));
  const inCode = code.find(r => r.start <= cursor && cursor < r.end && lineAt(r.start) < lineAt(Math.max(r.start, r.end - 1)));
  if (inCode) line = lineAt(inCode.start);
  if (isBlank(lines[line]!)) {
    // on a blank line: after the block above it, if there is one
    let above = line;
    while (above >= 0 && isBlank(lines[above]!)) above--;
    if (above < 0) {
      const rest = lines.slice(line).some(l => !isBlank(l));
      return { offset: starts[line]!, before: '', after: rest ? eol + eol : '' };
    }
    line = above;
  }

  // the block's first line: up over its lines; an indented line after a blank continues the block above it
  let first = line;
  for (;;) {
    while (first > 0 && !isBlank(lines[first - 1]!)) first--;
    if (first === 0 || !isIndented(lines[first]!)) break;
    let above = first - 1;
    while (above >= 0 && isBlank(lines[above]!)) above--;
    if (above < 0) break;
    first = above;
  }
  const container = containerOf(lines[first]!);

  // its last line: down over its lines, code blocks whole; across blank lines only into a continuation of
  // a footnote definition or list (an indented line, or the next definition or item)
  let last = through(line);
  for (;;) {
    const next = last + 1;
    if (next >= lines.length) break;
    if (!isBlank(lines[next]!)) {
      last = through(next);
      continue;
    }
    if (!container) break;
    let after = next;
    while (after < lines.length && isBlank(lines[after]!)) after++;
    if (after >= lines.length) break;
    const continues = isIndented(lines[after]!) || containerOf(lines[after]!) === container;
    if (!continues) break;
    last = through(after);
  }
  return { offset: starts[last]! + lines[last]!.length, before: eol + eol, after: '' };
}
