/**
 * The eval's gold: one JSON file per report in eval/gold/, written by reading the report. Shared by
 * `npm run eval` and the unit test that holds the exact counts (headings, notes).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface GoldFigure {
  /** as the report writes it */
  text: string;
  value: number;
  unit: string;
  /** what it measures, as a reader would write it */
  subject: string;
  /** words the extracted subject must hold (a|b: either) */
  words: string[];
  /** words of its sentence, to tell apart figures of the same value */
  near?: string;
  /** page of a PDF report (1-based, the PDF's own numbering) */
  page?: number;
}

export interface GoldSource {
  n: number;
  authors?: string[];
  title?: string;
  container?: string;
  date?: string;
  url?: string;
}

export interface GoldPair {
  /** a sentence the report supports */
  true: string;
  /** the same with one number changed */
  false: string;
  /** the changed number as written in `false` */
  wrong: string;
  /** the report's figure it should be checked against */
  right: { text: string; value: number };
}

export interface Gold {
  id: string;
  /** the report, relative to the repository */
  file: string;
  /** absolute path, filled in by loadGold */
  path: string;
  metadata: { title: string; date?: string; authors?: string[]; number?: string };
  /** section titles in order, as the report's own contents name them */
  headings: string[];
  /** how many notes (or numbered link sources) */
  notes: number;
  /** note sources, field by field; a field left out is not judged */
  sources?: GoldSource[];
  figures: GoldFigure[];
  /** true when figures + otherFigures are every figure of the report, so precision can be measured */
  figuresComplete?: boolean;
  otherFigures?: GoldFigure[];
  pairs: GoldPair[];
}

/**
 * A gold file for the PDF of a report whose web capture has gold: `like` names that gold, whose fields it
 * takes unless it gives its own, and `pages` gives the page of its key figures, by their text ("$1,000 @ words of its sentence" where the
 * gold names the sentence).
 */
interface PdfGold extends Partial<Gold> {
  like: string;
  pages?: Record<string, number>;
}

export const GOLD_DIR = path.join(__dirname, 'gold');
const ROOT = path.join(__dirname, '..');

export function loadGold(): Gold[] {
  return fs
    .readdirSync(GOLD_DIR)
    .filter(n => n.endsWith('.json'))
    .sort()
    .map(name => {
      const read = (file: string) => JSON.parse(fs.readFileSync(path.join(GOLD_DIR, file), 'utf8')) as Gold | PdfGold;
      const raw = read(name);
      const gold = 'like' in raw && raw.like ? samePdf(read(`${raw.like}.json`) as Gold, raw) : (raw as Gold);
      return { ...gold, path: path.join(ROOT, gold.file) };
    });
}

/** The gold of a report's web capture, for its PDF: the same notes, headings and figures, with pages. */
function samePdf(base: Gold, pdf: PdfGold): Gold {
  const own: Partial<Gold> & { like?: string; pages?: Record<string, number> } = { ...pdf };
  const pages = own.pages;
  delete own.like;
  delete own.pages;
  const paged = (figures: GoldFigure[] | undefined) =>
    figures?.map(f => {
      const page = pages?.[f.near ? `${f.text} @ ${f.near}` : f.text];
      return page !== undefined && f.page === undefined ? { ...f, page } : f;
    });
  return {
    ...base,
    ...own,
    figures: paged(own.figures ?? base.figures)!,
    ...((own.otherFigures ?? base.otherFigures) ? { otherFigures: paged(own.otherFigures ?? base.otherFigures) } : {}),
  } as Gold;
}
