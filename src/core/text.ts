/** Small text helpers shared by the parsers, sources and keys. Pure; every regex is linear. */

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS = MONTH_NAMES.map(m => m.toLowerCase());

/** "2025-05-19" → "19 May 2025"; partial dates stay partial ("May 2025", "2025"); undefined when not an ISO date. */
export function dayMonthYear(iso: string): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return undefined;
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex(m => m.startsWith(lower) && lower.length >= 3);
  if (index < 0) return undefined;
  // "Mar" and "March" are fine; "Marc" is not a month abbreviation anyone writes, but accept prefixes.
  return index + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

function iso(year: number, month?: number, day?: number): string | undefined {
  if (year < 1000 || year > 2999) return undefined;
  if (month === undefined) return String(year);
  if (month < 1 || month > 12) return undefined;
  if (day === undefined) return `${year}-${pad(month)}`;
  if (day < 1 || day > 31) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const MONTH_WORD = '([A-Za-z]{3,9}\\.?)';
const DATE_SHAPES = [
  '(\\d{4})-(\\d{2})-(\\d{2})',
  `${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`,
  `(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD},?\\s+(\\d{4})`,
  `${MONTH_WORD}\\s+(\\d{4})`,
  '(\\d{4})-(\\d{2})',
];
// made once: parseDate runs for every note of a report (80,000 notes built 400,000 patterns)
const WHOLE_DATES = DATE_SHAPES.map(body => new RegExp(`^(?:[A-Za-z]+,?\\s+)?${body}\\.?$`));
const DATES_IN_TEXT = DATE_SHAPES.map(body => new RegExp(`(?:^|[^\\w])${body}(?![\\w])`));

/**
 * Finds a date in a short piece of text and returns it as ISO, partial when the text only gives a month or a
 * year: "19 May 2025" → "2025-05-19", "April 22, 2025" → "2025-04-22", "January 2025" → "2025-01".
 * `whole`: the text must be nothing but the date (for deciding whether a line *is* a date).
 */
export function parseDate(text: string, whole = false): string | undefined {
  const t = text.trim();
  const [isoDay, monthDayYear, dayMonthYear, monthYear, isoMonth] = whole ? WHOLE_DATES : DATES_IN_TEXT;
  let m = isoDay.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = monthDayYear.exec(t);
  if (m && monthNumber(m[1])) return iso(+m[3], monthNumber(m[1]), +m[2]);
  m = dayMonthYear.exec(t);
  if (m && monthNumber(m[2])) return iso(+m[3], monthNumber(m[2]), +m[1]);
  m = monthYear.exec(t);
  if (m && monthNumber(m[1])) return iso(+m[2], monthNumber(m[1]));
  m = isoMonth.exec(t);
  if (m) return iso(+m[1], +m[2]);
  if (whole) return undefined;
  m = /(?:^|[^\w/.-])((?:19|20)\d{2})(?![\w/-])/.exec(t);
  if (m) return iso(+m[1]);
  return undefined;
}

/**
 * `text` as a string of its own. A parser's pieces (a figure as written, a paragraph taken whole from its
 * line) are slices of the input, and V8 keeps the whole input alive for as long as one slice of it lives: at
 * 500 reports the report files themselves (~40 MB) stayed in memory behind the model. A JSON round trip
 * makes V8 copy the characters (strings under 13 characters are always copied).
 */
export function ownCopy(text: string): string {
  // JSON's round trip gives every string back exactly (lone surrogates too) as one flat string; cutting a
  // longer one left a slice (32 bytes) of a copy one character longer, for each paragraph and note
  return text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/**
 * One copy of a short string that many reports repeat — an outlet, a date, an author, a unit word, an id
 * like "p12" — instead of one per note or figure (a library of 2,000 reports holds hundreds of thousands).
 * The strings kept are copies of their own, so a slice never holds a report's text alive; the table stops
 * growing at SHARED_MAX strings (later ones are returned as they are) so it cannot grow without end.
 */
export function shared(text: string): string {
  if (text.length > SHARED_LENGTH) return text;
  const found = sharedStrings.get(text);
  if (found !== undefined) return found;
  if (sharedStrings.size >= SHARED_MAX) return text;
  const own = ownCopy(text);
  sharedStrings.set(own, own);
  return own;
}

const SHARED_LENGTH = 80;
const SHARED_MAX = 100_000;
const sharedStrings = new Map<string, string>();

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `text` without the characters of `chars` (and whitespace, with `spaces`) at its end. A hand scan: a
 * `[…]+$` regex retries from every character of a long run that is followed by anything else (quadratic).
 */
export function trimEndOf(text: string, chars: string, spaces = false): string {
  let end = text.length;
  while (end > 0 && (chars.includes(text[end - 1]!) || (spaces && isSpace(text[end - 1]!)))) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `chars` (and whitespace, with `spaces`) at its start. */
export function trimStartOf(text: string, chars: string, spaces = false): string {
  let start = 0;
  while (start < text.length && (chars.includes(text[start]!) || (spaces && isSpace(text[start]!)))) start++;
  return text.slice(start);
}

const isSpace = (c: string) => /\s/.test(c);

/** Lower-case ASCII letters and digits only: "Türkiye" → "turkiye". */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** A file-name-safe slug: "U.S.-Pakistan Relations" → "us-pakistan-relations". */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[.'’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'report'
  );
}

// Stop words: one home for every list. They differ by purpose: a citation key keeps "war" or "trade" and
// must never change for a report already cited; search and the fact-check drop the same grammatical words,
// and the fact-check also drops the words every number sentence has ("million", "percent", "report").

/** Words that say nothing about which work is meant, skipped when building keys (changing it changes keys). */
export const KEY_STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'and',
  'or',
  'but',
  'with',
  'from',
  'by',
  'as',
  'into',
  'its',
  'is',
  'are',
  'be',
  'how',
  'what',
  'why',
  'when',
  'who',
  'that',
  'this',
  'these',
  'between',
  'about',
  'after',
  'over',
  'under',
  'via',
  'vs',
  'versus',
  'new',
  'can',
  'could',
  'will',
  'may',
]);

/**
 * Grammatical words, which say nothing about what a passage is about. Search neither indexes nor searches
 * them (they are ~40% of a report's words and own the longest posting lists; a typo within one edit of
 * "the" would pull in every paragraph).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after against also an and any are as at be because been before ' +
    'between both but by can could did do does each few for from further had has have he her here his how if in into is it its just ' +
    'less many may might more most much no nor not of off on once only or other our out over own per same she should so some still ' +
    'such than that the their them then there these they this those through to too under up very was we were what when where which ' +
    'while who whom why will with would you your s'
  ).split(' '),
);

/** Words that do not tell what a number in a sentence measures: grammar, scale and unit words, reporting verbs. */
export const CLAIM_STOP_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...(
    'percent cent million billion trillion thousand ' +
    'us u year years total last next new one two three says said report note according around nearly almost roughly approximately ' +
    'least well'
  ).split(' '),
]);

/** Text folded for loose comparison: lower case, no accents, straight apostrophes, punctuation as spaces. */
export function foldForComparison(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[^\p{L}\p{N}'.%$-]+/gu, ' ')
    .trim();
}

/** The index of the last line start at or before an offset (binary search over ascending line starts). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column of an offset in a text; line starts found once (a note may have 100,000s of findings). */
export function lineColumns(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return offset => {
    const lo = lineIndexAt(starts, offset);
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/**
 * Levenshtein distance of `a` and `b`, or max + 1 as soon as it must exceed `max` (a row's least value over
 * `max`): the typo tolerance of search terms and of citation keys.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (row[j]! < least) least = row[j]!;
    }
    if (least > max) return max + 1;
    above = row;
  }
  return above[b.length]!;
}
