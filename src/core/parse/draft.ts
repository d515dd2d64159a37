import type { Source } from '../model';

/**
 * What each format parser produces before the shared build step turns it into a Report: clean paragraph
 * text with marker positions, and offsets back into the input text for every piece (for span lookups).
 */

export interface DraftMarker {
  /** offset in the paragraph's clean text where the marker stood */
  at: number;
  n: number;
  /** the marker's offsets in the input text */
  start: number;
  end: number;
}

/** A hyperlink in a paragraph: its target, and where its text sits (clean text) and the link sits (input). */
export interface DraftLink {
  href: string;
  /** clean-text range of the link's text */
  from: number;
  to: number;
  start: number;
  end: number;
}

export interface DraftParagraph {
  text: string;
  markers: DraftMarker[];
  /** hyperlinks, in reading order */
  links: DraftLink[];
  start: number;
  end: number;
  /** maps an offset in `text` to an offset in the input */
  map: OffsetMap;
}

export interface DraftSection {
  /** undefined for an untitled opening ("Introduction") */
  title?: string;
  start: number;
  end: number;
  paragraphs: DraftParagraph[];
}

/**
 * The most of a note that is read. The corpus's longest note has 1,210 characters; a longer one is a run
 * of notes the parser could not tell apart (80,000 of them: numbers past 9999 start no note) or no note.
 */
export const MAX_NOTE_LENGTH = 10_000;

/**
 * The most paragraphs read from one report. The corpus reports hold at most 96, the longest real reports a
 * few thousand; 130,000 cost over a second to read however linear the code, so the rest is left out.
 */
export const MAX_PARAGRAPHS_PER_REPORT = 20_000;
export const PARAGRAPH_CAP_WARNING = `The report has over ${MAX_PARAGRAPHS_PER_REPORT.toLocaleString('en-US')} paragraphs: only the first ${MAX_PARAGRAPHS_PER_REPORT.toLocaleString('en-US')} are read.`;

export interface DraftNote {
  n: number;
  text: string;
  /** a URL found only in a link target, for notes whose text does not spell it out */
  url?: string;
  /** 'link': a source the report cites by an inline hyperlink, with its source already known */
  kind?: 'link';
  source?: Source;
  start: number;
  end: number;
}

/** A data table: its caption, the line under the caption (where the unit often is), and its cells. */
export interface DraftTable {
  caption?: string;
  subtitle?: string;
  rows: string[][];
  headerRows: number;
}

export interface Draft {
  title?: string;
  date?: string;
  authors: string[];
  publisher?: string;
  number?: string;
  sections: DraftSection[];
  notes: DraftNote[];
  tables?: DraftTable[];
  warnings: string[];
}

interface Segment {
  clean: number;
  source: number;
  /** verbatim segments map character for character; synthetic ones (a joining space) map to one point */
  verbatim: boolean;
}

/** Clean-text offset → input offset, by binary search over the pieces the clean text was built from. */
export class OffsetMap {
  constructor(private readonly segments: readonly Segment[]) {}

  toSource(offset: number): number {
    const segs = this.segments;
    if (segs.length === 0) return 0;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid].clean <= offset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    return seg.verbatim ? seg.source + Math.max(0, offset - seg.clean) : seg.source;
  }
}

/**
 * Builds a paragraph's clean text from pieces of the input, collapsing whitespace to single spaces and
 * remembering where each piece came from.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private readonly segments: Segment[] = [];
  private length = 0;
  private lastIsSpace = true; // so leading whitespace is dropped
  readonly markers: DraftMarker[] = [];
  readonly links: DraftLink[] = [];

  /** Copies input[start, end) with whitespace runs collapsed. */
  copy(input: string, start: number, end: number): void {
    if (end <= start) return;
    // search a slice: a regex on the whole input would scan past `end` on every call
    const piece = input.slice(start, end);
    // single spaces stay inside verbatim pieces (fewer segments); other whitespace runs collapse
    const re = / \s+|[^\S ]\s*|^ /g;
    let pos = 0;
    for (let m = re.exec(piece); m; m = re.exec(piece)) {
      if (m.index > pos) this.push(piece.slice(pos, m.index), start + pos, true);
      this.space(start + m.index);
      pos = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    if (pos < piece.length) this.push(piece.slice(pos), start + pos, true);
  }

  /** Text that is not in the input as such (e.g. a space joining two lines), anchored at `sourceAt`. */
  synthetic(text: string, sourceAt: number): void {
    if (text === ' ') this.space(sourceAt);
    else if (text) this.push(text, sourceAt, false);
  }

  space(sourceAt: number): void {
    if (!this.lastIsSpace) this.push(' ', sourceAt, false);
  }

  marker(n: number, start: number, end: number): void {
    this.markers.push({ at: this.length, n, start, end });
  }

  /** Records a link whose text was emitted from clean offset `from` up to now. */
  link(href: string, from: number, start: number, end: number): void {
    this.links.push({ href, from, to: this.length, start, end });
  }

  /** The last few characters of the clean text (a bounded look back). */
  tail(): string {
    let tail = '';
    for (let i = this.parts.length - 1; i >= 0 && tail.length < 8; i--) tail = this.parts[i] + tail;
    return tail.slice(-8);
  }

  /** Length of the clean text so far. */
  get size(): number {
    return this.length;
  }

  get isEmpty(): boolean {
    return this.length === 0;
  }

  private push(text: string, source: number, verbatim: boolean): void {
    this.segments.push({ clean: this.length, source, verbatim });
    this.parts.push(text);
    this.length += text.length;
    this.lastIsSpace = /\s$/.test(text);
  }

  finish(start: number, end: number): DraftParagraph {
    let text = this.parts.join('');
    if (text.endsWith(' ')) text = text.slice(0, -1);
    const markers = this.markers.map(m => ({ ...m, at: Math.min(m.at, text.length) }));
    const links = this.links.map(l => ({ ...l, from: Math.min(l.from, text.length), to: Math.min(l.to, text.length) }));
    return { text, markers, links, start, end, map: new OffsetMap(this.segments) };
  }
}
