/**
 * The one number reader of Dossier: finds amounts (money, percentages, counts of things, quantities with
 * units, durations) in any text, normalises a search phrase to a value, and formats a value for display.
 * Figures, search, hovers and fact-check all use it, so "US$845 million", "$845m" and "845 million"
 * mean the same number everywhere.
 *
 * Conventions
 * - `text` is the amount as written, from the currency sign to the unit or counted noun, WITHOUT the
 *   qualifier: "US$845 million", "three percent", "50 billion pounds", "600 attacks",
 *   "four Afghan provinces". The qualifier ("over", "just over", "in excess of") is separate, lower case,
 *   and `qualifierStart` says where it begins.
 * - `value` is the full number: "US$845 million" → 845000000, "1.4bn" → 1400000000, "two decades" → 20
 *   (unit years).
 * - Not amounts: calendar years (2021, "by 2030"; a bare four-digit number from 1000 to 2199 is read as a
 *   year unless it carries a currency, scale or unit), decades ("1980s"), dates ("April 22, 2025",
 *   "19 May"), ordinals ("22nd"), numbers in names ("Section 232", "F-35", "M23", "COVID-19", "G7"),
 *   note markers ("[12]"), numbers inside URLs, compound adjectives ("two-day", "10-year"), vague words
 *   ("hundreds", "dozens"), and "one" as a count ("one of the world's largest", "on the one hand").
 * - Pounds: "£", "GBP", "pounds sterling" are money (GBP); "pounds"/"lb" are mass (lb) when the text
 *   around speaks of a material ("copper resources in excess of 50 billion pounds", "pounds of rare
 *   earths"); otherwise "pounds" is read as sterling.
 * - "Rs"/"Rs." is read as Pakistani rupees (PKR); "₹", "INR" and "Indian rupees" are INR.
 * - Bare numbers ("845" with nothing after) are returned as unit 'count' without `counted`; callers that
 *   want key figures skip them.
 *
 * Every regular expression here runs in linear time: candidates are found with one global scan, and each
 * candidate only looks at a bounded window of text around it.
 */
import type { Unit } from './model';
import { Pace, runSteps, type Steps } from './steps';

export interface Quantity {
  /** offset of the amount (currency sign or first digit) in the text; the qualifier is not included */
  start: number;
  /** offset just after the amount (after its unit or counted noun) */
  end: number;
  /** the amount as written, without the qualifier: "US$845 million", "29 percent", "600 attacks" */
  text: string;
  /** the full number: "US$845 million" → 845000000 */
  value: number;
  unit: Unit;
  /** over, about, just over, in excess of, at least, less than, nearly, … (lower case) */
  qualifier?: string;
  /** where the qualifier starts, when there is one */
  qualifierStart?: number;
  /** for counts: the noun phrase counted, as written ("Afghan provinces", "known minerals") */
  counted?: string;
  /** a rate: the amount is per this span of time ("130 ships per day", "$5 billion a year", "$20,000 annually") */
  per?: RatePeriod;
}

export type RatePeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const UNIT_WORDS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS_WORDS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  quadrillion: 1e15,
  quintillion: 1e18,
  lakh: 1e5,
  lakhs: 1e5,
  crore: 1e7,
  crores: 1e7,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  trn: 1e12,
};
const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
const QUALIFIERS = [
  'just over',
  'just under',
  'well over',
  'well above',
  'slightly over',
  'slightly more than',
  'in excess of',
  'no more than',
  'no less than',
  'at least',
  'at most',
  'less than',
  'fewer than',
  'more than',
  'greater than',
  'up to',
  'as many as',
  'as much as',
  'as few as',
  'as little as',
  'close to',
  'upwards of',
  'an estimated',
  'nearly',
  'almost',
  'about',
  'around',
  'roughly',
  'approximately',
  'some',
  'over',
  'under',
  'below',
  'above',
];
/** Words that may stand right before a number without making it part of a name ("The 10 largest…"). */
const NOT_NAMES = new Set([
  'the',
  'a',
  'an',
  'over',
  'about',
  'some',
  'nearly',
  'almost',
  'around',
  'only',
  'just',
  'all',
  'its',
  'their',
  'his',
  'her',
  'our',
  'these',
  'those',
  'another',
  'in',
  'by',
  'at',
  'of',
  'for',
  'to',
  'with',
  'from',
  'since',
  'during',
  'after',
  'before',
  'under',
  'more',
  'less',
  'fewer',
  'than',
  'least',
  'and',
  'or',
  'but',
  'roughly',
  'approximately',
  'up',
  'estimated',
  'each',
  'every',
  'on',
  'between',
  'among',
  'nearly',
  'top',
  'first',
  'last',
  'next',
  'past',
  'another',
  'both',
  'once',
  'still',
  'yet',
  'then',
  'now',
  'today',
  'only',
]);
/** Words that cannot be (part of) a counted noun phrase. */
const NOT_COUNTED = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'by',
  'with',
  'and',
  'or',
  'but',
  'nor',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'shall',
  'should',
  'must',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'they',
  'them',
  'their',
  'which',
  'who',
  'whom',
  'whose',
  'than',
  'more',
  'less',
  'most',
  'least',
  'also',
  'not',
  'no',
  'so',
  'such',
  'per',
  'each',
  'every',
  'between',
  'into',
  'over',
  'under',
  'about',
  'after',
  'before',
  'since',
  'until',
  'during',
  'against',
  'within',
  'across',
  'among',
  'while',
  'when',
  'where',
  'if',
  'because',
  'though',
  'although',
  'yet',
  'times',
  'plus',
  'minus',
  'versus',
  'vs',
  'percent',
  'says',
  'goes',
  'makes',
  'takes',
  'gives',
  'gets',
  'comes',
  'seems',
  'remains',
  'means',
  'thus',
  'this',
  'always',
  'sometimes',
  'perhaps',
  'whereas',
  'us',
  'his',
  'hers',
  'ours',
  'yours',
]);
const IRREGULAR_PLURALS = new Set([
  'people',
  'children',
  'men',
  'women',
  'personnel',
  'staff',
  'police',
  'cattle',
  'sheep',
  'fish',
  'feet',
  'teeth',
  'mice',
  'data',
  'media',
  'criteria',
  'phenomena',
  'militia',
  'livestock',
  'aircraft',
  'crew',
]);
/** Words near "pounds" that say it is a weight. */
const MASS_WORDS =
  /\b(?:copper|gold|silver|ore|ores|metal|metals|steel|iron|alumin(?:i)?um|nickel|zinc|lithium|cobalt|uranium|coal|rare earths?|resources?|deposits?|reserves?|weigh(?:s|ed|ing|t)?|cargo|payload|tons?|tonnes?|beef|meat|pork|chicken|cotton|wheat|rice|sugar|grain|plastics?|waste|emissions|carbon|materials?|minerals?|fertili[sz]ers?|explosives?|bombs?|warheads?)\b/gi;
/** Words near "pounds" that say it is money. */
const MONEY_WORDS =
  /\b(?:costs?|costing|paid|pays?|paying|spent|spend(?:s|ing)?|prices?|priced|worth|budgets?|fund(?:s|ing|ed)?|fines?|fined|raised?|rais(?:es|ing)|invest(?:s|ed|ing|ments?)?|revenues?|salar(?:y|ies)|sterling|bills?|loans?|grants?|donat(?:ed|ions?)|earn(?:s|ed|ings)?|aid|deals?|contracts?|profits?|losses|debts?|sales|pounds sterling|bank|taxes|tax)\b/gi;

// ---------------------------------------------------------------------------------------------------
// Finding amounts

const SPELLED_WORD =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|a\\s+(?:dozen|hundred|thousand|million|billion|trillion))';
/** One scan for every place an amount could start: digits, or a spelled-out number word. */
const CANDIDATE = new RegExp(`\\d+(?:[.,]\\d+)*|\\b${SPELLED_WORD}\\b`, 'gi');
/** Spelled-out numbers: "twenty-two", "three hundred and fifty", "a dozen". Sticky, matched at a candidate. */
const SPELLED =
  /(?:a\s+(dozen|hundred|thousand|million|billion|trillion)|(dozen)|(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](one|two|three|four|five|six|seven|eight|nine)\b)?|(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))(?:\s+hundred(?:\s+(?:and\s+)?(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](one|two|three|four|five|six|seven|eight|nine)\b)?|(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)))?)?\b/iy;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const EMAIL = /\b[\w.+-]{1,64}@[\w-]{1,64}\.[\w.]{1,64}/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const CURRENCY_BEFORE =
  /(?:^|[^\p{L}\p{N}])((?:US|U\.S\.|A|AU|C|CA|HK|NZ|S)?\$|£|€|¥|₹|Rs\.?|PKR|USD|GBP|EUR|INR|CNY|RMB|JPY|AUD|CAD)[ \u00a0]?$/u;
const QUALIFIER_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${QUALIFIERS.map(q => q.replace(/ /g, '\\s+')).join('|')})\\s+$`, 'iu');
const SCALE_ATTACHED = /(bn|mn|mln|m|k|tn|trn|b)(?![\p{L}\p{N}])/uy;
const SCALE_SPACED =
  /(?:\s+|[-‐‑])(thousand|million|billion|trillion|quadrillion|quintillion|lakhs?|crores?|bn|mn|mln|tn|trn)(?![\p{L}\p{N}])/iuy;
const PERCENT =
  /\s*%|\s?pc(?![\p{L}])|\s+(?:percent|per\s+cent|pct)(?![\p{L}])|\s+(percentage\s+points?)(?![\p{L}])|\s+(basis\s+points?|bps)(?![\p{L}])/iuy;
const CURRENCY_AFTER =
  /\s+(?:(US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand)\s+)?(dollars?)(?![\p{L}])|\s+(euros?)(?![\p{L}])|\s+(?:(Indian|Pakistani)\s+)?(rupees?)(?![\p{L}])|\s+(yuan|renminbi)(?![\p{L}])|\s+(yen)(?![\p{L}])|\s+(?:pounds?\s+)?(sterling)(?![\p{L}])/iuy;
const MEASURE_UNIT =
  /\s*(km²|km2|sq\.?\s?km|mi²|sq\.?\s?mi|km|kg|lbs?|oz|[kMGT]Wh|[kMGT]W|ha|°\s?[FC])(?![\p{L}\p{N}])|\s+(degrees?\s+(?:Fahrenheit|Celsius|centigrade)|square\s+(?:kilomet(?:er|re)s?|km|miles?)|kilomet(?:er|re)s?|miles?|hectares?|acres?|(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|kilograms?|pounds?|(?:troy\s+)?ounces?|nautical\s+miles?|square\s+(?:feet|foot)|(?:milli|centi)?met(?:er|re)s?|feet|foot|(?:kilo|mega|giga|tera)watt[-‐‑\s]hours?|(?:kilo|mega|giga|tera)watts?|years?|decades?|months?|weeks?|days?|hours?|minutes?|seconds?)(?![\p{L}\p{N}-])/iuy;

/** Every amount in the text, in order. Pure and linear in the text's length. */
export function findQuantities(text: string, limit = Infinity): Quantity[] {
  return runSteps(quantitySteps(text, limit));
}

/**
 * findQuantities in steps (a few dozen candidate numbers each), for a host that must not be held long.
 * `limit` stops the scan after that many amounts (the rest of the text is not read).
 */
export function* quantitySteps(text: string, limit = Infinity): Steps<Quantity[]> {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(text)) return yield* scanQuantities(text, limit);
  // Read the text without them, then map every offset back: the amount's text is still the slice as
  // written (invisible characters included), so a quick fix replaces all of it.
  const origin = new Int32Array(text.length);
  const parts: string[] = [];
  let kept = 0;
  let from = 0;
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); ; m = INVISIBLE.exec(text)) {
    const to = m ? m.index : text.length;
    for (let i = from; i < to; i++) origin[kept++] = i;
    parts.push(text.slice(from, to));
    if (!m) break;
    from = to + m[0].length;
  }
  const startOf = (offset: number) => (offset < kept ? origin[offset]! : text.length);
  const endOf = (offset: number) => (offset > 0 ? origin[offset - 1]! + 1 : 0);
  return (yield* scanQuantities(parts.join(''), limit)).map(q => {
    const start = startOf(q.start);
    const end = endOf(q.end);
    return {
      ...q,
      start,
      end,
      text: text.slice(start, end),
      ...(q.qualifierStart !== undefined ? { qualifierStart: startOf(q.qualifierStart) } : {}),
    };
  });
}

/**
 * Zero-width and bidi-control characters: invisible, but read as they stand they split "US$8\u200b45 million"
 * into "US$8" (a false contradiction whose fix would write a wrong number) and a stray "45 million".
 */
/** A step of the scan: this many candidate numbers. */
const CANDIDATES_PER_STEP = 64;

const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/g;

function* scanQuantities(text: string, limit: number): Steps<Quantity[]> {
  const skip = skippedSpans(text);
  const found: Quantity[] = [];
  let skipIndex = 0;
  let lastEnd = 0;
  const pace = new Pace(CANDIDATES_PER_STEP);
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    if (pace.due()) {
      // the pattern's position is shared: keep it across the pause (another scan may run meanwhile)
      const resume = CANDIDATE.lastIndex;
      yield;
      CANDIDATE.lastIndex = resume;
    }
    const at = m.index;
    if (at < lastEnd) continue;
    while (skipIndex < skip.length && skip[skipIndex][1] <= at) skipIndex++;
    if (skipIndex < skip.length && skip[skipIndex][0] <= at) {
      CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, skip[skipIndex][1]);
      continue;
    }
    const q = /\d/.test(m[0][0]) ? readDigits(text, at, m[0]) : readSpelled(text, at);
    if (q) {
      found.push(q);
      if (found.length >= limit) break;
      lastEnd = q.end;
      if (CANDIDATE.lastIndex < q.end) CANDIDATE.lastIndex = q.end;
    }
  }
  return found;
}

/** URLs, e-mail addresses and ISO dates hold digits that are not amounts. Each scan runs only when its cue is present. */
function skippedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const scan = (re: RegExp) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  };
  if (text.includes('://') || /www\./i.test(text)) scan(URL);
  if (text.includes('@')) scan(EMAIL);
  if (text.includes('-')) scan(ISO_DATE);
  return spans.sort((a, b) => a[0] - b[0]);
}

interface Core {
  start: number;
  end: number;
  value: number;
  spelled: boolean;
  plain: boolean;
  currency?: string;
  currencyStart?: number;
}

function readDigits(text: string, at: number, digits: string): Quantity | undefined {
  const number = parseDigits(digits);
  if (number === undefined) return undefined;
  const end = at + digits.length;
  const before = text.slice(Math.max(0, at - 12), at);
  const currency =
    (at > 0 && !/[\s(\[]/.test(text[at - 1])) || /[A-Za-z$£€¥₹.]/.test(text[at - 2] ?? '') ? CURRENCY_BEFORE.exec(before) : null;
  const prev = text[at - 1] ?? '';
  const prev2 = text[at - 2] ?? '';
  if (!currency) {
    if (/[\p{L}\p{N}_]/u.test(prev)) return undefined; // M23, G7, x5
    if (/[-‐‑]/.test(prev) && /\p{L}/u.test(prev2)) return undefined; // F-35, COVID-19 (but "10-15 percent" is a range)
    if (/[/:.]/.test(prev) && /\d/.test(prev2)) return undefined; // 9/11, 10:30
    if (/[#§]/.test(prev)) return undefined; // §5, #4
    if (prev === '[' || (prev === '^' && text[at - 2] === '[')) return undefined; // note markers [12], [^12]
  }
  const next = text[end] ?? '';
  if (/[/:]/.test(next) && /\d/.test(text[end + 1] ?? '')) return undefined; // 9/11, 10:30
  if (next === ']' && !currency) return undefined;
  // "-2.5%", "a −3 percent decline": a minus sign that stands alone before the number
  const negative = !currency && /[-−]/.test(prev) && /^$|[\s(]/.test(prev2);
  const core: Core = {
    start: currency ? at - currency[1].length - (before.endsWith(' ') || before.endsWith('\u00a0') ? 1 : 0) : negative ? at - 1 : at,
    end,
    value: negative ? -number : number,
    spelled: false,
    plain: !negative && /^\d+$/.test(digits),
    currency: currency ? currencyCode(currency[1]) : undefined,
  };
  return finish(text, core, digits);
}

function parseDigits(digits: string): number | undefined {
  let clean: string;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(digits)) clean = digits.replace(/,/g, '');
  else if (/^\d+(?:\.\d+)?$/.test(digits)) clean = digits;
  else return undefined; // 1.2.3, 1,5 and the like are not amounts
  if (clean.length > 20) return undefined;
  const value = Number(clean);
  return Number.isFinite(value) ? value : undefined;
}

function readSpelled(text: string, at: number): Quantity | undefined {
  if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '')) return undefined;
  if (/[-‐‑]/.test(text[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[at - 2] ?? '')) return undefined;
  SPELLED.lastIndex = at;
  const m = SPELLED.exec(text);
  if (!m) return undefined;
  let value: number;
  if (m[1]) value = m[1].toLowerCase() === 'dozen' ? 12 : (SCALES[m[1].toLowerCase()] ?? 100);
  else if (m[2]) value = 12;
  else value = m[3] ? TENS_WORDS[m[3].toLowerCase()] + (m[4] ? UNIT_WORDS[m[4].toLowerCase()] : 0) : UNIT_WORDS[m[5].toLowerCase()];
  if (/\shundred/i.test(m[0]) && !m[1]) {
    value *= 100;
    if (m[6]) value += TENS_WORDS[m[6].toLowerCase()] + (m[7] ? UNIT_WORDS[m[7].toLowerCase()] : 0);
    else if (m[8]) value += UNIT_WORDS[m[8].toLowerCase()];
  }
  const end = at + m[0].length;
  // "two-day", "one-time": a compound adjective, not an amount
  if (/[-‐‑]/.test(text[end] ?? '') && /\p{L}/u.test(text[end + 1] ?? '')) return undefined;
  return finish(text, { start: at, end, value, spelled: true, plain: false }, m[0]);
}

/** Reads scale, unit and qualifier around a number core and decides whether it is an amount at all. */
function finish(text: string, core: Core, numeral: string): Quantity | undefined {
  let end = core.end;
  let value = core.value;
  let scaled = false;
  let decimals = /\.(\d+)/.exec(numeral)?.[1].length ?? 0;

  if (!core.spelled) {
    SCALE_ATTACHED.lastIndex = end;
    const attached = SCALE_ATTACHED.exec(text);
    if (attached) {
      const word = attached[1].toLowerCase();
      if (word !== 'b' || core.currency) {
        value *= SCALES[word];
        end = SCALE_ATTACHED.lastIndex;
        scaled = true;
      }
    }
  }
  if (!scaled) {
    SCALE_SPACED.lastIndex = end;
    const spaced = SCALE_SPACED.exec(text);
    if (spaced) {
      value *= SCALES[spaced[1].toLowerCase()];
      end = SCALE_SPACED.lastIndex;
      scaled = true;
    }
  }
  if (scaled) decimals = 0;
  if (
    !core.spelled &&
    !scaled &&
    /[\p{L}]/u.test(text[end] ?? '') &&
    !/^(?:km|kg|lbs?|oz|[kMGT]W|ha|mi|pc(?![\p{L}]))/u.test(text.slice(end, end + 3))
  ) {
    return undefined; // 22nd, 1980s, 3rd, 5G
  }
  // "10-year", "5-star" are adjectives; "$5 billion-plus" is still US$5 billion
  if (!core.spelled && !scaled && /[-‐‑]/.test(text[end] ?? '') && /\p{L}/u.test(text[end + 1] ?? '')) return undefined;

  let unit: Unit | undefined = core.currency;
  let counted: string | undefined;
  // units and counted nouns start with a letter or "%" right after the number or one space later
  const wordAhead = /^(?:[\p{L}%²°]|[ \u00a0\t\n]+[\p{L}%°])/u.test(text.slice(end, end + 3));

  if (!unit && wordAhead) {
    PERCENT.lastIndex = end;
    const pct = PERCENT.exec(text);
    if (pct) {
      unit = pct[1] ? 'percentage points' : pct[2] ? 'bp' : 'percent';
      end = PERCENT.lastIndex;
    }
  }
  if (!unit && wordAhead) {
    CURRENCY_AFTER.lastIndex = end;
    const cur = CURRENCY_AFTER.exec(text);
    if (cur) {
      unit = cur[2]
        ? dollarCode(cur[1])
        : cur[3]
          ? 'EUR'
          : cur[5]
            ? cur[4]?.toLowerCase() === 'indian'
              ? 'INR'
              : 'PKR'
            : cur[6]
              ? 'CNY'
              : cur[7]
                ? 'JPY'
                : 'GBP';
      end = CURRENCY_AFTER.lastIndex;
    }
  }
  if (!unit && wordAhead) {
    MEASURE_UNIT.lastIndex = end;
    const measure = MEASURE_UNIT.exec(text);
    if (measure) {
      const word = (measure[1] ?? measure[2]).toLowerCase().replace(/\s+/g, ' ');
      const read = measureUnit(word, text, core.start, MEASURE_UNIT.lastIndex);
      unit = read.unit;
      value *= read.factor;
      end = MEASURE_UNIT.lastIndex;
    }
  }
  if (!unit) {
    if (isDateOrName(text, core, end, scaled)) return undefined;
    const noun = wordAhead ? countedNoun(text, end) : undefined;
    if (noun) {
      counted = noun.text;
      end = noun.end;
    } else if (core.spelled && !scaled) {
      return undefined; // "two" alone is a pronoun more often than an amount
    }
    if (core.spelled && core.value === 1 && !scaled) return undefined; // "one of the largest", "one hand"
    unit = 'count';
  }

  const q: Quantity = { start: core.start, end, text: text.slice(core.start, end), value: round(value, decimals), unit };
  if (counted) q.counted = counted;
  const per = rateAfter(text, end);
  if (per) q.per = per;
  // the qualifier regex only runs where a word stands right before the amount
  const qualifier =
    /\s/.test(text[core.start - 1] ?? '') && /\p{L}/u.test(text[core.start - 2] ?? '')
      ? QUALIFIER_BEFORE.exec(text.slice(Math.max(0, core.start - 30), core.start))
      : null;
  if (qualifier) {
    q.qualifier = qualifier[1].toLowerCase().replace(/\s+/g, ' ');
    q.qualifierStart = core.start - qualifier[0].length + qualifier[0].indexOf(qualifier[1]);
  }
  return q;
}

/**
 * "per day", "a year", "each day", "every month", "per annum", "annually": the span of time an amount is a rate
 * over. Not "a year ago", "a day earlier" (a time, not a rate). Sticky at the amount's end: a bounded look.
 */
const RATE =
  /[ \u00a0]+(?:(?:per|a|an|each|every)[ \u00a0]+(hour|day|week|month|year|annum)|(hourly|daily|weekly|monthly|annually|yearly))(?![\p{L}\p{N}])/iuy;
const NOT_RATE = /^[ \u00a0]+(?:ago|earlier|later|before|after|from|since|old)(?![\p{L}])/iu;

function rateAfter(text: string, end: number): RatePeriod | undefined {
  RATE.lastIndex = end;
  const m = RATE.exec(text);
  if (!m || NOT_RATE.test(text.slice(RATE.lastIndex, RATE.lastIndex + 12))) return undefined;
  const word = (m[1] ?? m[2]).toLowerCase();
  if (word === 'annum' || word === 'annually' || word === 'yearly') return 'year';
  if (word === 'daily') return 'day';
  return word.replace(/ly$/, '') as RatePeriod;
}

/** Nouns that a number before them names rather than counts, when singular: "529 plan", "a 457 program". */
const NAMED_BY_NUMBER = new Set(['plan', 'program', 'programme']);

/**
 * "529 plan": a number before a singular "plan" or "program" names it (a count would be plural). Only a
 * number of three digits or more that is not round, as such names are ("529", "457"): "12 plan participants"
 * and "100 program officers" are counts of participants and officers.
 */
function namesNoun(digits: string, noun: string): boolean {
  return /^\d{3,}$/.test(digits) && !digits.endsWith('0') && NAMED_BY_NUMBER.has(noun.toLowerCase());
}

const NUMBER_NAME = /(?<![\p{L}\p{N}$£€¥₹.,\-])(\d+)[ \u00a0]+(\p{L}+)/gu;
/** What may follow a name that ends with its noun ("in the 119 Congress, …", "the 119 Congress that …"). */
const AFTER_NAME =
  /^(?:[ \u00a0]*(?:[^\p{L}\p{N}\s]|$)|[ \u00a0]+(?:that|which|and|or|to|in|of|on|for|by|is|was|has|had|would|will)(?![\p{L}]))/u;

/**
 * The numbers a text uses as names, with the noun they name ("529 plan", and "the 119 Congress" of a web
 * capture that lost the ordinal's "th"): the same number before the noun's plural ("529 plans", "the 115
 * through 119 Congresses") is the names again, not a count. A capitalised noun counts only where the name
 * ends with it ("the 50 State plans" is no name of 50).
 */
export function numberNames(text: string): Set<string> {
  const names = new Set<string>();
  NUMBER_NAME.lastIndex = 0;
  for (let m = NUMBER_NAME.exec(text); m; m = NUMBER_NAME.exec(text)) {
    const [, digits, noun] = m as unknown as [string, string, string];
    const lower = noun.toLowerCase();
    const capitalised = /^\p{Lu}\p{Ll}+$/u.test(noun) && !isPlural(lower) && Number(digits) > 1;
    if (namesNoun(digits, noun) || (capitalised && AFTER_NAME.test(text.slice(NUMBER_NAME.lastIndex, NUMBER_NAME.lastIndex + 12))))
      names.add(`${Number(digits)} ${lower}`);
  }
  return names;
}

/** "529 plans" where the report names a "529 plan": the name's plural, not a count. */
export function isNamePlural(q: Quantity, names: ReadonlySet<string>): boolean {
  if (q.unit !== 'count' || !q.counted || !names.size) return false;
  const first = /^\p{L}+/u.exec(q.counted)?.[0].toLowerCase() ?? '';
  return [first.replace(/es$/, ''), first.replace(/s$/, '')].some(noun => names.has(`${q.value} ${noun}`));
}

/** Years, dates, ordinals in names, section numbers: numbers that are not amounts. */
function isDateOrName(text: string, core: Core, end: number, scaled: boolean): boolean {
  if (core.spelled || scaled) return false;
  if (core.plain && core.value >= 1000 && core.value <= 2199 && end - core.start === 4) return true; // calendar year
  const before = text.slice(Math.max(0, core.start - 24), core.start);
  const after = text.slice(end, end + 24);
  const prevWord = /([\p{L}][\p{L}.]*)[ \u00a0]+$/u.exec(before)?.[1];
  const nextWord = /^[ \u00a0]+([\p{L}]+)/u.exec(after)?.[1];
  if (core.value >= 1 && core.value <= 31 && core.plain) {
    if (prevWord && MONTHS.has(prevWord.replace(/\.$/, '').toLowerCase()) && /^\p{Lu}/u.test(prevWord)) return true; // April 22
    if (nextWord && MONTHS.has(nextWord.toLowerCase()) && /^\p{Lu}/u.test(nextWord)) return true; // 19 May
  }
  // "P.L. 119-21", "H.R. 1-3": the second part of a law's or a bill's number
  if (core.plain && /(?:^|[\s(])(?:P\.L|E\.O|H\.R|S)\.[ \u00a0]?\d+[-‐–]$/.test(before)) return true;
  // "defaults.18 Relationships": a note number glued to the sentence's end in a web capture, not an amount
  if (core.plain && /[\p{Ll})\]”"’]\.$/u.test(before)) return true;
  // "529 plan accounts", "a 457 plan": the number names the plan ("529 accounts" counts accounts)
  if (core.plain && nextWord && namesNoun(text.slice(core.start, end), nextWord)) return true;
  if (prevWord) {
    // "trials.Figure 2" (a link's text run into the sentence before it): the word after the period names the number
    const bare = prevWord.replace(/\.$/, '').replace(/^.*\.(?=\p{Lu}\p{Ll})/u, '');
    if (/\.$/.test(prevWord) && /^(?:no|nos|p|pp|para|paras|vol|art|sec|ch|fig|figs|eq|op|ref|col|pt)$/i.test(bare)) return true;
    // "E.O. 14285", "H.R. 1", "P.L. 117": an executive order or a bill
    if (/^(?:E\.O|H\.R|P\.L|S|H\.Res|S\.Res|H\.J\.Res|S\.J\.Res|H\.Con\.Res|S\.Con\.Res)$/.test(bare)) return true;
    // "Section 232", "Resolution 1267", "Boeing 737": a capitalised word names the number
    if (/^\p{Lu}/u.test(bare) && !NOT_NAMES.has(bare.toLowerCase()) && !/\.$/.test(prevWord)) return true;
  }
  return false;
}

/** The noun phrase a count counts: up to four words ending in a plural noun ("four Afghan provinces"). */
function countedNoun(text: string, from: number): { text: string; end: number } | undefined {
  const window = text.slice(from, from + 80);
  const word = /^[ \u00a0]+([\p{L}][\p{L}'’-]*)/u;
  let offset = 0;
  let firstStart = -1;
  for (let i = 0; i < 4; i++) {
    const m = word.exec(window.slice(offset));
    if (!m) return undefined;
    const w = m[1];
    const lower = w.toLowerCase();
    if (NOT_COUNTED.has(lower) || /ly$/.test(lower)) return undefined;
    if (firstStart < 0) firstStart = offset + m[0].length - w.length;
    offset += m[0].length;
    if (isPlural(lower)) {
      return { text: window.slice(firstStart, offset), end: from + offset };
    }
  }
  return undefined;
}

function isPlural(word: string): boolean {
  if (IRREGULAR_PLURALS.has(word)) return true;
  if (word.length < 3) return false;
  return (/s$/.test(word) && !/(?:ss|us|is|ous|ics)$/.test(word)) || /ies$/.test(word);
}

function measureUnit(word: string, text: string, start: number, end: number): { unit: Unit; factor: number } {
  // "−452 degrees Fahrenheit", "30 °C": temperatures keep their scale (no conversion: a reader quotes it as written)
  if (/^(?:° ?f|degrees? fahrenheit)/.test(word)) return { unit: 'degF', factor: 1 };
  if (/^(?:° ?c|degrees? (?:celsius|centigrade))/.test(word)) return { unit: 'degC', factor: 1 };
  if (/^(?:km²|km2|sq\.? ?km|square (?:kilomet|km))/.test(word)) return { unit: 'km2', factor: 1 };
  if (/^(?:mi²|sq\.? ?mi|square mile)/.test(word)) return { unit: 'mi2', factor: 1 };
  if (/^(?:km|kilomet)/.test(word)) return { unit: 'km', factor: 1 };
  if (/^nautical/.test(word)) return { unit: 'nmi', factor: 1 };
  if (/^square (?:feet|foot)/.test(word)) return { unit: 'sq ft', factor: 1 };
  if (/^(?:mile)/.test(word)) return { unit: 'mi', factor: 1 };
  if (/^millimet/.test(word)) return { unit: 'mm', factor: 1 };
  if (/^centimet/.test(word)) return { unit: 'cm', factor: 1 };
  if (/^met(?:er|re)/.test(word)) return { unit: 'm', factor: 1 };
  if (/^(?:feet|foot)$/.test(word)) return { unit: 'ft', factor: 1 };
  if (/^(?:ha|hectare)/.test(word)) return { unit: 'ha', factor: 1 };
  if (/^acre/.test(word)) return { unit: 'acre', factor: 1 };
  if (/(?:tonne|ton)/.test(word)) return { unit: 't', factor: 1 };
  if (/^(?:kg|kilogram)/.test(word)) return { unit: 'kg', factor: 1 };
  if (/^lbs?$/.test(word)) return { unit: 'lb', factor: 1 };
  if (/^pound/.test(word)) return { unit: poundsAreMass(text, start, end) ? 'lb' : 'GBP', factor: 1 };
  if (/(?:oz|ounce)/.test(word)) return { unit: 'oz', factor: 1 };
  // energy before power: "megawatt-hours" and "MWh" are not megawatts
  const energy = /^(k|m|g|t|kilo|mega|giga|tera)w(?:h|att[-‐‑\s]hour)/.exec(word);
  if (energy) return { unit: `${WATT_PREFIXES[energy[1]]}Wh`, factor: 1 };
  const power = /^(k|m|g|t|kilo|mega|giga|tera)w/.exec(word);
  if (power) return { unit: `${WATT_PREFIXES[power[1]]}W`, factor: 1 };
  if (/^decade/.test(word)) return { unit: 'years', factor: 10 };
  if (/^year/.test(word)) return { unit: 'years', factor: 1 };
  if (/^month/.test(word)) return { unit: 'months', factor: 1 };
  if (/^week/.test(word)) return { unit: 'weeks', factor: 1 };
  if (/^day/.test(word)) return { unit: 'days', factor: 1 };
  if (/^minute/.test(word)) return { unit: 'minutes', factor: 1 };
  if (/^second/.test(word)) return { unit: 'seconds', factor: 1 };
  return { unit: 'hours', factor: 1 };
}

const WATT_PREFIXES: Record<string, string> = { k: 'k', kilo: 'k', m: 'M', mega: 'M', g: 'G', giga: 'G', t: 'T', tera: 'T' };

/** Units that measure a length of time: their figures describe a period, and they read in words ("37 years"). */
export const DURATION_UNITS: ReadonlySet<string> = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds']);

/** "50 billion pounds" of copper is a weight; "5 million pounds" paid is sterling. The nearest clue wins. */
function poundsAreMass(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 40);
  const of = /^\s+of\s+(?:the\s+)?([\p{L}-]+)/u.exec(after);
  if (of) {
    MONEY_WORDS.lastIndex = 0;
    return !MONEY_WORDS.test(of[1]);
  }
  const before = text.slice(Math.max(0, start - 100), start);
  const last = (re: RegExp): number => {
    re.lastIndex = 0;
    let at = -1;
    for (let m = re.exec(before); m; m = re.exec(before)) at = m.index;
    return at;
  };
  const mass = last(MASS_WORDS);
  const money = last(MONEY_WORDS);
  return mass > money;
}

function currencyCode(sign: string): string {
  const s = sign.replace(/\s/g, '');
  switch (s) {
    case '$':
    case 'US$':
    case 'U.S.$':
    case 'USD':
      return 'USD';
    case 'A$':
    case 'AU$':
    case 'AUD':
      return 'AUD';
    case 'C$':
    case 'CA$':
    case 'CAD':
      return 'CAD';
    case 'HK$':
      return 'HKD';
    case 'NZ$':
      return 'NZD';
    case 'S$':
      return 'SGD';
    case '£':
    case 'GBP':
      return 'GBP';
    case '€':
    case 'EUR':
      return 'EUR';
    case '¥':
    case 'JPY':
      return 'JPY';
    case '₹':
    case 'INR':
      return 'INR';
    case 'CNY':
    case 'RMB':
      return 'CNY';
    default:
      return 'PKR'; // Rs, Rs., PKR
  }
}

function dollarCode(prefix: string | undefined): string {
  switch ((prefix ?? '').toLowerCase().replace(/\s+/g, ' ')) {
    case 'australian':
      return 'AUD';
    case 'canadian':
      return 'CAD';
    case 'hong kong':
      return 'HKD';
    case 'singapore':
      return 'SGD';
    case 'new zealand':
      return 'NZD';
    default:
      return 'USD';
  }
}

/** Avoids 1.4 * 1e9 = 1399999999.9999998. */
function round(value: number, decimals: number): number {
  if (Number.isInteger(value)) return value;
  const fixed = Number(value.toPrecision(15));
  return decimals > 0 && Math.abs(fixed) < 1e6 ? Number(fixed.toFixed(decimals)) : fixed;
}

// ---------------------------------------------------------------------------------------------------
// Search phrases and display

/**
 * Normalises a search query or phrase to a number: "845m", "$845 million", "US$845m" → 845000000 (USD when
 * a currency is written, else no unit); "29%", "29 percent" → 29 percent. Counts have no unit (they match
 * any amount with that value). Falls back to a plain number in the phrase ("2030"); undefined when there
 * is none.
 */
export function parseQuantity(query: string): { value: number; unit?: Unit } | undefined {
  const text = query.trim().slice(0, 400);
  if (!text) return undefined;
  const [first] = findQuantities(text);
  if (first) return first.unit === 'count' ? { value: first.value } : { value: first.value, unit: first.unit };
  const bare = /(?:^|[^\p{L}\p{N}])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/u.exec(text);
  if (!bare) return undefined;
  const value = parseDigits(bare[1]);
  return value === undefined ? undefined : { value };
}

const CURRENCY_SIGNS: Record<string, string> = { USD: 'US$', GBP: '£', EUR: '€', PKR: 'Rs ', INR: '₹', JPY: '¥', AUD: 'A$', CAD: 'C$' };
const UNIT_LABELS: Record<string, string> = {
  lb: 'lb',
  oz: 'oz',
  km2: 'km²',
  mi2: 'sq mi',
  km: 'km',
  mi: 'mi',
  t: 't',
  kg: 'kg',
  ha: 'ha',
  nmi: 'nmi',
  'sq ft': 'sq ft',
  m: 'm',
  mm: 'mm',
  cm: 'cm',
  ft: 'ft',
  kW: 'kW',
  MW: 'MW',
  GW: 'GW',
  TW: 'TW',
  kWh: 'kWh',
  MWh: 'MWh',
  GWh: 'GWh',
  TWh: 'TWh',
  bp: 'bp',
  degF: '°F',
  degC: '°C',
};

/** A value for display: "US$845 million", "29%", "50 billion lb", "600,000 km²", "37 years", "600". */
export function formatQuantity(value: number, unit: Unit): string {
  const amount = formatNumber(value, unit !== 'percent' && unit !== 'percentage points' && unit !== 'years');
  if (unit === 'percent') return `${amount}%`;
  if (unit === 'percentage points') return `${amount} percentage points`;
  if (unit === 'count') return amount;
  if (DURATION_UNITS.has(unit)) return `${amount} ${value === 1 ? unit.replace(/s$/, '') : unit}`;
  if (UNIT_LABELS[unit]) return `${amount} ${UNIT_LABELS[unit]}`;
  if (CURRENCY_SIGNS[unit]) return `${CURRENCY_SIGNS[unit]}${amount}`;
  if (/^[A-Z]{3}$/.test(unit)) return `${unit} ${amount}`;
  return `${amount} ${unit}`;
}

function formatNumber(value: number, words: boolean): string {
  const abs = Math.abs(value);
  if (words) {
    for (const [scale, name] of [
      [1e18, 'quintillion'],
      [1e15, 'quadrillion'],
      [1e12, 'trillion'],
      [1e9, 'billion'],
      [1e6, 'million'],
    ] as const) {
      if (abs >= scale) return `${trim(value / scale)} ${name}`;
    }
  }
  const [whole, fraction] = trim(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function trim(value: number): string {
  return String(Number(value.toFixed(3)));
}

/**
 * The one rule for "the same number": equal up to floating-point rounding, so 845000000 and 845e6 are the
 * same figure and 854e6 is not.
 */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

/**
 * Whether a number in a note is a figure's amount: the same value in the same unit; a bare number (no unit,
 * nothing counted) may stand for an amount in any unit ("845 million" for US$845 million).
 */
export function sameAmount(quantity: { value: number; unit?: string; counted?: string }, figure: { value: number; unit: string }): boolean {
  const bare = !quantity.unit || (quantity.unit === 'count' && !quantity.counted);
  return sameValue(quantity.value, figure.value) && (bare || quantity.unit === figure.unit);
}
