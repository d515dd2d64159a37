/**
 * The reader: a report rendered as plain text for a read-only editor tab (title, date, authors, headings,
 * numbered paragraphs with their note markers, the notes list), with spans that say where each section,
 * paragraph, marker, note, figure and URL sits, so the editor can link, fold, hover and jump.
 */
import { pageName, type CitedTarget } from './cite';
import type { Figure, Footnote, Paragraph, Report } from './model';
import { locateFigures } from './figures';
import { figuresByParagraph, paragraphNumbers } from './paragraphs';
import type { SourceSpan } from './parse/spans';
import { dayMonthYear, trimEndOf } from './text';
import { SpanIndex, type Span } from './spans';

export interface ReaderText {
  text: string;
  spans: Span[];
  index: SpanIndex;
}

const rendered = new WeakMap<Report, ReaderText>();

/**
 * The reader text of a report, rendered once per report object (reports are immutable once parsed).
 * `sourceSpans` (Library.sourceSpans) place note markers where the input text has them.
 */
export function readerTextOf(report: Report, sourceSpans?: Iterable<SourceSpan>): ReaderText {
  let reader = rendered.get(report);
  if (!reader) rendered.set(report, (reader = renderReport(report, sourceSpans)));
  return reader;
}

/** The heading the reader gives the notes list. */
export const NOTES_HEADING = 'Notes';

/** Renders a report; prefer readerTextOf, which caches. */
export function renderReport(report: Report, sourceSpans?: Iterable<SourceSpan>): ReaderText {
  const out = new TextBuilder();
  out.span('title', report.id, () => out.write(oneLine(report.title) || 'Untitled report'));
  out.write('\n');
  const byline = [formatDate(report.date), report.authors.map(oneLine).join(', '), oneLine(report.publisher ?? '')].filter(Boolean);
  if (byline.length) out.write(byline.join(' · ') + '\n');

  const figuresOf = figuresByParagraph(report);
  const markersOf = sourceMarkers(sourceSpans);
  const numbers = paragraphNumbers(report);
  let page: number | undefined;
  for (const section of report.sections) {
    out.write('\n');
    out.span('section', section.id, () => {
      out.span('heading', section.id, () => out.write(`# ${oneLine(section.title)}`));
      out.write('\n');
      for (const paragraph of section.paragraphs) {
        // a PDF's page break: a line of its own between paragraphs, outside every span
        if (paragraph.page !== undefined && paragraph.page !== page) {
          page = paragraph.page;
          out.write(`\n${pageBreak(report, page)}\n`);
        }
        out.write('\n');
        out.span('paragraph', paragraph.id, () => {
          out.write(`¶${numbers.get(paragraph.id)} `);
          writeParagraph(out, paragraph, markerPlaces(paragraph, markersOf(paragraph.id)), figuresOf.get(paragraph.id) ?? []);
        });
        out.write('\n');
      }
    });
  }

  if (report.footnotes.length) {
    out.write('\n');
    out.span('notes', 'notes', () => {
      out.write(`# ${NOTES_HEADING}\n`);
      for (const footnote of report.footnotes) {
        out.write('\n');
        out.span('footnote', String(footnote.n), () => writeNote(out, footnote));
        out.write('\n');
      }
    });
  }
  return out.finish();
}

/** "— p. 5 —", or "— p. 1 (PDF page 4) —" where the report prints its own page numbers. */
export function pageBreak(report: Report, page: number): string {
  const printed = report.pageLabels?.[page - 1];
  return `\u2014 ${pageName(report.pageLabels, page)}${printed ? ` (PDF page ${page})` : ''} \u2014`;
}

function writeParagraph(out: TextBuilder, paragraph: Paragraph, markers: { at: number; n: number }[], figures: readonly Figure[]): void {
  const text = oneLine(paragraph.text);
  const base = out.length;
  // rendered offset of a text offset: markers standing at or before it push it right (markers are in text
  // order, so a running sum and a binary search, not a sum over every marker per figure)
  const widths: number[] = [0];
  for (const m of markers) widths.push(widths[widths.length - 1]! + `[${m.n}]`.length);
  const shift = (offset: number) => {
    let lo = 0;
    let hi = markers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (markers[mid]!.at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return widths[lo]!;
  };
  let cursor = 0;
  for (const marker of markers) {
    out.write(text.slice(cursor, marker.at));
    out.span('marker', String(marker.n), () => out.write(`[${marker.n}]`));
    cursor = marker.at;
  }
  out.write(text.slice(cursor));
  // where each figure sits in the marker-free text, in reading order
  const places = locateFigures(text, figures, oneLine);
  figures.forEach((figure, i) => {
    const at = places[i]!;
    if (at >= 0) out.addSpan(renderedSpan('figure', figure.id, at, at + figure.text.length, base, shift));
  });
  addUrlSpans(out, text, base, shift);
}

/**
 * A span of the marker-free text as rendered: a marker standing inside it ("over 600[1] attacks") widens
 * it, one at its end does not.
 */
function renderedSpan(kind: Span['kind'], id: string, start: number, end: number, base: number, shift: (offset: number) => number): Span {
  return { kind, id, start: base + start + shift(start), end: base + end + (end > start ? shift(end - 1) : shift(start)) };
}

function writeNote(out: TextBuilder, footnote: Footnote): void {
  out.write(`[${footnote.n}] `);
  const base = out.length;
  const text = oneLine(footnote.text);
  out.write(text);
  const url = footnote.source.url;
  const at = url ? text.indexOf(url) : -1;
  if (url && at >= 0) out.addSpan({ kind: 'url', id: url, start: base + at, end: base + at + url.length });
  else addUrlSpans(out, text, base, () => 0);
  if (footnote.refersTo !== undefined) {
    out.write(' → ');
    out.span('marker', String(footnote.refersTo), () => out.write(`[${footnote.refersTo}]`));
  }
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'\u201c\u201d]+/g;

function addUrlSpans(out: TextBuilder, text: string, base: number, shift: (offset: number) => number): void {
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = trimEndOf(m[0], '.,;:)]');
    out.addSpan(renderedSpan('url', url, m.index!, m.index! + url.length, base, shift));
  }
}

/**
 * Where the note markers stand in the paragraph's marker-free text. The model keeps only their order; the
 * parser's source spans say where they stood in the file, which (less the markers before them) is close to
 * their place in the text; the estimate is snapped to the end of the nearest word or punctuation.
 * Without source spans the markers go at the end of the paragraph.
 */
export function markerPlaces(
  paragraph: Paragraph,
  spans: { paragraph: SourceSpan; markers: SourceSpan[] } | undefined,
): { at: number; n: number }[] {
  const text = oneLine(paragraph.text);
  if (!spans || spans.markers.length !== paragraph.footnotes.length) {
    return paragraph.footnotes.map(n => ({ at: text.length, n }));
  }
  const places: { at: number; n: number }[] = [];
  let removed = 0;
  let previous = 0;
  spans.markers.forEach((marker, i) => {
    const estimate = marker.start - spans.paragraph.start - removed;
    removed += marker.end - marker.start;
    const at = Math.max(previous, snapToWordEnd(text, Math.min(Math.max(estimate, 0), text.length)));
    places.push({ at, n: paragraph.footnotes[i]! });
    previous = at;
  });
  return places;
}

/** The source span of each paragraph and the markers inside it, indexed once per report (not per paragraph). */
export function sourceMarkers(
  spans: Iterable<SourceSpan> | undefined,
): (paragraphId: string) => { paragraph: SourceSpan; markers: SourceSpan[] } | undefined {
  if (!spans) return () => undefined;
  const paragraphs = new Map<string, SourceSpan>();
  const markers: SourceSpan[] = [];
  for (const span of spans) {
    if (span.kind === 'paragraph' && !paragraphs.has(span.id)) paragraphs.set(span.id, span);
    else if (span.kind === 'marker') markers.push(span);
  }
  markers.sort((a, b) => a.start - b.start);
  return paragraphId => {
    const paragraph = paragraphs.get(paragraphId);
    if (!paragraph) return undefined;
    // first marker at or after the paragraph's start, by binary search
    let lo = 0;
    let hi = markers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (markers[mid]!.start < paragraph.start) lo = mid + 1;
      else hi = mid;
    }
    const inside: SourceSpan[] = [];
    for (let i = lo; i < markers.length && markers[i]!.start < paragraph.end; i++) {
      if (markers[i]!.end <= paragraph.end) inside.push(markers[i]!);
    }
    return { paragraph, markers: inside };
  };
}

function snapToWordEnd(text: string, estimate: number): number {
  const isEnd = (p: number) => p > 0 && /\S/.test(text[p - 1]!) && (p === text.length || /[\s)\]]/.test(text[p]!));
  const afterPunctuation = (p: number) => isEnd(p) && /[.,;:!?\u201d\u2019"')\]]/.test(text[p - 1]!);
  for (const test of [afterPunctuation, isEnd]) {
    for (let d = 0; d <= 16; d++) {
      if (test(estimate - d)) return estimate - d;
      if (estimate + d <= text.length && test(estimate + d)) return estimate + d;
    }
  }
  return estimate;
}

/** The first words of a paragraph, for labels ("Throughout history, U.S.-Pakistan relations…"). */
export function openingWords(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max);
  return flat.slice(0, cut > max / 2 ? cut : max) + '…';
}

/** "2025-05-19" → "19 May 2025"; partial dates stay partial ("May 2025", "2025"). */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  return dayMonthYear(iso) ?? oneLine(iso);
}

/** Report text may hold line breaks or control characters; the reader keeps one line per paragraph. */
function oneLine(text: string): string {
  // each whitespace run is matched once; `\s*[\r\n]+\s*` retried a long run of spaces from every space in it
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, run => (/[\r\n\u2028\u2029]/.test(run) ? ' ' : run));
}

class TextBuilder {
  private readonly parts: string[] = [];
  private readonly spans: Span[] = [];
  length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  span(kind: Span['kind'], id: string, body: () => void): void {
    const start = this.length;
    body();
    this.spans.push({ kind, id, start, end: this.length });
  }

  addSpan(span: Span): void {
    if (span.end > span.start) this.spans.push(span);
  }

  finish(): ReaderText {
    const spans = this.spans.sort((a, b) => a.start - b.start);
    return { text: this.parts.join(''), spans, index: new SpanIndex(spans) };
  }
}

/** Where a target sits in the reader text. */
export function spanFor(index: SpanIndex, target: Pick<CitedTarget, 'reportId' | 'kind' | 'id'>): Span | undefined {
  switch (target.kind) {
    case 'report':
      return index.find('title', target.reportId);
    case 'section':
      return index.find('heading', target.id);
    case 'paragraph':
      return index.find('paragraph', target.id);
    case 'footnote':
      return index.find('footnote', target.id);
    case 'figure':
      return index.find('figure', target.id);
  }
}
