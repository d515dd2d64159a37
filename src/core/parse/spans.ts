/**
 * Where things sit in a report's *input* text (the file the analyst opened), for hovers and "what is under
 * the cursor": sections, paragraphs, notes, note markers and figures as [start, end) offsets. The same
 * SpanIndex that indexes the reader's rendered text answers lookups (src/core/spans.ts).
 */
import type { Span, SpanKind } from '../spans';

export type SourceSpanKind = Extract<SpanKind, 'section' | 'paragraph' | 'footnote' | 'marker' | 'figure'>;

/**
 * `id`: section/paragraph/figure id ("s2", "p12", "f3"); for a footnote or a marker, the note number as
 * a string ("4"). Offsets are UTF-16 offsets into the text given to the parser.
 */
export type SourceSpan = Span<SourceSpanKind>;

/** Each kind's code in SourceSpans, and how its ids are usually written: a prefix and a number. */
const KINDS: readonly SourceSpanKind[] = ['section', 'paragraph', 'footnote', 'marker', 'figure'];
const PREFIXES: readonly string[] = ['s', 'p', '', '', 'f'];
const FIELDS = 4;

/**
 * A report's input-text spans packed four numbers a span (kind, id number, start, end) in one typed array,
 * made into SourceSpan objects only when asked for: a library holds every report's spans, ~50 per 1,000
 * characters, and an object per span cost ~64 bytes against 16 here (~22 MB at 2,000 reports). The spans
 * come out exactly as given, in the same order; an id not written as its kind's prefix and a number (a
 * parser's own) is kept as written. JSON gives the plain array, so a cache entry reads as before.
 */
export class SourceSpans implements Iterable<SourceSpan> {
  static readonly none = new SourceSpans(new Int32Array(0), undefined);

  private constructor(
    private readonly packed: Int32Array,
    /** ids not written as prefix and number, by span index (their id number is −1) */
    private readonly otherIds: ReadonlyMap<number, string> | undefined,
  ) {}

  static of(spans: readonly SourceSpan[]): SourceSpans {
    if (!spans.length) return SourceSpans.none;
    const packed = new Int32Array(spans.length * FIELDS);
    let otherIds: Map<number, string> | undefined;
    spans.forEach((span, i) => {
      const kind = KINDS.indexOf(span.kind);
      if (kind < 0 || typeof span.id !== 'string' || !fitsInt32(span.start) || !fitsInt32(span.end))
        throw new RangeError(`Not a source span: ${JSON.stringify(span)}`);
      const n = idNumber(span.id, PREFIXES[kind]!);
      if (n === NOT_A_NUMBER) (otherIds ??= new Map()).set(i, span.id);
      const at = i * FIELDS;
      packed[at] = kind;
      packed[at + 1] = n;
      packed[at + 2] = span.start;
      packed[at + 3] = span.end;
    });
    return new SourceSpans(packed, otherIds);
  }

  get length(): number {
    return this.packed.length / FIELDS;
  }

  /** The i-th span as given (a new object each time). */
  at(i: number): SourceSpan | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    const at = i * FIELDS;
    const kind = KINDS[this.packed[at]!]!;
    const n = this.packed[at + 1]!;
    const id = n === NOT_A_NUMBER ? this.otherIds!.get(i)! : PREFIXES[this.packed[at]!] + String(n);
    return { kind, id, start: this.packed[at + 2]!, end: this.packed[at + 3]! };
  }

  *[Symbol.iterator](): Iterator<SourceSpan> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  toArray(): SourceSpan[] {
    return [...this];
  }

  /** A cache entry, `dossier parse --json`: the spans as the plain array they were. */
  toJSON(): SourceSpan[] {
    return this.toArray();
  }
}

/** An id's number stands for it when the id is its kind's prefix and that number written plainly ("p12", not "p012"). */
const NOT_A_NUMBER = -1;

function idNumber(id: string, prefix: string): number {
  if (!id.startsWith(prefix)) return NOT_A_NUMBER;
  const digits = id.slice(prefix.length);
  const n = Number(digits);
  return Number.isInteger(n) && n >= 0 && n <= 0x7fffffff && String(n) === digits ? n : NOT_A_NUMBER;
}

function fitsInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -0x80000000 && n <= 0x7fffffff;
}

/** Spans as a parser gives them (packed) or as a cache entry or a hand-made input holds them (an array). */
export type SourceSpanList = SourceSpans | readonly SourceSpan[];

/** The spans packed (as they are when they are already). */
export function packSpans(spans: SourceSpanList): SourceSpans {
  return spans instanceof SourceSpans ? spans : SourceSpans.of(spans);
}

/** The spans as objects, in their order. */
export function spanArray(spans: SourceSpanList): readonly SourceSpan[] {
  return spans instanceof SourceSpans ? spans.toArray() : spans;
}
