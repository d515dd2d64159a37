/**
 * Key-figure extraction: every amount in the body that an analyst would quote, with what it measures.
 *
 * Conventions (shared with quantities.ts):
 * - `text` is the amount as written WITHOUT its qualifier: "US$845 million", "three percent",
 *   "50 billion pounds"; counts include the noun they count: "600 attacks", "four Afghan provinces".
 *   The qualifier ("over", "just over", "in excess of") is in `qualifier`; "over US$74 billion" is
 *   `${qualifier} ${text}`.
 * - Bare numbers that count nothing ("845" alone) are not key figures.
 * - `sentence` is an exact slice of the paragraph text (so it contains `text`); `footnotes` are the notes
 *   whose markers stand in that sentence or right after its end punctuation, else every note of the
 *   paragraph.
 * - `subject` is built from words of the sentence (and, for "that contribution", the earlier sentence it
 *   points back to) by a few general rules of English: the noun phrase after "in"/"of"/"on", the noun
 *   phrase the amount modifies, the noun phrase before "stands at"/"valued at"/"worth"/"totaling", the
 *   subject of the verb ("Mineral-rich areas cover …"), a parenthetical "(at 39 percent)" attached to the
 *   name before it plus the sentence's measure ("reciprocal tariff rate: Bangladesh"). Nothing here knows
 *   any particular report.
 */
import type { Figure } from './model';
import { DURATION_UNITS, findQuantities, isNamePlural, numberNames, type Quantity } from './quantities';
import { shared } from './text';

/** A paragraph as the parser hands it to figure extraction: marker-free text plus where each note marker stood. */
export interface MarkedParagraph {
  id: string;
  /** paragraph text with markers removed (Paragraph.text) */
  text: string;
  /** note markers: `at` is the offset in `text` where the marker stood, `n` the note number */
  markers: { at: number; n: number }[];
}

/** Sentences longer than this are not looked up to place a figure (each lookup compares the whole sentence). */
const SENTENCE_LOOKUP_MAX = 2000;

/**
 * Where each of a paragraph's figures (in reading order) starts in `text`, -1 when it is not there: inside
 * its own sentence when that can be found, else after the figure before it. The search only moves forward,
 * so 10,000 figures in one paragraph cost one pass, not 10,000 searches from its start.
 */
export function locateFigures(
  text: string,
  figures: readonly Pick<Figure, 'text' | 'sentence'>[],
  sentenceText: (sentence: string) => string = s => s,
): number[] {
  let from = 0;
  let sentenceFrom = 0;
  return figures.map(figure => {
    if (!figure.text) return -1;
    let sentenceAt = -1;
    if (figure.sentence && figure.sentence.length <= SENTENCE_LOOKUP_MAX) {
      sentenceAt = text.indexOf(sentenceText(figure.sentence), sentenceFrom);
      if (sentenceAt >= 0) sentenceFrom = sentenceAt;
    }
    let at = text.indexOf(figure.text, Math.max(from, sentenceAt));
    if (at < 0 && sentenceAt > from) at = text.indexOf(figure.text, from);
    if (at >= 0) from = at + figure.text.length;
    return at;
  });
}

/**
 * Caps on what is read for figures. The corpus reports hold at most 135 figures, 34 in one paragraph (a
 * table flattened into text); the caps are two orders of magnitude above that, so no real report meets
 * them, while a crafted file of 1.5 million figures is read in well under a second instead of 17 s and 2 GB.
 */
export const MAX_FIGURES_PER_REPORT = 10_000;
export const MAX_AMOUNTS_PER_PARAGRAPH = 1_000;

/**
 * Every key figure in the body, in reading order, with ids f1, f2, … Past the caps above the rest is not
 * read, and `warnings` says so.
 */
export function extractFigures(paragraphs: MarkedParagraph[], warnings: string[] = []): Figure[] {
  const figures: Figure[] = [];
  let cut = false;
  // the numbers the report uses as names ("a 529 plan"): their plurals ("529 plans") are no counts anywhere in it
  const names = new Set<string>();
  for (const paragraph of paragraphs) for (const n of numberNames(paragraph.text)) names.add(n);
  for (const [index, paragraph] of paragraphs.entries()) {
    if (cut) break;
    if (figures.length >= MAX_FIGURES_PER_REPORT) {
      warnings.push(figureCapWarning(`paragraph ${paragraph.id}${andAfter(paragraphs.length - index - 1)}`));
      break;
    }
    // one more than the cap: an amount past it is what says the paragraph holds more
    const quantities = findQuantities(paragraph.text, MAX_AMOUNTS_PER_PARAGRAPH + 1);
    if (quantities.length > MAX_AMOUNTS_PER_PARAGRAPH) {
      quantities.length = MAX_AMOUNTS_PER_PARAGRAPH;
      warnings.push(
        `Paragraph ${paragraph.id} has over ${count(MAX_AMOUNTS_PER_PARAGRAPH)} amounts: only the first ${count(MAX_AMOUNTS_PER_PARAGRAPH)} are read for figures.`,
      );
    }
    const keys = keyFigures(paragraph.text, quantities, names);
    // the report's cap can fall inside this paragraph: its later amounts are not figures, nor are the next paragraphs'
    let room = MAX_FIGURES_PER_REPORT - figures.length;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] && room-- <= 0) {
        keys[i] = undefined;
        cut = true;
      }
    }
    if (cut) {
      warnings.push(figureCapWarning(`the rest of paragraph ${paragraph.id}${andAfter(paragraphs.length - index - 1)}`));
    }
    if (!keys.some(Boolean)) continue;
    const sentences = splitSentences(paragraph.text, paragraph.markers);
    let s = 0;
    let tokens: Token[] = [];
    let tokensOf = -1;
    let owner: string | undefined;
    let previousSubject: string | undefined;
    let previous: { q: Quantity; figure: Figure } | undefined;
    for (const q of keys) {
      if (!q) continue;
      while (s < sentences.length - 1 && q.start >= sentences[s].end) s++;
      const sentence = sentences[s];
      if (tokensOf !== s) {
        // a new sentence: its words, with every amount in it marked, and nothing carried over
        tokens = tokenize(paragraph.text.slice(sentence.start, sentence.end), sentence.start, quantities);
        tokensOf = s;
        owner = undefined;
        previousSubject = undefined;
        previous = undefined;
      }
      const described = describe({ paragraph: paragraph.text, sentenceStart: sentence.start, tokens, quantity: q, owner, previousSubject });
      owner = described.owner ?? owner;
      previousSubject = described.subject;
      const figure: Figure = {
        id: shared(`f${figures.length + 1}`),
        text: q.text,
        value: q.value,
        unit: q.unit,
        subject: described.subject,
        paragraph: paragraph.id,
        sentence: paragraph.text.slice(sentence.start, sentence.end),
        footnotes: notesOf(sentence, paragraph.markers),
      };
      if (q.qualifier) figure.qualifier = shared(q.qualifier);
      if (q.per) figure.per = q.per;
      if (previous && isRange(paragraph.text, previous.q, q)) {
        previous.figure.range = 'from';
        figure.range = 'to';
        // both ends measure one thing: a "to" end whose words say something else takes the "from" end's subject
        // ("from 60 TWh to 480 TWh"); one naming the same thing keeps its own ("… exports in 2025")
        const from = previous.figure.subject;
        if (from && !sameOpening(figure.subject, from)) figure.subject = previousSubject = from;
      }
      previous = { q, figure };
      figures.push(figure);
    }
  }
  return figures;
}

const count = (n: number) => n.toLocaleString('en-US');
const andAfter = (n: number) => (n === 0 ? '' : n === 1 ? ' and the one after it' : ` and the ${count(n)} after it`);

/** The warning when the report's cap stops the reading; `unread` names what is not read. */
export function figureCapWarning(unread: string): string {
  return `The report reaches ${count(MAX_FIGURES_PER_REPORT)} figures, the most read from one report; not read for figures: ${unread}.`;
}

function isKeyFigure(q: Quantity): boolean {
  // a count of none is a term, not a figure: "zero knowledge proofs", "zero-emission vehicles"
  return q.unit !== 'count' || (q.counted !== undefined && q.value !== 0);
}

/**
 * The paragraph's key figures, in order (undefined for an amount that is not one). A bare count that is a
 * rate ("about 130 each day") counts what the text counted just before: the nearest earlier count's noun
 * ("130 ships … now about 40 each day"), else a plural noun that opens a phrase in the 200 characters
 * before ("Ships transited the canal …, about 130 each day").
 */
function keyFigures(text: string, quantities: Quantity[], names: ReadonlySet<string>): (Quantity | undefined)[] {
  return quantities.map((q, i) => {
    if (isNamePlural(q, names)) return undefined;
    if (isKeyFigure(q)) return q;
    if (q.unit !== 'count' || !q.per) return undefined;
    const earlier = quantities[i - 1];
    if (earlier?.counted && q.start - earlier.end < 300) return { ...q, counted: earlier.counted };
    const noun = impliedNoun(text.slice(Math.max(0, q.start - 200), q.qualifierStart ?? q.start));
    return noun ? { ...q, counted: noun } : undefined;
  });
}

/** The last plural noun that opens a phrase (after a sentence start, a determiner or a preposition) in `before`. */
function impliedNoun(before: string): string | undefined {
  const tokens = tokenize(before, 0, []);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!isPlainWord(t) || !/^\p{L}[\p{Ll}'’-]*[^s'’]s$/u.test(t.text) || VERBS_S.has(t.lower) || LINK_VERBS.has(t.lower)) continue;
    const previous = tokens[i - 1];
    const opens = !previous || /^[.;:!?]$/.test(previous.text) || DETERMINERS.has(previous.lower) || PREPOSITIONS.has(previous.lower);
    if (opens) return t.lower;
  }
  return undefined;
}

/** "from 35% to 21%", "6% to 9%", "between 0.6% and 2.3%", "from $134.2 billion in 2006 to $337.9 billion": two ends of one range. */
/** Two subjects that open with the same two words name the same measure ("exports to Mexico in 2006" / "… in 2025"). */
function sameOpening(a: string, b: string): boolean {
  const opening = (s: string) => s.toLowerCase().split(' ').slice(0, 2).join(' ');
  return a !== '' && opening(a) === opening(b);
}

function isRange(text: string, first: Quantity, second: Quantity): boolean {
  if (first.unit !== second.unit || (second.qualifierStart ?? second.start) - first.end > 24) return false;
  const joiner = text.slice(first.end, second.qualifierStart ?? second.start);
  const opener = /(\p{L}+)\s+$/u
    .exec(text.slice(Math.max(0, (first.qualifierStart ?? first.start) - 10), first.qualifierStart ?? first.start))?.[1]
    ?.toLowerCase();
  // "25 terawatt-hours (TWh) to 91 TWh": the unit's abbreviation may stand between the two ends
  if (/^\s*(?:\(\p{Lu}[\p{L}²]{0,5}\)\s*)?(?:to|through|–|—|-)\s*$/u.test(joiner)) return true;
  if (/^\s+(?:in|by)\s+\d{4}\s+to\s+$/.test(joiner)) return opener === 'from';
  // "from $900 per metric ton to $1,500 per metric ton": the first end's unit between the two
  if (/^\s+per\s+(?:\p{L}+\s+){1,3}to\s+$/u.test(joiner)) return opener === 'from';
  return /^\s+and\s+$/.test(joiner) && opener === 'between';
}

// ---------------------------------------------------------------------------------------------------
// Sentences and their notes

interface Sentence {
  start: number;
  /** just after the end punctuation (and closing quotes) */
  end: number;
  /** markers from (start, notesEnd] belong to this sentence; a marker right after the end punctuation does */
  notesStart: number;
  notesEnd: number;
}

const SENTENCE_END = /[.!?]+["”’)\]]*/g;
const ABBREVIATION =
  /(?:^|[\s(“"])(?:(?:\p{L}\.)*\p{L}|Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Rs|vs|etc|al|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|para|p|pp|vol|fig|cf)\.$/u;

/** Splits a paragraph into sentences. "U.S." and other abbreviations do not end a sentence unless a note marker follows them. */
export function splitSentences(text: string, markers: { at: number }[] = []): Sentence[] {
  const markerAt = new Set(markers.map(m => m.at));
  const spans: { start: number; end: number }[] = [];
  let start = skipSpace(text, 0);
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    const end = m.index + m[0].length;
    if (end >= text.length) break;
    if (!/\s/.test(text[end])) continue; // 8.5, U.S.-India, "e.g.,"
    const next = text.slice(end).trimStart()[0] ?? '';
    if (!/[\p{Lu}\p{N}"“‘'(\[]/u.test(next)) continue;
    if (!markerAt.has(end) && m[0].startsWith('.') && ABBREVIATION.test(text.slice(Math.max(start, m.index - 12), m.index + 1))) continue;
    spans.push({ start, end });
    start = skipSpace(text, end);
  }
  if (start < text.length || spans.length === 0) spans.push({ start, end: trimEnd(text) });
  return spans.map((s, i) => ({
    ...s,
    notesStart: i === 0 ? -1 : s.start,
    notesEnd: i + 1 < spans.length ? spans[i + 1].start : Number.MAX_SAFE_INTEGER,
  }));
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

function trimEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function notesOf(sentence: Sentence, markers: { at: number; n: number }[]): number[] {
  const inSentence = markers.filter(m => m.at > sentence.notesStart && m.at <= sentence.notesEnd).map(m => m.n);
  const notes = inSentence.length ? inSentence : markers.map(m => m.n);
  return [...new Set(notes)];
}

// ---------------------------------------------------------------------------------------------------
// Words

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  word: boolean;
  /** part of an amount (a figure or any other quantity) */
  amount: boolean;
}

// "U.S.-based" is one word: the abbreviation and what is joined to it by a hyphen
const TOKEN = /(?:\p{L}\.){2,}(?:[\-–][\p{L}\p{N}]+)*|[\p{L}\p{N}](?:[\p{L}\p{N}'’\-–]*[\p{L}\p{N}])?|[^\s\p{L}\p{N}]/gu;

/** The words of a sentence; `quantities` are in text order, so one sweep marks the words inside amounts. */
function tokenize(sentence: string, offset: number, quantities: Quantity[]): Token[] {
  const tokens: Token[] = [];
  let q = 0;
  for (let hi = quantities.length; q < hi;) {
    const mid = (q + hi) >> 1;
    if (quantities[mid].end <= offset) q = mid + 1;
    else hi = mid;
  }
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(sentence); m; m = TOKEN.exec(sentence)) {
    const start = offset + m.index;
    const end = start + m[0].length;
    while (q < quantities.length && quantities[q].end <= start) q++;
    const amount = q < quantities.length && (quantities[q].qualifierStart ?? quantities[q].start) < end;
    tokens.push({ text: m[0], lower: m[0].toLowerCase(), start, end, word: /[\p{L}\p{N}]/u.test(m[0]), amount });
  }
  return tokens;
}

const words = (list: string): Set<string> => new Set(list.split(/\s+/).filter(Boolean));
const DETERMINERS = words('the a an its their his her our your my this that these those each every any some');
const PREPOSITIONS = words(`of in on at to for from by with within against between among across over under into onto toward
  towards through during after before since until about around per via amid beyond without than as like upon throughout despite up out off down`);
const CONJUNCTIONS = words(
  'and or but nor yet so while whereas because although though if when where which who whom whose that given unless whether',
);
const AUXILIARIES = words('is are was were be been being has have had do does did will would can could cannot may might shall should must');
const ADVERBS = words(`also already still now presently currently just only even further then thus therefore however more less most least
  very much not no never ever reportedly recently nearly almost roughly approximately annually collectively together likewise
  similarly moreover instead again often far alone`);
const MODALS = words('will would can could cannot may might shall should must do does did');
const PRONOUNS = words('it they them he she we i you what there here itself themselves');
const TIME_WORDS = words(`last next past coming following year years month months week weeks day days today yesterday ago time
  january february march april may june july august september october november december`);
const COMPARATIVES = words('lower higher greater larger smaller bigger better worse new significant key major');
/** Verbs that link a subject to an amount: "areas cover 600,000 km²", "industry contributes 8.5 percent". */
const LINK_VERBS = words(`is are was were stands stood stand totals totalled totaled total reached reaches reach covers cover covered
  exceeds exceeded exceed represents represent represented contributes contribute contributed accounts account accounted
  makes make made employs employ hosts host generates generate generated topped tops hit hits rose rise rises fell fall falls
  grew grow grows jumped surged declined dropped increased decreased amounts amounted equals equalled equaled holds held
  produces produced exports exported imports imported receives received costs cost reaches`);
/** Participles that follow the noun they measure: "contracts worth …", "gold deposits totaling …". */
const PARTICIPLES = words(
  'worth totaling totalling totalled totaled amounting valued estimated numbering costing comprising measuring weighing exceeding surpassing topping',
);
/** Verbs in -s form that are rarely nouns: they end a noun phrase read backwards ("Reko Diq holds copper …"). */
const VERBS_S = words(`holds has hosts faces contains includes represents exceeds accounts contributes generates employs covers
  reaches stands makes produces receives owns controls boasts houses needs requires plans seeks says argues estimates claims
  suggests shows finds earns underestimates overestimates considers defines describes deems classifies`);
const KNOWN_VERBS = words(
  'continue continues continued remain remains remained seek seeks seem seems appear appears plan plans planned aim aims aimed want wants hope hopes intend intends expect expects try tries',
);
const IRREGULAR_PAST = words('made set put spent cut lost paid sold bought built won brought took gave got held led ran sent carried lent');
const NOMINALS: Record<string, string> = {
  grow: 'growth',
  grows: 'growth',
  grew: 'growth',
  rise: 'rise',
  rises: 'rise',
  rose: 'rise',
  increase: 'increase',
  increases: 'increase',
  increased: 'increase',
  fall: 'decline',
  falls: 'decline',
  fell: 'decline',
  decline: 'decline',
  declines: 'decline',
  declined: 'decline',
  drop: 'decline',
  drops: 'decline',
  dropped: 'decline',
  contribute: 'contribution',
  contributes: 'contribution',
  contributed: 'contribution',
  expand: 'expansion',
  expands: 'expansion',
  shrink: 'contraction',
  shrinks: 'contraction',
  decrease: 'decrease',
  decreases: 'decrease',
  cut: 'cut',
  cuts: 'cut',
  reduce: 'reduction',
  reduces: 'reduction',
  closed: 'closing price',
  closes: 'closing price',
};
/** Verbs of putting money into something, and their nouns. */
const INVESTMENTS: Record<string, string> = {
  invest: 'investment',
  invests: 'investment',
  spend: 'spending',
  spends: 'spending',
  lend: 'lending',
  lends: 'lending',
  allocate: 'allocation',
  allocates: 'allocation',
  pledge: 'pledge',
  pledges: 'pledge',
  commit: 'commitment',
  commits: 'commitment',
};
const MEASURES = words(`rate rates share shares tariff tariffs level levels price prices cost costs growth ratio index percentage proportion
  value volume amount total budget spending debt deficit surplus exports imports output production population score yield tax
  taxes duty duties levy levies inflation unemployment`);
const PP_PREPOSITIONS = words('of on from in for to within against with across');

function isPlainWord(t: Token | undefined): t is Token {
  if (!t || !t.word || t.amount) return false;
  const w = t.lower;
  return (
    !DETERMINERS.has(w) &&
    !PREPOSITIONS.has(w) &&
    !CONJUNCTIONS.has(w) &&
    !AUXILIARIES.has(w) &&
    !ADVERBS.has(w) &&
    !PRONOUNS.has(w) &&
    !TIME_WORDS.has(w) &&
    !isAdverbLy(t) &&
    !/^\d/.test(w)
  );
}

/** "presently", "heavily": a lower-case word ending in -ly (cheap test; runs for every word considered). */
const isAdverbLy = (t: Token): boolean => t.lower.endsWith('ly') && t.text === t.lower && t.lower.length > 3 && !LY_NOUNS.has(t.lower);
const LY_NOUNS = words('supply family assembly monopoly anomaly ally rally tally reply july italy butterfly jelly belly bully gully lily');
const isProper = (phrase: string): boolean => phrase.split(' ').every(w => /^[\p{Lu}\p{N}]/u.test(w));
const join = (tokens: Token[]): string => tokens.map(t => t.text).join(' ');

// ---------------------------------------------------------------------------------------------------
// What a figure measures

interface Context {
  paragraph: string;
  sentenceStart: number;
  tokens: Token[];
  quantity: Quantity;
  /** the owner found for an earlier figure of the same sentence ("Reko Diq") */
  owner?: string;
  /** the subject of the previous figure of the same sentence */
  previousSubject?: string;
}

interface Described {
  subject: string;
  owner?: string;
}

function describe(c: Context): Described {
  const q = c.quantity;
  const from = q.qualifierStart ?? q.start;
  // only the words near the amount matter; a window keeps a huge sentence linear
  const at = firstAtOrAfter(c.tokens, from);
  const before = c.tokens.slice(Math.max(0, at - WINDOW), at).reverse();
  const after = skipUnitPhrase(
    skipRangePartner(
      skipAmountAside(skipRate(q, c.tokens.slice(firstAtOrAfter(c.tokens, q.end), firstAtOrAfter(c.tokens, q.end) + WINDOW))),
    ),
  );
  const found = describeBy(c, before, after);
  // Right or silent: a duration with nothing to anchor it ("44 years later"), or a sentence with no subject
  // to fall back on, gets no subject rather than the sentence's first words
  const isDuration = DURATION_UNITS.has(q.unit);
  let subject = tidy(found.subject) || (isDuration ? '' : tidy(sentenceSubject(c)?.text ?? ''));
  // not a noun phrase: "away from the mining site", "for a period"; a word that only qualifies: "the remaining 1.6 TWh"
  if (/^(?:away|for|from|to|with|by|at|as|than)\b/i.test(subject) || isLoneModifier(c, subject)) subject = '';
  // "the purchase of a first home (subject to a $10,000 limit)": a limit on what the parenthesis follows
  if (/^\p{Ll}+$/u.test(subject)) {
    const open = before.findIndex((t, j) => j < 8 && (t.text === '(' || t.text === ')'));
    if (open >= 0 && before[open].text === '(') {
      const ante = chainBefore(before, open + 1);
      const whole = tidy(join(ante.words));
      if (ante.words.length && !whole.toLowerCase().split(' ').includes(subject)) subject = `${subject} for ${whole}`;
    }
  }
  // "a 150% increase", "an increase of 328%": an increase of what the sentence says changed
  if (CHANGE_NOUNS.has(subject.toLowerCase())) {
    const changed = changedInSentence(c, at);
    if (changed) subject = `${subject} in ${changed}`;
  }
  return { subject, owner: found.owner };
}

const WINDOW = 60;
const BE = words('be is are was were been being');
const LONE_ADJECTIVES = words('remaining other additional further extra same');
/** Words that say how much of something, never what: "Nearly all (99.7%) of these reductions". */
const QUANTIFIERS = words('all both most many several half none few much each either neither');
/** Adverbs of place: "3 nautical miles offshore" says where the amount is, not what it measures. */
const PLACE_ADVERBS = words(`offshore onshore overseas abroad inland nearby upstream downstream apart away ahead aside ashore afloat
  underground underwater worldwide nationwide statewide above below behind`);

/**
 * A subject of one lower-case word that only qualifies or places something is no subject: an adjective
 * whose noun the phrase did not take ("the positive 100 metric tons", "in subsequent years", "the
 * highest-earning 10%"), a verb form ("is limited to $2,500", "are often phased in over three years",
 * "3,000 km² consisting of 150 blocks"), a quantifier ("all (99.7%)") or an adverb of place ("offshore").
 */
function isLoneModifier(c: Context, subject: string): boolean {
  if (!/^\p{Ll}[\p{Ll}-]*$/u.test(subject)) return false;
  if (LONE_ADJECTIVES.has(subject) || QUANTIFIERS.has(subject) || PLACE_ADVERBS.has(subject)) return true;
  // a preposition or a participle alone: "8 percent above the year before", "1.2 million tonnes, worth roughly $11 billion"
  if (PREPOSITIONS.has(subject) || PARTICIPLES.has(subject)) return true;
  // a count's subject is the noun it counts
  if (c.quantity.unit === 'count' && c.quantity.counted) return false;
  const i = nearestWord(c, subject);
  if (i < 0) return false;
  const previous = c.tokens[i - 1];
  const next = c.tokens[i + 1];
  // it qualifies the word after it, which no phrase took: a number (not a qualifier: "loads greater than 75 MW")
  // or a span of time
  if (next && ((next.amount && (next.start === c.quantity.start || /^[\p{N}\p{Sc}]/u.test(next.text))) || TIME_WORDS.has(next.lower)))
    return true;
  // "is complete", "is limited": what something is, not a name for it (a plural is one: "to be loads greater than 75 MW")
  if (previous && BE.has(previous.lower) && !/[^s]s$/.test(subject)) return true;
  if (!(/(?:[^e]ed|ing)$/.test(subject) && subject.length > 4) && !IRREGULAR_PAST.has(subject)) return false;
  // "have generally increased", "often phased": a verb after an auxiliary or an adverb; "km² consisting of": a participle after the amount
  if (previous && (AUXILIARIES.has(previous.lower) || ADVERBS.has(previous.lower) || isAdverbLy(previous))) return true;
  return !!previous?.amount && !!next && PREPOSITIONS.has(next.lower);
}

/** The index of the sentence's word (not part of an amount) nearest the amount, -1 when none. */
function nearestWord(c: Context, lower: string): number {
  const at = firstAtOrAfter(c.tokens, c.quantity.qualifierStart ?? c.quantity.start);
  for (let d = 0; d <= WINDOW; d++) {
    for (const i of [at + d, at - 1 - d]) {
      const t = c.tokens[i];
      if (t && !t.amount && t.lower === lower) return i;
    }
  }
  return -1;
}
const RANGE_VERBS = words('range ranges ranged ranging vary varies varied varying');

/** Index of the first token starting at or after `offset` (binary search). */
function firstAtOrAfter(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describeBy(c: Context, before: Token[], after: Token[]): Described {
  const q = c.quantity;
  // "Bangladesh (at 39 percent)", "share of votes (at just over 16 percent)"
  const k = before[0] && ['at', 'about', 'around', 'of'].includes(before[0].lower) ? 1 : 0;
  // "60% ($752.0 billion)": the same thing in another unit
  if (before[k]?.text === '(' && before[k + 1]?.amount && c.previousSubject) return { subject: c.previousSubject };
  if (before[k]?.text === '(') {
    const inside = parenthetical(c, before, k + 1, after);
    if (inside.subject) return inside;
  }
  // "an annual cap (in 2026, $7,500": the year opens the aside, the amount is still the cap's
  if (before[0]?.text === ',' && /^\d{4}$/.test(before[1]?.text ?? '') && before[2]?.lower === 'in' && before[3]?.text === '(') {
    const inside = parenthetical(c, before, 4, after);
    if (inside.subject) return inside;
  }

  // "0.6% in 2025 and 1.7% in 2027", "50% on X and 25% on Y": the same measure as the amount before, for another year or thing
  const sibling = siblingOf(c, before, after);
  if (sibling) return { subject: sibling };
  // "compared to $88,612 in the United States": what the sentence measured, elsewhere
  const compared = comparedWith(c, before, after);
  if (compared) return { subject: compared };
  // "fell by $2 billion, or 5%,": the amount before, in other terms
  if (before[0]?.lower === 'or' && before[1]?.text === ',' && before[2]?.amount && c.previousSubject) return { subject: c.previousSubject };
  // "which equates to $54 per MTCO2e": the amount before, in other terms
  if (before[0]?.lower === 'to' && EQUATES.has(before[1]?.lower ?? '') && after[0]?.lower !== 'of' && c.previousSubject)
    return { subject: c.previousSubject };

  if (q.unit === 'count' && q.counted) {
    const core = `${q.counted}${prefixed(countedTail(after))}`;
    // "China's five ISA exploration contracts"
    if (before[0] && /['’]s$/.test(before[0].text) && isPlainWord(before[0])) return { subject: `${before[0].text} ${core}` };
    if (before[0] && ['in', 'across', 'within'].includes(before[0].lower)) {
      const where = npBefore(before, 1);
      if (where.words.length) return { subject: `${core} with ${join(where.words)}` };
    }
    const agented = withAgent(core, before, 0);
    if (agented !== core) return { subject: agented };
    // "The Indus basin supports over 200 million people" → "Indus basin’s people"
    const owner = isPlainWord(before[0]) && !isProper(before[0].text) ? clauseSubject(c, before, 1) : undefined;
    return { subject: owner && !PRONOUNS.has(owner.toLowerCase()) ? `${possessive(resolveReference(c, owner))} ${core}` : core };
  }

  if (DURATION_UNITS.has(q.unit)) return duration(c, before, after);

  // "exports to Mexico increased from $134.2 billion … to $337.9 billion", "cut the tax rate from 35% to 21%"
  const change = changeOf(c, before, after);
  if (change) return { subject: change };

  // "$16.2 billion worth of copper products"
  if (after[0]?.lower === 'worth' && after[1]?.lower === 'of') {
    const np = npAfter(after, 2);
    const agented = np ? withAgent(np, before, 0) : '';
    // "imported $7.2 billion worth of X and $9.0 billion worth of Y": Y imported by the same
    const by = agented === np && before[0]?.lower === 'and' ? / \p{Ll}+ed by .+$/u.exec(c.previousSubject ?? '') : null;
    if (np) return { subject: by ? `${np}${by[0]}` : agented };
  }

  // "a 29 percent reciprocal tariff on …", "its US$6 trillion minerals industry" (not "$119 billion associated with …")
  if (isPlainWord(after[0]) && !PARTICIPLES.has(after[0].lower) && !isParticiple(after[0])) {
    const np = npAfter(after, 0);
    if (np) {
      const skipDet = before[0] && DETERMINERS.has(before[0].lower) ? 1 : 0;
      return { subject: withAgent(np, before, skipDet) };
    }
  }

  // "77 percent of Pakistan's total exports", "US$845 million in multisector funding"
  if (after[0]?.lower === 'of' || (after[0]?.lower === 'in' && (/^[A-Z]{3}$/.test(q.unit) || q.unit === 'count'))) {
    const np = npAfter(after, 1);
    if (np) {
      if (q.unit === 'percent' && after[0].lower === 'of') {
        const owner = subjectOfVerbBefore(c, before);
        const whole = np === 'total' ? (totalInSentence(c) ?? np) : np;
        return { subject: owner ? shareOf(owner, whole) : `share of ${whole}` };
      }
      const agented = withAgent(np, before, 0);
      // "Aave, with approximately $27 billion in TVL" → "Aave’s TVL"
      if (agented === np && before[0]?.lower === 'with' && before[1]?.text === ',') {
        const owner = chainBefore(before, 2);
        if (owner.words.length && isProper(join(owner.words))) return { subject: `${possessive(join(owner.words))} ${np}` };
      }
      // "Gulf states plan to invest US$10 billion in mining abroad" → "Gulf states’ investment in mining abroad"
      const verb = before[0]?.lower ?? '';
      if (agented === np && after[0].lower === 'in' && INVESTMENTS[verb]) {
        const owner = clauseSubject(c, before, 1);
        if (owner && !PRONOUNS.has(owner.toLowerCase()))
          return { subject: `${possessive(resolveReference(c, owner))} ${INVESTMENTS[verb]} in ${np}` };
      }
      return { subject: agented };
    }
  }

  return beforeSide(c, before, after);
}

/** The amount follows what it measures: "… volume to US$500 billion", "stands at about three percent". */
function beforeSide(c: Context, before: Token[], after: Token[]): Described {
  const first = before[0];
  if (!first) return { subject: '' };
  const time =
    after[0] && ['by', 'in'].includes(after[0].lower) && /^\d{4}$/.test(after[1]?.text ?? '') ? ` ${after[0].lower} ${after[1].text}` : '';

  if (first.lower === 'of') {
    // "a phased universal tariff on refined copper of 15%", "withdrawals of up to $20,000 annually for tuition"
    // "protocols on the Ethereum network are most popular with TVL of around $56 billion"
    const measure = npBefore(before, 1);
    const withAt = measure.next;
    if (
      measure.words.length &&
      before[withAt]?.lower === 'with' &&
      before.slice(withAt + 1, withAt + 4).some(t => AUXILIARIES.has(t.lower))
    ) {
      const owner = sentenceSubject(c)?.text;
      if (owner && !owner.toLowerCase().includes(join(measure.words).toLowerCase()))
        return { subject: `${join(measure.words)} of ${tidy(owner)}${time}` };
    }
    const target = chainBefore(before, 1);
    if (target.words.length) {
      const described = owned(c, before, target, time);
      if (time || isProper(join(target.words))) return described;
      return { ...described, subject: `${described.subject}${prefixed(purposeAfter(after))}` };
    }
  }
  if (first.lower === 'to') {
    const target = npBefore(before, 1);
    if (target.words.length) return owned(c, before, target, time);
  }
  // "electricity use from 25 TWh to 91 TWh", "consumption ranging from 60 TWh": the range of what stands before "from"
  if (first.lower === 'from') {
    const at = RANGE_VERBS.has(before[1]?.lower ?? '') ? 2 : 1;
    const target = npBefore(before, at);
    if (target.words.length) return owned(c, before, target, time);
  }
  if ((first.lower === 'at' || first.lower === 'by') && isPlainWord(before[1])) {
    return linked(c, before, 1, after);
  }
  if (PARTICIPLES.has(first.lower)) {
    const np = npBefore(before, 1);
    if (np.words.length) return owned(c, before, np, time);
  }
  // "facilities that emit 25,000 metric tons"
  if (isPlainWord(first) && before[1] && ['that', 'which', 'who'].includes(before[1].lower)) {
    const np = chainBefore(before, 2);
    if (np.words.length) return { subject: `${join(np.words)} ${before[1].lower} ${first.text}` };
  }
  if (first.word && !first.amount && (LINK_VERBS.has(first.lower) || VERBS_S.has(first.lower) || looksLikeVerb(first, before[1]))) {
    return linked(c, before, 0, after);
  }
  if (isPlainWord(first)) {
    const np = npBefore(before, 0);
    if (np.words.length) return owned(c, before, np, time);
  }
  return { subject: '' };
}

/** "industry contributes 8.5 percent to GDP", "areas cover 600,000 km²", "industry is valued at …". */
function linked(c: Context, before: Token[], verbAt: number, after: Token[]): Described {
  const verb = before[verbAt].lower;
  let subject = clauseSubject(c, before, verbAt + 1);
  if (!subject) return { subject: '' };
  subject = resolveReference(c, subject);
  const nominal = NOMINALS[verb];
  if (nominal) return { subject: `${possessive(subject)} ${nominal}${prefixed(ppAfter(after, 0))}` };
  return { subject };
}

/** A noun phrase right before the amount, owned by the subject of the verb before it ("Reko Diq … host copper resources"). */
function owned(c: Context, before: Token[], np: { words: Token[]; next: number }, time: string): Described {
  const core = join(np.words);
  if (isProper(core)) return { subject: `${core}${time}` }; // a name needs no owner
  let owner: string | undefined;
  const stop = before[np.next];
  if (stop && isPlainWord(stop)) owner = clauseSubject(c, before, np.next + 1);
  owner ??= c.owner;
  if (!owner && stop && CONJUNCTIONS.has(stop.lower)) owner = sentenceSubject(c)?.text;
  if (owner) owner = tidy(owner);
  if (!owner || owner.toLowerCase() === core.toLowerCase() || /^(?:it|they|this|that)$/i.test(owner)) return { subject: `${core}${time}` };
  // a name of several words reads as a label ("Reko Diq copper resources"); anything else as an owner ("Traders’ losses")
  const joined = isProper(owner) && owner.includes(' ') ? `${owner} ${core}` : `${possessive(owner)} ${core}`;
  return { subject: `${joined}${time}`, owner };
}

function parenthetical(c: Context, before: Token[], at: number, after: Token[]): Described {
  const ante = npBefore(before, at);
  if (!ante.words.length) return { subject: '' };
  const name = join(ante.words);
  if (isProper(name)) {
    // a name in a list: attach the measure the sentence speaks of ("reciprocal tariff rate"), or what the
    // list is of ("Other top sources of FDI included Spain ($4.4 billion)", "pools were concentrated in …")
    const earlier = before.slice(ante.next);
    const measureAt = earlier.findIndex(t => !t.amount && (MEASURES.has(t.lower) || LISTING_VERBS.has(t.lower) || t.text === ';'));
    if (measureAt >= 0 && earlier[measureAt].text !== ';') {
      let verbEnd = measureAt + 1;
      while (earlier[verbEnd] && AUXILIARIES.has(earlier[verbEnd].lower)) verbEnd++;
      const measure = LISTING_VERBS.has(earlier[measureAt].lower) ? chainBefore(earlier, verbEnd) : npBefore(earlier, measureAt);
      if (measure.words.length) return { subject: `${join(measure.words)}: ${name}` };
    }
    return { subject: name };
  }
  const whole = name.replace(/^worth of /i, '');
  // "(25% by value from the EU": the share of what comes from there
  if (c.quantity.unit === 'percent') {
    let j = 0;
    if (after[0]?.lower === 'by' && after[1] && ['value', 'volume', 'weight'].includes(after[1].lower)) j = 2;
    if (after[j]?.lower === 'from') {
      const from = ppAfter(after, j);
      if (from) return { subject: `share of ${whole} ${from}` };
    }
  }
  if (whole.toLowerCase() === 'total') return { subject: totalInSentence(c) ?? whole };
  const close = after.findIndex(t => t.text === ')');
  const pp = close >= 0 ? ppAfter(after, close + 1) : '';
  return { subject: `${whole}${prefixed(pp)}` };
}

/** "over the next 37 years", "in less than three years", "almost two decades of U.S. occupation". */
function duration(c: Context, before: Token[], after: Token[]): Described {
  if (after[0]?.lower === 'of') {
    const np = npAfter(after, 1);
    if (np) return { subject: `duration of ${np}` };
  }
  // "it will take at least five years to build processing facilities"
  if (after[0]?.lower === 'to' && isPlainWord(after[1]) && !isProper(after[1].text)) {
    const np = npAfter(after, 2);
    if (np) return { subject: `time to ${after[1].lower} ${np}` };
  }
  // "called to active duty for a period of at least 179 days" → "period of active duty"
  if (before[0]?.lower === 'of' && before[1] && ['period', 'term'].includes(before[1].lower)) {
    let j = 2;
    if (before[j] && ['a', 'the'].includes(before[j].lower)) j++;
    if (before[j]?.lower === 'for') {
      const np = chainBefore(before, j + 1);
      if (np.words.length) return { subject: `${before[1].lower} of ${join(np.words)}` };
    }
  }
  let k = 0;
  let ahead = false;
  while (before[k] && ['the', 'next', 'past', 'last', 'coming', 'following'].includes(before[k].lower)) {
    if (before[k].lower !== 'the') ahead = true;
    k++;
  }
  const preposition = before[k]?.lower;
  if (preposition && ['over', 'in', 'for', 'within', 'during', 'after'].includes(preposition)) {
    const chunk = npBefore(before, k + 1, true);
    // "an application is complete within 60 days", "have generally increased within the last 10 years": no period of anything
    if (chunk.words.length === 1 && isLoneModifier(c, chunk.words[0].text)) return { subject: '' };
    if (chunk.words.length) {
      const phrase = join(chunk.words);
      if (before[chunk.next]?.lower === 'to') return { subject: `time to ${phrase}` };
      return { subject: ahead || preposition !== 'in' ? `period of ${phrase}` : phrase };
    }
    if (before[k + 1]?.amount && c.previousSubject) return { subject: periodOf(c.previousSubject) };
  }
  return { subject: c.previousSubject ? periodOf(c.previousSubject) : '' };
}

/** "7.5 years …, against 2.5 years": the period the amount before measured, not a period of that period. */
const periodOf = (subject: string): string => (/^(?:period|duration|time) (?:of|to) /.test(subject) ? subject : `period of ${subject}`);

// ---------------------------------------------------------------------------------------------------
// Amounts read with their neighbours: changes, ranges, lists and comparisons

/** Verbs of change: "exports increased from $X to $Y", "the balance went from a surplus of … to a deficit of …". */
const CHANGE_VERBS = words(`increased increase increases rose rise rises risen fell fall falls fallen grew grow grows grown declined decline
  declines dropped drop drops went go goes climbed climbs jumped surged doubled tripled shrank expanded moved shifted changed decreased
  decrease decreases rising falling growing declining dropping increasing decreasing climbing`);
/** Verbs that change an object: "cut the corporate tax rate from 35% to 21%", "increase the price of natural gas by 0.01%". */
const CHANGE_OBJECT_VERBS = words(`cut cuts reduce reduces reduced lower lowers lowered raise raises raised increase increases increased
  decrease decreases decreased underestimate underestimates underestimated overestimate overestimates overestimated boost boosts boosted`);
const CHANGE_NOUNS = words('increase decrease rise decline drop growth reduction cut jump gain fall');
/** Verbs that restate the amount before in other terms: "which equates to $54 per MTCO2e". */
const EQUATES = words('equates equate equated equals equal equaled equalled amounts corresponds translates');
/** Verbs that open a list of named parts: "Other top sources of FDI included Spain ($4.4 billion), …". */
const LISTING_VERBS = words('included include includes including were are was concentrated');
/** Words that open an introductory phrase ending at a comma: "According to …,", "While TVL accounts for …,". */
const INTRODUCTIONS = words(`according in as since while although though when after before for between based with from by during following
  pursuant under on at if because despite unlike compared over`);

/** "associated", "held": a past participle, not the noun an amount counts. */
const isParticiple = (t: Token): boolean => /[^e]ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower);

/** "Section 136 funds", "Subpart W": a number that belongs to the name before it (not an amount). */
function isNameNumber(t: Token | undefined, previous: Token | undefined): boolean {
  return !!t && !!previous && !t.amount && /^\d+$/.test(t.text) && /^\p{Lu}\p{Ll}/u.test(previous.text) && !TIME_WORDS.has(previous.lower);
}

/** Skips a rate's period ("$5 billion a year in aid" measures the aid): the period is in `per`, not the subject. */
function skipRate(q: Quantity, after: Token[]): Token[] {
  if (!q.per) return after;
  if (
    after[0] &&
    ['a', 'an', 'per', 'each', 'every'].includes(after[0].lower) &&
    /^(?:day|week|month|year|annum|quarter)s?$/.test(after[1]?.lower ?? '')
  )
    return after.slice(2);
  if (after[0] && /^(?:annually|yearly|daily|weekly|monthly|quarterly)$/.test(after[0].lower)) return after.slice(1);
  return after;
}

/** Skips "($752.0 billion)" right after an amount: the same amount in another unit, not what it measures. */
function skipAmountAside(after: Token[]): Token[] {
  if (after[0]?.text !== '(' || !after[1]?.amount) return after;
  let j = 1;
  while (j < 8 && after[j]?.amount) j++;
  return after[j]?.text === ')' ? after.slice(j + 1) : after;
}

/** Skips "of carbon dioxide equivalent (MMTCO2e)" after a mass: part of the unit, not what is measured. */
function skipUnitPhrase(after: Token[]): Token[] {
  if (after[0]?.lower !== 'of') return after;
  let j = 1;
  if (after[j]?.lower === 'carbon' && after[j + 1]?.lower === 'dioxide') j += 2;
  else if (/^co2(?:e|-equivalent)?$/.test(after[j]?.lower ?? '')) j++;
  else return after;
  if (after[j]?.lower === 'equivalent') j++;
  if (after[j]?.text === '(' && after[j + 2]?.text === ')') j += 3;
  return after.slice(j);
}

/** Skips "to 9%", "and 2.3%" after the first amount of a range: both ends measure what follows the second. */
function skipRangePartner(after: Token[]): Token[] {
  if (!after[0] || !['to', 'and', '-', '–', 'or'].includes(after[0].lower) || !after[1]?.amount) return after;
  let j = 1;
  while (j < 8 && after[j]?.amount) j++;
  return after.slice(j);
}

/** The prepositional phrases after an amount, past an adverb of frequency: "annually for certain education expenses". */
function purposeAfter(after: Token[]): string {
  let j = 0;
  if (after[j] && (isAdverbLy(after[j]) || ['per', 'a', 'each'].includes(after[j].lower)))
    j += after[j].lower === 'annually' || isAdverbLy(after[j]) ? 1 : 2;
  return after[j] && ['for', 'to', 'on', 'from', 'with'].includes(after[j].lower) ? ppAfter(after, j) : '';
}

/** What a count counts, with the phrase that says which: "nations party to UNCLOS", "governments that have called for a moratorium". */
function countedTail(after: Token[]): string {
  const pp = ppAfter(after, 0);
  if (pp) return pp;
  const first = after[0];
  if (
    isPlainWord(first) &&
    !isParticiple(first) &&
    !/ing$/.test(first.lower) &&
    !LINK_VERBS.has(first.lower) &&
    !VERBS_S.has(first.lower)
  ) {
    const tail = PP_PREPOSITIONS.has(after[1]?.lower ?? '') ? ppAfter(after, 1) : '';
    if (tail) return `${first.text} ${tail}`;
  }
  let j = 0;
  while (after[j] && (ADVERBS.has(after[j].lower) || isAdverbLy(after[j]))) j++;
  const aux = after[j];
  if (aux && AUXILIARIES.has(aux.lower) && isPlainWord(after[j + 1]) && isParticiple(after[j + 1])) {
    const tail = ppAfter(after, j + 2);
    if (tail) return `that ${aux.lower} ${after[j + 1].text} ${tail}`;
  }
  return '';
}

/**
 * A noun phrase ending right before `at` with up to two prepositional phrases before it, read backwards:
 * "U.S. goods exports to Mexico", "surplus in services trade with Mexico", "revenue from the WEC payments".
 */
function chainBefore(before: Token[], at: number): { words: Token[]; next: number } {
  const np = npBefore(before, at);
  let { words: collected, next } = np;
  if (!collected.length) return np;
  for (let n = 0; n < 2; n++) {
    let k = next;
    const det = before[k] && ['the', 'a', 'an', 'its', 'their'].includes(before[k].lower) ? before[k++] : undefined;
    const prep = before[k];
    if (!prep || !['of', 'in', 'with', 'to', 'from', 'on'].includes(prep.lower)) break;
    const head = npBefore(before, k + 1);
    // "compared to the U.S. GDP", "based on WEC prices": a verb, not a noun the phrase qualifies
    const last = head.words[head.words.length - 1];
    if (!last || isParticiple(last) || VERBS_S.has(last.lower)) break;
    collected = [...head.words, prep, ...(det ? [det] : []), ...collected];
    next = head.next;
  }
  return { words: collected, next };
}

/**
 * The thing an amount is a level or a step of, when a verb of change governs it: "U.S. goods exports to
 * Mexico increased from $134.2 billion in 2006 to $337.9 billion in 2025" → "U.S. goods exports to Mexico
 * in 2025"; "cut the corporate tax rate from 35% to 21%" → "corporate tax rate"; "would cut its energy
 * consumption by 99.5%" → "cut in its energy consumption". A step of an intransitive verb ("grew by 8
 * percent") is left to `linked`.
 */
function changeOf(c: Context, before: Token[], after: Token[]): string | undefined {
  let i = 0;
  let measure: string | undefined;
  // "went from a surplus of $1.7 billion … to a deficit of $171.5 billion"
  if (before[0]?.lower === 'of' && isPlainWord(before[1]) && ['a', 'an'].includes(before[2]?.lower ?? '')) {
    measure = before[1].text;
    i = 3;
  }
  const preposition = before[i]?.lower;
  if (!preposition || !['from', 'to', 'by'].includes(preposition)) return undefined;
  for (let n = 0; n < 30 && before[i]; n++) {
    const t = before[i];
    if (t.text === ')') {
      const open = before.findIndex((x, j) => j > i && j <= i + 16 && x.text === '(');
      if (open < 0) return undefined;
      i = open + 1;
      continue;
    }
    if (t.lower === 'of' && isPlainWord(before[i + 1]) && ['a', 'an'].includes(before[i + 2]?.lower ?? '')) {
      i += 3;
      continue;
    }
    if (t.amount || /^\d{4}$/.test(t.text) || isAdverbLy(t) || ['from', 'to', 'by', 'in', 'between', 'and', 'or', ','].includes(t.lower)) {
      i++;
      continue;
    }
    break;
  }
  const t = before[i];
  if (!t || !t.word) return undefined;
  const time = preposition !== 'by' && after[0]?.lower === 'in' && /^\d{4}$/.test(after[1]?.text ?? '') ? ` in ${after[1].text}` : '';
  const measured = (subject: string) => `${measure ? `${measure} in ` : ''}${tidy(subject)}${time}`;
  if (CHANGE_VERBS.has(t.lower) && !(preposition === 'by' && !measure)) {
    let j = i + 1;
    while (before[j] && (AUXILIARIES.has(before[j].lower) || ADVERBS.has(before[j].lower) || isAdverbLy(before[j]))) j++;
    // "which one estimate claims has fallen": the relative pronoun's antecedent
    if (before[j] && VERBS_S.has(before[j].lower)) {
      const said = before.findIndex((x, n) => n > j && n <= j + 5 && ['which', 'that'].includes(x.lower));
      if (said > 0) {
        let a = said + 1;
        if (before[a]?.text === ',') a++;
        const ante = chainBefore(before, a);
        if (ante.words.length) return measured(join(ante.words));
      }
    }
    // "start at $900 per metric ton, increase to $1,200 in 2025", "reached $180 billion before dropping to $40
    // billion": the verb shares the subject of the amount before
    const participle = t.lower.endsWith('ing') && ['before', 'after', 'while', 'then'].includes(before[j]?.lower ?? '');
    if ((before[j]?.text === ',' || participle) && c.previousSubject) return measured(c.previousSubject.replace(/ (?:in|by) \d{4}$/, ''));
    const subject = clauseSubject(c, before, i + 1);
    return subject && !PRONOUNS.has(subject.toLowerCase()) ? measured(resolveReference(c, subject)) : undefined;
  }
  if (!isPlainWord(t)) return undefined;
  // the object of a verb of change: "cut the corporate tax rate", "underestimates methane leaking from …"
  const object = chainBefore(before, i);
  if (!object.words.length) return undefined;
  let v = object.next;
  if (before[v] && DETERMINERS.has(before[v].lower)) v++;
  const verb = before[v]?.lower ?? '';
  if (!CHANGE_OBJECT_VERBS.has(verb) && !CHANGE_VERBS.has(verb)) return undefined;
  const thing = withDeterminer(before, { words: object.words, next: object.next });
  if (preposition !== 'by') return measured(thing);
  const nominal = NOMINALS[verb] ?? (/s$/.test(verb) ? verb.slice(0, -1) : verb.replace(/d$/, ''));
  return `${nominal} ${/estimate$/.test(nominal) ? 'of' : 'in'} ${thing}`;
}

/** What the sentence says changed, for "a 150% increase": the subject of its first verb of change before the amount. */
function changedInSentence(c: Context, at: number): string | undefined {
  for (let v = 0; v < at && v < 60; v++) {
    if (!CHANGE_VERBS.has(c.tokens[v].lower) || c.tokens[v].amount) continue;
    const before = c.tokens.slice(Math.max(0, v - WINDOW), v).reverse();
    const subject = clauseSubject(c, before, 0);
    return subject && !PRONOUNS.has(subject.toLowerCase()) ? tidy(subject) : undefined;
  }
  return undefined;
}

/** "accounting for 39% of the total": the total of what the sentence spoke of last ("source of FDI flows to Mexico"). */
function totalInSentence(c: Context): string | undefined {
  const at = firstAtOrAfter(c.tokens, c.quantity.qualifierStart ?? c.quantity.start);
  for (let j = at - 1; j >= 0 && j >= at - WINDOW; j--) {
    if (c.tokens[j].lower !== 'of' || c.tokens[j + 1]?.lower === 'the') continue;
    const np = npAfter(c.tokens, j + 1);
    if (np && np.toLowerCase() !== 'total') return `total ${np.replace(/^total /i, '')}`;
  }
  return undefined;
}

/**
 * "0.6% in 2025 and 1.7% in 2027", "50% on semi-finished products and 25% on derivative products", "25% from
 * the EU and 20% from Canada": an amount after "and", "or" or a comma, followed by a prepositional phrase,
 * measures what the amount before it measured, with that phrase in place of the same preposition's.
 */
function siblingOf(c: Context, before: Token[], after: Token[]): string | undefined {
  if (!c.previousSubject || !before[0] || !['and', 'or', ','].includes(before[0].lower)) return undefined;
  // "three key textile competitors in the U.S. market" names what it counts
  if (c.quantity.counted) return undefined;
  const preposition = after[0]?.lower;
  if (!preposition || !['from', 'in', 'for', 'on', 'to'].includes(preposition)) return undefined;
  const year = /^\d{4}$/.test(after[1]?.text ?? '') && !after[1].amount ? after[1].text : undefined;
  const tail = year ? `${preposition} ${year}` : ppAfter(after, 0);
  if (!tail) return undefined;
  const base = c.previousSubject;
  const same = year ? base.search(/ (?:in|by) \d{4}$/) : base.lastIndexOf(` ${preposition} `);
  return same > 0 ? `${base.slice(0, same)} ${tail}` : `${base} ${tail}`;
}

/** "Per capita GDP in Mexico was $13,874 in 2025, compared to $88,612 in the United States". */
function comparedWith(c: Context, before: Token[], after: Token[]): string | undefined {
  if (!c.previousSubject) return undefined;
  const compared = ['to', 'with'].includes(before[0]?.lower ?? '') && before[1]?.lower === 'compared';
  if (!compared && !['versus', 'vs'].includes(before[0]?.lower ?? '')) return undefined;
  const preposition = after[0]?.lower;
  if (!preposition || !['in', 'for', 'from', 'to'].includes(preposition)) return undefined;
  const tail = ppAfter(after, 0);
  if (!tail) return undefined;
  const base = c.previousSubject.replace(/ (?:in|by) \d{4}$/, '');
  const same = base.lastIndexOf(` ${preposition} `);
  return same > 0 ? `${base.slice(0, same)} ${tail}` : `${base} ${tail}`;
}

// ---------------------------------------------------------------------------------------------------
// Phrases

/** A noun phrase after the amount (leading determiner dropped) with up to two prepositional phrases. */
function npAfter(after: Token[], at: number): string {
  let i = at;
  if (after[i] && DETERMINERS.has(after[i].lower)) i++;
  const head: Token[] = [];
  while (head.length < 6) {
    const t = after[i];
    if (isPlainWord(t) || (head.length && isNameNumber(t, head[head.length - 1]))) {
      // "copper products included in the proclamation": the participle starts a phrase of its own
      if (head.length && isParticiple(t) && PP_PREPOSITIONS.has(after[i + 1]?.lower ?? '')) break;
      head.push(after[i++]);
    } else if (isCompoundAnd(after, i) && head.length && !head.some(w => w.lower === 'and')) head.push(after[i++]);
    else break;
  }
  if (!head.length) return '';
  return `${join(head)}${prefixed(ppAfter(after, i))}`;
}

/** "goods and services trade", "elementary and secondary education": an "and" inside a compound that goes on (not "industry and expand its"). */
const isCompoundAnd = (after: Token[], i: number): boolean =>
  after[i]?.lower === 'and' && isPlainWord(after[i + 1]) && isPlainWord(after[i + 2]);

/** Up to two prepositional phrases: "on imports from Pakistan", "to the U.S.", "within the IMF". */
function ppAfter(after: Token[], at: number): string {
  const parts: string[] = [];
  let i = at;
  for (let n = 0; n < 2; n++) {
    const prep = after[i];
    if (!prep || !PP_PREPOSITIONS.has(prep.lower)) break;
    let j = i + 1;
    const np: Token[] = [];
    if (after[j] && ['the', 'its', 'their', 'a', 'an'].includes(after[j].lower)) np.push(after[j++]);
    const start = np.length;
    while (np.length - start < 8) {
      const t = after[j];
      if (isPlainWord(t) || (np.length > start && isNameNumber(t, np[np.length - 1]))) np.push(after[j++]);
      // "for certain elementary and secondary education expenses"
      else if (isCompoundAnd(after, j) && np.length > start && !np.some(w => w.lower === 'and')) np.push(after[j++]);
      else break;
    }
    // "of the assets in a pool earns 1%": a verb in -s taking the number after it ends the phrase before it
    // (an adjective before the number stays: "workers in the highest-earning 10%")
    if (np.length > start && after[j]?.amount && /^[\p{N}\p{Sc}]/u.test(after[j].text) && /[^s]s$/.test(np[np.length - 1].lower)) {
      np.pop();
      j--;
    }
    if (np.length === start) break;
    parts.push(`${prep.text} ${join(np)}`);
    i = j;
  }
  return parts.join(' ');
}

/**
 * A noun phrase ending right before `at` in the reversed token list: "largest share of votes",
 * "Pakistan's surgical and medical equipment industry". `next` is the index of the token that stopped it.
 */
function npBefore(before: Token[], at: number, allowVerbs = false): { words: Token[]; next: number } {
  const collected: Token[] = [];
  let i = at;
  while (collected.length < 8) {
    const t = before[i];
    // the word before, past adverbs: "can also make", "the act also included"
    let p = i + 1;
    while (p < i + 4 && before[p] && (ADVERBS.has(before[p].lower) || isAdverbLy(before[p]))) p++;
    // "to host copper resources", "is valued": a word after "to" or an auxiliary is a verb, not part of the phrase
    const verb =
      collected.length > 0 &&
      !allowVerbs &&
      t !== undefined &&
      (isVerbAfter(t, before[p]) ||
        VERBS_S.has(t.lower) ||
        (/[^e]ed$/.test(t.lower) &&
          (isPlainWord(before[p]) || PRONOUNS.has(before[p]?.lower ?? '')) &&
          !['a', 'an', 'the'].includes(before[p + 1]?.lower ?? '')));
    if (isPlainWord(t) && !verb && !COMPARATIVES.has(t.lower)) {
      collected.push(t);
      i++;
      continue;
    }
    // "per capita GDP"
    if (t?.lower === 'per' && collected[collected.length - 1]?.lower === 'capita') {
      collected.push(t);
      i++;
      continue;
    }
    // "share of votes", "surgical and medical equipment"
    if (
      t &&
      (t.lower === 'of' || t.lower === 'and') &&
      collected.length &&
      isPlainWord(before[i + 1]) &&
      !LINK_VERBS.has(before[i + 1].lower) &&
      !(t.lower === 'and' && collected.some(w => w.lower === 'and'))
    ) {
      collected.push(t);
      i++;
      continue;
    }
    break;
  }
  return { words: collected.reverse(), next: i };
}

/**
 * The subject of a clause whose verb group ends just before `at` (reversed tokens): skips auxiliaries,
 * adverbs, "to" and participles ("is also expected to"), an appositive between commas, and follows a
 * relative pronoun back to its antecedent. An elided subject ("… and is anticipated to grow") is the
 * sentence's subject. Keeps a leading determiner ("the Trump administration", "that contribution").
 */
function clauseSubject(c: Context, before: Token[], at: number): string | undefined {
  let i = at;
  // "is also expected to", "has been": auxiliaries, adverbs, "to", and participles after an auxiliary
  const skippable = (t: Token, previous: Token | undefined) =>
    AUXILIARIES.has(t.lower) ||
    ADVERBS.has(t.lower) ||
    isAdverbLy(t) ||
    t.lower === 'to' ||
    t.lower === 'not' ||
    (KNOWN_VERBS.has(t.lower) && before[i - 1]?.lower === 'to') ||
    (/ed$/.test(t.lower) && previous !== undefined && AUXILIARIES.has(previous.lower)) ||
    ['likely', 'set', 'poised', 'due', 'able', 'expected', 'estimated', 'anticipated', 'projected', 'forecast'].includes(t.lower);
  while (before[i] && before[i].word && skippable(before[i], before[i + 1])) i++;
  // "Mexico's real gross domestic product (GDP) grew", "total U.S. GHG emissions in 2022 were"
  if (before[i]?.text === ')') {
    const open = before.findIndex((t, j) => j > i && j <= i + 6 && t.text === '(');
    if (open > 0) i = open + 1;
  }
  if (/^\d{4}$/.test(before[i]?.text ?? '') && before[i + 1] && ['in', 'by', 'during', 'since', 'until'].includes(before[i + 1].lower))
    i += 2;
  // appositive: "Reko Diq, situated in Balochistan, is …"
  if (before[i]?.text === ',') {
    const relative = before[i + 1] && ['which', 'who', 'that'].includes(before[i + 1].lower);
    if (!relative) {
      const close = before.findIndex((t, j) => j > i && j <= i + 20 && t.text === ',');
      if (close > 0) i = close + 1;
    }
  }
  const t = before[i];
  if (!t) return sentenceSubject(c)?.text;
  if (['which', 'who', 'that'].includes(t.lower) && (before[i + 1]?.text === ',' || t.lower !== 'that')) {
    let j = i + 1;
    if (before[j]?.text === ',') j++;
    if (before[j]?.text === ')') {
      // "the banned Tehreek-e-Taliban Pakistan (TTP), which": the short name
      const open = before.findIndex((x, n) => n > j && x.text === '(');
      if (open > j + 1) return join(before.slice(j + 1, open).reverse());
    }
    const ante = npBefore(before, j);
    return ante.words.length ? withDeterminer(before, ante) : undefined;
  }
  if (['and', 'but', 'or'].includes(t.lower)) return sentenceSubject(c)?.text;
  // "U.S. goods exports to Mexico", "the 2025 U.S. trade deficit with China"
  const np = chainBefore(before, i);
  if (!np.words.length) return undefined;
  return withDeterminer(before, np);
}

/** The subject of the verb just before an amount ("The textile industry, which makes up …"). */
function subjectOfVerbBefore(c: Context, before: Token[]): string | undefined {
  let k = 0;
  if (before[k] && ['up', 'for', 'out'].includes(before[k].lower)) k++;
  if (!isPlainWord(before[k])) return undefined;
  // "The United States is Mexico's largest trading partner, accounting for 60% of …": the sentence's subject
  if (before[k].lower.endsWith('ing') && before[k + 1]?.text === ',') return sentenceSubject(c)?.text;
  // "relied on imports for about 57% of total consumption"
  if (before[0]?.lower === 'for') {
    const np = npBefore(before, 1);
    if (np.words.length && before[np.next]?.lower === 'on' && /^(?:rel|depend)/.test(before[np.next + 1]?.lower ?? ''))
      return join(np.words);
  }
  const subject = clauseSubject(c, before, k + 1);
  return subject ? resolveReference(c, subject) : undefined;
}

function withDeterminer(before: Token[], np: { words: Token[]; next: number }): string {
  const det = before[np.next];
  return det && DETERMINERS.has(det.lower) ? `${det.text} ${join(np.words)}` : join(np.words);
}

/** "suspended US$845 million in multisector funding" → "multisector funding suspended by the Trump administration". */
function withAgent(core: string, before: Token[], at: number): string {
  let k = at;
  let particle = '';
  if (before[k] && ['out', 'up', 'off', 'down'].includes(before[k].lower)) particle = ` ${before[k++].lower}`;
  const verb = before[k];
  if (!verb || !isPlainWord(verb) || !(/[^e]ed$|eed$/.test(verb.lower) || IRREGULAR_PAST.has(verb.lower))) return core;
  let i = k + 1;
  while (before[i] && (AUXILIARIES.has(before[i].lower) || ADVERBS.has(before[i].lower) || isAdverbLy(before[i]))) i++;
  let agent: string | undefined;
  const t = before[i];
  if (t && ['which', 'who'].includes(t.lower)) {
    let j = i + 1;
    if (before[j]?.text === ',') j++;
    if (before[j]?.text === ')') {
      const open = before.findIndex((x, n) => n > j && x.text === '(');
      if (open > j + 1) agent = join(before.slice(j + 1, open).reverse());
    } else {
      const ante = npBefore(before, j);
      if (ante.words.length) agent = withDeterminer(before, ante);
    }
  } else if (isPlainWord(t)) {
    const np = npBefore(before, i);
    const start = before[np.next];
    // only a clause subject: the phrase must start the sentence or follow a comma or conjunction
    if (
      np.words.length &&
      (!start || start.text === ',' || start.text === ';' || CONJUNCTIONS.has(start.lower) || DETERMINERS.has(start.lower))
    ) {
      agent = withDeterminer(before, np);
    }
  }
  if (!agent || /^(?:it|they|we|he|she)$/i.test(agent)) return `${core} ${verb.lower}${particle}`;
  return `${core} ${verb.lower}${particle} by ${agent.replace(/^The /, 'the ')}`;
}

/**
 * The noun phrase that opens the clause holding the amount: the sentence's start, or just after the last
 * ":" or ";" before the amount; an introductory "For instance," is skipped.
 */
const clauseStartCache = new WeakMap<Token[], Int32Array>();

/** "the authors determined that …": the clause after `that` says what was found, and has its own subject */
const REPORTING_VERBS = words(`found finds find determined determines estimated estimates reported reports said says noted notes
  concluded concludes showed shows argued argues claimed claims suggested suggests indicated indicates stated states predicted
  predicts observed observes calculated calculates announced announces acknowledged believe believes believed contend contends
  contended asserted asserts warned warns`);

/**
 * For each n, where the clause holding tokens[n - 1] starts: after the last ":" or ";" before it, or after
 * the "that" of a reporting verb ("the study found that …"). Built once per sentence, so 10,000 figures in
 * one sentence do not each rescan it from its start.
 */
function clauseStarts(tokens: Token[]): Int32Array {
  let starts = clauseStartCache.get(tokens);
  if (!starts) {
    starts = new Int32Array(tokens.length + 1);
    const opens = (n: number) =>
      tokens[n].text === ':' || tokens[n].text === ';' || (tokens[n].lower === 'that' && n > 0 && REPORTING_VERBS.has(tokens[n - 1].lower));
    for (let n = 0; n < tokens.length; n++) starts[n + 1] = opens(n) ? n + 1 : starts[n];
    clauseStartCache.set(tokens, starts);
  }
  return starts;
}

function sentenceSubject(c: Context): { text: string } | undefined {
  const from = c.quantity.qualifierStart ?? c.quantity.start;
  // the clause the amount stands in starts after the last ":" or ";" before it
  let before = 0;
  let hi = c.tokens.length;
  while (before < hi) {
    const mid = (before + hi) >> 1;
    if (c.tokens[mid].end <= from) before = mid + 1;
    else hi = mid;
  }
  const begin = clauseStarts(c.tokens)[before];
  const tokens = c.tokens.slice(begin, begin + 20);
  let i = 0;
  const comma = tokens.slice(0, 5).findIndex(t => t.text === ',');
  if (comma > 0 && comma < 5 && !isProperRun(tokens.slice(0, comma))) i = comma + 1;
  // "According to Mexican government data, the United States …", "While TVL accounts for defi across blockchains, protocols …"
  // "At the height of the boom, in late 2021, TVL …": one introductory phrase after another
  while (tokens[i] && INTRODUCTIONS.has(tokens[i].lower)) {
    const far = tokens.findIndex((t, j) => j > i && j < i + 18 && t.text === ',');
    if (far < 0) break;
    i = far + 1;
  }
  if (tokens[i] && DETERMINERS.has(tokens[i].lower)) i++;
  const words: Token[] = [];
  while (words.length < 8) {
    const t = tokens[i];
    if (
      isPlainWord(t) &&
      (!LINK_VERBS.has(t.lower) || (t.lower === 'total' && !words.length)) &&
      !KNOWN_VERBS.has(t.lower) &&
      !VERBS_S.has(t.lower) &&
      !(words.length && /[^e]ed$/.test(t.lower))
    ) {
      words.push(t);
      i++;
      continue;
    }
    if (t && t.lower === 'and' && words.length && isPlainWord(tokens[i + 1])) {
      words.push(t);
      i++;
      continue;
    }
    break;
  }
  if (!words.length || words[words.length - 1].lower === 'and') return undefined;
  // "For example, consider if a child's parents …": a verb in the imperative, not a subject
  if (words.length === 1 && /^\p{Ll}/u.test(words[0].text) && ['if', 'whether', 'how'].includes(tokens[i]?.lower ?? '')) return undefined;
  // "Per capita GDP in Mexico", "protocols on the Ethereum network"
  const pp = tokens[i] && ['in', 'on', 'of', 'to', 'from', 'with'].includes(tokens[i].lower) ? ppAfter(tokens, i) : '';
  return { text: `${join(words)}${prefixed(pp)}` };
}

function isProperRun(tokens: Token[]): boolean {
  // "Separately," opening a sentence is an adverb, not a name
  return (
    tokens.length > 0 &&
    tokens.every(t => /^\p{Lu}/u.test(t.text) && !DETERMINERS.has(t.lower)) &&
    !/^\p{Lu}\p{Ll}+ly$/u.test(tokens[0].text)
  );
}

/** "that contribution" → "contribution to the country's GDP", found in the paragraph before this sentence. */
function resolveReference(c: Context, phrase: string): string {
  const m = /^(?:that|this|these|those|the)\s+(\S+)$/i.exec(phrase);
  if (!m) return phrase;
  const head = m[1];
  const earlier = c.paragraph.slice(Math.max(0, c.sentenceStart - 600), c.sentenceStart);
  const tokens = tokenize(earlier, 0, []);
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i].lower === head.toLowerCase()) {
      const pp = ppAfter(tokens, i + 1);
      if (pp) return `${head} ${pp}`;
    }
  }
  return phrase;
}

/** "to host", "will host", "is valued", "has grown": a verb; "has gold reserves", "is a deposit": not. */
function isVerbAfter(t: Token, previous: Token | undefined): boolean {
  if (!previous) return false;
  if (previous.lower === 'to' || MODALS.has(previous.lower)) return true;
  return AUXILIARIES.has(previous.lower) && (/(?:ed|en|ing)$/.test(t.lower) || IRREGULAR_PAST.has(t.lower));
}

function looksLikeVerb(t: Token, previous: Token | undefined): boolean {
  // "to be loads greater than 75 MW": a plural after "be" is what it is, not a verb
  if (previous && (AUXILIARIES.has(previous.lower) || previous.lower === 'to')) return !(/[^s]s$/.test(t.lower) && BE.has(previous.lower));
  return /[^e]ed$/.test(t.lower) || IRREGULAR_PAST.has(t.lower);
}

/** "Dams’ share of annual flow"; an owner with a phrase of its own reads "methane emissions subject to the WEC as a share of …". */
function shareOf(owner: string, whole: string): string {
  return / (?:of|in|to|from|with|on|for|that|which) /i.test(owner)
    ? `${tidy(owner)} as a share of ${whole}`
    : `${possessive(owner)} share of ${whole}`;
}

function possessive(phrase: string): string {
  const p = phrase.replace(/^(?:the|a|an)\s+/i, '');
  if (/['’]s$/.test(p)) return p;
  return /s$/.test(p) ? `${p}’` : `${p}’s`;
}

const prefixed = (s: string): string => (s ? ` ${s}` : '');

/** Drops a leading article and stray spaces; keeps the words as written. */
function tidy(subject: string): string {
  return subject
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an|that|this|these|those)\s+/i, '');
}

/**
 * What a figure measures, for a sentence of a message: its subject; when Dossier was unsure of it, the
 * section it stands in, marked as such ("a figure in “Trade Balance”"); else "a figure of the report".
 */
export function whatItMeasures(figure: Pick<Figure, 'subject' | 'context'>): string {
  if (figure.subject) return figure.subject;
  return figure.context ? `a figure in “${figure.context}”` : 'a figure of the report';
}

/**
 * A figure's subject without the words its text already says, for a label beside the figure: "over 600
 * attacks" + "attacks against security forces" → "against security forces"; "over 90 known minerals" +
 * "known minerals" → "". Case-insensitive, whole words only.
 */
export function subjectBeyondText(text: string, subject: string): string {
  const said = text.toLowerCase().split(/\s+/).filter(Boolean);
  const words = subject.split(/\s+/).filter(Boolean);
  // the longest run (of a few words: a figure's text is short) ending the figure's text that also opens the subject
  for (let n = Math.min(said.length, words.length, 8); n > 0; n--) {
    const tail = said.slice(said.length - n);
    if (tail.every((w, i) => w === words[i]!.toLowerCase())) return words.slice(n).join(' ');
  }
  return subject;
}
