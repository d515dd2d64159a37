/**
 * Fact-check of an analyst's Markdown note against the Library:
 * - a number that speaks of the same thing as a report figure (same unit, words of the sentence around it
 *   shared with the figure's subject) but disagrees with it → warning, with the report's value as a fix;
 * - a citation key `[@key]` or footnote marker `[^x]` that resolves to nothing → error;
 * - a footnote definition never referenced → information.
 * A number is only compared when its sentence shares enough distinctive words with a figure, so numbers
 * about other things are left alone; qualified amounts ("over", "about") are compared as ranges.
 */
import type { Figure, Report } from './model';
import type { Library } from './library';
import { paragraphNumbers } from './paragraphs';
import { findQuantities, sameValue, type Quantity } from './quantities';
import { amountScopes, type Scope } from './amountScopes';
import { sameTimeFrame, timeFrames, yearOf } from './timeFrames';
import { fullNote, keyRepeatedBy, pagesLocator, paragraphLocator } from './cite';
import { figuresMatching, type FigureRef } from './figureMatch';
import { analyseNote, analyseNoteSteps, inNoteRanges, MAX_NOTE_LENGTH, type CitedKey, type NoteAnalysis } from './note';
import { Pace, runSteps, type Steps } from './steps';
import { CLAIM_STOP_WORDS, MONTH_NAMES, editDistance } from './text';
import { whatItMeasures } from './figures';

export type CheckSeverity = 'error' | 'warning' | 'information';
export type CheckCode =
  'contradicts-report' | 'wrong-locator' | 'unknown-citation' | 'unknown-footnote' | 'unused-footnote' | 'note-too-long';

export interface CheckFinding {
  code: CheckCode;
  severity: CheckSeverity;
  /** offsets in the note */
  start: number;
  end: number;
  message: string;
  /** for contradictions: the figure the number disagrees with */
  figure?: { reportId: string; figureId: string; paragraph: string; text: string; qualifier?: string };
  /** text that replaces [start, end): the report's value (contradictions) or the right locator (wrong locators) */
  replacement?: string;
  /** for contradictions: the key (and locator) that cites the figure's source */
  cite?: { key: string; locator?: string };
  /** for unknown citation keys: the closest keys in the library, best first */
  suggestions?: string[];
}

export interface NoteChecker {
  /** `analysis` is the note's analyseNote(text), when the caller already has it */
  check(text: string, analysis?: NoteAnalysis): CheckFinding[];
  /** The same check in steps (one amount or a few citations each), for a host that must not be held long. */
  steps(text: string, analysis?: NoteAnalysis): Steps<CheckFinding[]>;
}

interface IndexedFigure {
  report: Report;
  figure: Figure;
  subject: Set<string>;
  /** words of the part of its sentence that speaks of this figure (amountScopes) */
  own: Set<string>;
  /** the names its subject holds ("Bangladesh", "Vietnam"), when its sentence has other amounts */
  names: Set<string>;
  /** its sentence states other amounts too */
  listed: boolean;
  sentence: Set<string>;
  /** the years, quarters and relative years its part of the sentence names */
  times: Set<string>;
  paragraphNumber: number;
  /** position in its report: among equal scores, the figure that comes first */
  order: number;
}

/** One report's figures by unit and word, with its own word weights: no other report changes them. */
interface ReportIndex {
  report: Report;
  /** place in the library, to order equal scores */
  position: number;
  byUnitWord: Map<string, IndexedFigure[]>;
  /** the figures of each sentence of the report (by its text): a figure's companions */
  bySentence: Map<string, IndexedFigure[]>;
  weight: (word: string) => number;
}

interface Scored {
  entry: IndexedFigure;
  position: number;
  score: number;
  /** context words found in the figure's subject */
  subjectHits: number;
  /** words of the number's own part of the note's sentence found in the figure's subject or sentence */
  shared: number;
  /** words of the number's own part of the note's sentence found in the figure's subject or own part */
  attached: number;
}

/** A word of the note's sentence: how near it stands to the number, and whether it is in the number's own part. */
interface ContextWord {
  nearness: number;
  own: boolean;
}

export interface CheckOptions {
  /** minimum word-overlap score for a number to be about a figure (calibrated by `npm run eval`) */
  minScore?: number;
}

/** Content words, lightly stemmed so "tariffs"/"tariff", "suspended"/"suspend", "exports"/"export" meet. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push(...wordStems(m[0]));
  return out;
}

const WORD = /[A-Za-z][A-Za-z\u2019'-]*/g;
const stems = new Map<string, string[]>();

/** The content-word stems of one written word ("Pakistan’s" → ["pakistan"], "China-Pakistan" → two); memoised. */
function wordStems(raw: string): string[] {
  let known = stems.get(raw);
  if (!known) {
    known = [];
    for (const part of raw
      .toLowerCase()
      .replace(/[\u2019']s?$/, '')
      .split(/[-\u2019']/)) {
      if (part.length < 3 || CLAIM_STOP_WORDS.has(part)) continue;
      known.push(stem(part));
    }
    if (stems.size > 50000) stems.clear();
    stems.set(raw, known);
  }
  return known;
}

/** Verbs of change said many ways ("rose", "grew", "increased"): one stem each way. */
const CHANGE: Record<string, string> = {
  rose: 'increas',
  rise: 'increas',
  risen: 'increas',
  grew: 'increas',
  grow: 'increas',
  grown: 'increas',
  growth: 'increas',
  climb: 'increas',
  climbed: 'increas',
  fell: 'decreas',
  fall: 'decreas',
  fallen: 'decreas',
  declin: 'decreas',
  decline: 'decreas',
  declined: 'decreas',
  drop: 'decreas',
  dropped: 'decreas',
};

function stem(word: string): string {
  const change = CHANGE[word];
  if (change) return change;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('es') && /(ss|sh|ch|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (/[st]ion$/.test(w) && w.length > 6)
    w = w.slice(0, -3); // contribution/contributes, suspension
  else if (w.endsWith('ment') && w.length > 7) w = w.slice(0, -4);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

type Range = { low: number; high: number };

const JUST_ABOVE = /\b(just over|just above|slightly over|slightly above|slightly more than|a little over|a little more than)\b/;
const JUST_BELOW = /\b(just under|just below|slightly under|slightly below|slightly less than|a little under|a little less than)\b/;
const LOWER_BOUND =
  /\b(over|above|more than|greater than|in excess of|at least|upwards of|no less than|as many as|as much as|exceed|well over|well above|top)/;
const UPPER_BOUND = /\b(under|below|less than|fewer than|up to|at most|no more than|as few as|as little as|within)\b/;
const APPROXIMATE = /\b(about|around|approximately|roughly|nearly|almost|some|close to|an estimated|circa)\b/;
/**
 * How far "over 600" reaches: a writer who meant 1,000 would not have said "over 600". Bounded so that a
 * note saying "US$1 billion" for the report's "over US$600 million" is still questioned.
 */
const OPEN_BOUND = 1.5;

/**
 * The values a number with a qualifier allows. Unqualified round numbers allow their rounding (`rounded`: a
 * note's number; a report's is its value).
 */
function allowedRange(value: number, qualifier: string | undefined, written?: string, rounded = true): Range {
  const q = qualifier?.toLowerCase() ?? '';
  if (JUST_ABOVE.test(q)) return { low: value, high: value * 1.1 };
  if (JUST_BELOW.test(q)) return { low: value * 0.9, high: value };
  if (LOWER_BOUND.test(q)) return { low: value, high: value * OPEN_BOUND };
  if (UPPER_BOUND.test(q)) return { low: value / OPEN_BOUND, high: value };
  const half = written && rounded ? roundingHalfStep(value, written) : 0;
  if (APPROXIMATE.test(q)) {
    // "about 98" is 96 to 100, "about 600" 540 to 660: as loose as the number's last stated digit, at most 10%
    const step = written ? precisionStep(value, written) : Infinity;
    const reach = Math.max(half, Math.min(Math.abs(value) * 0.1, ABOUT_STEPS * step));
    return { low: value - reach, high: value + reach };
  }
  return { low: value - half, high: value + half };
}

/** How many steps of its last stated digit an "about" number may stray ("about 98": 2.5 either way). */
const ABOUT_STEPS = 2.5;

/**
 * Which limit a qualifier states: "at least 90%", "up to $2,500" name a rule's threshold exactly; "over 600"
 * only describes (and "more than 500" says no less).
 */
function limitOf(qualifier: string | undefined): 'minimum' | 'maximum' | undefined {
  const q = qualifier?.toLowerCase() ?? '';
  if (MINIMUM.test(q)) return 'minimum';
  if (MAXIMUM.test(q)) return 'maximum';
  return undefined;
}
const MINIMUM = /\b(at least|no less than|a minimum of)\b/;
const MAXIMUM = /\b(up to|at most|no more than|a maximum of)\b/;

/**
 * Whether a number agrees with a figure: their ranges meet; but two limits of one kind are two statements
 * of the threshold itself ("at least 80%" misstates the report's "at least 90%", though both allow 95%).
 */
function agreesWith(quantity: Quantity, said: Range, figure: Figure): boolean {
  const limit = limitOf(quantity.qualifier);
  if (limit && limit === limitOf(figure.qualifier))
    return overlaps(allowedRange(quantity.value, undefined, quantity.text), allowedRange(figure.value, undefined));
  // the report's own round number is its value, not a rounding ("10%" is no 14%); its "about" is as loose as its digits
  return overlaps(said, allowedRange(figure.value, figure.qualifier, figure.text, false));
}

/** The value of the last digit a number states: "98" → 1, "600" → 100, "7.25" → 0.01 (in its own scale). */
function precisionStep(value: number, written: string): number {
  const literal = /\d[\d,]*(?:\.\d+)?/.exec(written)?.[0];
  if (!literal) return Infinity;
  const digits = literal.replace(/,/g, '');
  const number = Number(digits);
  if (!number || !Number.isFinite(number)) return Infinity;
  const scale = Math.abs(value / number);
  const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
  if (decimals > 0) return Math.pow(10, -decimals) * scale;
  const trailingZeros = Math.min(/0*$/.exec(digits)![0].length, digits.length - 1);
  return Math.pow(10, trailingZeros) * scale;
}

/** "US$850 million" is 850 million to two significant digits: anything from 845 to 855 rounds to it. */
function roundingHalfStep(value: number, written: string): number {
  const literal = /\d[\d,]*(?:\.\d+)?/.exec(written)?.[0];
  if (!literal) return 0;
  const digits = literal.replace(/,/g, '');
  const number = Number(digits);
  if (!number || !Number.isFinite(number)) return 0;
  const scale = value / number;
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  if (decimals > 0) return 0.5 * Math.pow(10, -decimals) * scale;
  const trailingZeros = /0*$/.exec(digits)![0].length;
  return trailingZeros > 0 && trailingZeros < digits.length ? 0.5 * Math.pow(10, trailingZeros) * scale : 0;
}

function overlaps(a: Range, b: Range): boolean {
  const tolerance = 1e-9 * Math.max(Math.abs(a.low), Math.abs(b.low), 1);
  return a.low <= b.high + tolerance && b.low <= a.high + tolerance;
}

/**
 * Builds the figure index of a library once; `check` then runs per keystroke batch. Each report is
 * indexed and weighted on its own, so what a sentence is found to say of one report does not change when
 * unrelated reports join the library.
 */
export function createNoteChecker(library: Library, options: CheckOptions = {}): NoteChecker {
  const minScore = options.minScore ?? MIN_SCORE;
  const indexes = library.reports.map((report, position) => indexReport(report, position));
  const count = indexes.reduce((n, index) => n + index.count, 0);
  const units = new Set(indexes.flatMap(index => [...index.units]));

  /**
   * Scores every figure of one report and unit that shares a word with the number's context, walking the
   * word index once (cost: the postings of the context's words). A figure's subject words count double and
   * words of the rest of its sentence half; a count must count the same thing ("600 attacks" is not "600
   * known minerals"); the number's own words must meet the figure's own ("Canada 30%" is not the EU's 25%).
   */
  function scoreCandidates(
    index: ReportIndex,
    unit: string,
    words: Map<string, ContextWord>,
    counted: Set<string>,
    companions: readonly Quantity[],
    out: Scored[],
  ): void {
    const byEntry = new Map<IndexedFigure, Scored>();
    for (const [word, { nearness, own }] of words) {
      const postings = index.byUnitWord.get(`${unit}\u0000${word}`);
      if (!postings) continue;
      const weight = index.weight(word) * nearness;
      for (const entry of postings) {
        let scored = byEntry.get(entry);
        if (!scored) byEntry.set(entry, (scored = { entry, position: index.position, score: 0, subjectHits: 0, shared: 0, attached: 0 }));
        // the subject counts double where the figure's own part of its sentence says it too (or where
        // it comes from outside the sentence, a table's headers): a subject read across two amounts does not
        const inSubject = entry.subject.has(word);
        const inOwn = entry.own.has(word) || (inSubject && !entry.sentence.has(word));
        scored.score += weight * (inSubject && inOwn ? 2 : inOwn ? OWN_PART : inSubject || !entry.listed ? 1 : OTHER_PART);
        if (inSubject) scored.subjectHits++;
        if (own && inOwn) scored.attached++;
        // words of another amount's part of the note's sentence add to the score, not to the evidence
        if (own) scored.shared++;
      }
    }
    // "seven ISA exploration contracts" counts what the report's "five ISA exploration contracts" counts, not
    // its "three contracts for polymetallic nodules": every word of the counted noun is in the figure's sentence
    const countsTheSame = (entry: IndexedFigure) =>
      counted.size === 0 || [...counted].every(w => entry.subject.has(w) || entry.sentence.has(w));
    for (const s of byEntry.values()) {
      if (companions.length && statesCompanion(index, s.entry, companions)) confirm(s);
      if (countsTheSame(s.entry) && s.attached > 0 && (s.subjectHits > 0 || s.shared >= 3) && s.score >= minScore) out.push(s);
    }
  }

  function* steps(text: string, analysis?: NoteAnalysis): Steps<CheckFinding[]> {
    analysis ??= yield* analyseNoteSteps(text);
    // findings are appended one by one: a note may hold more of them than a call can take arguments
    const findings: CheckFinding[] = [];
    if (count > 0) yield* contradictions(text, analysis, findings);
    if (library.reports.length > 0) {
      yield* danglingCitations(analysis, library, findings);
      yield* wrongLocators(text, analysis, library, findings);
    }
    yield* footnoteFindings(analysis, findings);
    if (analysis.truncated) findings.push(tooLong(analysis));
    return findings.sort((a, b) => a.start - b.start);
  }

  return {
    check: (text, analysis = analyseNote(text)) => runSteps(steps(text, analysis)),
    steps,
  };

  function* contradictions(text: string, analysis: NoteAnalysis, findings: CheckFinding[]): Steps<void> {
    // only amounts in the analyst's own claims: not in code, links, images, comments, citations, footnote
    // definitions or front matter
    const quantities = analysis.figures.filter(q => !inNoteRanges(analysis.linkTexts, q.start));
    const sentences = yield* sentencesOf(text, quantities);
    let found = 0;
    for (let index = 0; index < quantities.length; index++) {
      const quantity = quantities[index]!;
      if (found >= MAX_CONTRADICTIONS) return; // a hostile or mismatched text: enough said
      if (quantity.unit === 'count' && !quantity.counted) continue;
      if (!units.has(quantity.unit)) continue;
      yield;
      const sentence = sentences[index]!;
      const { words, names } = wordsAround(text, quantity, sentence);
      const counted = new Set(quantity.counted ? contentWords(quantity.counted) : []);
      for (const w of counted) words.set(w, { nearness: 1, own: true });
      const times = sentence.times;
      // a sentence that cites a report is checked against that report only
      const cited = citedReports(analysis, library, sentence.from, sentence.to);
      const said = allowedRange(quantity.value, quantity.qualifier, quantity.text);
      // the other amounts of the note's sentence: a figure whose report sentence states them too is the one meant
      const companions = companionsOf(quantities, sentences, index);
      // Each report gives its own verdict and the report that fits the sentence best decides, so a report
      // that fits it less (an unrelated one) cannot change what is said.
      let decided: { score: number; outcome: Scored | 'agrees' | undefined } | undefined;
      for (const index of indexes) {
        if (cited && !cited.has(index.report)) continue;
        const scored: Scored[] = [];
        scoreCandidates(index, quantity.unit, words, counted, companions, scored);
        const comparable = scored.filter(
          s =>
            // "$5 a day" is never the "$5 a year": rates of different periods (a period said on one side only is
            // often left unsaid on the other: "up to $2,500" in the report, "$2,500 a year" in the note)
            !(quantity.per && s.entry.figure.per && quantity.per !== s.entry.figure.per) &&
            sameTimeFrame(times, s.entry.times) &&
            sameScale(quantity.value, s.entry.figure.value) &&
            !otherNames(names, words, s.entry) &&
            !statedByCompanion(quantity, s.entry.figure, companions),
        );
        if (comparable.length === 0) continue;
        const verdict = reportVerdict(quantity, said, comparable);
        if (!decided || verdict.score > decided.score) decided = verdict;
      }
      const verdict = decided?.outcome;
      if (!verdict || verdict === 'agrees') continue;
      findings.push(contradiction(text, quantity, verdict.entry));
      found++;
    }
  }
}

/** How many amounts on each side of one in its sentence are its companions (real sentences hold a few). */
const COMPANIONS_EACH_SIDE = 8;

/**
 * The other amounts of quantity `index`'s sentence, the nearest few on each side: a sentence's amounts are
 * neighbours in reading order, and a hostile sentence of thousands of amounts must not cost their square.
 */
function companionsOf(quantities: readonly Quantity[], sentences: readonly NoteSentence[], index: number): Quantity[] {
  const from = sentences[index]!.from;
  const companions: Quantity[] = [];
  for (let i = index - 1; i >= 0 && i >= index - COMPANIONS_EACH_SIDE && sentences[i]!.from === from; i--)
    companions.unshift(quantities[i]!);
  for (let i = index + 1; i < quantities.length && i <= index + COMPANIONS_EACH_SIDE && sentences[i]!.from === from; i++)
    companions.push(quantities[i]!);
  return companions;
}

/**
 * Whether another figure of the entry's sentence in the report states one of the note sentence's other
 * amounts: "from 2,112 facilities to 463 facilities" is about the report's "from 2,112 facilities to 364
 * facilities", whatever else shares its words.
 */
function statesCompanion(index: ReportIndex, entry: IndexedFigure, companions: readonly Quantity[]): boolean {
  const others = index.bySentence.get(entry.figure.sentence);
  if (!others || others.length < 2) return false;
  // stated as the report states it: a round "20%" that could be the report's 25% confirms nothing
  return companions.some(q => others.some(o => o !== entry && o.figure.unit === q.unit && sameValue(o.figure.value, q.value)));
}

/**
 * A figure whose value another amount of the note's sentence states is that amount's: in "17 exploration
 * contracts …, and China holds seven" the seven is not about the 17 (unless both amounts are equal).
 */
function statedByCompanion(quantity: Quantity, figure: Figure, companions: readonly Quantity[]): boolean {
  return companions.some(c => c.unit === figure.unit && sameValue(c.value, figure.value) && !sameValue(c.value, quantity.value));
}

/** A figure whose sentence states the note sentence's other amounts: it outweighs figures that only share words. */
function confirm(s: Scored): void {
  s.score *= COMPANION_WEIGHT;
  s.shared = Math.max(s.shared, STRONG_SHARED);
  s.attached = Math.max(s.attached, 1);
}

/** How much a figure stating the note sentence's other amounts outweighs one that does not. */
const COMPANION_WEIGHT = 2;

/**
 * What one report says of a number, given its figures that may speak of the same thing (at least one), and
 * how well its best figure fits: 'agrees' when one that fits about as well as the best agrees with the
 * number, else the figure it disagrees with, or nothing when the evidence is thin.
 */
function reportVerdict(quantity: Quantity, said: Range, comparable: Scored[]): { score: number; outcome: Scored | 'agrees' | undefined } {
  // best first; among equals, the figure that comes first in the report
  comparable.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
  const best = comparable[0]!;
  return { score: best.score, outcome: outcome(quantity, said, comparable, best) };
}

function outcome(quantity: Quantity, said: Range, comparable: Scored[], best: Scored): Scored | 'agrees' | undefined {
  const plausible = comparable.filter(s => s.score >= best.score * AMBIGUITY);
  // Correct when any figure that fits about as well as the best one agrees (several figures may share words).
  if (plausible.some(s => agreesWith(quantity, said, s.entry.figure))) return 'agrees';
  // Among equally plausible figures of different values, the one whose digits the number holds transposed
  // or at another scale (13% for 31%) is the one meant; with none, which one is meant is a guess: nothing is said.
  const values = new Set(plausible.map(s => s.entry.figure.value));
  const meant = values.size === 1 ? best : plausible.find(s => looksLikeTypo(quantity.value, s.entry.figure.value, 1, TYPO_KEPT));
  if (!meant) return undefined;
  // Fewer than three shared words is thin evidence that two numbers speak of the same thing: then only
  // a number that looks like a slip of the report's (845 → 854, 29 → 92, 77 → 67, million → billion,
  // within 2×) is questioned.
  if (meant.shared < STRONG_SHARED && !looksLikeSlip(quantity.value, meant.entry.figure.value)) return undefined;
  return meant;
}

/** The figures of one report, indexed by unit and word, each with its own words and time frames. */
function indexReport(report: Report, position: number): ReportIndex & { count: number; units: Set<string> } {
  const numbers = paragraphNumbers(report);
  const year = yearOf(report.date);
  const byUnitWord = new Map<string, IndexedFigure[]>();
  const bySentence = new Map<string, IndexedFigure[]>();
  const documentFrequency = new Map<string, number>();
  const units = new Set<string>();
  const parts = new SentenceParts(year);
  report.figures.forEach((figure, order) => {
    const { own, times, listed } = parts.of(figure);
    const entry: IndexedFigure = {
      report,
      figure,
      subject: new Set(contentWords(figure.subject)),
      own,
      // in a sentence of several amounts the names tell them apart ("Bangladesh (at 39 percent) and Vietnam …")
      names: new Set(listed ? namesIn(figure.subject, false) : []),
      listed,
      sentence: parts.words(figure.sentence),
      times,
      paragraphNumber: numbers.get(figure.paragraph) ?? 0,
      order,
    };
    units.add(figure.unit);
    const companions = bySentence.get(figure.sentence);
    if (companions) companions.push(entry);
    else bySentence.set(figure.sentence, [entry]);
    for (const word of new Set([...entry.subject, ...entry.sentence])) {
      documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
      const key = `${figure.unit}\u0000${word}`;
      const withWord = byUnitWord.get(key);
      if (withWord) withWord.push(entry);
      else byUnitWord.set(key, [entry]);
    }
  });
  const count = report.figures.length;
  return {
    report,
    position,
    byUnitWord,
    bySentence,
    weight: word => Math.log(1 + Math.max(count, FEW_FIGURES) / (documentFrequency.get(word) ?? 1)),
    count,
    units,
  };
}

/** Each report figure's part of its sentence: read once per sentence (several figures share one). */
class SentenceParts {
  private readonly read = new Map<
    string,
    { quantities: Quantity[]; parts: { own: Set<string>; times: Set<string> }[]; taken: Set<number> }
  >();
  private readonly wordSets = new Map<string, Set<string>>();

  constructor(private readonly year: number | undefined) {}

  words(sentence: string): Set<string> {
    let words = this.wordSets.get(sentence);
    if (!words) this.wordSets.set(sentence, (words = new Set(contentWords(sentence))));
    return words;
  }

  /** the figure's own words and time frames, and whether its sentence lists other amounts too */
  of(figure: Figure): { own: Set<string>; times: Set<string>; listed: boolean } {
    const sentence = figure.sentence;
    let read = this.read.get(sentence);
    if (!read) {
      const quantities = findQuantities(sentence);
      const scopes = amountScopes(sentence, quantities, 0, sentence.length);
      const first = quantities[0];
      const lead = timeFrames(first ? sentence.slice(0, first.qualifierStart ?? first.start) : '', this.year);
      const parts: { own: Set<string>; times: Set<string> }[] = [];
      scopes.forEach((scope, i) => {
        const part = sentence.slice(scope.from, scope.to);
        const words = contentWords(part);
        const times = timeFrames(part, this.year);
        // a part with no words of its own ("… to $534.8 billion in 2025", ", or 10% if …") says more of what
        // the amount before it is about
        parts.push({ own: words.length || i === 0 ? new Set(words) : parts[i - 1]!.own, times: times.size ? times : lead });
      });
      this.read.set(sentence, (read = { quantities, parts, taken: new Set() }));
    }
    // the figure is the first amount of its sentence with its value and unit not yet given to another
    const at = read.quantities.findIndex((q, i) => !read!.taken.has(i) && q.unit === figure.unit && sameValue(q.value, figure.value));
    if (at < 0) return { own: this.words(sentence), times: timeFrames(sentence, this.year), listed: false };
    read.taken.add(at);
    return { ...read.parts[at]!, listed: read.parts.length > 1 };
  }
}

/** A sentence of the note holding amounts: its bounds, each amount's part of it, and the time frames of each. */
interface NoteSentence {
  from: number;
  to: number;
  scope: Scope;
  times: Set<string>;
}

/** The sentence, own part and time frames of each amount of the note (amounts in text order). */
function* sentencesOf(text: string, quantities: readonly Quantity[]): Steps<NoteSentence[]> {
  const out: NoteSentence[] = [];
  const pace = new Pace(QUANTITIES_PER_STEP);
  for (let i = 0; i < quantities.length;) {
    if (pace.due()) yield;
    const from = sentenceStart(text, quantities[i]!.qualifierStart ?? quantities[i]!.start);
    const to = sentenceEnd(text, quantities[i]!.end);
    let j = i + 1;
    while (j < quantities.length && quantities[j]!.start < to) j++;
    const group = quantities.slice(i, j);
    const scopes = amountScopes(text, group, from, to);
    const first = group[0]!;
    const lead = timeFrames(text.slice(from, first.qualifierStart ?? first.start));
    let previous: Scope | undefined;
    for (const scope of scopes) {
      const part = text.slice(scope.from, scope.to);
      const times = timeFrames(part);
      // an amount with no words of its own ("… to $543.8 billion in 2025", ", or 10% if …") is about what
      // the amount before it is about
      const own: Scope = previous && contentWords(part).length === 0 ? { from: previous.from, to: scope.to } : scope;
      out.push({ from, to, scope: own, times: times.size ? times : lead });
      previous = own;
    }
    i = j;
  }
  return out;
}

/** The reports a sentence [from, to) of the note cites by key (a report's own key or one of its notes'), if any. */
function citedReports(analysis: NoteAnalysis, library: Library, from: number, to: number): Set<Report> | undefined {
  let reports: Set<Report> | undefined;
  for (const key of startingBetween(analysis.keys, from, to)) {
    const target = library.byKey(key.key);
    if (target) (reports ??= new Set()).add(target.report);
  }
  return reports;
}

/**
 * Whether the number and the figure name different things: the number's own part of the sentence names
 * something the figure's sentence does not ("Sri Lanka faces 44 percent"), and the figure's subject names
 * something the note's sentence does not ("reciprocal tariff rate: Bangladesh").
 */
function otherNames(names: ReadonlySet<string>, words: ReadonlyMap<string, ContextWord>, entry: IndexedFigure): boolean {
  if (names.size === 0 || entry.names.size === 0) return false;
  const unknown = [...names].some(n => !entry.sentence.has(n) && !entry.subject.has(n));
  return unknown && [...entry.names].some(n => !words.has(n));
}

const MONTHS = new Set(MONTH_NAMES.map(m => m.toLowerCase()));

/** The stems of the capitalised words of a text, but its first ("Exports rose …"): the names it holds. */
function namesIn(text: string, skipFirst: boolean): string[] {
  const out: string[] = [];
  let first = skipFirst;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    if (!first && m[0][0]! >= 'A' && m[0][0]! <= 'Z' && !MONTHS.has(m[0].toLowerCase())) out.push(...wordStems(m[0]));
    first = false;
  }
  return out;
}

/**
 * Amounts of another order of size measure something else ("$7.8 billion" is not "$7.2 million"), unless
 * the digits are the report's at a slipped scale ("845 billion" for 845 million).
 */
function sameScale(said: number, report: number): boolean {
  if (said <= 0 || report <= 0) return said === report || (said < 0 && report < 0);
  const ratio = Math.max(said, report) / Math.min(said, report);
  return ratio <= SCALE_CLASS || looksLikeTypo(said, report);
}

/**
 * A report of fewer figures weighs its words as one of this many: a word found in one figure of a short
 * brief is as telling as one found in one figure of a long report.
 */
const FEW_FIGURES = 20;

/** Two amounts within this ratio are of the same order of size. */
const SCALE_CLASS = 10;

/**
 * A citation of a report whose paragraph or page locator (`[@key, para. 6]`, `p. 4`) points where none of
 * the figures its sentence states is → warning. The fix writes the right locator only when the figures the
 * sentence states all stand in one paragraph (or page); otherwise it is only pointed out.
 */
function* wrongLocators(text: string, analysis: NoteAnalysis, library: Library, findings: CheckFinding[]): Steps<void> {
  const amounts = analysis.figures;
  const listed = new FindingLimit(findings, 'citation locators that miss their figure');
  let previousGroupEnd = 0;
  const pace = new Pace(KEYS_PER_STEP);
  for (const key of analysis.keys) {
    if (pace.due()) yield;
    const after = previousGroupEnd;
    previousGroupEnd = key.group.end;
    if (!key.locator) continue;
    const target = library.byKey(key.key);
    if (target?.kind !== 'report') continue;
    const pages = locatorPages(key.locator);
    if (key.paragraphs.length === 0 && pages.length === 0) continue;
    const byPage = key.paragraphs.length === 0;
    const report = target.report;
    // the amounts the citation stands for: those of its sentence before it, after any earlier citation
    const from = Math.max(after, sentenceStart(text, key.group.start));
    const stated = startingBetween(amounts, from, key.group.start);
    if (stated.length === 0) continue;
    const numbers = paragraphNumbers(report);
    // places by how the analyst writes them: the paragraph's number, or the page number printed on the page
    const cited = (byPage ? pages : key.paragraphs).map(String);
    const places = new Map<string, { ref: FigureRef; locator: string; mark: string }>();
    let holds = false;
    for (const amount of stated) {
      for (const ref of figuresMatching(library, amount)) {
        if (ref.report !== report) continue;
        const page = ref.figure.page;
        const paragraph = numbers.get(ref.figure.paragraph);
        const place = byPage
          ? page === undefined
            ? undefined
            : (report.pageLabels?.[page - 1] ?? String(page))
          : paragraph && String(paragraph);
        if (!place) continue;
        if (cited.includes(place)) holds = true;
        if (!places.has(place))
          places.set(place, {
            ref,
            locator: byPage ? pagesLocator(report, page)! : paragraphLocator(paragraph!),
            mark: byPage ? pagesLocator(report, page)! : `\u00b6${place}`,
          });
      }
    }
    if (holds || places.size === 0) continue;
    const at = locatorSpan(text, key);
    if (!at || !listed.room(at)) continue;
    const [place, { ref, locator: right }] = [...places][0]!;
    const where = [...places.values()].map(p => p.mark).join(', ');
    findings.push({
      code: 'wrong-locator',
      severity: 'warning',
      start: at.start,
      end: at.end,
      message: `"${key.locator}" does not hold the figure this sentence cites: the report gives ${ref.figure.qualifier ? ref.figure.qualifier + ' ' : ''}${ref.figure.text} for ${whatItMeasures(ref.figure)} in ${where}.`,
      figure: {
        reportId: report.id,
        figureId: ref.figure.id,
        paragraph: ref.figure.paragraph,
        text: ref.figure.text,
        qualifier: ref.figure.qualifier,
      },
      // one place only: with several, which one the analyst meant is a guess
      ...(places.size === 1 ? { replacement: locatorLike(key.locator, place, right) } : {}),
      cite: { key: key.key, locator: right },
    });
  }
  listed.summarise('warning', 'wrong-locator');
}

/** "p. 4", "pp. 4–5", "page 4": the pages a locator names (a range at most 51 long). */
export function locatorPages(locator: string): number[] {
  const m = /(?:\bpp?\.|\bpages?\b)[ \t]{0,3}(\d{1,5})(?:[ \t]{0,3}[-\u2013\u2014][ \t]{0,3}(\d{1,5}))?/i.exec(locator);
  if (!m) return [];
  const first = Number(m[1]);
  const last = m[2] ? Math.min(Number(m[2]), first + 50) : first;
  const pages: number[] = [];
  for (let n = first; n <= last; n++) pages.push(n);
  return pages;
}

/** The locator as the analyst writes it, pointing at `place`: "para. 6" → "para. 7", "¶ 6" → "¶ 7"; a range or a page printed as no number becomes `right`. */
function locatorLike(locator: string, place: string, right: string): string {
  const numbers = locator.match(/\d+/g) ?? [];
  return numbers.length === 1 && /^\d+$/.test(place) ? locator.replace(/\d+/, place) : right;
}

/** Where a cited key's locator is written in the note. */
function locatorSpan(text: string, key: CitedKey): { start: number; end: number } | undefined {
  const start = text.indexOf(key.locator!, key.end);
  if (start < 0 || start >= key.group.end) return undefined;
  return { start, end: start + key.locator!.length };
}

/** The items (amounts, cited keys: in text order) that start in [from, to); a binary search finds the first. */
function startingBetween<T extends { start: number }>(items: readonly T[], from: number, to: number): T[] {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.start < from) low = mid + 1;
    else high = mid;
  }
  const out: T[] = [];
  for (let i = low; i < items.length && items[i]!.start < to; i++) out.push(items[i]!);
  return out;
}

/** More contradictions than this in one note are not worth reporting one by one (and cost time). */
const MAX_CONTRADICTIONS = 1000;
/** Steps of the check: the sentences of this many amounts, or this many citations or footnotes (each amount is checked in a step of its own). */
const QUANTITIES_PER_STEP = 64;
const KEYS_PER_STEP = 256;

/** Shared words from which a number is taken to speak of a figure whatever its value. */
const STRONG_SHARED = 3;

/**
 * Whether a number looks like a slip of the report's: within 2×, the same digits at another scale
 * (845 million / 845 billion), or transposed or mistyped digits at about the same scale (854/845, 92/29).
 */
export function looksLikeSlip(said: number, report: number): boolean {
  // a changed digit needs two others kept: on thin evidence, 17 for 77 is as likely another number
  return looksLikeTypo(said, report, 2, 2);
}

/**
 * Whether a number looks like the report's mistyped: the same digits at another scale (845 million / 845
 * billion), transposed digits (854/845, 92/29), one digit changed at the same scale, or a rounding of it
 * (within `near`, 25% by default: "$0.9 billion" for 845 million). Only then is the report's number offered as a fix; a number
 * merely near a figure ("$9.6 billion" beside "$7.2 billion") may be about something else, so it is only
 * pointed out.
 */
export function looksLikeTypo(said: number, report: number, near = ROUNDING, kept = 1): boolean {
  if (said <= 0 || report <= 0) return false;
  const ratio = Math.max(said, report) / Math.min(said, report);
  if (ratio <= near) return true;
  const digits = (n: number) =>
    n
      .toPrecision(12)
      .replace(/e.*$/, '')
      .replace('.', '')
      .replace(/^0+|0+$/g, '');
  const a = digits(said);
  const b = digits(report);
  if (a === b) return true;
  if (ratio > 10 || a.length !== b.length) return false;
  if ([...a].sort().join('') === [...b].sort().join('')) return true;
  // one digit changed, when at least `kept` others stay (3 → 8 is no slip to tell apart from a different number)
  return a.length > kept && [...a].filter((ch, i) => ch !== b[i]).length === 1;
}

/** How far a rounded number may stray from the report's and still be a rounding of it. */
const ROUNDING = 1.25;

/**
 * Minimum word-overlap score for a number to be about a figure: about one distinctive word of its own noun
 * phrase in the figure's subject. Calibrated on the eval's sentence pairs (`npm run eval` prints the sweep):
 * from 4 to 5 the same pairs are caught and the same true sentences left alone; 6 misses more.
 */
const MIN_SCORE = 4.5;
/**
 * Among equally plausible figures, one digit changed points at the figure only when this many others stay
 * ("$75,995" for "$70,995"; "17" for "13" is as likely another number).
 */
const TYPO_KEPT = 3;
/** Figures scoring within this share of the best are equally plausible readings of the sentence. */
const AMBIGUITY = 0.8;

function contradiction(text: string, quantity: Quantity, entry: IndexedFigure): CheckFinding {
  const { figure, report } = entry;
  const confident = looksLikeTypo(quantity.value, figure.value);
  const start = quantity.qualifierStart ?? quantity.start;
  const note = figure.footnotes.length ? fullNote(report, figure.footnotes[0]) : undefined;
  const said = text.slice(start, quantity.end);
  const reportSays = `${figure.qualifier ? figure.qualifier + ' ' : ''}${figure.text}`;
  // a PDF report is cited, and checked, by its page
  const where = pagesLocator(report, figure.page) ?? `para. ${entry.paragraphNumber}`;
  return {
    code: 'contradicts-report',
    severity: confident ? 'warning' : 'information',
    start,
    end: quantity.end,
    message: `"${said}" disagrees with the report: it gives ${reportSays} for ${whatItMeasures(figure)} (${where}).`,
    figure: { reportId: report.id, figureId: figure.id, paragraph: figure.paragraph, text: figure.text, qualifier: figure.qualifier },
    // the fix writes the report's number: only when the note's looks like a mistyping of it
    ...(confident ? { replacement: replacementText(text, quantity, figure) } : {}),
    cite: note ? { key: note.key } : { key: report.key, locator: where },
  };
}

/**
 * The report's value written the way the note writes numbers: "US$854m" → "US$845m", "92%" → "29%",
 * keeping the note's currency sign and scale word; spelled-out numbers take the report's wording.
 */
export function replacementText(text: string, quantity: Quantity, figure: Pick<Figure, 'value' | 'text' | 'qualifier'>): string {
  const written = quantity.text;
  const literal = /\d[\d,]*(?:\.\d+)?/.exec(written);
  let amount = figure.text;
  if (literal) {
    const number = Number(literal[0].replace(/,/g, ''));
    const scale = number ? quantity.value / number : 0;
    const value = scale > 0 ? Number((figure.value / scale).toFixed(3)) : 0;
    // At another order of scale ("50,000 million" for 50 billion) the report's own wording reads better.
    const sameScale = scale === 1 || (value >= 0.01 && value < 1000);
    if (scale > 0 && Number.isFinite(scale) && sameScale) {
      let digits = String(value);
      if (literal[0].includes(',') || (value >= 10000 && !digits.includes('.'))) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      amount = written.slice(0, literal.index) + digits + written.slice(literal.index + literal[0].length);
    }
  }
  const qualifier = figure.qualifier ?? '';
  let out = qualifier ? `${qualifier} ${amount}` : amount;
  const first = text[quantity.qualifierStart ?? quantity.start] ?? '';
  if (first >= 'A' && first <= 'Z' && quantity.qualifierStart !== undefined) out = out[0].toUpperCase() + out.slice(1);
  return out;
}

/** Words this close to a number (in words) count fully; the rest of its part of the sentence counts less. */
const NEAR_WORDS = 6;
const FAR_WEIGHT = 0.4;

/**
 * The words of the note that say what a number is about: its own part of its sentence (at most 14 words
 * each side), each with how near it stands to the number, and the rest of the sentence, which counts little
 * and never attaches the number to a figure; and the names its own part holds.
 */
function wordsAround(text: string, quantity: Quantity, sentence: NoteSentence): { words: Map<string, ContextWord>; names: Set<string> } {
  const { scope } = sentence;
  const words = new Map<string, ContextWord>();
  const add = (raw: string, nearness: number, own: boolean) => {
    for (const word of wordStems(raw)) {
      const known = words.get(word);
      if (!known || (own && !known.own) || (own === known.own && nearness > known.nearness)) words.set(word, { nearness, own });
    }
  };
  const ownStart = quantity.qualifierStart ?? quantity.start;
  const before: string[] = [];
  const head = text.slice(scope.from, ownStart);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(head); m; m = WORD.exec(head)) before.push(m[0]);
  before.slice(-14).forEach((raw, i, list) => add(raw, list.length - i <= NEAR_WORDS ? 1 : FAR_WEIGHT, true));
  const tail = text.slice(quantity.end, scope.to);
  WORD.lastIndex = 0;
  let count = 0;
  for (let m = WORD.exec(tail); m && count < 14; m = WORD.exec(tail)) add(m[0], ++count <= NEAR_WORDS ? 1 : FAR_WEIGHT, true);
  // the rest of the sentence: shared context ("copper imports" in "The EU supplied 25% of copper imports and Canada 30%")
  for (const [from, to] of [
    [sentence.from, scope.from],
    [scope.to, sentence.to],
  ] as const) {
    const rest = text.slice(from, to);
    WORD.lastIndex = 0;
    for (let m = WORD.exec(rest); m; m = WORD.exec(rest)) add(m[0], OTHER_WEIGHT, false);
  }
  // the names of its own part (the sentence's first word is capitalised whatever it is)
  const names = new Set(namesIn(text.slice(scope.from, scope.to), scope.from === sentence.from));
  return { words, names };
}

/** Words of the sentence outside the number's own part: context, not what the number measures. */
const OTHER_WEIGHT = 0.2;

/**
 * A word of the figure's own part of its sentence that its subject lacks still says what the figure measures
 * better than a word elsewhere in its sentence ("copper-intensive derivative products worth $9.0 billion").
 */
const OWN_PART = 1.5;
/**
 * A word of another amount's part of the figure's sentence (and not of its subject) says little of this
 * figure: "copper-intensive derivative products" is the $9.0 billion's, not the $7.2 billion's beside it.
 */
const OTHER_PART = 0.5;

/** Sentence boundary: ". " after a word that is not an initial ("U.S."), a blank line, or a heading line. */
function isBoundary(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === '\n' && (text[i + 1] === '\n' || text[i + 1] === '#' || text[i - 1] === '\n')) return true;
  if (ch !== '.' && ch !== '!' && ch !== '?') return false;
  if (!/\s/.test(text[i + 1] ?? ' ')) return false;
  if (ch === '.' && /(?:^|[^A-Za-z])[A-Z]$/.test(text.slice(Math.max(0, i - 2), i))) return false; // U.S.
  return true;
}

function sentenceStart(text: string, at: number): number {
  const limit = Math.max(0, at - 600);
  for (let i = at - 1; i >= limit; i--) if (isBoundary(text, i)) return i + 1;
  return limit;
}

function sentenceEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + 600);
  for (let i = at; i < limit; i++) if (isBoundary(text, i)) return i;
  return limit;
}

/**
 * The citation keys a note cites: first its pandoc citations (`[@key, para. 3]`, whether
 * or not the library has the key) and the library sources its footnote definitions repeat.
 */
export function keysCitedBy(library: Library, text: string, analysis: NoteAnalysis = analyseNote(text)): string[] {
  const keys = new Set(analysis.keys.map(k => k.key));
  for (const definition of analysis.footnoteDefinitions) {
    const key = keyRepeatedBy(library, definition.text);
    if (key) keys.add(key);
  }
  return [...keys];
}

function* danglingCitations(analysis: NoteAnalysis, library: Library, findings: CheckFinding[]): Steps<void> {
  let keys: string[] | undefined;
  // A mistyped key is usually repeated: find its neighbours once (each look is an edit distance to every key).
  const closest = new Map<string, string[]>();
  const listed = new FindingLimit(findings, 'citation keys that resolve to nothing');
  const pace = new Pace(KEYS_PER_STEP);
  for (const k of analysis.keys) {
    if (pace.due()) yield;
    if (library.byKey(k.key)) continue;
    if (!listed.room(k)) continue;
    keys ??= libraryKeys(library);
    let suggestions = closest.get(k.key);
    if (!suggestions) closest.set(k.key, (suggestions = closestKeys(keys, k.key)));
    findings.push({
      code: 'unknown-citation',
      severity: 'error',
      start: k.start,
      end: k.end,
      message: `No report or note source in the library has the citation key "${k.key}".${suggestions.length ? ` Did you mean ${suggestions.map(s => `@${s}`).join(', ')}?` : ''}`,
      suggestions,
    });
  }
  listed.summarise('error');
}

/** More findings of one kind than this are summed up in one (a long list helps nobody and costs time). */
const MAX_FINDINGS_PER_KIND = 1000;

class FindingLimit {
  private count = 0;
  private first: { start: number; end: number } | undefined;

  constructor(
    private readonly findings: CheckFinding[],
    private readonly what: string,
  ) {}

  /** Whether one more finding is listed; past the limit it is only counted. */
  room(at: { start: number; end: number }): boolean {
    if (++this.count <= MAX_FINDINGS_PER_KIND) return true;
    this.first ??= at;
    return false;
  }

  summarise(severity: CheckSeverity, code: CheckCode = 'unknown-citation'): void {
    if (!this.first) return;
    const more = this.count - MAX_FINDINGS_PER_KIND;
    this.findings.push({
      code,
      severity,
      start: this.first.start,
      end: this.first.end,
      message: `${more.toLocaleString('en-US')} more ${this.what} from here on are not listed one by one.`,
    });
  }
}

function libraryKeys(library: Library): string[] {
  const keys = new Set<string>();
  for (const report of library.reports) {
    keys.add(report.key);
    for (const note of report.footnotes) keys.add(note.key);
  }
  return [...keys];
}

/** Keys within a few edits of a mistyped one ("afzal2024" → afzal2025), best first; at most three. */
export function closestKeys(keys: readonly string[], wanted: string, limit = 3): string[] {
  const w = wanted.toLowerCase();
  const allowed = Math.min(3, Math.max(1, Math.floor(w.length / 4)));
  return keys
    .map(key => ({ key, distance: editDistance(key.toLowerCase(), w, allowed) }))
    .filter(k => k.distance <= allowed)
    .sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map(k => k.key);
}

function* footnoteFindings(analysis: NoteAnalysis, findings: CheckFinding[]): Steps<void> {
  const { footnoteRefs: refs, footnoteDefinitions: definitions } = analysis;
  const defined = new Set(definitions.map(d => d.label));
  const referenced = new Set(refs.map(r => r.label));
  const undefinedRefs = new FindingLimit(findings, 'footnote markers without a definition');
  const unused = new FindingLimit(findings, 'footnote definitions never referenced');
  const pace = new Pace(KEYS_PER_STEP);
  for (const ref of refs) {
    if (pace.due()) yield;
    if (!defined.has(ref.label) && undefinedRefs.room(ref)) {
      findings.push({
        code: 'unknown-footnote',
        severity: 'error',
        start: ref.start,
        end: ref.end,
        message: `The footnote [^${ref.label}] has no definition.`,
      });
    }
  }
  for (const def of definitions) {
    if (pace.due()) yield;
    if (!referenced.has(def.label) && unused.room(def)) {
      findings.push({
        code: 'unused-footnote',
        severity: 'information',
        start: def.start,
        end: def.end,
        message: `The footnote [^${def.label}] is defined but never referenced.`,
      });
    }
  }
  undefinedRefs.summarise('error', 'unknown-footnote');
  unused.summarise('information', 'unused-footnote');
}

function tooLong(analysis: NoteAnalysis): CheckFinding {
  return {
    code: 'note-too-long',
    severity: 'information',
    start: analysis.analysed,
    end: analysis.analysed,
    message: `The note is longer than ${MAX_NOTE_LENGTH.toLocaleString('en-US')} characters: only the text before this point is checked.`,
  };
}
