/**
 * Where things sit in a rendered text: spans by kind, found by offset with a binary search.
 * Spans of one kind never overlap (paragraphs follow each other, markers sit inside paragraphs), so each
 * kind keeps its own array sorted by start; spans of different kinds nest (section > paragraph > marker).
 */

export type SpanKind = 'title' | 'section' | 'heading' | 'paragraph' | 'marker' | 'notes' | 'footnote' | 'figure' | 'url';

export interface Span {
  kind: SpanKind;
  /** section/paragraph/figure id, the note number as a string for markers and notes, the address for URLs */
  id: string;
  /** offset of the first character */
  start: number;
  /** offset after the last character */
  end: number;
}

/** The item of a list sorted by `start` whose [start, end) holds `offset`, by binary search; spans must not overlap. */
export function spanAt<T extends { start: number; end: number }>(sorted: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = sorted[mid]!;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return span;
  }
  return undefined;
}

/** Like spanAt, but an offset right after the span (the cursor at the end of a word) counts too. */
export function spanTouching<T extends { start: number; end: number }>(sorted: readonly T[], offset: number): T | undefined {
  return spanAt(sorted, offset) ?? (offset > 0 ? spanAt(sorted, offset - 1) : undefined);
}

/** Spans of a text, looked up by offset (innermost first) or by kind and id. */
export class SpanIndex {
  private readonly byKind = new Map<SpanKind, Span[]>();
  private readonly byId = new Map<string, Span[]>();

  constructor(spans: readonly Span[]) {
    for (const span of spans) {
      let list = this.byKind.get(span.kind);
      if (!list) this.byKind.set(span.kind, (list = []));
      list.push(span);
      const key = `${span.kind}\u0000${span.id}`;
      let same = this.byId.get(key);
      if (!same) this.byId.set(key, (same = []));
      same.push(span);
    }
    for (const list of this.byKind.values()) list.sort((a, b) => a.start - b.start);
  }

  /** The span of `kind` holding `offset`. */
  at(offset: number, kind: SpanKind): Span | undefined {
    return spanAt(this.byKind.get(kind) ?? [], offset);
  }

  /** Every span holding `offset`, innermost (shortest) first. */
  allAt(offset: number): Span[] {
    const found: Span[] = [];
    for (const list of this.byKind.values()) {
      const span = spanAt(list, offset);
      if (span) found.push(span);
    }
    return found.sort((a, b) => (a.end - a.start) - (b.end - b.start));
  }

  /** The first span of a kind with an id (e.g. the heading of section "s2", the note "4"). */
  find(kind: SpanKind, id: string): Span | undefined {
    return this.byId.get(`${kind}\u0000${id}`)?.[0];
  }

  /** Every span of a kind with an id (e.g. every marker of note 4). */
  findAll(kind: SpanKind, id: string): readonly Span[] {
    return this.byId.get(`${kind}\u0000${id}`) ?? [];
  }

  /** Spans of a kind in text order. */
  ofKind(kind: SpanKind): readonly Span[] {
    return this.byKind.get(kind) ?? [];
  }
}
