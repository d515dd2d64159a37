import { assignKeys } from './keys';
import type { Figure, Footnote, Paragraph, Report, Section } from './model';
import type { ParsedReport } from './parse';
import { rememberSpans, spansOf, type SourceSpan, type SourceSpanKind } from './parse/spans';
import { SpanIndex } from './spans';

/** Where a paragraph sits: its report, its section, and its 1-based number in the report ("para. 12"). */
export interface ParagraphPlace {
  report: Report;
  section: Section;
  paragraph: Paragraph;
  number: number;
}

/** What a citation key names: a whole report, or one of its notes' sources. */
export type CitationTarget =
  | { kind: 'report'; report: Report }
  | { kind: 'footnote'; report: Report; footnote: Footnote };

/**
 * Several reports at once (the bundled one plus the analyst's own), with the lookups every feature needs.
 * Ids of sections, paragraphs and figures are unique within a report, so lookups take the report id too.
 */
export class Library {
  readonly reports: readonly Report[];
  private readonly reportsById = new Map<string, Report>();
  private readonly targetsByKey = new Map<string, CitationTarget>();
  private readonly paragraphs = new Map<string, ParagraphPlace>();
  private readonly figures = new Map<string, { report: Report; figure: Figure }>();
  private figuresByValue: Map<number, { report: Report; figure: Figure }[]> | undefined;
  private readonly spanIndexes = new Map<string, SpanIndex<SourceSpanKind> | null>();

  /**
   * Citation keys are (re)assigned here so they are unique across these reports (`diplomat2025`,
   * `diplomat2025b`); the same reports in the same order always get the same keys.
   */
  constructor(reports: readonly Report[]) {
    this.reports = reports;
    assignUniqueIds(reports);
    assignKeys([...reports]);
    for (const report of reports) {
      this.reportsById.set(report.id, report);
      this.targetsByKey.set(report.key, { kind: 'report', report });
      for (const footnote of report.footnotes) {
        if (!this.targetsByKey.has(footnote.key)) this.targetsByKey.set(footnote.key, { kind: 'footnote', report, footnote });
      }
      let number = 0;
      for (const section of report.sections) {
        for (const paragraph of section.paragraphs) {
          this.paragraphs.set(qualify(report.id, paragraph.id), { report, section, paragraph, number: ++number });
        }
      }
      for (const figure of report.figures) this.figures.set(qualify(report.id, figure.id), { report, figure });
    }
  }

  report(id: string): Report | undefined {
    return this.reportsById.get(id);
  }

  byKey(key: string): CitationTarget | undefined {
    return this.targetsByKey.get(key);
  }

  footnote(reportId: string, n: number): Footnote | undefined {
    return this.reportsById.get(reportId)?.footnotes.find(f => f.n === n);
  }

  paragraph(reportId: string, paragraphId: string): ParagraphPlace | undefined {
    return this.paragraphs.get(qualify(reportId, paragraphId));
  }

  figure(reportId: string, figureId: string): { report: Report; figure: Figure } | undefined {
    return this.figures.get(qualify(reportId, figureId));
  }

  /** Every figure of every report, in reading order. */
  allFigures(): { report: Report; figure: Figure }[] {
    return [...this.figures.values()];
  }

  /**
   * Figures of any unit whose value is this number (to 9 significant digits), in reading order: what a
   * hover or a chart needs to tie "US$845 million" in a note to the report. Indexed on first use.
   */
  figuresWithValue(value: number): readonly { report: Report; figure: Figure }[] {
    if (!this.figuresByValue) {
      this.figuresByValue = new Map();
      for (const entry of this.figures.values()) {
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
   * for a report that did not come from parseReport.
   */
  at(reportId: string, offset: number): SourceSpan | undefined {
    return this.spanIndex(reportId)?.at(offset);
  }

  /** Every span at an offset, outermost first (section, paragraph, then marker or figure). */
  chainAt(reportId: string, offset: number): readonly SourceSpan[] {
    return this.spanIndex(reportId)?.chainAt(offset) ?? [];
  }

  /** The input-text spans of one report, built on first use. */
  spanIndex(reportId: string): SpanIndex<SourceSpanKind> | undefined {
    let index = this.spanIndexes.get(reportId);
    if (index === undefined) {
      const report = this.reportsById.get(reportId);
      const spans = report && spansOf(report);
      index = spans ? new SpanIndex(spans) : null;
      this.spanIndexes.set(reportId, index);
    }
    return index ?? undefined;
  }
}

/** A Library from parser results, keeping each report's spans for offset lookups. */
export function createLibrary(parsed: readonly ParsedReport[]): Library {
  for (const p of parsed) rememberSpans(p.report, p.spans);
  return new Library(parsed.map(p => p.report));
}


function qualify(reportId: string, id: string): string {
  return `${reportId}\u0000${id}`;
}

/**
 * Two files may yield the same report id (two copies, two drafts of one title): later ones get "-2", "-3"…
 * so lookups stay unambiguous. In place, like the keys, so the parser's spans stay with their report.
 */
function assignUniqueIds(reports: readonly Report[]): void {
  const taken = new Set<string>();
  for (const report of reports) {
    let id = report.id;
    for (let n = 2; taken.has(id); n++) id = `${report.id}-${n}`;
    report.id = id;
    taken.add(id);
  }
}

function valueKey(value: number): number {
  return Number(value.toPrecision(9));
}
