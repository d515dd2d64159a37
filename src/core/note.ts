/**
 * The one reading of an analyst's Markdown note: citation keys with their locators, footnote markers and
 * definitions, what is code (spans, fenced and indented blocks) or front matter, link destinations, the
 * amounts the analyst writes, and ```dossier-chart blocks. The fact-check, hovers, charts, completion and
 * footnote edits all read this, so a key inside code or an indented `   [^1]:` means the same to each.
 *
 * One pass over the lines finds the blocks, then one pass over each run of prose lines finds code spans,
 * brackets and escapes; every character is looked at a bounded number of times, so the time is linear
 * in the note's length whatever it holds (no regular expression runs over more than one bracket or line).
 */
import { findQuantities, quantitySteps, type Quantity } from './quantities';
import { Pace, runSteps, type Steps } from './steps';
import { spanAt } from './spans';

/** A range of offsets in a note: [start, end). */
export interface NoteRange {
  start: number;
  end: number;
}

/** One `@key` of a pandoc citation: `[@a]`, `[see @a, para. 3; -@b]`. */
export interface CitedKey {
  key: string;
  /** offset of the `@` */
  start: number;
  /** offset after the key */
  end: number;
  /** the whole bracket the key is cited in, `[` to `]` */
  group: NoteRange;
  /** `[-@a]`: the author's name is not to be repeated */
  suppressAuthor: boolean;
  /** what follows the key up to the next `;` or key, as written: "para. 3", "p. 2" */
  locator?: string;
  /** paragraph numbers of a `para.`/`paras.`/`¶` locator ("paras. 3-4" → [3, 4]) */
  paragraphs: readonly number[];
}

/** A footnote marker `[^label]` in the text. */
export interface FootnoteRef {
  label: string;
  /** offset of `[` */
  start: number;
  /** offset after `]` */
  end: number;
}

/** A footnote definition `[^label]: text` at the start of a line (indented at most three spaces). */
export interface FootnoteDefinition extends FootnoteRef {
  /** the definition's text (first line, trimmed) */
  text: string;
  /** offset of the start of the definition's line */
  lineStart: number;
}

/** A fenced ```dossier-chart block, unparsed (charts.ts reads its body). */
export interface ChartBlockSource {
  /** from the opening fence's line to the end of the closing fence's line (or of the note) */
  range: NoteRange;
  /** 0-based line of the opening fence */
  line: number;
  /** the lines between the fences */
  body: NoteRange;
}

export interface NoteAnalysis {
  /** characters analysed: a note longer than MAX_NOTE_LENGTH is read up to there only */
  analysed: number;
  truncated: boolean;
  frontMatter?: NoteRange;
  /** code spans and fenced or indented code blocks, in text order */
  code: NoteRange[];
  /** link and image destinations `](…)` */
  links: NoteRange[];
  /** the text of inline links, `[text]` of `[text](…)`: words that point somewhere, not claims to check */
  linkTexts: NoteRange[];
  /** every cited key outside code, in text order */
  keys: CitedKey[];
  footnoteRefs: FootnoteRef[];
  footnoteDefinitions: FootnoteDefinition[];
  chartBlocks: ChartBlockSource[];
  /**
   * what is not the analyst's own claim: front matter, code, link destinations, images with their alt text
   * (an exported chart's title), HTML comments, citation brackets, footnote definition lines; sorted, disjoint
   */
  notClaims: NoteRange[];
  /** the amounts written in the analyst's own claims (not in `notClaims`), in text order; read on first use */
  readonly figures: Quantity[];
}

/** Notes are read up to this many characters (a 2 MB note is about 1,000 pages of prose). */
export const MAX_NOTE_LENGTH = 2_000_000;

/** Reads a Markdown note once; pure (adapters keep one analysis per document version). */
export function analyseNote(fullText: string): NoteAnalysis {
  return runSteps(analyseNoteSteps(fullText, false));
}

/**
 * analyseNote in steps (a few hundred lines or a few thousand characters each), for a host that must not be
 * held for the whole of a long note. With `figures`, the amounts are read in steps too rather than on first use.
 */
export function* analyseNoteSteps(fullText: string, figures = true): Steps<NoteAnalysis> {
  const truncated = fullText.length > MAX_NOTE_LENGTH;
  const text = truncated ? fullText.slice(0, MAX_NOTE_LENGTH) : fullText;
  const reader = new NoteReader(text);
  yield* reader.read();
  yield;
  const notClaims = yield* joinRangeSteps([
    ...(reader.frontMatter ? [reader.frontMatter] : []),
    ...reader.code,
    ...reader.links,
    ...reader.images,
    ...reader.comments,
    ...reader.groups,
    ...reader.definitionLines,
  ]);
  let amounts: Quantity[] | undefined;
  const claimsOnly = (found: Quantity[]) => found.filter(q => !spanAt(notClaims, q.start));
  if (figures) {
    yield;
    const found = yield* quantitySteps(text);
    yield;
    amounts = claimsOnly(found);
  }
  return {
    analysed: text.length,
    truncated,
    frontMatter: reader.frontMatter,
    code: reader.code,
    links: reader.links,
    linkTexts: reader.linkTexts,
    keys: reader.keys,
    footnoteRefs: reader.refs,
    footnoteDefinitions: reader.definitions,
    chartBlocks: reader.chartBlocks,
    notClaims,
    get figures() {
      amounts ??= claimsOnly(findQuantities(text));
      return amounts;
    },
  };
}

/** Whether an offset falls in one of the sorted, disjoint ranges (binary search). */
export function inNoteRanges(ranges: readonly NoteRange[], at: number): boolean {
  return spanAt(ranges, at) !== undefined;
}

/** "para. 3", "paras. 3–4", "¶ 12": the paragraph numbers a locator names (a range at most 51 long). */
export function locatorParagraphs(locator: string): number[] {
  const m = /(?:\bparas?\.?|\bparagraphs?|¶{1,2})[ \t]{0,3}(\d{1,6})(?:[ \t]{0,3}[-–—][ \t]{0,3}(\d{1,6}))?/i.exec(locator);
  if (!m) return [];
  const from = Number(m[1]);
  const to = m[2] ? Math.min(Number(m[2]), from + 50) : from;
  const paragraphs: number[] = [];
  for (let n = from; n <= to; n++) paragraphs.push(n);
  return paragraphs;
}

/** Ranges merged per pass of a bottom-up merge sort between two steps: a note of 170,000 markers has as many ranges. */
const RANGES_PER_STEP = 20_000;

/**
 * The ranges sorted by start and overlapping ones joined, in steps: one sort of a 2 MB note's ranges held the
 * extension host ~40 ms in one go. A stable bottom-up merge sort gives the order `Array.prototype.sort` gave.
 */
function* joinRangeSteps(ranges: NoteRange[]): Steps<NoteRange[]> {
  let from = ranges;
  let to: NoteRange[] = new Array<NoteRange>(ranges.length);
  const pace = new Pace(RANGES_PER_STEP);
  for (let width = 1; width < from.length; width *= 2) {
    for (let left = 0; left < from.length; left += 2 * width) {
      const middle = Math.min(left + width, from.length);
      const right = Math.min(left + 2 * width, from.length);
      let i = left;
      let j = middle;
      for (let k = left; k < right; k++) {
        to[k] = j >= right || (i < middle && from[i]!.start <= from[j]!.start) ? from[i++]! : from[j++]!;
      }
      if (pace.due(right - left)) yield;
    }
    [from, to] = [to, from];
  }
  const out: NoteRange[] = [];
  for (const r of from) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

const KEY_CHAR = /[\p{L}\p{N}_]/u;
/** No locator, no paragraphs: one shared empty list (a note may cite 100,000s of times). */
const NO_PARAGRAPHS: readonly number[] = Object.freeze([]);

/** A letter, digit or `_` (pandoc's key characters); ASCII answered without a regular expression. */
function isKeyChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
  return KEY_CHAR.test(ch);
}

function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(ch);
}
/** punctuation allowed inside a key when a key character follows (pandoc: `@a-b:c`, not the `.` of `@d.`) */
const KEY_INNER = new Set([':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/']);
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const DEFINITION = /^\[\^([^\]\s]+)\]:/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;

/** A step of the note's reading: this many lines, or this many characters of one run of prose. */
const LINES_PER_STEP = 256;
const LINE_BREAK = /[\n\r]/g;
const CHARS_PER_STEP = 8192;

interface Line {
  start: number;
  /** offset of the line break (or the end of the text) */
  end: number;
  /** offset of the next line */
  next: number;
}

interface Fence {
  char: string;
  length: number;
  start: number;
  line: number;
  chart: boolean;
  bodyStart: number;
  /** opened inside a list item or footnote, where it may be indented */
  nested: boolean;
}

class NoteReader {
  frontMatter: NoteRange | undefined;
  readonly code: NoteRange[] = [];
  readonly links: NoteRange[] = [];
  readonly linkTexts: NoteRange[] = [];
  /** `![alt](…)` whole */
  readonly images: NoteRange[] = [];
  /** `<!-- … -->` within a run of prose lines */
  readonly comments: NoteRange[] = [];
  readonly groups: NoteRange[] = [];
  readonly keys: CitedKey[] = [];
  readonly refs: FootnoteRef[] = [];
  readonly definitions: FootnoteDefinition[] = [];
  readonly definitionLines: NoteRange[] = [];
  readonly chartBlocks: ChartBlockSource[] = [];
  /** where definition markers start: the inline pass steps over them */
  private readonly definitionMarkers = new Map<number, number>();

  constructor(private readonly text: string) {}

  private lineAt(start: number): Line {
    const text = this.text;
    // the engine's own search: a line of a million characters is a scan, not a million steps of ours
    LINE_BREAK.lastIndex = start;
    const end = LINE_BREAK.exec(text)?.index ?? text.length;
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end < text.length ? end + 1 : end;
    return { start, end, next };
  }

  *read(): Steps<void> {
    const text = this.text;
    const pace = new Pace(LINES_PER_STEP);
    let at = this.readFrontMatter();
    let lineNumber = this.frontMatter ? this.countLines(0, at) : 0;
    let fence: Fence | undefined;
    let indented: NoteRange | undefined;
    /** a run of prose lines, read for inline code, brackets and escapes as one */
    let prose: NoteRange | undefined;
    let previousBlank = true;
    /** the previous line ends a block (heading, fence): an indented line after it is code */
    let previousClosed = true;
    let inContainer = false;
    const flushProse = (): Iterable<void> => {
      const run = prose;
      prose = undefined;
      return run ? this.readInline(run.start, run.end) : [];
    };
    while (at < text.length) {
      if (pace.due()) yield;
      const line = this.lineAt(at);
      const { indent, first } = this.indentOf(line);
      const blank = first === line.end;

      if (fence) {
        if (this.closesFence(fence, line, indent, first)) {
          this.code.push({ start: fence.start, end: line.end });
          if (fence.chart)
            this.chartBlocks.push({
              range: { start: fence.start, end: line.end },
              line: fence.line,
              body: { start: fence.bodyStart, end: line.start },
            });
          fence = undefined;
          previousBlank = false;
          previousClosed = true;
        }
        at = line.next;
        lineNumber++;
        continue;
      }

      if (indented) {
        if (blank) {
          at = line.next;
          lineNumber++;
          continue;
        }
        if (indent >= 4) {
          indented.end = line.end;
          at = line.next;
          lineNumber++;
          continue;
        }
        this.code.push(indented);
        indented = undefined;
        previousBlank = true;
      }

      if (blank) {
        yield* flushProse();
        previousBlank = true;
        previousClosed = false;
        at = line.next;
        lineNumber++;
        continue;
      }

      if (indent >= 4 && !inContainer && (previousBlank || previousClosed)) {
        yield* flushProse();
        indented = { start: line.start, end: line.end };
        at = line.next;
        lineNumber++;
        continue;
      }

      const open = indent < 4 || inContainer ? this.opensFence(line, first, inContainer) : undefined;
      if (open) {
        yield* flushProse();
        fence = { ...open, start: line.start, line: lineNumber, bodyStart: line.next, nested: inContainer };
        at = line.next;
        lineNumber++;
        continue;
      }

      if (indent < 4) {
        const rest = text.slice(first, Math.min(line.end, first + 1024));
        const definition = DEFINITION.exec(rest);
        if (definition || LIST_ITEM.test(rest)) inContainer = true;
        else if (previousBlank) inContainer = false;
        if (definition) this.addDefinition(line, first, definition[1]!);
        if (HEADING.test(rest)) {
          yield* flushProse();
          this.readInline(line.start, line.end);
          previousBlank = false;
          previousClosed = true;
          at = line.next;
          lineNumber++;
          continue;
        }
      }
      if (prose) prose.end = line.end;
      else prose = { start: line.start, end: line.end };
      previousBlank = false;
      previousClosed = false;
      at = line.next;
      lineNumber++;
    }
    yield* flushProse();
    if (indented) this.code.push(indented);
    if (fence) {
      // an unclosed fence runs to the end of the note (CommonMark)
      this.code.push({ start: fence.start, end: text.length });
      if (fence.chart)
        this.chartBlocks.push({
          range: { start: fence.start, end: text.length },
          line: fence.line,
          body: { start: Math.min(fence.bodyStart, text.length), end: text.length },
        });
    }
    this.code.sort((a, b) => a.start - b.start);
  }

  /** YAML front matter: `---` on the first line, up to a line `---` or `...`. Returns where the body starts. */
  private readFrontMatter(): number {
    const first = this.lineAt(0);
    if (this.text.slice(first.start, first.end).trimEnd() !== '---' || first.next === first.end) return 0;
    for (let at = first.next; at < this.text.length;) {
      const line = this.lineAt(at);
      const content = this.text.slice(line.start, Math.min(line.end, line.start + 8)).trimEnd();
      if ((content === '---' || content === '...') && line.end - line.start < 64) {
        this.frontMatter = { start: 0, end: line.end };
        return line.next;
      }
      if (line.next === at) break;
      at = line.next;
    }
    return 0;
  }

  private countLines(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) {
      const ch = this.text[i];
      if (ch === '\n' || (ch === '\r' && this.text[i + 1] !== '\n')) n++;
    }
    return n;
  }

  /** Columns of leading white space (a tab to the next multiple of 4) and where the content starts. */
  private indentOf(line: Line): { indent: number; first: number } {
    let indent = 0;
    let i = line.start;
    for (; i < line.end; i++) {
      const ch = this.text[i];
      if (ch === ' ') indent++;
      else if (ch === '\t') indent += 4 - (indent % 4);
      else break;
    }
    return { indent, first: i };
  }

  private runOf(ch: string, from: number, to: number): number {
    let n = 0;
    while (from + n < to && this.text[from + n] === ch) n++;
    return n;
  }

  private opensFence(line: Line, first: number, anyIndent: boolean): { char: string; length: number; chart: boolean } | undefined {
    const ch = this.text[first];
    if (ch !== '`' && ch !== '~') return undefined;
    if (!anyIndent && first - line.start > 3) return undefined;
    const length = this.runOf(ch, first, line.end);
    if (length < 3) return undefined;
    const info = this.text.slice(first + length, line.end);
    if (ch === '`' && info.includes('`')) return undefined;
    return { char: ch, length, chart: /^[ \t]*dossier-chart(?![\w-])/.test(info.slice(0, 64)) };
  }

  private closesFence(fence: Fence, line: Line, indent: number, first: number): boolean {
    if (indent > 3 && !fence.nested) return false;
    const length = this.runOf(fence.char, first, line.end);
    if (length < fence.length) return false;
    for (let i = first + length; i < line.end; i++) if (this.text[i] !== ' ' && this.text[i] !== '\t') return false;
    return true;
  }

  private addDefinition(line: Line, first: number, label: string): void {
    const markerEnd = first + label.length + 3;
    this.definitions.push({
      label,
      start: first,
      end: markerEnd,
      text: this.text.slice(markerEnd + 1, line.end).trim(),
      lineStart: line.start,
    });
    this.definitionLines.push({ start: line.start, end: line.end });
    this.definitionMarkers.set(first, markerEnd + 1);
  }

  /**
   * Code spans, escapes, brackets and link destinations in a run of prose lines [from, to). A code span
   * opens at a run of n backticks and closes at the next run of exactly n: the runs are listed by length
   * once, and each length's list is walked forward only, so unmatched runs cost nothing more.
   */
  private *readInline(from: number, to: number): Steps<void> {
    const text = this.text;
    const runsByLength = new Map<number, { starts: number[]; next: number }>();
    let due = from + CHARS_PER_STEP;
    for (let i = from; i < to;) {
      if (i >= due) {
        yield;
        due = i + CHARS_PER_STEP;
      }
      if (text[i] !== '`') {
        i++;
        continue;
      }
      const n = this.runOf('`', i, to);
      const runs = runsByLength.get(n);
      if (runs) runs.starts.push(i);
      else runsByLength.set(n, { starts: [i], next: 0 });
      i += n;
    }
    const closingRun = (n: number, after: number): number | undefined => {
      const runs = runsByLength.get(n);
      if (!runs) return undefined;
      while (runs.next < runs.starts.length && runs.starts[runs.next]! < after) runs.next++;
      return runs.starts[runs.next];
    };

    let open = -1;
    let lineEnd = -1;
    /** past this offset the run holds no `-->`: an unclosed comment is not searched for again */
    let noCommentFrom = to + 1;
    let parenAt = -1;
    let noParenFrom = -1;
    const closeParen = (after: number): number => {
      if (parenAt >= after && parenAt < lineEnd) return parenAt;
      if (noParenFrom >= 0 && after >= noParenFrom) return -1;
      for (let j = after; j < lineEnd; j++) {
        if (text[j] === ')') return (parenAt = j);
      }
      noParenFrom = after;
      return -1;
    };
    const newLine = (at: number) => {
      lineEnd = this.lineAt(at).end;
      noParenFrom = -1;
      open = -1;
    };
    newLine(from);

    due = from + CHARS_PER_STEP;
    for (let i = from; i < to;) {
      if (i >= due) {
        yield;
        due = i + CHARS_PER_STEP;
      }
      const ch = text[i];
      if (ch === '\n' || ch === '\r') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        newLine(i);
        continue;
      }
      if (ch === '\\' && i + 1 < lineEnd && ASCII_PUNCTUATION.test(text[i + 1]!)) {
        // an escaped backtick leaves the rest of its run literal too
        i += text[i + 1] === '`' ? 1 + this.runOf('`', i + 1, to) : 2;
        continue;
      }
      if (ch === '`') {
        const n = this.runOf('`', i, to);
        const close = closingRun(n, i + n);
        if (close === undefined) {
          i += n;
          continue;
        }
        this.code.push({ start: i, end: close + n });
        i = close + n;
        if (i > lineEnd) newLine(this.lineStartOf(i, from));
        open = -1;
        continue;
      }
      if (ch === '<' && text.startsWith('!--', i + 1) && i < noCommentFrom) {
        // searched within the run only, and given up for the run once unclosed: each character once
        const found = text.slice(i + 4, to).indexOf('-->');
        const close = found < 0 ? -1 : i + 4 + found;
        if (close >= 0) {
          this.comments.push({ start: i, end: close + 3 });
          i = close + 3;
          if (i > lineEnd) newLine(this.lineStartOf(i, from));
          open = -1;
          continue;
        }
        noCommentFrom = i;
      }
      if (ch === '[') {
        const afterMarker = this.definitionMarkers.get(i);
        if (afterMarker !== undefined) {
          i = afterMarker;
          open = -1;
          continue;
        }
        open = i;
        i++;
        continue;
      }
      if (ch === ']' && open >= 0) {
        const start = open;
        open = -1;
        if (text[i + 1] === '(') {
          const close = closeParen(i + 2);
          if (close >= 0) {
            this.links.push({ start: i + 1, end: close + 1 });
            if (start > from && text[start - 1] === '!') this.images.push({ start: start - 1, end: close + 1 });
            else this.linkTexts.push({ start, end: i + 1 });
            i = close + 1;
            continue;
          }
        }
        this.readBracket(start, i + 1);
      }
      i++;
    }
  }

  /** The start of the line holding `at` (only used after a code span that crossed lines). */
  private lineStartOf(at: number, floor: number): number {
    let i = at;
    while (i > floor && this.text[i - 1] !== '\n' && this.text[i - 1] !== '\r') i--;
    return i;
  }

  /** A bracket [start, end) with no bracket inside: a footnote marker, a citation, or neither. */
  private readBracket(start: number, end: number): void {
    const text = this.text;
    if (text[start + 1] === '^') {
      const label = text.slice(start + 2, end - 1);
      if (label.length > 0 && !/\s/.test(label)) this.refs.push({ label, start, end });
      return;
    }
    let found: CitedKey[] | undefined;
    const group = { start, end };
    for (let i = start + 1; i < end - 1; i++) {
      if (text[i] !== '@') continue;
      const before = text[i - 1]!;
      if (!(i === start + 1 || before === ';' || before === '-' || isSpace(before))) continue;
      if (!isKeyChar(text[i + 1])) continue;
      let j = i + 2;
      while (j < end - 1) {
        if (isKeyChar(text[j])) j++;
        else if (KEY_INNER.has(text[j]!) && j + 1 < end - 1 && isKeyChar(text[j + 1])) j += 2;
        else break;
      }
      const suppressAuthor = before === '-' && (i - 1 === start + 1 || text[i - 2] === ';' || isSpace(text[i - 2]!));
      (found ??= []).push({ key: text.slice(i + 1, j), start: i, end: j, group, suppressAuthor, paragraphs: NO_PARAGRAPHS });
      i = j - 1;
    }
    if (!found) return;
    for (let k = 0; k < found.length; k++) {
      const key = found[k]!;
      // the locator runs to the next `;` or key, whichever comes first
      const next = found[k + 1];
      const limit = next ? next.start - (next.suppressAuthor ? 1 : 0) : end - 1;
      let from = key.end;
      while (from < limit && (text[from] === ',' || isSpace(text[from]!))) from++;
      let stop = from;
      while (stop < limit && text[stop] !== ';') stop++;
      if (stop === from) continue;
      const locator = text.slice(from, stop).trimEnd();
      if (locator) {
        key.locator = locator;
        key.paragraphs = locatorParagraphs(locator);
      }
    }
    this.groups.push(group);
    for (const key of found) this.keys.push(key);
  }
}
