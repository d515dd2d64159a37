/**
 * PDF layout analysis, step 1: a page's text items → blocks (heading, paragraph, note, table cell, contents
 * line), each with its text, note markers and page. A tagged PDF says what each block is (its structure
 * tree: H1, P, Note, TD, TOCI, Artifact); an untagged one is read by geometry: lines by baseline, blocks by
 * the gaps between lines, headings by size, notes as small-type blocks at the page foot that open with a
 * number, running heads and feet as lines repeated in the top and bottom bands.
 */
import { linkRanges, type LinkRange } from './pdfLinks';
import type { PdfContent, PdfItem, PdfPage } from './pdfItems';
import { unitExponent } from './text';

export type BlockKind = 'heading' | 'paragraph' | 'note' | 'cell' | 'contents' | 'figure' | 'furniture';

export interface Block {
  kind: BlockKind;
  page: number;
  items: PdfItem[];
  /** heading level, 1 = the report's top-level headings */
  level?: number;
  /** for a cell: its table, row, cell and whether it is a header cell */
  table?: string;
  row?: string;
  cell?: string;
  header?: boolean;
  /** the element's id in the structure tree (tagged PDFs) */
  key: string;
}

/** Roles that are part of a line, not a block of their own. */
const INLINE = new Set([
  'Span',
  'Link',
  'Annot',
  'Quote',
  'Code',
  'Reference',
  'Lbl',
  'LBody',
  'Em',
  'Strong',
  'Sub',
  'Sup',
  'BibEntry',
  'NonStruct',
  'Private',
  'Form',
  'Ruby',
  'Warichu',
]);

const roleOf = (tag: string) => tag.slice(0, tag.indexOf('#') < 0 ? tag.length : tag.indexOf('#'));

/** The size with the most characters: the body text (items in page furniture do not count). */
export function bodySize(content: PdfContent): number {
  const chars = new Map<number, number>();
  for (const page of content.pages) {
    for (const it of page.items) {
      if (it.tags?.[0] === 'Artifact') continue;
      const size = Math.round(it.size * 2) / 2;
      chars.set(size, (chars.get(size) ?? 0) + it.s.trim().length);
    }
  }
  let best = 10;
  let most = -1;
  for (const [size, n] of chars)
    if (n > most) {
      best = size;
      most = n;
    }
  return best;
}

/** Every page's blocks in reading order. */
export function pageBlocks(content: PdfContent, body: number): Block[] {
  const furniture = repeatedBands(content.pages);
  const blocks: Block[] = [];
  for (const page of content.pages) {
    const tagged = content.tagged && page.items.some(it => it.tags?.length);
    for (const b of tagged ? taggedBlocks(page, body, furniture) : geometryBlocks(page, body, furniture)) blocks.push(b);
  }
  return blocks;
}

/** Blocks of a tagged page: one per structure element (the innermost one that is not inline). */
function taggedBlocks(page: PdfPage, body: number, furniture: (page: PdfPage, line: PdfItem[]) => boolean): Block[] {
  const byKey = new Map<string, Block>();
  const order: Block[] = [];
  const loose: PdfItem[] = [];
  const flushLoose = () => {
    if (loose.length) for (const b of geometryBlocks({ ...page, items: loose.splice(0) }, body, furniture)) order.push(b);
  };
  for (const it of page.items) {
    const tags = it.tags ?? [];
    if (tags[0] === 'Artifact') continue;
    let inner = -1;
    for (let i = tags.length - 1; i >= 0; i--)
      if (!INLINE.has(roleOf(tags[i]))) {
        inner = i;
        break;
      }
    if (inner < 0) {
      loose.push(it);
      continue;
    }
    flushLoose();
    // a note's paragraphs are its own notes (a CRS Note holds every note of the page)
    const cellAt = tags.findIndex(t => roleOf(t) === 'TD' || roleOf(t) === 'TH');
    const key = tags[inner];
    let block = byKey.get(key);
    if (!block) {
      block = { ...classify(tags, cellAt, inner), page: page.n, items: [], key };
      byKey.set(key, block);
      order.push(block);
    }
    block.items.push(it);
  }
  flushLoose();
  return order;
}

function classify(tags: string[], cellAt: number, inner: number): Omit<Block, 'page' | 'items' | 'key'> {
  const roles = tags.map(roleOf);
  if (roles.includes('TOC') || roles.includes('TOCI')) return { kind: 'contents' };
  if (roles.includes('Note')) return { kind: 'note' };
  if (roles.includes('Figure') || roles.includes('Formula')) return { kind: 'figure' };
  if (cellAt >= 0) {
    const table = tags
      .slice(0, cellAt)
      .reverse()
      .find(t => roleOf(t) === 'Table');
    const row = tags
      .slice(0, cellAt)
      .reverse()
      .find(t => roleOf(t) === 'TR');
    return {
      kind: 'cell',
      table: table ?? 'Table',
      row: row ?? tags[cellAt],
      cell: tags[cellAt],
      header: roles[cellAt] === 'TH' || roles.includes('THead'),
    };
  }
  const heading = /^H([1-6])?$/.exec(roles[inner]);
  if (heading) return { kind: 'heading', level: heading[1] ? Number(heading[1]) : 1 };
  if (roles[inner] === 'Title') return { kind: 'heading', level: 0 };
  return { kind: 'paragraph' };
}

interface Line {
  items: PdfItem[];
  y: number;
  size: number;
}

/** Items → lines: a new line where the baseline moves by more than half the text size (raised markers stay). */
function linesOf(items: PdfItem[], body: number): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  for (const it of items) {
    const small = it.size < body * 0.8;
    const sameLine =
      line &&
      (Math.abs(it.y - line.y) < Math.max(it.size, line.size) * 0.5 ||
        (small && it.y > line.y && it.y - line.y < line.size * 0.7 && it.x >= lastX(line) - 1));
    if (!line || !sameLine) {
      line = { items: [], y: it.y, size: it.size };
      lines.push(line);
    }
    line.items.push(it);
    if (!small && it.s.trim() && it.size > line.size) line.size = it.size;
    if (!small && it.s.trim() && line.items.every(i => i === it || !i.s.trim() || i.size < body * 0.8)) line.y = it.y;
  }
  return lines;
}

const lastX = (line: Line) => {
  const last = line.items[line.items.length - 1];
  return last.x + last.w;
};
const lineText = (line: Line) =>
  line.items
    .map(i => i.s)
    .join('')
    .trim();

/** Blocks of an untagged page (or of untagged text on a tagged page), by geometry. */
function geometryBlocks(page: PdfPage, body: number, furniture: (page: PdfPage, line: PdfItem[]) => boolean): Block[] {
  const lines = linesOf(
    page.items.filter(i => i.tags?.[0] !== 'Artifact'),
    body,
  ).filter(l => lineText(l) && !furniture(page, l.items));
  const blocks: Block[] = [];
  let block: Block | undefined;
  let prev: Line | undefined;
  // notes start where small type opens with a number, below the body text
  let inNotes = false;
  for (const line of lines) {
    const kind = lineKind(line, body);
    const opensNote = kind === 'small' && /^\d{1,4}(?:\.|\s|$)/.test(lineText(line)) && line.y < page.height * 0.5;
    if (opensNote) inNotes = true;
    const gap = prev ? prev.y - line.y : 0;
    const jump =
      prev &&
      (gap > Math.max(prev.size, line.size) * 1.55 ||
        gap < -line.size ||
        Math.abs(line.size - prev.size) > 1 ||
        kind !== lineKind(prev, body));
    const headingKind = kind === 'heading';
    // a numbered or bulleted line opens an item of its own (an endnote, a list entry)
    const opensItem = /^(?:\d{1,4}[.)]|[•▪◦●■])\s/.test(lineText(line));
    // a heading that wraps (in a narrow column) stays one heading
    const headingGoesOn =
      headingKind &&
      block?.kind === 'heading' &&
      prev !== undefined &&
      gap > 0 &&
      gap < line.size * 1.6 &&
      Math.abs(line.size - prev.size) < 0.5;
    if (!headingGoesOn && (!block || jump || opensNote || opensItem || headingKind || block.kind === 'heading')) {
      block = {
        kind: inNotes && kind === 'small' ? 'note' : headingKind ? 'heading' : 'paragraph',
        page: page.n,
        items: [],
        key: `g${page.n}.${blocks.length}`,
        ...(headingKind ? { level: line.size >= body * 1.5 ? 1 : 2 } : {}),
      };
      blocks.push(block);
    }
    for (const it of line.items) block!.items.push(it);
    const last = block!.items[block!.items.length - 1];
    block!.items[block!.items.length - 1] = { ...last, eol: true };
    prev = line;
  }
  return blocks;
}

function lineKind(line: Line, body: number): 'heading' | 'body' | 'small' {
  if (line.size >= body + 1.5 && lineText(line).length <= 160) return 'heading';
  if (line.size < body - 0.6) return 'small';
  return 'body';
}

/**
 * Running heads and feet: lines in the top or bottom eighth of the page whose text (digits aside) comes back
 * on several pages, and lone page numbers there.
 */
function repeatedBands(pages: PdfPage[]): (page: PdfPage, line: PdfItem[]) => boolean {
  const band = (page: PdfPage, items: PdfItem[]) => {
    const y = items[0]?.y ?? 0;
    return y > page.height * 0.9 ? 'top' : y < page.height * 0.085 ? 'bottom' : undefined;
  };
  const norm = (items: PdfItem[]) =>
    items
      .map(i => i.s)
      .join('')
      .replace(/\d+/g, '#')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  const counts = new Map<string, Set<number>>();
  for (const page of pages) {
    for (const line of linesOf(
      page.items.filter(i => i.tags?.[0] !== 'Artifact'),
      0,
    )) {
      const where = band(page, line.items);
      if (!where) continue;
      const key = `${where}:${norm(line.items)}`;
      if (!counts.has(key)) counts.set(key, new Set());
      counts.get(key)!.add(page.n);
    }
  }
  const needed = Math.max(2, Math.ceil(pages.length * 0.4));
  return (page, items) => {
    const where = band(page, items);
    if (!where) return false;
    const text = norm(items);
    return /^(?:page )?#(?: of #)?$|^- ?# ?-$/.test(text) || (counts.get(`${where}:${text}`)?.size ?? 0) >= needed;
  };
}

export interface Rendered {
  text: string;
  /** note markers: where they stand in `text` and their numbers */
  markers: { at: number; n: number }[];
  /** the number a note opens with */
  lead?: number;
  /** linked runs of the text (link annotations to web addresses) */
  links?: LinkRange[];
}

const MARKER = /^\s*(\d{1,4})(?:\s*[,–-]\s*(\d{1,4}))?\s*$/;

/**
 * A block's items → text: lines joined with a space, hyphens at line ends rejoined, URLs split over lines
 * rejoined; small raised numbers become note markers (and the opening number of a note its number).
 */
export function renderBlock(items: PdfItem[], body: number, isNote = false): Rendered {
  const out = new Pieces();
  const markers: Rendered['markers'] = [];
  let lead: number | undefined;
  const main = mainSize(items);
  let prev: PdfItem | undefined;
  let breakPending = false;
  // the items written as text (not markers): where links are looked for
  const written: PdfItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const s = it.s;
    const small = it.size <= main * 0.82 && it.size < body;
    const m = small ? MARKER.exec(s) : null;
    if (m && isRaised(items, i, main)) {
      // "3,000 km" + a raised "2": the unit squared, written into the text where the reader expects it
      const exponent = m[2] ? undefined : unitExponent(out.tail(), m[1]);
      if (exponent) {
        out.add(exponent);
        prev = it;
        if (it.eol) breakPending = true;
        continue;
      }
      const first = Number(m[1]);
      if (isNote && lead === undefined && out.blank) lead = first;
      else {
        const at = out.trimmedLength();
        const last = m[2] ? Number(m[2]) : first;
        for (let n = first; n <= last && n - first < 50; n++) markers.push({ at, n });
      }
      prev = it;
      if (it.eol) breakPending = true;
      continue;
    }
    if (!s) continue;
    const newLine = breakPending || (prev !== undefined && Math.abs(prev.y - it.y) > main * 0.6 && !(prev.size < main * 0.82));
    if (newLine && !out.blank && s.trim()) out.newLine(s.trimStart());
    else if (prev && !newLine && !out.blank && !out.endsWithSpace() && !/^\s/.test(s) && it.x - (prev.x + prev.w) > it.size * 0.2)
      out.add(' ' + s);
    else out.add(s);
    written.push(it);
    breakPending = !!it.eol;
    prev = it;
  }
  let text = out.text().replace(/\s+/g, ' ');
  const trimmed = text.trimStart();
  const shift = text.length - trimmed.length;
  text = trimmed.trimEnd();
  for (const mk of markers) mk.at = Math.max(0, Math.min(text.length, mk.at - shift));
  // an untagged note opens with its number in body-size digits: "12 Author, Title"
  if (isNote && lead === undefined) {
    const open = /^(\d{1,4})\.?\s+(?=\S)/.exec(text);
    if (open) {
      lead = Number(open[1]);
      text = text.slice(open[0].length);
      for (const mk of markers) mk.at = Math.max(0, mk.at - open[0].length);
    }
  }
  const links = written.some(i => i.href) ? linkRanges(written, text) : [];
  return { text, markers, ...(lead !== undefined ? { lead } : {}), ...(links.length ? { links } : {}) };
}

/** A block's text as pieces, so joining a line looks only at the end (linear in the block's length). */
class Pieces {
  private readonly parts: string[] = [];
  private length = 0;
  /** nothing but whitespace added yet */
  blank = true;

  add(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.blank && s.trim()) this.blank = false;
  }

  /** The last few characters added (a bounded look back, whatever the block's length). */
  tail(): string {
    let tail = '';
    for (let i = this.parts.length - 1; i >= 0 && tail.length < 8; i--) tail = this.parts[i] + tail;
    return tail.slice(-8);
  }

  endsWithSpace(): boolean {
    const last = this.parts[this.parts.length - 1];
    return last !== undefined && /\s$/.test(last);
  }

  /** length without trailing whitespace: where a marker after the last word stands */
  trimmedLength(): number {
    let n = this.length;
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i];
      const t = p.trimEnd();
      n -= p.length - t.length;
      if (t) break;
    }
    return n;
  }

  /** Starts a new line: the last line's end decides how the two join (hyphen, URL, space). */
  newLine(next: string): void {
    while (this.parts.length && !this.parts[this.parts.length - 1].trim()) this.length -= this.parts.pop()!.length;
    const lastPiece = this.parts.pop() ?? '';
    this.length -= lastPiece.length;
    const last = lastPiece.trimEnd();
    this.add(last);
    // the last line's tail, back to a space: a bounded look, whatever the block's length
    let tail = '';
    for (let i = this.parts.length - 1; i >= 0 && tail.length < 400 && !/\s\S/.test(tail); i--) tail = this.parts[i] + tail;
    const join = joinLines(tail, next);
    if (join.dropLast) {
      this.parts[this.parts.length - 1] = last.slice(0, -1);
      this.length -= 1;
    }
    this.add(join.sep + next);
  }

  text(): string {
    return this.parts.join('');
  }
}

/** The size with the most characters in the block. */
function mainSize(items: PdfItem[]): number {
  const chars = new Map<number, number>();
  for (const it of items) chars.set(it.size, (chars.get(it.size) ?? 0) + it.s.trim().length);
  let best = items[0]?.size ?? 10;
  let most = -1;
  for (const [size, n] of chars)
    if (n > most) {
      best = size;
      most = n;
    }
  return best;
}

/** Raised over the nearest full-size neighbour on its line (a subscript "2" in CO2 is lowered, not a marker). */
function isRaised(items: PdfItem[], i: number, main: number): boolean {
  const it = items[i];
  let ref: PdfItem | undefined;
  for (let d = 1; d < 6 && !ref; d++) {
    for (const j of [i + 1 * d, i - d]) {
      const n = items[j];
      if (n && n.s.trim() && n.size > it.size && Math.abs(n.y - it.y) < main) {
        ref = n;
        break;
      }
    }
  }
  return ref ? it.y - ref.y > main * 0.12 : true;
}

/** How a line joins the text before it: a hyphenated word rejoins, a URL continues, else a space. */
function joinLines(before: string, next: string): { sep: string; dropLast?: boolean } {
  const token = before.slice(before.lastIndexOf(' ') + 1);
  const nextToken = next.slice(0, next.indexOf(' ') < 0 ? next.length : next.indexOf(' '));
  // a URL broken after a slash or dot, or before a path that goes on ("plan-" + "participant-employee/…")
  if (
    /^(?:https?:\/\/|www\.)/i.test(token) &&
    (/[/\-._=?&#%~]$/.test(token) || (/[/.=?&]/.test(nextToken) && /^[\w\-./%?=&#~]+[,;).]?$/.test(nextToken)))
  ) {
    return { sep: '' };
  }
  // a soft hyphen was a break inside a word; a real one stays ("tax-advantaged", "U.S.-Mexico")
  if (before.endsWith('\u00AD')) return { sep: '', dropLast: true };
  if (/[A-Za-z.]-$/.test(token)) return { sep: '' };
  return { sep: ' ' };
}
