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

export const GOLD_DIR = path.join(__dirname, 'gold');
const ROOT = path.join(__dirname, '..');

export function loadGold(): Gold[] {
  return fs
    .readdirSync(GOLD_DIR)
    .filter(n => n.endsWith('.json'))
    .sort()
    .map(name => {
      const gold = JSON.parse(fs.readFileSync(path.join(GOLD_DIR, name), 'utf8')) as Gold;
      return { ...gold, path: path.join(ROOT, gold.file) };
    });
}
