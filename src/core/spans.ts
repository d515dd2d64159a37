/**
 * Where things sit in a text — the reader's rendered text, or a report's input text (src/core/parse/spans.ts):
 * spans by kind, found by offset with a binary search. Spans of one kind never overlap (paragraphs follow
 * each other, markers sit inside paragraphs), so each kind keeps its own array sorted by start; spans of
 * different kinds nest (section > paragraph > marker).
 */

export type SpanKind = 'title' | 'section' | 'heading' | 'paragraph' | 'marker' | 'notes' | 'footnote' | 'figure' | 'url';

export interface Span<K extends SpanKind = SpanKind> {
  kind: K;
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

/** [start, end) pairs in text order with overlapping or touching ones joined (for highlights and skipped text). Sorts `ranges` in place. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const r of ranges.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** A stretch of text under the same spans; the stretches never overlap, so a lookup is one binary search. */
interface Piece<K extends SpanKind> {
  start: number;
  end: number;
  /** the spans covering this stretch, outermost first */
  chain: readonly Span<K>[];
}

/** Spans of a text, looked up by offset (innermost, of a kind, or the whole nesting) or by kind and id. */
export class SpanIndex<K extends SpanKind = SpanKind> {
  private readonly byKind = new Map<K, Span<K>[]>();
  private readonly byId = new Map<string, Span<K>[]>();
  private readonly spans: readonly Span<K>[];
  /** built on the first lookup that needs the nesting */
  private pieces: Piece<K>[] | undefined;

  constructor(spans: readonly Span<K>[]) {
    this.spans = spans;
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
    for (const list of this.byId.values()) list.sort((a, b) => a.start - b.start);
  }

  /** The span of `kind` holding `offset`; without a kind, the innermost span there. */
  at(offset: number, kind?: K): Span<K> | undefined {
    if (kind !== undefined) return spanAt(this.byKind.get(kind) ?? [], offset);
    const chain = this.chainAt(offset);
    return chain[chain.length - 1];
  }

  /** Every span holding `offset`, outermost first (e.g. section, paragraph, marker); empty between spans. */
  chainAt(offset: number): readonly Span<K>[] {
    this.pieces ??= flatten(this.spans);
    return spanAt(this.pieces, offset)?.chain ?? [];
  }

  /** The first span of a kind with an id (e.g. the heading of section "s2", the note "4"). */
  find(kind: K, id: string): Span<K> | undefined {
    return this.byId.get(`${kind}\u0000${id}`)?.[0];
  }

  /** Every span of a kind with an id in text order (e.g. every marker of note 4). */
  findAll(kind: K, id: string): readonly Span<K>[] {
    return this.byId.get(`${kind}\u0000${id}`) ?? [];
  }

  /** Spans of a kind in text order. */
  ofKind(kind: K): readonly Span<K>[] {
    return this.byKind.get(kind) ?? [];
  }
}

/** Nested spans as non-overlapping pieces, each with the spans covering it (outermost first). */
function flatten<K extends SpanKind>(spans: readonly Span<K>[]): Piece<K>[] {
  const pieces: Piece<K>[] = [];
  const sorted = spans.filter(s => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const stack: Span<K>[] = [];
  let cursor = 0;
  const emit = (until: number) => {
    if (until > cursor && stack.length) pieces.push({ start: cursor, end: until, chain: [...stack] });
    cursor = Math.max(cursor, until);
  };
  const close = (before: number) => {
    while (stack.length && stack[stack.length - 1]!.end <= before) {
      emit(stack[stack.length - 1]!.end);
      stack.pop();
    }
  };
  for (const span of sorted) {
    close(span.start);
    emit(span.start);
    // a span that overlaps its parent without nesting is clipped to the parent
    const parent = stack[stack.length - 1];
    stack.push(parent && span.end > parent.end ? { ...span, end: parent.end } : span);
  }
  close(Infinity);
  return pieces;
}
