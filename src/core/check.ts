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
import type { Quantity } from './quantities';
import { fullNote, keyRepeatedBy, pagesLocator } from './cite';
import { analyseNote, MAX_NOTE_LENGTH, type NoteAnalysis } from './note';
import { CLAIM_STOP_WORDS } from './text';

export type CheckSeverity = 'error' | 'warning' | 'information';
export type CheckCode = 'contradicts-report' | 'unknown-citation' | 'unknown-footnote' | 'unused-footnote' | 'note-too-long';

export interface CheckFinding {
  code: CheckCode;
  severity: CheckSeverity;
  /** offsets in the note */
  start: number;
  end: number;
  message: string;
  /** for contradictions: the figure the number disagrees with */
  figure?: { reportId: string; figureId: string; paragraph: string; text: string; qualifier?: string };
  /** for contradictions: text that replaces [start, end) with the report's value, in the note's style */
  replacement?: string;
  /** for contradictions: the key (and locator) that cites the figure's source */
  cite?: { key: string; locator?: string };
  /** for unknown citation keys: the closest keys in the library, best first */
  suggestions?: string[];
}

export interface NoteChecker {
  /** `analysis` is the note's analyseNote(text), when the caller already has it */
  check(text: string, analysis?: NoteAnalysis): CheckFinding[];
}

interface IndexedFigure {
  report: Report;
  figure: Figure;
  subject: Set<string>;
  sentence: Set<string>;
  paragraphNumber: number;
  /** position in its unit's list: candidates are scored in this order, as when every figure was scored */
  order: number;
}

interface Scored {
  entry: IndexedFigure;
  score: number;
  /** context words found in the figure's subject */
  subjectHits: number;
  /** context words found in its subject or sentence */
  shared: number;
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

function stem(word: string): string {
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

/** The values a number with a qualifier allows. Unqualified round numbers allow their rounding. */
function allowedRange(value: number, qualifier: string | undefined, written?: string): Range {
  const q = qualifier?.toLowerCase() ?? '';
  if (JUST_ABOVE.test(q)) return { low: value, high: value * 1.1 };
  if (JUST_BELOW.test(q)) return { low: value * 0.9, high: value };
  if (LOWER_BOUND.test(q)) return { low: value, high: value * OPEN_BOUND };
  if (UPPER_BOUND.test(q)) return { low: value / OPEN_BOUND, high: value };
  if (APPROXIMATE.test(q)) return { low: value * 0.9, high: value * 1.1 };
  const half = written ? roundingHalfStep(value, written) : 0;
  return { low: value - half, high: value + half };
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

/** Builds the figure index of a library once; `check` then runs per keystroke batch. */
export function createNoteChecker(library: Library): NoteChecker {
  const byUnit = new Map<string, IndexedFigure[]>();
  // Figures by unit and word: a number is compared only with figures that share a word with its context
  // (a figure sharing none scores 0 and was always dropped), not with every figure of the library.
  const byUnitWord = new Map<string, IndexedFigure[]>();
  const documentFrequency = new Map<string, number>();
  let count = 0;
  for (const report of library.reports) {
    const numbers = paragraphNumbers(report);
    for (const figure of report.figures) {
      const subject = new Set(contentWords(figure.subject));
      const sentence = new Set(contentWords(figure.sentence));
      const list = byUnit.get(figure.unit) ?? [];
      const entry: IndexedFigure = {
        report,
        figure,
        subject,
        sentence,
        paragraphNumber: numbers.get(figure.paragraph) ?? 0,
        order: list.length,
      };
      list.push(entry);
      byUnit.set(figure.unit, list);
      for (const word of new Set([...subject, ...sentence])) {
        documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
        const key = `${figure.unit}\u0000${word}`;
        const withWord = byUnitWord.get(key);
        if (withWord) withWord.push(entry);
        else byUnitWord.set(key, [entry]);
      }
      count++;
    }
  }
  const weight = (word: string) => Math.log(1 + count / (documentFrequency.get(word) ?? 1));

  /**
   * Scores every figure of the unit that shares a word with the number's context, walking the word index
   * once (cost: the postings of the context's words, not candidates × words). A figure's subject words
   * count double; a count must count the same thing ("600 attacks" is not "600 known minerals").
   */
  function scoreCandidates(unit: string, words: Map<string, number>, counted: Set<string>): Scored[] {
    const byEntry = new Map<IndexedFigure, Scored>();
    for (const [word, nearness] of words) {
      const postings = byUnitWord.get(`${unit}\u0000${word}`);
      if (!postings) continue;
      for (const entry of postings) {
        let scored = byEntry.get(entry);
        if (!scored) byEntry.set(entry, (scored = { entry, score: 0, subjectHits: 0, shared: 0 }));
        if (entry.subject.has(word)) {
          scored.score += 2 * weight(word) * nearness;
          scored.subjectHits++;
        } else {
          scored.score += weight(word) * nearness;
        }
        scored.shared++;
      }
    }
    const countsTheSame = (entry: IndexedFigure) =>
      counted.size === 0 || [...counted].some(w => entry.subject.has(w) || entry.sentence.has(w));
    return (
      [...byEntry.values()]
        .filter(s => countsTheSame(s.entry) && (s.subjectHits > 0 || s.shared >= 3) && s.score >= MIN_SCORE)
        // best first; among equals, the figure that comes first in the library
        .sort((a, b) => b.score - a.score || a.entry.order - b.entry.order)
    );
  }

  return {
    check(text: string, analysis = analyseNote(text)): CheckFinding[] {
      // findings are appended one by one: a note may hold more of them than a call can take arguments
      const findings: CheckFinding[] = [];
      if (count > 0) contradictions(text, analysis, findings);
      if (library.reports.length > 0) danglingCitations(analysis, library, findings);
      footnoteFindings(analysis, findings);
      if (analysis.truncated) findings.push(tooLong(analysis));
      return findings.sort((a, b) => a.start - b.start);
    },
  };

  function contradictions(text: string, analysis: NoteAnalysis, findings: CheckFinding[]): void {
    // only amounts in the analyst's own claims: not in code, links, citations, footnote definitions or front matter
    const quantities = analysis.figures;
    let found = 0;
    quantities.forEach((quantity, index) => {
      if (found >= MAX_CONTRADICTIONS) return; // a hostile or mismatched text: enough said
      if (quantity.unit === 'count' && !quantity.counted) return;
      if (!byUnit.has(quantity.unit)) return;
      const words = wordsAround(text, quantity, quantities[index - 1], quantities[index + 1]);
      const counted = new Set(quantity.counted ? contentWords(quantity.counted) : []);
      for (const w of counted) words.set(w, 1);
      const scored = scoreCandidates(quantity.unit, words, counted);
      if (scored.length === 0) return;
      const best = scored[0];
      const said = allowedRange(quantity.value, quantity.qualifier, quantity.text);
      const agrees = (entry: IndexedFigure) => overlaps(said, allowedRange(entry.figure.value, entry.figure.qualifier));
      // Correct when any figure that fits about as well as the best one agrees (several figures may share words).
      if (scored.some(s => s.score >= best.score * AMBIGUITY && agrees(s.entry))) return;
      // Fewer than three shared words is thin evidence that two numbers speak of the same thing: then only
      // a number that looks like a slip of the report's (845 → 854, 29 → 92, 77 → 67, million → billion,
      // within 2×) is questioned.
      if (best.shared < STRONG_SHARED && !looksLikeSlip(quantity.value, best.entry.figure.value)) return;
      findings.push(contradiction(text, quantity, best.entry));
      found++;
    });
  }
}

/** More contradictions than this in one note are not worth reporting one by one (and cost time). */
const MAX_CONTRADICTIONS = 1000;

/** Shared words from which a number is taken to speak of a figure whatever its value. */
const STRONG_SHARED = 3;

/**
 * Whether a number looks like a slip of the report's: within 2×, the same digits at another scale
 * (845 million / 845 billion), or transposed or mistyped digits at about the same scale (854/845, 92/29).
 */
export function looksLikeSlip(said: number, report: number): boolean {
  return looksLikeTypo(said, report, 2);
}

/**
 * Whether a number looks like the report's mistyped: the same digits at another scale (845 million / 845
 * billion), transposed digits (854/845, 92/29), one digit changed at the same scale, or a rounding of it
 * (within `near`, 25% by default: "$0.9 billion" for 845 million). Only then is the report's number offered as a fix; a number
 * merely near a figure ("$9.6 billion" beside "$7.2 billion") may be about something else, so it is only
 * pointed out.
 */
export function looksLikeTypo(said: number, report: number, near = ROUNDING): boolean {
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
  return [...a].filter((ch, i) => ch !== b[i]).length === 1;
}

/** How far a rounded number may stray from the report's and still be a rounding of it. */
const ROUNDING = 1.25;

/** Minimum word-overlap score for a number to be about a figure; about two distinctive shared words. */
const MIN_SCORE = 6;
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
    message: `"${said}" disagrees with the report: it gives ${reportSays} for ${figure.subject} (${where}).`,
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

/** Words this close to a number (in words) count fully; the rest of its sentence counts less. */
const NEAR_WORDS = 6;
const FAR_WEIGHT = 0.4;

/**
 * The words of the note that say what a number is about: its sentence (at most 14 words each side, and
 * only up to halfway to a neighbouring number), each with how near it stands to the number.
 */
function wordsAround(text: string, quantity: Quantity, previous?: Quantity, next?: Quantity): Map<string, number> {
  // Another number in the sentence claims the words nearer to it ("29 percent, lower than Bangladesh's 39").
  let from = sentenceStart(text, quantity.start);
  let to = sentenceEnd(text, quantity.end);
  const ownStart = quantity.qualifierStart ?? quantity.start;
  if (previous && previous.end > from) from = Math.max(from, previous.end + Math.floor((ownStart - previous.end) / 2));
  if (next && (next.qualifierStart ?? next.start) < to)
    to = Math.min(to, quantity.end + Math.ceil(((next.qualifierStart ?? next.start) - quantity.end) / 2));
  const words = new Map<string, number>();
  const add = (raw: string, distance: number) => {
    const nearness = distance <= NEAR_WORDS ? 1 : FAR_WEIGHT;
    for (const word of wordStems(raw)) words.set(word, Math.max(words.get(word) ?? 0, nearness));
  };
  const before: string[] = [];
  const head = text.slice(from, ownStart);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(head); m; m = WORD.exec(head)) before.push(m[0]);
  before.slice(-14).forEach((raw, i, list) => add(raw, list.length - i));
  const tail = text.slice(quantity.end, to);
  WORD.lastIndex = 0;
  let count = 0;
  for (let m = WORD.exec(tail); m && count < 14; m = WORD.exec(tail)) add(m[0], ++count);
  return words;
}

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

function danglingCitations(analysis: NoteAnalysis, library: Library, findings: CheckFinding[]): void {
  let keys: string[] | undefined;
  // A mistyped key is usually repeated: find its neighbours once (each look is an edit distance to every key).
  const closest = new Map<string, string[]>();
  const listed = new FindingLimit(findings, 'citation keys that resolve to nothing');
  for (const k of analysis.keys) {
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

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

function footnoteFindings(analysis: NoteAnalysis, findings: CheckFinding[]): void {
  const { footnoteRefs: refs, footnoteDefinitions: definitions } = analysis;
  const defined = new Set(definitions.map(d => d.label));
  const referenced = new Set(refs.map(r => r.label));
  const undefinedRefs = new FindingLimit(findings, 'footnote markers without a definition');
  const unused = new FindingLimit(findings, 'footnote definitions never referenced');
  for (const ref of refs) {
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
