/**
 * Where things sit in a report's *input* text (the file the analyst opened), for hovers and "what is under
 * the cursor": sections, paragraphs, notes, note markers and figures as [start, end) offsets, answered by
 * binary search. (src/core/spans.ts indexes the reader's rendered text; the span shape is the same.)
 */
import type { Report } from '../model';

export type SourceSpanKind = 'section' | 'paragraph' | 'footnote' | 'marker' | 'figure';

/**
 * `id`: section/paragraph/figure id ("s2", "p12", "f3"); for a footnote or a marker, the note number as
 * a string ("4"). Offsets are UTF-16 offsets into the text given to the parser.
 */
export interface SourceSpan {
  kind: SourceSpanKind;
  id: string;
  start: number;
  end: number;
}

interface Piece {
  start: number;
  end: number;
  /** the spans covering this piece, outermost first */
  chain: readonly SourceSpan[];
}

/**
 * Spans of one report's input, flattened into non-overlapping pieces so a lookup is one binary search.
 * Spans nest (a marker inside a paragraph inside a section); a lookup returns the innermost.
 */
export class SourceSpanIndex {
  private readonly pieces: Piece[] = [];
  readonly spans: readonly SourceSpan[];

  constructor(spans: readonly SourceSpan[]) {
    const sorted = spans.filter(s => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
    this.spans = sorted;
    const stack: SourceSpan[] = [];
    let cursor = 0;
    const emit = (until: number) => {
      if (until > cursor && stack.length) this.pieces.push({ start: cursor, end: until, chain: [...stack] });
      cursor = Math.max(cursor, until);
    };
    for (const span of sorted) {
      while (stack.length && stack[stack.length - 1].end <= span.start) {
        emit(stack[stack.length - 1].end);
        stack.pop();
      }
      emit(span.start);
      // a span that overlaps its parent without nesting is clipped to the parent
      const parent = stack[stack.length - 1];
      stack.push(parent && span.end > parent.end ? { ...span, end: parent.end } : span);
    }
    while (stack.length) {
      emit(stack[stack.length - 1].end);
      stack.pop();
    }
  }

  /** The innermost span at `offset`, or undefined between spans. */
  at(offset: number): SourceSpan | undefined {
    const chain = this.chainAt(offset);
    return chain[chain.length - 1];
  }

  /** Every span at `offset`, outermost first (e.g. section, paragraph, figure). */
  chainAt(offset: number): readonly SourceSpan[] {
    const pieces = this.pieces;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const piece = pieces[mid];
      if (offset < piece.start) hi = mid - 1;
      else if (offset >= piece.end) lo = mid + 1;
      else return piece.chain;
    }
    return [];
  }

  /** The first span of a kind and id (where paragraph p12 starts): a scan, for jumps rather than hovers. */
  find(kind: SourceSpanKind, id: string): SourceSpan | undefined {
    return this.spans.find(s => s.kind === kind && s.id === id);
  }
}

// The parser registers each report's spans here so `new Library(reports)` finds them without a new argument.
const registry = new WeakMap<Report, readonly SourceSpan[]>();

export function rememberSpans(report: Report, spans: readonly SourceSpan[]): void {
  registry.set(report, spans);
}

/** The spans the parser produced for this report object, if it came from parseReport. */
export function spansOf(report: Report): readonly SourceSpan[] | undefined {
  return registry.get(report);
}
