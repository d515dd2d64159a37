/**
 * A note's text read as its sources: authors, title, outlet, date, URL — the Chicago-style notes policy
 * reports use ("Madiha Afzal, “Title,” Lawfare, January 2025, https://…"; `Agency, "Title," 91 Federal
 * Register 11194, March 9, 2026, https://…`; "see CRS Report R47483, Title, by A and B"). A note may hold
 * prose around its sources, several sources ("…; and …", "See also …") or none at all (an explanatory
 * note: kind "comment", no source invented). Also resolves "Ibid." and short forms ("Afzal, “Title.”") to
 * the note they repeat, and lists the paragraphs citing each note.
 */
import type { Footnote, Source } from './model';
import { parseDate, shared, squeeze, trimEndOf, trimStartOf } from './text';
import { splitNames } from './parse/chrome';

const URL_START = /\b(?:https?:\/\/|www\.)/i;
/** Text that may follow a URL and is not part of it. */
const AFTER_URL = /(?:[,.;]?\s+\(?(?:accessed|retrieved|last\s+(?:accessed|modified|updated)|archived|hereinafter)\b|\s+https?:\/\/)/i;
const IBID = /^(?:ibid|id)\b\.?/i;

/** What a note holds: its sources in order, or none (an explanatory note). */
export interface NoteReading {
  kind: 'source' | 'comment';
  sources: Source[];
}

/** Words that introduce a source inside a note: "See", "See also", "Cf.", "see, for example,". */
const LEAD_IN = /^(?:(?:see(?:\s+also)?|cf\.?|compare)(?:,?\s+(?:for\s+example|e\.g\.),?)?|for\s+example,(?:\s+see,?)?|e\.g\.,)\s+/i;
const MID_LEAD_IN = /,\s+(?:see(?:\s+also)?|cf\.?)(?:,?\s+(?:for\s+example|e\.g\.),?)?\s+/i;
/** A CRS product: "CRS Report R47483, Title, by A and B" ("coordinated by" for a team). */
const CRS_PRODUCT = /^CRS\s+(?:Report|In\s+Focus|Insight|Legal\s+Sidebar|Testimony)\s+[A-Z]{1,3}\d{3,6}\b,?\s*/;
/** A statute or rule cited by its number: the citation is its own title. */
const LEGAL =
  /^(?:(?:New\s+)?Internal\s+Revenue\s+Code\b|\d+\s+U\.S\.C\.|\d+\s+C\.F\.R\.|P\.L\.\s|Public\s+Law\s|\d+\s+Stat\.|(?:CAA|Clean\s+Air\s+Act)\s+Section\b)/;
/** A statute, treaty article or bill section anywhere in a short citation ("UNCLOS Article 156", "Act (43 U.S.C. §§1301 et seq.)"). */
const LEGAL_ANY = /§|\bU\.S\.C\.|\bC\.F\.R\.|\bP\.L\.\s*\d|\bArticles?\s+\d|\bSection\s+\d/;
/** Parts of a note after the title that are neither outlet nor date. */
const DESCRIPTOR_WORDS =
  /^(?:(?:interim\s+)?(?:proposed|final)\s+rule|press\s+release|daily\s+edition|updated|accessed|retrieved|released|published|last\s+modified|website|web\s+page|(?:vol|no|p|pp)\.)/i;
/** "Publication 501", "Table A-233", "Notice 2025-68" (not "Notice of Intent …"). */
const NUMBERED_PART =
  /^(?:[Vv]olume|[Nn]umber|[Ii]ssue|[Pp]ages?|[Ff]igure|[Tt]able|[Aa]nnex|[Cc]hapter|[Ss]ection|[Aa]ppendix|[Pp]ublication|[Nn]otice|[Rr]eport\s+[Nn]o\.?)\s+[A-Z\d]/;
const isDescriptor = (part: string): boolean => DESCRIPTOR_WORDS.test(part) || NUMBERED_PART.test(part);
/** Words that do not start a source's author: a note that opens with them is prose. */
const NOT_AN_AUTHOR =
  /^(?:footnote|note|notes|above|below|the\s+(?:above|following)|this|these|that|those|it|they|as|for|in|on|at|by|from|with|according|although|because|since|some|several|many|most|other|such)\b/i;

/** Reads one note's text into its first Source (authors empty when the note cites nothing). Never throws. */
export function parseSource(noteText: string): Source {
  return readNote(noteText).sources[0] ?? { authors: [] };
}

/**
 * Reads a note: its sentences, the sources they cite (after "see", one per "; and …" or sentence) and
 * whether it is only a comment. Never throws; fields it cannot find are left out.
 */
export function readNote(noteText: string): NoteReading {
  // "(hereinafter EPA Inventory)" names a short form for later notes; it is not part of this source
  const text = squeeze(noteText)
    .replace(/\s*\(hereinafter\s[^()]{0,200}\)/gi, '')
    .replace(/(\d),((?:19|20)\d{2})\b/g, '$1, $2');
  const sources: Source[] = [];
  for (const sentence of noteSentences(text)) {
    const lead = leadIn(sentence);
    for (const piece of splitTopLevel(lead.rest)) {
      const source = citation(piece, lead.introduced);
      if (source) sources.push(source);
    }
  }
  return { kind: sources.length ? 'source' : 'comment', sources };
}

/** The text after "See …" or "For more on X, see …", and whether such words introduced it. */
function leadIn(sentence: string): { rest: string; introduced: boolean } {
  const start = LEAD_IN.exec(sentence);
  if (start) return { rest: sentence.slice(start[0].length), introduced: true };
  // only outside quotes and before any URL: "For more on X, see CRS Report …"
  const head = sentence.slice(0, firstOf(sentence, ['"', '“', 'http']));
  const mid = MID_LEAD_IN.exec(head);
  if (mid) return { rest: sentence.slice(mid.index + mid[0].length), introduced: true };
  return { rest: sentence, introduced: false };
}

function firstOf(text: string, needles: string[]): number {
  let at = text.length;
  for (const needle of needles) {
    const i = text.indexOf(needle);
    if (i >= 0 && i < at) at = i;
  }
  return at;
}

/** Abbreviations whose period does not end a note's sentence. */
const NOTE_ABBREVIATION =
  /(?:^|[\s(])(?:\p{Lu}|(?:\p{L}\.)+\p{L}|U\.S\.C|C\.F\.R|Stat|al|Sen|Rep|Gov|Pres|Sec|Dept|No|Nos|no|nos|vol|Vol|p|pp|para|ch|sec|art|Inc|Co|Corp|Ltd|Jr|Sr|Dr|Mr|Mrs|Ms|St|Univ|Assn|Intl|Ed|eds|ed|v|vs|e\.g|i\.e|cf|Cf|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$/u;
const CLOSERS = '"”’)]';

/**
 * The sentences of a note: split after . ? ! (and any closing quotes) followed by a space and a capital,
 * a digit or an opening quote, never inside quotes, never after an abbreviation ("U.S.C.", "et al.",
 * "Elizabeth A. Myers"). One pass.
 */
export function noteSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inStraight = false;
  let curly = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inStraight = !inStraight;
    else if (ch === '“') curly++;
    else if (ch === '”') curly = Math.max(0, curly - 1);
    if (ch !== '.' && ch !== '?' && ch !== '!') continue;
    let j = i + 1;
    let straight: boolean = inStraight;
    let c: number = curly;
    while (j < text.length && CLOSERS.includes(text[j]!)) {
      if (text[j] === '"') straight = !straight;
      else if (text[j] === '”') c = Math.max(0, c - 1);
      j++;
    }
    if (straight || c > 0) continue;
    if (text[j] !== ' ' || !/[\p{Lu}\p{N}"“‘(]/u.test(text[j + 1] ?? '')) continue;
    // "Executive Order (E.O.) 14285": an abbreviation inside parentheses ends no sentence either
    if (ch === '.' && (j === i + 1 || text.slice(i + 1, j) === ')') && NOTE_ABBREVIATION.test(text.slice(Math.max(start, i - 10), i)))
      continue;
    out.push(text.slice(start, j));
    start = j + 1;
    inStraight = straight;
    curly = c;
    i = j;
  }
  if (start < text.length) out.push(text.slice(start));
  return out.map(s => s.trim()).filter(Boolean);
}

/** Splits at "; " (and "; and ") outside quotes and parentheses: several sources in one sentence. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  let straight = false;
  let curly = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') straight = !straight;
    else if (ch === '“') curly++;
    else if (ch === '”') curly = Math.max(0, curly - 1);
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (!straight && curly === 0 && depth === 0 && ch === ',' && text.startsWith(' and CRS ', i + 1)) {
      // "see CRS In Focus IF12780, Title, and CRS Report R46909, Title, by …": two products
      out.push(text.slice(start, i));
      start = i + 6;
    } else if (ch === ';' && !straight && curly === 0 && depth === 0 && text[i + 1] === ' ') {
      out.push(text.slice(start, i));
      start = i + 2;
      if (text.startsWith('and ', start)) start += 4;
    }
  }
  out.push(text.slice(start));
  return out.map(s => s.trim()).filter(Boolean);
}

/**
 * One citation read into a Source, or undefined when the text is prose rather than a citation. `introduced`:
 * "See" or "For more, see" stood before it, so a plain "Agency, Title" counts.
 */
function citation(piece: string, introduced: boolean): Source | undefined {
  let text = piece;
  const source: Source = { authors: [] };
  const urlAt = text.search(URL_START);
  if (urlAt >= 0) {
    let url = text.slice(urlAt);
    const after = AFTER_URL.exec(url);
    if (after) url = url.slice(0, after.index);
    url = trimEndOf(trimEndOf(url.startsWith('<') ? url.slice(1) : url, '>'), '.,;:').trim();
    if (url) source.url = url;
    text = text.slice(0, urlAt);
  }
  text = trimEndOf(text, ',.;:', true);
  text = text.replace(LEAD_IN, '').replace(/^the\s+(?=\p{Lu})/u, '');
  if (!text) return source.url ? source : undefined;

  const crs = CRS_PRODUCT.exec(text);
  if (crs) {
    // the title may hold commas; the authors follow the last ", by"
    const rest = text.slice(crs[0].length);
    const by = /,\s+(?:by|coordinated\s+by)\s+/g;
    let at = -1;
    let len = 0;
    for (let m = by.exec(rest); m; m = by.exec(rest)) {
      at = m.index;
      len = m[0].length;
    }
    const title = trimEndOf((at >= 0 ? rest.slice(0, at) : rest).trim(), ',.;:');
    if (title) source.title = title;
    if (at >= 0) source.authors = authorsOf(rest.slice(at + len));
    source.container = 'CRS';
    return ordered(source);
  }

  const quote = findQuotedTitle(text);
  // a quoted title stands first or after "Author, " — a quotation inside prose does not
  const before = quote ? text.slice(0, quote.start) : '';
  const byline = splitParts(trimEndOf(before.trim(), ',;:').replace(/\s+website$/i, ''));
  if (
    quote &&
    (quote.start === 0 || /(?:,|\bet\s+al\.)\s*$/.test(before)) &&
    (byline.length === 0 || (bylineLike(byline[0]!) && !NOT_AN_AUTHOR.test(byline[0]!)))
  ) {
    source.title = quote.title;
    if (byline.length > 1 && !byline.every(looksLikeName)) {
      source.authors = authorsOf(byline[0]!);
      // "House of Representatives, Congressional Record, “Title,”": an agency and its outlet; a person's
      // role ("Member of the Board of Governors") or a debate is neither author nor outlet
      const outlet = byline[1]!;
      if (!looksLikeName(byline[0]!) && byline.length === 2 && bylineLike(outlet) && !/\d/.test(outlet)) source.container = outlet;
    } else source.authors = authorsOf(byline.join(', '));
    fillRest(source, text.slice(quote.end));
    return ordered(source);
  }
  if ((LEGAL.test(text) || LEGAL_ANY.test(text)) && text.length <= 160 && bylineLike(text.replace(/\([^()]*\)/g, ' '))) {
    source.title = text;
    return ordered(source);
  }

  // a book: "Author, Title (New York: Publisher, 2021), p. 184"
  const book = /\s*\(([^():]{2,60}):\s*([^()]{2,100}?),\s*((?:19|20)\d{2})\)/.exec(text);
  if (book && bylineLike(text.slice(0, Math.max(0, text.indexOf(','))))) {
    source.container = book[2]!.trim();
    source.date = book[3];
    text = text.slice(0, book.index) + text.slice(book.index + book[0].length);
  }
  // No quotes: "Author, Title, Outlet, Date" or "Agency, Title, Publication 501, Date".
  const parts = splitParts(text);
  const dated = parts.some(p => parseDate(p, true) !== undefined) || /,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*)?(?:19|20)\d{2}$/.test(text);
  // "IRS, Notice of Intent to Issue Regulations": an agency's short name and a title in title case
  const agencyAndTitle = parts.length === 2 && isAgency(parts[0]!) && isTitleCase(parts[1]!);
  const sourceLike = source.url !== undefined || introduced || (dated && parts.length >= 2) || agencyAndTitle || book !== null;
  // "Pakistan’s economy, IMF, 2024.": a title first, when short and dated
  const titleFirst = !bylineLike(parts[0]!) && dated && parts.length >= 3 && parts[0]!.split(' ').length <= 12;
  if (!sourceLike || (!bylineLike(parts[0]!) && !titleFirst) || NOT_AN_AUTHOR.test(parts[0]!))
    return source.url ? ordered(source) : undefined;
  let i = 0;
  if (
    !titleFirst &&
    (parts.length >= 3 || agencyAndTitle || (introduced && parts.length === 2 && isAgency(parts[0]!))) &&
    !isStop(parts[1] ?? '1')
  ) {
    source.authors = authorsOf(parts[i++]!);
    // "White House, Office of Science and Technology Policy, Title": the agency's office is part of the author;
    // "New York State Department of Environmental Conservation, New York State Department of Public Service,
    // Title": two agencies are two authors. Only while a title still follows.
    while (
      source.authors.length === 1 &&
      ORGANISATION.test(source.authors[0]!) &&
      i + 1 < parts.length &&
      !isStop(parts[i + 1]!) &&
      bylineLike(parts[i]!) &&
      ORGANISATION.test(parts[i]!)
    ) {
      if (SUB_UNIT.test(parts[i]!)) source.authors = [`${source.authors[0]}, ${parts[i++]}`];
      else source.authors.push(parts[i++]!);
    }
  }
  // a title may hold a serial list: "Dependents, Standard Deduction, and Filing Information"
  let end = i + 1;
  for (let k = i + 1; k < parts.length && !isStop(parts[k]!); k++) if (/^(?:and|or)\s/.test(parts[k]!)) end = k + 1;
  const title = parts.slice(i, end).join(', ');
  if (title && !isStop(title)) source.title = title.replace(/\.$/, '');
  fillRest(source, parts.slice(end).join(', '));
  return ordered(source);
}

/** Outlet and date from what follows the title: "91 Federal Register 11194, 11197, March 9, 2026". */
function fillRest(source: Source, rest: string): void {
  // "March 2025, released September 2025": the release is the source's date
  const released = /\b(?:released|published)\s+([^,]{4,40})/i.exec(rest);
  const date = (released ? parseDate(released[1]!) : undefined) ?? parseDate(rest);
  if (date) source.date = date;
  if (source.container) return;
  // "speech at the Vienna Macroeconomics Workshop, …, Vienna, Austria": an event and its place, no outlet
  if (EVENT.test(rest.trim())) return;
  const container = withoutDates(rest)
    .split(/[,.]\s+|,|\(/)
    .map(s => trimEndOf(trimStartOf(s, ',.;:', true), ',.;:', true))
    .filter(s => !isDescriptor(s))
    // "91 Federal Register 11194": the journal between its volume and page
    .map(s => s.replace(/^\d+\s+(?=\p{L})/u, '').replace(/(?<=\p{L})\s+\d[\d-]*$/u, ''))
    .find(s => s.length > 0 && !parseDate(s, true) && !/^\d/.test(s) && /^[\p{Lu}\p{N}]/u.test(s));
  if (container) source.container = container;
}

/** What follows the title of a talk: "speech at …", "remarks before …", "testimony before …". */
const EVENT = /^,?\s*(?:speech|remarks|keynote|address|testimony|presentation|statement)\s+(?:at|to|before|delivered)\b/i;

const MONTH_DATE =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?:19|20)\d{2}\b|\b\d{1,2}\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\s+(?:19|20)\d{2}\b/g;

/** The text with its dates taken out, so "March 9, 2026" never leaves "March 9" behind as an outlet. */
function withoutDates(text: string): string {
  return text.replace(MONTH_DATE, ' ');
}

/** Comma parts outside parentheses and quotes. */
function splitParts(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map(s => s.trim()).filter(Boolean);
}

/** A part that ends a title: a date, a number, "Publication 501", "final rule", "p. 12". */
function isStop(part: string): boolean {
  return (
    parseDate(part, true) !== undefined ||
    /^\d[\d\s,.:;()-]*$/.test(part) ||
    /^\d+\s+(?:Federal\s+Register|U\.S\.C|C\.F\.R|Stat)\b/.test(part) ||
    isDescriptor(part) ||
    /^\p{Lu}+-\d/u.test(part)
  );
}

/** Text that can stand before a title as its author or agency: a few capitalised words, no sentence. */
function bylineLike(text: string): boolean {
  const t = trimEndOf(text.trim(), ',;:').trim();
  if (t === '') return true;
  if (t.length > 160 || /\p{Ll}{3}[.?!]["”]?\s+\p{Lu}/u.test(t)) return false;
  const words = t
    .replace(/\([^()]*\)/g, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  const small = words.filter(w => /^\p{Ll}/u.test(w) && !/^(?:of|the|and|for|on|in|to|at|de|la|du|von|van|der|et|al\.?|&)$/.test(w));
  // "The IRS explains that", "Since contributions …": a clause, not a byline
  return small.length === 0;
}

/** "IRS", "EPA", "Department of the Treasury": a short capitalised name. */
function isAgency(part: string): boolean {
  return (
    /^\p{Lu}{2,8}$/u.test(part) ||
    (looksLikeName(part) &&
      /\b(?:Department|Agency|Bureau|Office|Service|Administration|Commission|Council|Institute|Bank|Fund|Board|Congress|Senate|House)\b/.test(
        part,
      ))
  );
}

/** Most words capitalised: a title, not a clause. */
function isTitleCase(part: string): boolean {
  const words = part.split(/\s+/).filter(w => !/^(?:of|the|and|or|for|on|in|to|at|a|an|with|by|from|vs?\.?)$/.test(w));
  return words.length >= 2 && words.filter(w => /^[\p{Lu}\p{N}]/u.test(w)).length >= 0.8 * words.length;
}

function looksLikeName(part: string): boolean {
  const words = part
    .replace(/^(?:and|&)\s+/, '')
    .replace(/\s+et\s+al\.?$/, '')
    .trim()
    .split(/\s+/);
  return words.length >= 2 && words.length <= 5 && words.every(w => /^[\p{Lu}][\p{L}.'’-]*$/u.test(w));
}

/** Words of an organisation's name: "Securities and Exchange Commission", "Office of Science and Technology Policy". */
const ORGANISATION =
  /\((?:\p{Lu}|&)+\)|\b(?:Administration|Agency|Association|Authority|Bank|Board|Bureau|Center|Centre|Commission|Committee|Council|Department|Foundation|Fund|House|Institute|Ministry|Office|Organi[sz]ation|Service|Subcommittee|University)\b/u;
/** An office of the agency named before it ("Office of …", "Subcommittee on …"), not an agency of its own. */
const SUB_UNIT = /^(?:Office|Subcommittee|Committee|Bureau|Division|Directorate|Branch|Program|Staff)\s+(?:of|on|for)\b/;

/** "A, B, and C", "Jeffrey S. Rutherford et al." (the first author stands for all), an agency. */
function authorsOf(text: string): string[] {
  const t = trimEndOf(text.trim(), ',;:')
    .trim()
    .replace(/\s+et\s+al\.?$/i, '');
  if (!t) return [];
  const names = splitNames(t);
  // "Securities and Exchange Commission": an agency's name, not two people
  return names.length > 1 && (names.some(n => !n.includes(' ')) || ORGANISATION.test(t)) ? [t] : names;
}

function ordered(source: Source): Source {
  // fields in the model's order, so JSON output reads naturally; made in one literal, so V8 keeps them in
  // the object itself (fields added one by one went to a second store), and outlets, dates and authors
  // shared with every other note naming them (a library holds hundreds of thousands of sources)
  return {
    authors: source.authors.map(shared),
    ...(source.title ? { title: source.title } : {}),
    ...(source.container ? { container: shared(source.container) } : {}),
    ...(source.date ? { date: shared(source.date) } : {}),
    ...(source.url ? { url: source.url } : {}),
  };
}

function findQuotedTitle(text: string): { title: string; start: number; end: number } | undefined {
  const curly = text.indexOf('“');
  const straight = text.indexOf('"');
  const useCurly = curly >= 0 && (straight < 0 || curly < straight);
  const open = useCurly ? curly : straight;
  if (open >= 0) {
    const close = text.indexOf(useCurly ? '”' : '"', open + 1);
    if (close >= 0) {
      const title = trimEndOf(text.slice(open + 1, close).trim(), ',.;:').trim();
      if (title) return { title, start: open, end: close + 1 };
    }
  }
  // British style: ‘Title’, — an opening ‘ after a space or at the start, closed by ’ before punctuation or the end
  const single = /(?:^|\s)‘([^‘’]{2,300}?)[,.]?’(?=[\s,.;:]|$)/.exec(text);
  if (single) {
    const start = single.index + (single[0].startsWith('‘') ? 0 : 1);
    return { title: trimEndOf(single[1].trim(), ',.;:'), start, end: single.index + single[0].length };
  }
  return undefined;
}

export function isIbid(noteText: string): boolean {
  return IBID.test(noteText.trim());
}

/**
 * Characters NFKD may change: anything past ASCII but the dashes and curly quotes notes are full of. Most
 * titles have none, and normalising costs more than the rest of reading a note (80,000 notes: 0.7 s).
 */
const NOT_NFKD_STABLE = /[^\x00-\x7f\u2013\u2014\u2018\u2019\u201c\u201d]/;

const normTitle = (title: string) => {
  const lower = title.toLowerCase();
  return (NOT_NFKD_STABLE.test(lower) ? lower.normalize('NFKD') : lower).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
};

/**
 * Which earlier note each note repeats: "Ibid." → the note before it; a short form (only a title, or
 * author + title, without URL or date) → the earlier note with that title. Chains resolve to the original,
 * so `refersTo` always names a note with the full source.
 */
export function resolveReferences(notes: readonly { n: number; text: string; source: Source }[]): Map<number, number> {
  const refers = new Map<number, number>();
  const root = (n: number) => refers.get(n) ?? n;
  // "(hereinafter IEA, 2019)": the short form later notes use for this one ("IEA, 2019." or "LBNL 2024 report, p. 59.")
  const shortForms = new TitleTrie();
  // The titles of earlier notes that repeat nothing, so a short form finds the nearest one equal to its
  // title, a prefix of it or extending it in one walk, not by comparing with every earlier note.
  const titles = new TitleTrie();
  notes.forEach((note, index) => {
    const ibid = isIbid(note.text);
    const short = ibid ? undefined : shortFormUsed(shortForms, note.text);
    const s = note.source;
    const title = s.title === undefined ? undefined : normTitle(s.title);
    if (ibid) {
      if (index > 0) refers.set(note.n, root(notes[index - 1].n));
    } else if (short !== undefined) {
      refers.set(note.n, root(notes[short].n));
    } else if (title !== undefined && title.length >= 6 && !s.url && !s.date && !s.container) {
      const earlier = titles.nearest(title);
      if (earlier !== undefined) refers.set(note.n, notes[earlier].n);
    }
    if (title !== undefined && s.title !== '' && !refers.has(note.n)) titles.add(title, index);
    if (!MAY_NAME_SHORT_FORM.test(note.text)) return;
    // only the note's first source is the note's source: a short form named for a later one ("…; Allseas,
    // “Hidden Gem,” … (hereinafter Allseas, “Hidden Gem”)") would resolve to the first
    const first = splitTopLevel(note.text)[0] ?? '';
    HEREINAFTER.lastIndex = 0;
    for (let m = HEREINAFTER.exec(first); m; m = HEREINAFTER.exec(first)) {
      const name = normTitle(m[1]!);
      if (name.length >= 3) shortForms.add(name, index);
    }
  });
  return refers;
}

const HEREINAFTER = /\(hereinafter,?\s+([^()]{1,200})\)/gi;
/** Few notes name a short form: the others are not split into their sources to look for one. */
const MAY_NAME_SHORT_FORM = /\(hereinafter/i;
/** A word of a locator that may follow a short form ("p 1429", "pp 4 5", "table 2"), normalised. */
const LOCATOR_WORD = /^(?:p|pp|para|paras|ch|sec|section|table|figure|fig|note|at|and|[0-9][0-9a-z]*)$/;

/**
 * The earlier note whose "hereinafter" short form a note's text, or one of its sentences, opens with:
 * "Fan Zhang et al., 2017, p. 1429." after "(hereinafter Fan Zhang et al., 2017)". Whole words only.
 */
function shortFormUsed(shortForms: TitleTrie, text: string): number | undefined {
  // most reports name no short form: then no note's sentences need reading for one
  if (shortForms.empty) return undefined;
  for (const sentence of noteSentences(text).slice(0, 4)) {
    const said = normTitle(sentence);
    const found = shortForms.longestPrefix(said);
    // the short form and at most a locator ("p 1429"): a full source that opens with an agency's name is not one
    const rest = found ? said.slice(found.length).trim() : '';
    if (found && (rest === '' || rest.split(' ').every(word => LOCATOR_WORD.test(word)))) return found.index;
  }
  return undefined;
}

/** A radix tree node: the title spelled by the edges from the root ends here or passes through. */
interface TitleNode {
  edges: Map<string, { label: string; node: TitleNode }>;
  /** the latest note whose title ends here, or -1 */
  here: number;
  /** the latest note whose title ends here or below */
  below: number;
}

/**
 * Normalised titles by note index, added in index order; finds the latest title that equals a title, is a
 * prefix of it or starts with it, in time linear in the title's length (a radix tree keeps memory linear
 * in the number of titles).
 */
class TitleTrie {
  private readonly root: TitleNode = { edges: new Map(), here: -1, below: -1 };

  /** No title added yet. */
  get empty(): boolean {
    return this.root.below < 0;
  }

  add(title: string, index: number): void {
    let node = this.root;
    node.below = index;
    let pos = 0;
    while (pos < title.length) {
      const edge = node.edges.get(title[pos]!);
      if (!edge) {
        node.edges.set(title[pos]!, { label: title.slice(pos), node: { edges: new Map(), here: index, below: index } });
        return;
      }
      let common = 0;
      while (common < edge.label.length && pos + common < title.length && edge.label[common] === title[pos + common]) common++;
      if (common < edge.label.length) {
        // split the edge where the titles part
        const middle: TitleNode = {
          edges: new Map([[edge.label[common]!, { label: edge.label.slice(common), node: edge.node }]]),
          here: -1,
          below: edge.node.below,
        };
        edge.label = edge.label.slice(0, common);
        edge.node = middle;
      }
      node = edge.node;
      node.below = index;
      pos += common;
    }
    node.here = index;
  }

  /** The latest index of the longest title that is `text` or starts it, ending at a word break. */
  longestPrefix(text: string): { index: number; length: number } | undefined {
    let found: { index: number; length: number } | undefined;
    let node = this.root;
    let pos = 0;
    for (;;) {
      if (node.here >= 0 && (pos === text.length || text[pos] === ' ')) found = { index: node.here, length: pos };
      if (pos === text.length) break;
      const edge = node.edges.get(text[pos]!);
      if (!edge || !text.startsWith(edge.label, pos)) break;
      node = edge.node;
      pos += edge.label.length;
    }
    return found;
  }

  /** The latest index whose title equals `title`, is a prefix of it, or starts with it. */
  nearest(title: string): number | undefined {
    let best = -1;
    let node = this.root;
    let pos = 0;
    for (;;) {
      best = Math.max(best, node.here);
      if (pos === title.length) {
        best = Math.max(best, node.below);
        break;
      }
      const edge = node.edges.get(title[pos]!);
      if (!edge) break;
      if (edge.label.length <= title.length - pos) {
        if (!title.startsWith(edge.label, pos)) break;
        node = edge.node;
        pos += edge.label.length;
      } else {
        // the title ends inside this edge: every title below it starts with this one
        if (edge.label.startsWith(title.slice(pos))) best = Math.max(best, edge.node.below);
        break;
      }
    }
    return best >= 0 ? best : undefined;
  }
}

/** Fills what a short form or Ibid. leaves out from the note it repeats. */
export function completeSource(own: Source, referent: Source): Source {
  return {
    authors: own.authors.length ? own.authors : referent.authors,
    title: own.title ?? referent.title,
    container: own.container ?? referent.container,
    date: own.date ?? referent.date,
    url: own.url ?? referent.url,
  };
}

/**
 * The footnotes of a report from its notes and its paragraphs' markers: sources parsed, references resolved,
 * `citedBy` filled. Keys are left empty here; keys.ts assigns them across the library.
 */
export function buildFootnotes(
  notes: readonly { n: number; text: string; url?: string; kind?: 'link'; source?: Source }[],
  paragraphs: readonly { id: string; footnotes: readonly number[] }[],
): Footnote[] {
  const parsed = notes.map((note): { n: number; text: string; source: Source; kind?: Footnote['kind']; sources?: Source[] } => {
    if (note.source) return { n: note.n, text: note.text, source: note.source, kind: note.kind };
    const reading: NoteReading = isIbid(note.text) ? { kind: 'source', sources: [] } : readNote(note.text);
    let source: Source = reading.sources[0] ?? { authors: [] };
    // a URL that sat only in a Markdown link target
    if (!source.url && note.url && !isIbid(note.text)) source = ordered({ ...source, url: note.url });
    const kind: Footnote['kind'] = note.kind ?? (reading.kind === 'comment' && !source.url ? 'comment' : undefined);
    return { n: note.n, text: note.text, source, kind, ...(reading.sources.length > 1 ? { sources: reading.sources } : {}) };
  });
  const refers = resolveReferences(parsed);
  const byN = new Map(parsed.map(p => [p.n, p]));
  const citedBy = new Map<number, string[]>();
  for (const paragraph of paragraphs) {
    for (const n of paragraph.footnotes) {
      const list = citedBy.get(n) ?? [];
      // paragraphs come one at a time: a repeat within one is the last entry (includes() would be quadratic)
      if (list[list.length - 1] !== paragraph.id) list.push(paragraph.id);
      citedBy.set(n, list);
    }
  }
  return parsed.map(p => {
    const refersTo = refers.get(p.n);
    const referent = refersTo === undefined ? undefined : byN.get(refersTo);
    const footnote: Footnote = {
      n: p.n,
      key: '',
      text: p.text,
      // a short form abbreviates its source ("Khan, “Title.”"): the full one is the note it repeats
      source: referent ? completeSource({ authors: [] }, referent.source) : p.source,
      ...(refersTo !== undefined ? { refersTo } : {}),
      ...(p.sources ? { sources: p.sources } : {}),
      ...(p.kind ? { kind: p.kind } : {}),
      // a copy of exact length: the list grew by push, with room for more (~150 bytes a note)
      citedBy: citedBy.get(p.n)?.slice() ?? [],
    };
    return footnote;
  });
}
