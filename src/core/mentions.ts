/**
 * Where a report mentions one of its figures (the same amount, however written) or cites one of its notes,
 * as places in the report's reader text. The hover's "Show All Mentions" adds the workspace notes' mentions.
 */
import type { CitedTarget } from './cite';
import { placeLabel, type Library } from './library';
import { findQuantities, sameAmount } from './quantities';
import { lineIndexAt } from './text';

export interface ReportMention {
  /** 0-based line in the reader text */
  line: number;
  /** the text around the mention, on one line */
  text: string;
  /** "¶12 · Section title", or "[4]" for a note */
  where: string;
  target: CitedTarget;
}

/** How far a snippet reaches either side of a mention. */
const SNIPPET_REACH = 60;

/**
 * Text around [start, end), on one line: what a list of mentions shows. It starts and ends at a whole word
 * ("…remain bleak", never "emain bleak"), with an ellipsis where it cuts the text. Linear in the snippet.
 */
export function around(text: string, start: number, end: number, reach = SNIPPET_REACH): string {
  let from = Math.max(0, start - reach);
  let to = Math.min(text.length, end + reach);
  // a cut inside a word drops the part word, never the mention itself
  if (from > 0 && !isSpace(text[from - 1]!)) while (from < start && !isSpace(text[from]!)) from++;
  if (to < text.length && !isSpace(text[to]!)) while (to > end && !isSpace(text[to - 1]!)) to--;
  const snippet = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${textBefore(text, from) ? '\u2026' : ''}${snippet}${textAfter(text, to) ? '\u2026' : ''}`;
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/** Whether anything but white space comes before `from` (walks back over the white space only). */
function textBefore(text: string, from: number): boolean {
  let i = from - 1;
  while (i >= 0 && isSpace(text[i]!)) i--;
  return i >= 0;
}

function textAfter(text: string, to: number): boolean {
  let i = to;
  while (i < text.length && isSpace(text[i]!)) i++;
  return i < text.length;
}

/** Every place in its report that mentions a figure or cites a note; empty for other targets. */
export function reportMentions(library: Library, target: CitedTarget): ReportMention[] {
  const report = library.report(target.reportId);
  if (!report) return [];
  const { text: readerText, index } = library.readerText(report);
  const lineOf = lineFinder(readerText);
  const mentions: ReportMention[] = [];

  if (target.kind === 'figure') {
    const figure = report.figures.find(f => f.id === target.id);
    if (!figure) return [];
    for (const span of [...index.ofKind('paragraph'), ...index.ofKind('footnote')]) {
      const text = readerText.slice(span.start, span.end);
      for (const q of safeQuantities(text)) {
        if (!sameAmount(q, figure)) continue;
        const place = span.kind === 'paragraph' ? library.paragraph(report.id, span.id) : undefined;
        mentions.push({
          line: lineOf(span.start + q.start),
          text: around(text, q.start, q.end),
          where: place ? placeLabel(place) : `[${span.id}]`,
          target: { reportId: report.id, kind: span.kind === 'paragraph' ? 'paragraph' : 'footnote', id: span.id },
        });
      }
    }
  } else if (target.kind === 'footnote') {
    const footnote = report.footnotes.find(f => String(f.n) === target.id);
    for (const pid of footnote?.citedBy ?? []) {
      const place = library.paragraph(report.id, pid);
      const span = index.find('paragraph', pid);
      if (place && span) {
        mentions.push({
          line: lineOf(span.start),
          text: around(place.paragraph.text, 0, 0, 140),
          where: placeLabel(place),
          target: { reportId: report.id, kind: 'paragraph', id: pid },
        });
      }
    }
  }
  return mentions;
}

/** The 0-based line of an offset, by binary search over the line starts (computed once per text). */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return offset => lineIndexAt(starts, offset);
}

/** A report paragraph whose numbers cannot be read has no mention, rather than failing the whole list. */
function safeQuantities(text: string) {
  try {
    return findQuantities(text);
  } catch {
    return [];
  }
}
