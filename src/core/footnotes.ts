/**
 * Markdown footnotes in an analyst's note: where `[^x]` markers and `[^x]: …` definitions are, and the
 * edits that cite a source as a footnote — a marker at the cursor, the definition at the end of the file
 * (reused when the same note is already defined), numeric labels kept in order of first use.
 * The edits only insert text or replace label digits: the user's own text is never deleted or moved.
 */

export interface TextEdit {
  /** offsets in the original text */
  start: number;
  end: number;
  newText: string;
}

export interface FootnoteRef {
  label: string;
  /** offset of `[` */
  start: number;
  /** offset after `]` */
  end: number;
}

export interface FootnoteDefinition extends FootnoteRef {
  /** the definition's text (first line, trimmed) */
  text: string;
  /** offset of the start of the definition's line */
  lineStart: number;
}

export interface FootnoteScan {
  refs: FootnoteRef[];
  definitions: FootnoteDefinition[];
}

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/;
const REFERENCE = /\[\^([^\]\s]+)\]/g;

/** Offsets [start, end) of fenced code blocks and inline code spans, where nothing is a footnote. */
export function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let fence: { marker: string; start: number } | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.marker[0] && m[1].length >= fence.marker.length) {
        ranges.push([fence.start, offset + line.length]);
        fence = undefined;
      }
    } else if (m) {
      fence = { marker: m[1], start: offset };
    } else {
      const inline = /(`+)[^`]*?\1/g;
      for (let i = inline.exec(line); i; i = inline.exec(line)) ranges.push([offset + i.index, offset + i.index + i[0].length]);
    }
    offset += line.length + 1;
  }
  if (fence) ranges.push([fence.start, text.length]);
  return ranges;
}

export function inRanges(ranges: readonly [number, number][], at: number): boolean {
  // Ranges come in document order; a binary search keeps a 5,000-line note fast.
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < ranges[mid][0]) hi = mid - 1;
    else if (at >= ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Every footnote marker and definition in a Markdown text, outside code. */
export function scanFootnotes(text: string): FootnoteScan {
  const code = codeRanges(text).sort((a, b) => a[0] - b[0]);
  const refs: FootnoteRef[] = [];
  const definitions: FootnoteDefinition[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    let from = 0;
    const def = DEFINITION.exec(line);
    if (def && !inRanges(code, offset)) {
      const start = offset + line.indexOf('[^');
      const end = start + def[1].length + 3;
      definitions.push({ label: def[1], start, end, text: def[2].trim(), lineStart: offset });
      from = end - offset + 1;
    }
    REFERENCE.lastIndex = from;
    for (let m = REFERENCE.exec(line); m; m = REFERENCE.exec(line)) {
      const start = offset + m.index;
      if (!inRanges(code, start)) refs.push({ label: m[1], start, end: start + m[0].length });
    }
    offset += rawLine.length + 1;
  }
  return { refs, definitions };
}

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
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { refs, definitions } = scanFootnotes(text);
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
  const before = refs.filter(r => r.end <= at && isNumeric(r.label)).map(r => Number(r.label));
  const number = Math.max(0, ...before) + 1;
  const renumber = new Map<string, string>();

  const labels = allNumericLabels(refs, definitions);
  if (existing) {
    const old = Number(existing.label);
    const firstUse = refs.find(r => r.label === existing.label);
    const after = refs.filter(r => r.start >= at && isNumeric(r.label) && r.label !== existing.label).map(r => Number(r.label));
    const fits = old >= number && (after.length === 0 || old < Math.min(...after));
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
function definitionInsert(text: string, definitions: FootnoteDefinition[], number: number, renumber: Map<string, string>, noteText: string, eol: string): TextEdit {
  const line = `[^${number}]: ${noteText.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`;
  const next = definitions
    .filter(d => isNumeric(d.label) && Number(renumber.get(d.label) ?? d.label) > number)
    .sort((a, b) => a.lineStart - b.lineStart)[0];
  if (next && trailingDefinitionsFrom(text, definitions) <= next.lineStart) {
    return { start: next.lineStart, end: next.lineStart, newText: line + eol };
  }
  const endsWithNewline = text.endsWith('\n');
  const lastLine = text.slice(text.lastIndexOf('\n', text.length - 2) + 1);
  const afterDefinition = definitions.length > 0 && DEFINITION.test(lastLine.replace(/\r?\n$/, ''));
  const lead = text.length === 0 ? eol + eol : endsWithNewline ? (afterDefinition ? '' : eol) : (afterDefinition ? eol : eol + eol);
  return { start: text.length, end: text.length, newText: lead + line + eol };
}

/** Offset where the block of footnote definitions at the end of the file begins (text.length if none). */
function trailingDefinitionsFrom(text: string, definitions: FootnoteDefinition[]): number {
  const byLine = new Set(definitions.map(d => d.lineStart));
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  let start = text.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (byLine.has(starts[i])) start = starts[i];
    // blank lines and indented continuation lines belong to the block; anything else ends it
    else if (lines[i].trim() !== '' && !/^\s{2,}\S/.test(lines[i])) break;
  }
  return start;
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
