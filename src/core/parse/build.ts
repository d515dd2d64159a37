/** Turns a format parser's Draft into Dossier's Report: ids, footnotes with sources, figures, keys, spans. */
import { ReportError, errorMessage } from '../errors';
import { MAX_FIGURES_PER_REPORT, extractFigures, figureCapWarning, locateFigures, type MarkedParagraph } from '../figures';
import { assignKeys } from '../keys';
import type { Figure, Paragraph, Report, Section, Source, Table } from '../model';
import { tableFigures, tableUnit } from '../tables';
import { buildFootnotes } from '../sources';
import { ownCopy, shared } from '../text';
import { SourceSpans, type SourceSpan } from './spans';
import {
  type Draft,
  type DraftNote,
  type DraftParagraph,
  MAX_NOTE_LENGTH,
  MAX_PARAGRAPHS_PER_REPORT,
  PARAGRAPH_CAP_WARNING,
} from './draft';

export interface BuildOptions {
  id: string;
  source?: string;
  /** title when the text names none (e.g. from the file name) */
  fallbackTitle: string;
}

export interface Built {
  report: Report;
  spans: SourceSpans;
  warnings: string[];
}

/** The most notes read from one report: the corpus reports hold at most 263, real ones up to a few thousand. */
export const MAX_NOTES_PER_REPORT = 20_000;
/**
 * Problems of one kind (a marker with no note, a note defined twice) named one by one; the rest are counted.
 * A crafted report of 200,000 links past the notes cap made as many warnings, printed line by line.
 */
const NAMED_PROBLEMS = 20;

export function buildReport(draft: Draft, options: BuildOptions): Built {
  const spans: SourceSpan[] = [];
  const warnings = [...draft.warnings];
  const sections: Section[] = [];
  const marked: MarkedParagraph[] = [];
  // the draft of paragraph `p${n}` is drafts[n - 1] (ids are made below, in this order)
  const drafts: DraftParagraph[] = [];
  let pn = 0;
  let unread = 0;
  for (const ds of draft.sections) {
    const paragraphs: Paragraph[] = [];
    for (const dp of ds.paragraphs) {
      if (!dp.text) continue;
      if (pn >= MAX_PARAGRAPHS_PER_REPORT) {
        unread++;
        continue;
      }
      // the model's strings (and the figures' and sources' slices of them) must not hold the input alive
      dp.text = ownCopy(dp.text);
      // ids repeat from report to report ("p12"): one copy each
      const id = shared(`p${++pn}`);
      paragraphs.push({ id, text: dp.text, footnotes: dp.markers.map(m => m.n) });
      marked.push({ id, text: dp.text, markers: dp.markers.map(m => ({ at: m.at, n: m.n })) });
      drafts.push(dp);
      spans.push({ kind: 'paragraph', id, start: dp.start, end: dp.end });
      for (const m of dp.markers) spans.push({ kind: 'marker', id: String(m.n), start: m.start, end: m.end });
    }
    if (!paragraphs.length) continue;
    const id = shared(`s${sections.length + 1}`);
    sections.push({ id, title: ownCopy(ds.title?.trim() || 'Introduction'), paragraphs });
    // a loop, not Math.max(...ends): 130,000 paragraphs in one section overflow the call stack
    let end = ds.end;
    for (const p of ds.paragraphs) end = Math.max(end, p.end);
    spans.push({ kind: 'section', id, start: ds.start, end });
  }
  // a format parser that stops at the cap has said so already
  if (unread > 0 && !warnings.includes(PARAGRAPH_CAP_WARNING)) warnings.push(PARAGRAPH_CAP_WARNING);
  if (pn === 0)
    throw new ReportError('No paragraphs found: this does not look like a report (expected prose paragraphs separated by blank lines).');

  // Notes: keep the first of duplicate numbers, in number order.
  const seen = new Set<number>();
  if (draft.notes.length > MAX_NOTES_PER_REPORT)
    warnings.push(
      `The report has ${count(draft.notes.length)} notes: only the first ${count(MAX_NOTES_PER_REPORT)} are read (no report holds more).`,
    );
  let twice = 0;
  const notes = draft.notes
    .slice(0, MAX_NOTES_PER_REPORT)
    .filter(n => {
      if (!seen.has(n.n)) return seen.add(n.n);
      if (++twice <= NAMED_PROBLEMS) warnings.push(`Note ${n.n} is defined twice; the first is kept.`);
      return false;
    })
    .map(n => ({
      ...n,
      text: ownCopy(n.text.length > MAX_NOTE_LENGTH ? longNote(n, warnings) : n.text),
      ...(n.url ? { url: ownCopy(n.url) } : {}),
      ...(n.source ? { source: ownSource(n.source) } : {}),
    }));
  if (twice > NAMED_PROBLEMS) warnings.push(`${count(twice - NAMED_PROBLEMS)} more notes are defined twice; the first of each is kept.`);
  notes.sort((a, b) => a.n - b.n);
  for (const note of notes) spans.push({ kind: 'footnote', id: String(note.n), start: note.start, end: note.end });

  const allParagraphs = sections.flatMap(s => s.paragraphs);
  const footnotes = buildFootnotes(notes, allParagraphs);
  let unmatched = 0;
  for (const p of allParagraphs) {
    for (const n of new Set(p.footnotes)) {
      if (!seen.has(n) && ++unmatched <= NAMED_PROBLEMS) warnings.push(`Marker [${n}] in paragraph ${p.id} has no note.`);
    }
  }
  if (unmatched > NAMED_PROBLEMS) warnings.push(`${count(unmatched - NAMED_PROBLEMS)} more markers have no note.`);

  let figures: Figure[] = [];
  try {
    figures = extractFigures(marked, warnings);
  } catch (error) {
    // Figures are an extra; a bug there must not make the report unreadable.
    warnings.push(`Figures could not be extracted: ${errorMessage(error)}`);
  }
  // right or silent: a figure whose sentence does not say what it measures keeps its section's heading as context
  if (figures.some(f => !f.subject)) {
    const sectionOf = new Map(sections.flatMap(s => s.paragraphs.map(p => [p.id, s.title] as const)));
    for (const f of figures) {
      const title = f.subject ? undefined : sectionOf.get(f.paragraph);
      if (title) f.context = title;
    }
  }
  // figures come in reading order, so each paragraph's are one run
  for (let i = 0; i < figures.length;) {
    let j = i;
    while (j < figures.length && figures[j]!.paragraph === figures[i]!.paragraph) j++;
    const paragraph = drafts[Number(figures[i]!.paragraph.slice(1)) - 1];
    const run = figures.slice(i, j);
    if (paragraph) {
      locateFigures(paragraph.text, run).forEach((at, k) => {
        if (at >= 0) spans.push(figureSpan(run[k]!, at, paragraph));
      });
    }
    i = j;
  }

  const tables: Table[] = (draft.tables ?? []).map((t, i) => {
    const unit = tableUnit(t.caption, t.subtitle, t.rows.slice(0, t.headerRows));
    return {
      id: `t${i + 1}`,
      ...(t.caption ? { caption: t.caption } : {}),
      ...(unit ? { unit } : {}),
      rows: t.rows,
      headerRows: t.headerRows,
    };
  });
  let capped = false;
  try {
    for (const [i, table] of tables.entries()) {
      // a loop, not push(...): a huge table overflows the call stack as arguments; and the report's cap holds here too
      for (const figure of tableFigures(table, figures.length + 1, draft.tables![i]!.subtitle)) {
        if (figures.length >= MAX_FIGURES_PER_REPORT) {
          if (!capped) warnings.push(figureCapWarning(`the tables from ${table.id} on`));
          capped = true;
          break;
        }
        figures.push(figure);
      }
    }
  } catch (error) {
    warnings.push(`Figures could not be read from the tables: ${errorMessage(error)}`);
  }

  const report: Report = {
    id: options.id,
    key: '',
    title: ownCopy(draft.title?.trim() || options.fallbackTitle),
    ...(draft.date ? { date: ownCopy(draft.date) } : {}),
    authors: draft.authors.map(ownCopy),
    ...(draft.publisher ? { publisher: ownCopy(draft.publisher) } : {}),
    ...(draft.number ? { number: ownCopy(draft.number) } : {}),
    ...(options.source ? { source: options.source } : {}),
    sections,
    footnotes,
    figures,
    ...(tables.length ? { tables } : {}),
  };
  assignKeys([report]);
  return { report, spans: SourceSpans.of(spans), warnings };
}

const count = (n: number) => n.toLocaleString('en-US');

/** A note cut to MAX_NOTE_LENGTH, and the warning that says so (its length in the input: a parser may have cut it already). */
function longNote(note: DraftNote, warnings: string[]): string {
  const length = Math.max(note.text.length, note.end - note.start);
  warnings.push(`Note ${note.n} is ${count(length)} characters: only the first ${count(MAX_NOTE_LENGTH)} are read.`);
  return note.text.slice(0, MAX_NOTE_LENGTH);
}

/** A source read by a format parser (a link's target and text), its strings copied off the input. */
function ownSource(source: Source): Source {
  const own: Source = { ...source, authors: source.authors.map(ownCopy) };
  for (const field of ['title', 'container', 'date', 'url'] as const) {
    const value = source[field];
    if (value !== undefined) own[field] = ownCopy(value);
  }
  return own;
}

/** A figure found at `at` in its paragraph's clean text, mapped to the input. */
function figureSpan(figure: Figure, at: number, paragraph: DraftParagraph): SourceSpan {
  const start = paragraph.map.toSource(at);
  const end = paragraph.map.toSource(at + figure.text.length - 1) + 1;
  return { kind: 'figure', id: figure.id, start, end: Math.max(end, start + 1) };
}
