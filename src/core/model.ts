/**
 * Dossier's data model: a policy report as an analyst reads it.
 * The CLI prints exactly these shapes as JSON (`dossier parse FILE --json`); keep them stable.
 * Types only: this file has no behaviour.
 */

/** Units of a key figure. ISO currency codes for money ("USD", "GBP", "EUR", "PKR"). */
export type Unit = 'USD' | 'percent' | 'count' | 'lb' | 'oz' | 'km2' | 'years' | (string & {});

export interface Report {
  id: string;
  /** citation key of the report itself, unique in the library (e.g. "usPakistanFlux2025") */
  key: string;
  title: string;
  /** ISO yyyy-mm-dd */
  date?: string;
  authors: string[];
  publisher?: string;
  /** the publisher's number for the report (e.g. "R48903"), where the report gives one */
  number?: string;
  /** where the report came from: a file name or URL */
  source?: string;
  sections: Section[];
  footnotes: Footnote[];
  figures: Figure[];
  /** tables of the report: kept as tables, never read as paragraphs; their cells' numbers are figures */
  tables?: Table[];
  /**
   * The page number printed on each page of a PDF report (index: physical page − 1; '' where none is
   * printed), present only where the printed numbers are not the physical ones ("1" on the 4th page).
   */
  pageLabels?: string[];
}

export interface Table {
  id: string;
  /** "Table 1. Number of Facilities Subject to the WEC" */
  caption?: string;
  /** the unit stated in the caption or header ("millions of metric tons"), if any */
  unit?: string;
  /** page of a PDF report (1-based) */
  page?: number;
  /** cell texts, row by row; the first `headerRows` rows are the header */
  rows: string[][];
  headerRows: number;
}

export interface Section {
  id: string;
  /** "Introduction" when the opening is untitled */
  title: string;
  paragraphs: Paragraph[];
}

export interface Paragraph {
  id: string;
  /** the paragraph's text with note markers removed */
  text: string;
  /** note numbers of the markers, in reading order */
  footnotes: number[];
  /** page of a PDF report (1-based) where the paragraph starts */
  page?: number;
}

export interface Footnote {
  n: number;
  /** citation key, unique in the library (e.g. "afzal2025") */
  key: string;
  text: string;
  source: Source;
  /** "Ibid." or a short form points back to the note it repeats */
  refersTo?: number;
  /** every source the note cites when it cites more than one ("…; and …", "See also …"); `source` is the first */
  sources?: Source[];
  /**
   * 'link': a source the report cites by an inline hyperlink rather than a note (numbered in order of first use);
   * 'comment': an explanatory note that cites nothing (its source is empty and it has no key)
   */
  kind?: 'link' | 'comment';
  /** ids of the paragraphs whose markers cite this note */
  citedBy: string[];
  /** page of a PDF report (1-based) where the note is printed */
  page?: number;
}

export interface Source {
  authors: string[];
  title?: string;
  /** the outlet: newspaper, journal, think tank */
  container?: string;
  /** ISO date, partial allowed ("2025-01") */
  date?: string;
  url?: string;
}

export interface Figure {
  id: string;
  /** as written in the report ("US$845 million") */
  text: string;
  /** the full number: "US$845 million" is 845000000 */
  value: number;
  unit: Unit;
  /** over, about, at least, in excess of, … */
  qualifier?: string;
  /** a rate: the amount is per this span of time ("130 ships per day", "$5 billion a year") */
  per?: 'hour' | 'day' | 'week' | 'month' | 'year';
  /** one end of a range the sentence gives ("from 35% to 21%", "6% to 9%", "between 0.6% and 2.3%") */
  range?: 'from' | 'to';
  /** what it measures, in words from the sentence; empty when the sentence does not say clearly (right or silent) */
  subject: string;
  /** when `subject` is empty: the heading of the section the figure stands in, as context (not what it measures) */
  context?: string;
  /** id of the paragraph it appears in (of its table, for a table's cell) */
  paragraph: string;
  /** id of the table whose cell it is: its subject is the cell's row label and column header */
  table?: string;
  /** the sentence it appears in, markers removed */
  sentence: string;
  /** notes cited in that sentence, else in the paragraph */
  footnotes: number[];
  /** page of a PDF report (1-based) */
  page?: number;
}
