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
