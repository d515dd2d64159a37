import { uniqueKeysSteps } from './keys';
import type { Figure, Footnote, Paragraph, Report, Section } from './model';
import { spanArray, type SourceSpan, type SourceSpanKind, type SourceSpanList } from './parse/spans';
import { readerTextOf, type ReaderText } from './reader';
import { paragraphNumbers } from './paragraphs';
import { SpanIndex } from './spans';
import { Pace, runSteps, type Steps } from './steps';

/**
 * What a Library is built from: a parser result (a report and where its parts sit in the input text), or
 * a bare report (made by hand, or from a format without offsets), which simply has no offset lookups.
 */
export type LibraryInput = Report | { report: Report; spans?: SourceSpanList };

/** Where a paragraph sits: its report, its section, and its 1-based number in the report ("para. 12"). */
export interface ParagraphPlace {
  report: Report;
  section: Section;
  paragraph: Paragraph;
  number: number;
}

/** How a paragraph's place reads everywhere (mentions, search rows, related locations): "¶7 · New limitations". */
export function placeLabel(place: Pick<ParagraphPlace, 'number'> & { section: Pick<Section, 'title'> }): string {
  return `¶${place.number} · ${place.section.title}`;
}

/** What a citation key names: a whole report, or one of its notes' sources. */
export type CitationTarget = { kind: 'report'; report: Report } | { kind: 'footnote'; report: Report; footnote: Footnote };

/**
 * Several reports at once (the bundled one plus the analyst's own), with the lookups every feature needs.
 * Ids of sections, paragraphs and figures are unique within a report, so lookups take the report id too.
 */
export class Library {
  readonly reports: readonly Report[];
  private readonly reportsById = new Map<string, Report>();
  private targetsByKey: Map<string, CitationTarget> | undefined;
  private figuresByValue: Map<number, { report: Report; figure: Figure }[]> | undefined;
  private readonly spanIndexes = new Map<string, SpanIndex<SourceSpanKind> | null>();

  private readonly spansById: Map<string, SourceSpanList>;

  /**
   * Ids and citation keys are made unique across these reports (`diplomat2025`, `diplomat2025b`; a second
   * copy of a report gets id "…-2"); the same reports in the same order always get the same ones. The
   * inputs are never changed: a report whose id or keys must change is copied.
   */
  constructor(inputs: readonly LibraryInput[] | LibraryReports) {
    const { reports, spans } = inputs instanceof LibraryReports ? inputs : runSteps(libraryReports(inputs));
    this.reports = reports;
    this.spansById = spans;
    // Only what every library needs at once; a report's paragraph and figure look-ups are made on first use
    // and shared by every later library holding the same report object, so a library rebuilt after one file
    // changed costs little more than its ids and keys (see paragraphsOf, figuresOf).
    for (const report of this.reports) this.reportsById.set(report.id, report);
  }

  report(id: string): Report | undefined {
    return this.reportsById.get(id);
  }

  byKey(key: string): CitationTarget | undefined {
    if (!this.targetsByKey) {
      this.targetsByKey = new Map();
      for (const report of this.reports) {
        this.targetsByKey.set(report.key, { kind: 'report', report });
        for (const footnote of report.footnotes) {
          if (!this.targetsByKey.has(footnote.key)) this.targetsByKey.set(footnote.key, { kind: 'footnote', report, footnote });
        }
      }
    }
    return this.targetsByKey.get(key);
  }

  footnote(reportId: string, n: number): Footnote | undefined {
    return this.reportsById.get(reportId)?.footnotes.find(f => f.n === n);
  }

  paragraph(reportId: string, paragraphId: string): ParagraphPlace | undefined {
    const report = this.reportsById.get(reportId);
    return report && paragraphsOf(report).get(paragraphId);
  }

  figure(reportId: string, figureId: string): { report: Report; figure: Figure } | undefined {
    const report = this.reportsById.get(reportId);
    return report && figuresOf(report).get(figureId);
  }

  /** Every figure of every report, in reading order. */
  allFigures(): { report: Report; figure: Figure }[] {
    return this.reports.flatMap(report => [...figuresOf(report).values()]);
  }

  /**
   * Figures of any unit whose value is this number (to 9 significant digits), in reading order: what a
   * hover or a chart needs to tie "US$845 million" in a note to the report. Indexed on first use.
   */
  figuresWithValue(value: number): readonly { report: Report; figure: Figure }[] {
    if (!this.figuresByValue) {
      this.figuresByValue = new Map();
      for (const entry of this.allFigures()) {
        const key = valueKey(entry.figure.value);
        const list = this.figuresByValue.get(key);
        if (list) list.push(entry);
        else this.figuresByValue.set(key, [entry]);
      }
    }
    return this.figuresByValue.get(valueKey(value)) ?? [];
  }

  /**
   * What sits at a character offset of a report's input text (the file it was parsed from): the innermost
   * of section, paragraph, footnote, marker and figure spans. Binary search; undefined between spans or
   * for a report given without spans.
   */
  at(reportId: string, offset: number): SourceSpan | undefined {
    return this.spanIndex(reportId)?.at(offset);
  }

  /** Every span at an offset, outermost first (section, paragraph, then marker or figure). */
  chainAt(reportId: string, offset: number): readonly SourceSpan[] {
    return this.spanIndex(reportId)?.chainAt(offset) ?? [];
  }

  /** The input-text spans of a report as the parser gave them (the reader places note markers by them). */
  sourceSpans(reportId: string): readonly SourceSpan[] | undefined {
    const spans = this.spansById.get(reportId);
    return spans && spanArray(spans);
  }

  /** A report of this library rendered for the reader tab, its note markers placed by the report's spans. */
  readerText(report: Report): ReaderText {
    return readerTextOf(report, this.spansById.get(report.id));
  }

  /** The input-text spans of one report, indexed on first use. */
  spanIndex(reportId: string): SpanIndex<SourceSpanKind> | undefined {
    let index = this.spanIndexes.get(reportId);
    if (index === undefined) {
      const spans = this.spansById.get(reportId);
      index = spans ? new SpanIndex(spanArray(spans)) : null;
      this.spanIndexes.set(reportId, index);
    }
    return index ?? undefined;
  }
}

const paragraphLookups = new WeakMap<Report, Map<string, ParagraphPlace>>();
const figureLookups = new WeakMap<Report, Map<string, { report: Report; figure: Figure }>>();

/*
 * A report's look-ups, made on first use; a report object never changes, so they hold for every library it
 * is in. Paragraphs and figures apart: listing the figures of 150,000 paragraphs need not place each one.
 */

function paragraphsOf(report: Report): Map<string, ParagraphPlace> {
  let found = paragraphLookups.get(report);
  if (!found) {
    found = new Map();
    const numbers = paragraphNumbers(report);
    for (const section of report.sections) {
      for (const paragraph of section.paragraphs) {
        found.set(paragraph.id, { report, section, paragraph, number: numbers.get(paragraph.id)! });
      }
    }
    paragraphLookups.set(report, found);
  }
  return found;
}

function figuresOf(report: Report): Map<string, { report: Report; figure: Figure }> {
  let found = figureLookups.get(report);
  if (!found) {
    found = new Map();
    for (const figure of report.figures) found.set(figure.id, { report, figure });
    figureLookups.set(report, found);
  }
  return found;
}

/** Two files may yield the same report id (two copies, two drafts of one title): later ones get "-2", "-3"… */
/** A library's reports with their unique ids and keys, and their input spans by id: what the constructor keeps. */
class LibraryReports {
  constructor(
    readonly reports: readonly Report[],
    readonly spans: Map<string, SourceSpanList>,
  ) {}
}

function* libraryReports(inputs: readonly LibraryInput[]): Steps<LibraryReports> {
  const given = inputs.map(input => ('report' in input ? input : { report: input, spans: undefined }));
  const ids = uniqueIds(given.map(g => g.report.id));
  const keys = yield* uniqueKeysSteps(given.map(g => g.report));
  const reports: Report[] = [];
  const spansById = new Map<string, SourceSpanList>();
  const pace = new Pace(REPORTS_PER_STEP);
  for (const [i, { report: original, spans }] of given.entries()) {
    const report = withIdAndKeys(original, ids[i]!, keys[i]!.key, keys[i]!.notes);
    if (spans) spansById.set(report.id, spans);
    reports.push(report);
    if (pace.due()) yield;
  }
  return new LibraryReports(reports, spansById);
}

/** reports given their ids and keys between two steps */
const REPORTS_PER_STEP = 50;

/**
 * A Library built in steps (core/steps.ts), for the library service: the same library as `new Library(inputs)`,
 * without holding the host for the whole of a 2,000-report library's keys at every load.
 */
export function* libraryInSteps(inputs: readonly LibraryInput[]): Steps<Library> {
  return new Library(yield* libraryReports(inputs));
}

function uniqueIds(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map(wanted => {
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
    taken.add(id);
    return id;
  });
}

/** The last copy made of each report (withIdAndKeys): a report given again with the same id and keys gets it again. */
const copies = new WeakMap<Report, Report>();

/**
 * The report itself when nothing changes, else a copy with these id and keys (its notes copied as needed).
 * The same copy as last time when its id and keys are the same again: a library rebuilt after one file
 * changed must hold the very objects it held before (the search re-indexes a report that is a new object).
 */
function withIdAndKeys(report: Report, id: string, key: string, notes: ReadonlyMap<number, string>): Report {
  const notesChange = report.footnotes.some(f => (notes.get(f.n) ?? f.key) !== f.key);
  if (report.id === id && report.key === key && !notesChange) return report;
  const last = copies.get(report);
  if (last && last.id === id && last.key === key && last.footnotes.every((f, i) => f.key === (notes.get(f.n) ?? report.footnotes[i]!.key)))
    return last;
  const footnotes = notesChange ? report.footnotes.map(f => ({ ...f, key: notes.get(f.n) ?? f.key })) : report.footnotes;
  const copy = { ...report, id, key, footnotes };
  copies.set(report, copy);
  return copy;
}

function valueKey(value: number): number {
  return Number(value.toPrecision(9));
}
