/**
 * One search over everything a library holds: sections, paragraphs, notes (with their sources) and figures.
 *
 * Two stages. An inverted index (./compactIndex: BM25 over boosted fields, prefix and typo expansion through
 * MiniSearch's radix tree) finds the best candidates; it replaced MiniSearch's own index after measuring
 * (notes/dependencies.md, bench/): at 30k paragraphs the worst query is ~4× faster and the index half the
 * memory. fuse.js (`ignoreLocation`, so words anywhere in a paragraph count) then re-scores only the best
 * few dozen. Numbers are indexed normalised, as tokens like `n845000000`, so "845m", "$845 million" and
 * "845 million" all meet "US$845 million".
 */
import Fuse, { type FuseResult } from 'fuse.js';
import { CompactIndex, validPrepared, type CompactHit, type IndexSnapshot, type PreparedItems, type TermQuery } from './compactIndex';
import { placeLabel, type Library } from './library';
import type { Figure, Footnote, Paragraph, Report, Section } from './model';
import { findQuantities, parseQuantity, sameValue } from './quantities';
import { formatDate } from './reader';
import { mergeRanges } from './spans';
import { SLICE_MS, nextTurn, runSteps, type Steps } from './steps';
import { FUNCTION_WORDS } from './text';

export type SearchKind = 'section' | 'paragraph' | 'footnote' | 'figure';

/** A found item. `kind`, `reportId` and `id` make it a ReportTarget (id: "s2", "p12", "f3", or the note number). */
export interface SearchHit {
  kind: SearchKind;
  reportId: string;
  id: string;
  /** the main line: figure as written, section title, note title, or the words of a paragraph around the match */
  label: string;
  /** [start, end) ranges of matched words in `label` */
  highlights: [number, number][];
  /** short: the figure's subject, "¶12", "[4]" */
  description: string;
  /** where it is: section and report, or the note's outlet and date */
  detail: string;
  /** where it is in its report, the paragraph number first: "¶7 · New limitations", a note's outlet and date */
  where: string;
  /** the report it is in (shown when several are loaded) */
  reportTitle: string;
  /** higher is better; comparable within one search only */
  score: number;
}

export interface SearchOptions {
  /** at most this many hits (default 50) */
  limit?: number;
  /** only these kinds */
  kinds?: readonly SearchKind[];
  /** only this report */
  reportId?: string;
}

export interface SearchIndex {
  search(query: string, options?: SearchOptions): SearchHit[];
  /** Brings the index up to date with a new library: re-indexes only reports that changed. */
  update(library: Library, options?: IndexOptions): void;
  /** Like update, with a turn of the event loop after every report and every `chunkSize` items of a big one. */
  updateAsync(library: Library, options?: IndexOptions): Promise<void>;
  /** number of indexed items */
  readonly size: number;
}

/**
 * An indexed item: only what finds it again in the library. Its words, description and detail are read from
 * the report when it is a candidate or a shown hit, never kept per item (tens of thousands at 500 reports).
 */
interface SearchDoc {
  key: number;
  kind: SearchKind;
  report: Report;
  id: string;
  item: Section | Paragraph | Footnote | Figure;
}

/** What an item is searched by; `nums` (normalised number tokens, space-separated) is only indexed. */
interface SearchFields {
  /** figure as written, section title, note title */
  label: string;
  /** a figure's subject */
  subject: string;
  /** paragraph text, note text */
  text: string;
  /** a note's outlet, authors, date */
  source: string;
  nums: string;
}

/**
 * A report's items tokenised and weighed (prepareReportIndex), by report: a host that kept them (the library
 * cache) hands them in so the index is built without reading the reports' text again.
 */
export type PreparedIndexes = (report: Report) => PreparedItems | undefined;

export interface IndexOptions {
  /** reports' items already tokenised and weighed (the library cache); checked, and ignored if they do not fit */
  prepared?: PreparedIndexes;
  /** items tokenised between two looks at the clock (default 100: ~20 ms of work on a busy machine) */
  chunkSize?: number;
}

/** Longest query looked at: beyond this, a query is someone pasting a page. */
const MAX_QUERY = 200;
const MAX_TERMS = 12;
// fuse.js re-scores this many MiniSearch candidates: its cost is linear in their text (bitap over every
// paragraph), ~0.05 ms a paragraph, so 250 paragraphs alone cost ~12 ms a keystroke.
const CANDIDATES = 80;
/**
 * fuse.js re-scores at most this many characters of a field: its bitap search spreads every match index into
 * one call, which overflows the stack on a crafted paragraph of hundreds of thousands of words. The compact
 * index has already matched the whole text; the opening stretch is enough to re-score it.
 */
const FUSE_FIELD_CHARS = 20_000;
const WORD = /[\p{L}\p{N}]+/gu;
/**
 * A word with its hyphenated parts ("F-35", "COVID-19", "U.S.-China"): one pass, as the hyphen between
 * parts is no letter, no part can be matched two ways (linear).
 */
const COMPOUND = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;

/** Builds the index in one go (fast enough for a few reports; see buildSearchIndex for big libraries). */
export function createSearchIndex(library: Library): SearchIndex {
  const index = new LibrarySearch();
  index.update(library);
  return index;
}

/** Builds the index with a turn of the event loop after every report, so a big library never blocks typing. */
export async function buildSearchIndex(library: Library, options?: IndexOptions): Promise<SearchIndex> {
  const index = new LibrarySearch();
  await index.updateAsync(library, options);
  return index;
}

/** A library's whole search index, its items numbered report by report in the library's order. */
export interface LibraryIndexSnapshot {
  index: IndexSnapshot;
  /** each report's number of items, in the library's order */
  counts: Uint32Array;
}

/**
 * The index of `library` as a snapshot, for the library cache; undefined when the index does not hold exactly
 * this library, frozen (an update under way), or changed while the steps ran: the caller asks again later.
 */
export function* searchIndexSnapshot(index: SearchIndex, library: Library): Steps<LibraryIndexSnapshot | undefined> {
  if (!(index instanceof LibrarySearch)) return undefined;
  return yield* index.snapshotSteps(library);
}

/**
 * The index of `library` from a snapshot of the same reports' items (the library cache checks that they are
 * the same files, contents and parser version, in the same order), or why not: the snapshot is checked whole,
 * and each report must have as many items as the snapshot gives it. The caller builds the index afresh then.
 */
export function* restoreSearchIndex(library: Library, snapshot: LibraryIndexSnapshot): Steps<SearchIndex | string> {
  if (snapshot.counts.length !== library.reports.length) return 'another number of reports';
  const index = new LibrarySearch();
  const why = yield* index.restoreSteps(library, snapshot);
  return why ?? index;
}

const FIELDS = [
  { name: 'label', boost: 3 },
  { name: 'subject', boost: 2 },
  { name: 'source', boost: 1.5 },
  { name: 'text', boost: 1 },
  { name: 'nums', boost: 4 },
];

/** Prepared items from a cache are used only when they are whole and are this report's items. */
function fits(prepared: PreparedItems | undefined, docs: readonly SearchDoc[]): prepared is PreparedItems {
  return prepared !== undefined && validPrepared(prepared, docs.length);
}

/** A fresh index's preparer: tokenising and weighing depend on nothing but the fields and the term rules. */
const preparer = new CompactIndex(FIELDS, tokenize, normaliseTerm);

/** A report's searchable items tokenised and weighed, for the library cache (see PreparedIndexes). */
export function prepareReportIndex(report: Report): PreparedItems {
  return runSteps(prepareReportIndexSteps(report));
}

/** prepareReportIndex in steps, for a host that must not be held (the library cache's reads). */
export function prepareReportIndexSteps(report: Report): Steps<PreparedItems> {
  return preparer.prepareSteps(
    mapIterable(
      documentsOf(report, () => 0),
      doc => indexFieldsOf(doc),
    ),
  );
}

/** The kinds of item, by the small number the index keeps per item. */
const KINDS: readonly SearchKind[] = ['section', 'paragraph', 'footnote', 'figure'];

class LibrarySearch implements SearchIndex {
  /**
   * Per item key: the item, its report and its kind (KINDS). Plain arrays, not an object per item: a
   * library of 2,000 reports has ~300k items, and a search builds a SearchDoc only for its candidates.
   */
  private readonly items: (SearchDoc['item'] | undefined)[] = [];
  private readonly owners: (Report | undefined)[] = [];
  private kinds = new Uint8Array(1024);
  private live = 0;
  /** each indexed report's items: keys first … first + count − 1 */
  private readonly indexed = new Map<string, { report: Report; first: number; count: number }>();
  private nextKey = 1;
  private library: Library | undefined;
  private readonly index = new CompactIndex(FIELDS, tokenize, normaliseTerm);

  get size(): number {
    return this.live;
  }

  update(library: Library, options: IndexOptions = {}): void {
    this.library = library;
    for (const report of this.changedReports(library)) {
      const docs = this.addDocs(report);
      const prepared = options.prepared?.(report);
      this.index.addPrepared(docs[0]?.key ?? 0, fits(prepared, docs) ? prepared : this.index.prepare(docs.map(indexFieldsOf)));
    }
    this.index.freeze();
  }

  async updateAsync(library: Library, options: IndexOptions = {}): Promise<void> {
    this.library = library;
    const chunkSize = options.chunkSize ?? 100;
    // a turn of the event loop whenever a slice of work is used up, not after every report: a turn costs
    // ~1 ms of waiting, and a warm start adds a cached report's items in well under that
    let until = Date.now() + SLICE_MS;
    const turn = async () => {
      if (Date.now() < until) return;
      await nextTurn();
      until = Date.now() + SLICE_MS;
    };
    for (const report of this.changedReports(library)) {
      // a newer update may have replaced the library meanwhile: the newest one wins
      if (this.library !== library) return;
      const docs = this.addDocs(report);
      const prepared = options.prepared?.(report);
      if (fits(prepared, docs)) {
        this.index.addPrepared(docs[0]?.key ?? 0, prepared);
      } else {
        for (let at = 0; at < docs.length; at += chunkSize) {
          const chunk = docs.slice(at, at + chunkSize);
          // in steps too: a hundred long paragraphs of a big report held the host ~50 ms at once
          const preparing = this.index.prepareSteps(mapIterable(chunk, indexFieldsOf));
          let prepared = preparing.next();
          while (!prepared.done) {
            await turn();
            prepared = preparing.next();
          }
          this.index.addPrepared(chunk[0]!.key, prepared.value);
          await turn();
        }
      }
      await turn();
    }
    // the whole library's step (sorting the new terms, freezing the postings) in slices too
    const freezing = this.index.freezeSteps();
    for (;;) {
      if (this.library !== library) {
        freezing.return(undefined);
        return;
      }
      if (freezing.next().done) return;
      await turn();
    }
  }

  *snapshotSteps(library: Library): Steps<LibraryIndexSnapshot | undefined> {
    if (this.library !== library || this.indexed.size !== library.reports.length) return undefined;
    const renumber = new Uint32Array(this.nextKey);
    const counts = new Uint32Array(library.reports.length);
    let next = 1;
    for (const [i, report] of library.reports.entries()) {
      const entry = this.indexed.get(report.id);
      if (entry?.report !== report) return undefined;
      for (let key = entry.first; key < entry.first + entry.count; key++) renumber[key] = next++;
      counts[i] = entry.count;
    }
    const index = yield* this.index.snapshotSteps(renumber, next - 1);
    // the library may have moved on during the steps: the snapshot would not be its index
    return index && this.library === library ? { index, counts } : undefined;
  }

  *restoreSteps(library: Library, snapshot: LibraryIndexSnapshot): Steps<string | undefined> {
    this.library = library;
    let keys = 0;
    for (const [i, report] of library.reports.entries()) {
      const count = this.addDocs(report).length;
      if (count !== snapshot.counts[i]) return `${report.id}: ${count} items where the snapshot has ${snapshot.counts[i]}`;
      keys += count;
      yield;
    }
    if (keys + 1 !== snapshot.index.lengths.length) return 'another number of items';
    return yield* this.index.restoreSteps(snapshot.index);
  }

  /** Drops reports that left or changed; returns the reports that must be (re)indexed. */
  private changedReports(library: Library): Report[] {
    const wanted = new Map(library.reports.map(r => [r.id, r]));
    for (const [id, entry] of this.indexed) {
      if (wanted.get(id) !== entry.report) {
        for (let key = entry.first; key < entry.first + entry.count; key++) {
          this.items[key] = undefined;
          this.owners[key] = undefined;
          this.index.discard(key);
        }
        this.live -= entry.count;
        this.indexed.delete(id);
      }
    }
    return library.reports.filter(r => !this.indexed.has(r.id));
  }

  /** Registers a report's items under fresh keys (consecutive, in documentsOf order); the caller indexes them. */
  private addDocs(report: Report): SearchDoc[] {
    const docs = [...documentsOf(report, () => this.nextKey++)];
    if (this.kinds.length < this.nextKey) {
      const kinds = new Uint8Array(Math.max(this.nextKey, this.kinds.length * 2));
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    for (const doc of docs) {
      this.items[doc.key] = doc.item;
      this.owners[doc.key] = report;
      this.kinds[doc.key] = KINDS.indexOf(doc.kind);
    }
    this.live += docs.length;
    this.indexed.set(report.id, { report, first: docs[0]?.key ?? this.nextKey, count: docs.length });
    return docs;
  }

  /** The indexed item under a key, or undefined once its report left or changed. */
  private doc(key: number): SearchDoc | undefined {
    const item = this.items[key];
    const report = this.owners[key];
    if (!item || !report) return undefined;
    const kind = KINDS[this.kinds[key]!]!;
    return { key, kind, report, id: kind === 'footnote' ? String((item as Footnote).n) : (item as Section | Paragraph | Figure).id, item };
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.min(options.limit ?? 50, 1000));
    const parsed = parseSearchQuery(query);
    if (!parsed || limit === 0) return [];
    const kinds = options.kinds?.length ? new Set(options.kinds) : undefined;
    const filter = (key: number) => {
      const report = this.owners[key];
      return !!report && (!kinds || kinds.has(KINDS[this.kinds[key]!]!)) && (!options.reportId || report.id === options.reportId);
    };
    // The last word is still being typed unless the query ends in a space: only it gets prefix matching,
    // and typo tolerance only once it is long enough for a typo to be told from a prefix.
    const typing = !/\s$/.test(query);
    const lastWord = parsed.words.length - 1;
    const queries: TermQuery[] = parsed.words.map((term, i) => ({
      term,
      // one typo in a short word ("dik"), two in a longer one ("tarrif"); numbers are never fuzzy
      fuzzy: /^\d/.test(term) || term.length < 3 || (typing && i === lastWord && term.length < 5) ? false : term.length <= 5 ? 1 : 2,
      prefix: typing && i === lastWord && term.length >= 3 && !/^\d/.test(term),
    }));
    for (const term of parsed.numbers) queries.push({ term, fuzzy: false, prefix: false });
    const results: CompactHit[] = this.index.search(queries, {
      limit: CANDIDATES,
      weights: { fuzzy: 0.6, prefix: 0.8 },
      filter: kinds || options.reportId ? filter : undefined,
    });
    const candidates = results.slice(0, CANDIDATES);
    if (!candidates.length) return [];
    const docs = candidates.map(c => this.doc(c.id)!);
    const best = candidates[0]!.score;

    // fuse.js re-scores the candidates on the words of the query, wherever they sit in a paragraph.
    const fuseScores = new Map<number, FuseResult<Omit<SearchFields, 'nums'> & { key: number }>>();
    if (parsed.words.length) {
      const fuse = new Fuse(
        docs.map(doc => ({ key: doc.key, ...fieldsOf(doc) })),
        {
          keys: [
            { name: 'label', weight: 3 },
            { name: 'subject', weight: 2 },
            { name: 'source', weight: 1 },
            { name: 'text', weight: 1 },
          ],
          ignoreLocation: true,
          includeMatches: true,
          includeScore: true,
          threshold: 0.45,
          minMatchCharLength: 2,
          useExtendedSearch: true,
          getFn: (doc, path) => {
            const value = Fuse.config.getFn(doc, path);
            return typeof value === 'string' && value.length > FUSE_FIELD_CHARS ? value.slice(0, FUSE_FIELD_CHARS) : value;
          },
        },
      );
      for (const result of fuse.search(parsed.words.join(' '))) fuseScores.set(result.item.key, result);
    }

    const phrase = parsed.words.join(' ');
    const withNumber = parsed.numbers.map(n => this.index.itemsWith(n));
    const hits = candidates.map((candidate, i) => {
      const doc = docs[i]!;
      const fields = fieldsOf(doc);
      const fused = fuseScores.get(doc.key);
      let score = 0.55 * (candidate.score / best) + 0.45 * (fused ? 1 - (fused.score ?? 1) : 0);
      // the whole query as written, or all its numbers, in the item: a strong sign
      if (phrase.length > 2 && normaliseText(fields.label + ' ' + fields.subject + ' ' + fields.text).includes(phrase)) score += 0.2;
      if (withNumber.length && withNumber.every(keys => keys.has(doc.key))) score += 0.3;
      // a figure or the paragraph holding it says more than the note that sources it
      if (doc.kind === 'figure') score += 0.05;
      if (parsed.numbers.length && (doc.kind === 'figure' || doc.kind === 'paragraph')) score += 0.15;
      return { doc, candidate, score };
    });
    hits.sort((a, b) => b.score - a.score || a.doc.key - b.doc.key);
    return hits.slice(0, limit).map(({ doc, candidate, score }) => toHit(doc, this.library, candidate, parsed, score));
  }
}

interface ParsedQuery {
  /** words to match (normalised, numbers that are quantities taken out) */
  words: string[];
  /** normalised number tokens of the quantities in the query */
  numbers: string[];
  /** the query's quantities, for highlighting the same values in the text */
  values: number[];
}

/** Splits a typed query into words and normalised quantities; undefined when nothing is left to search. */
function parseSearchQuery(raw: string): ParsedQuery | undefined {
  if (typeof raw !== 'string') return undefined;
  let query = raw
    .slice(0, MAX_QUERY)
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  if (!query) return undefined;
  const numbers: string[] = [];
  const values: number[] = [];
  const addQuantity = (value: number, unit: string | undefined) => {
    const token = numberToken(value);
    if (!token) return;
    values.push(value);
    numbers.push(token);
    if (unit) numbers.push(token + unitSuffix(unit));
  };
  const quantities = findQuantities(query);
  if (quantities.length) {
    for (const q of quantities) addQuantity(q.value, q.unit);
    // take the quantities out of the words, last first so offsets hold
    // (a bare number such as "29999" stays a word too: in a text it may be a name or a number, not an amount)
    for (const q of [...quantities].sort((a, b) => b.start - a.start)) {
      if (!/^[\d.,]+$/.test(q.text)) query = query.slice(0, q.start) + ' ' + query.slice(q.end);
    }
  } else {
    // "845m", "$845", "29%": shorthand a text scanner may not count as a figure
    const kept: string[] = [];
    for (const word of query.split(/\s+/)) {
      // "F-35" is a name, not minus 35
      const q = /\d/.test(word) && !isIdentifier(word) ? finiteQuantity(word) : undefined;
      if (q && !/^\d+$/.test(word)) addQuantity(q.value, q.unit);
      else kept.push(word);
    }
    query = kept.join(' ');
  }
  let words = [
    ...new Set(
      // a query's identifier is meant as written: "F-35" is not every 35
      tokenize(query, false)
        .map(normaliseTerm)
        .filter((t): t is string => !!t),
    ),
  ].slice(0, MAX_TERMS);
  // "$845 millio", "87 perce": the half-typed unit belongs to the number, and as a prefix it would pull in
  // every paragraph that says "million" or "percent" (among the slowest keystrokes at 500 reports).
  if (numbers.length) words = words.filter(w => !UNIT_WORDS.some(u => u.startsWith(w)));
  if (!words.length && !numbers.length) return undefined;
  return { words, numbers: [...new Set(numbers)], values };
}

function finiteQuantity(text: string): { value: number; unit?: string } | undefined {
  const q = parseQuantity(text);
  return q && Number.isFinite(q.value) ? q : undefined;
}

/** The index's token for a number: 845000000 → "n845000000", 8.5 → "n8d5". */
export function numberToken(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = Number(value.toPrecision(12)).toString();
  if (/e/i.test(text)) return `n${text.replace(/[^0-9a-z]/gi, '')}`;
  return `n${text.replace('-', 'm').replace('.', 'd')}`;
}

function unitSuffix(unit: string): string {
  return 'u' + unit.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The words of a text; an identifier of letters and digits joined by hyphens ("F-35", "COVID-19") is a
 * word as written too, so "F-35" finds the F-35 and not every "35", and "COVID" still finds "COVID-19";
 * `parts: false` (a query) keeps an identifier whole.
 */
function tokenize(text: string, parts = true): string[] {
  // most texts hold no identifier: their words are the plain words (the index's build is mostly this)
  if (!IDENTIFIER_HINT.test(text)) return text.match(WORD) ?? [];
  const out: string[] = [];
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(text); m; m = COMPOUND.exec(text)) {
    const word = m[0];
    if (!HYPHEN.test(word)) {
      out.push(word);
      continue;
    }
    const identifier = isIdentifier(word);
    if (parts || !identifier) for (const part of word.split(HYPHEN)) out.push(part);
    if (identifier) out.push(identifierTerm(word));
  }
  return out;
}

const HYPHEN = /[-\u2010\u2011]/;
/** A hyphen beside a digit: the text may hold an identifier (a plain-ASCII test, ~20× cheaper than \p{L}). */
const IDENTIFIER_HINT = /\d[-\u2010\u2011]|[-\u2010\u2011]\d/;

/** "F-35", "JF-17": letters and digits joined by hyphens (not "U.S.-China", not "2019-2024"). */
function isIdentifier(word: string): boolean {
  return HYPHEN.test(word) && /\d/.test(word) && /\p{L}/u.test(word);
}

/** The identifier's one spelling of its hyphen: "F\u201135" is "f-35". */
function identifierTerm(word: string): string {
  return word.replace(/[\u2010\u2011]/g, '-');
}

/** Lower case, accents off ("Türkiye" finds "turkiye"), long tokens cut (a pasted URL is not a word). */
function normaliseTerm(term: string): string | null {
  const t = normaliseText(term).slice(0, 32);
  return (t.length > 1 || /\d/.test(t)) && !FUNCTION_WORDS.has(t) ? t : null;
}

function normaliseText(text: string): string {
  const lower = text.toLowerCase();
  // NFD and mark removal change nothing in ASCII, Latin-1 punctuation or typographic quotes and dashes,
  // which is nearly all report text: skip the costly part there (it was ~15% of search time).
  return PLAIN.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}
const UNIT_WORDS = ['million', 'billion', 'trillion', 'thousand', 'percent', 'per', 'cent', 'bn', 'mn', 'usd', 'us', 'dollars'];
const PLAIN = /^[\u0000-\u00bf\u2010-\u206f]*$/;

/** The searchable items of a report, in a fixed order (the order their prepared index keeps). */
function* documentsOf(report: Report, nextKey: () => number): Generator<SearchDoc> {
  for (const section of report.sections) {
    if (section.title) yield { key: nextKey(), kind: 'section', report, id: section.id, item: section };
    for (const paragraph of section.paragraphs) yield { key: nextKey(), kind: 'paragraph', report, id: paragraph.id, item: paragraph };
  }
  for (const footnote of report.footnotes) yield { key: nextKey(), kind: 'footnote', report, id: String(footnote.n), item: footnote };
  for (const figure of report.figures) yield { key: nextKey(), kind: 'figure', report, id: figure.id, item: figure };
}

/** The words an item is found and re-scored by. */
function fieldsOf(doc: SearchDoc): Omit<SearchFields, 'nums'> {
  const none = { label: '', subject: '', text: '', source: '' };
  switch (doc.kind) {
    case 'section':
      return { ...none, label: (doc.item as Section).title };
    case 'paragraph':
      return { ...none, text: (doc.item as Paragraph).text };
    case 'footnote': {
      const footnote = doc.item as Footnote;
      const s = footnote.source;
      return {
        ...none,
        label: s.title ?? footnote.text,
        text: footnote.text,
        source: [s.container, ...s.authors, s.date].filter(Boolean).join(' '),
      };
    }
    case 'figure': {
      // the sentence is indexed once, with its paragraph; a figure is found by its own words and value
      const figure = doc.item as Figure;
      return { ...none, label: figure.text, subject: figure.subject };
    }
  }
}

/** What an item is indexed by: its words, and its amounts as normalised number tokens. */
function indexFieldsOf(doc: SearchDoc): SearchFields {
  const fields = fieldsOf(doc);
  if (doc.kind === 'figure') {
    const figure = doc.item as Figure;
    const token = numberToken(figure.value);
    return { ...fields, nums: token ? `${token} ${token}${unitSuffix(String(figure.unit))}` : '' };
  }
  return { ...fields, nums: doc.kind === 'section' ? '' : quantityTokens(fields.text) };
}

/** A hit's short description and where it is in its report: built only for the hits shown. */
function placeOf(doc: SearchDoc, library: Library | undefined): { description: string; where: string } {
  const report = doc.report;
  const paragraphPlace = (id: string) => library?.paragraph(report.id, id);
  switch (doc.kind) {
    case 'section':
      return { description: `${(doc.item as Section).paragraphs.length} ¶`, where: '' };
    case 'paragraph': {
      const place = paragraphPlace(doc.id);
      return { description: place ? `¶${place.number}` : '', where: place ? placeLabel(place) : '' };
    }
    case 'footnote': {
      const footnote = doc.item as Footnote;
      const s = footnote.source;
      return { description: `[${footnote.n}]`, where: [s.container, formatDate(s.date)].filter(Boolean).join(' · ') };
    }
    case 'figure': {
      const figure = doc.item as Figure;
      const place = paragraphPlace(figure.paragraph);
      return { description: figure.subject, where: place ? placeLabel(place) : '' };
    }
  }
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

function quantityTokens(text: string): string {
  const tokens = new Set<string>();
  for (const q of findQuantities(text)) {
    const token = numberToken(q.value);
    if (!token) continue;
    tokens.add(token);
    if (q.unit) tokens.add(token + unitSuffix(String(q.unit)));
  }
  return [...tokens].join(' ');
}

/** The hit as shown: for a paragraph, the words around the best match rather than its opening. */
function toHit(doc: SearchDoc, library: Library | undefined, candidate: CompactHit, query: ParsedQuery, score: number): SearchHit {
  const matched = new Set([...candidate.terms.map(t => t.toLowerCase()), ...query.words]);
  const { description, where } = placeOf(doc, library);
  const reportTitle = doc.report.title;
  const base = {
    kind: doc.kind,
    reportId: doc.report.id,
    id: doc.id,
    description,
    detail: joinPlace(where, reportTitle),
    where,
    reportTitle,
    score,
  };
  const fields = fieldsOf(doc);
  if (doc.kind === 'paragraph') {
    const ranges = highlightRanges(fields.text, matched, query.values);
    const { text, highlights } = excerpt(fields.text, ranges, 120);
    return { ...base, label: text, highlights };
  }
  return { ...base, label: fields.label, highlights: highlightRanges(fields.label, matched, query.values) };
}

/**
 * Most highlights looked for in one text. No excerpt or label shows more than a few dozen, and a crafted
 * paragraph of one word 400,000 times would otherwise make as many ranges per shown hit; the excerpt is then
 * the densest cluster among the first ones.
 */
const MAX_HIGHLIGHTS = 1_000;

/** Ranges of words in `text` that the search matched, plus quantities with a value the query asked for. */
export function highlightRanges(text: string, terms: ReadonlySet<string>, values: readonly number[] = []): [number, number][] {
  const ranges: [number, number][] = [];
  const prefixes = [...terms].filter(t => t.length >= 3);
  // a text repeats its words: each spelling is normalised and compared once
  const known = new Map<string, boolean>();
  const matches = (raw: string) => {
    let hit = known.get(raw);
    if (hit === undefined) {
      const word = normaliseTerm(raw);
      hit = !!word && (terms.has(word) || prefixes.some(t => word.startsWith(t)));
      known.set(raw, hit);
    }
    return hit;
  };
  let scanned = text.length;
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(text); m; m = COMPOUND.exec(text)) {
    if (ranges.length >= MAX_HIGHLIGHTS) {
      scanned = m.index;
      break;
    }
    const word = m[0];
    if (!HYPHEN.test(word)) {
      if (matches(word)) ranges.push([m.index, m.index + word.length]);
      continue;
    }
    // an identifier matched whole ("F-35") is one highlight; else each matched part
    if (isIdentifier(word) && matches(identifierTerm(word))) {
      ranges.push([m.index, m.index + word.length]);
      continue;
    }
    WORD.lastIndex = 0;
    for (let w = WORD.exec(word); w; w = WORD.exec(word))
      if (matches(w[0])) ranges.push([m.index + w.index, m.index + w.index + w[0].length]);
  }
  // words come in order and never touch (a word is a whole run of letters and digits): only quantities,
  // which may overlap them, need sorting and merging
  if (!values.length) return ranges;
  for (const q of findQuantities(text)) {
    if (q.start < scanned && values.some(v => sameValue(v, q.value))) ranges.push([q.start, q.end]);
  }
  return mergeRanges(ranges);
}

/**
 * A window of about `width` characters around the densest cluster of highlights, cut at word boundaries.
 * `ranges` are sorted and do not overlap (as highlightRanges gives them).
 */
export function excerpt(text: string, ranges: [number, number][], width: number): { text: string; highlights: [number, number][] } {
  if (text.length <= width) return { text, highlights: ranges };
  let anchor = 0;
  let bestCount = -1;
  // the highlights inside each candidate window form a run [first, last) that only moves right: one pass,
  // not a count over every highlight per highlight (40,000 matches of one word took seconds per keystroke)
  let first = 0;
  let last = 0;
  for (const r of ranges) {
    while (first < ranges.length && ranges[first]![0] < r[0] - width / 4) first++;
    last = Math.max(last, first);
    while (last < ranges.length && ranges[last]![1] <= r[0] + (width * 3) / 4) last++;
    const count = last - first;
    if (count > bestCount) {
      bestCount = count;
      anchor = r[0];
    }
  }
  let start = Math.max(0, anchor - Math.floor(width / 4));
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < anchor ? space + 1 : start;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > anchor) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shown = prefix + text.slice(start, end) + suffix;
  const highlights = ranges
    .filter(r => r[0] >= start && r[1] <= end)
    .map(r => [r[0] - start + prefix.length, r[1] - start + prefix.length] as [number, number]);
  return { text: shown, highlights };
}

/** Most items listed before anything is typed: a big library has tens of thousands of figures. */
const INITIAL_LIMIT = 500;

/** Before anything is typed, the unified search lists sections, then figures (an adapter's initial list). */
export function sectionsAndFigures(library: Library): SearchHit[] {
  return library.reports
    .flatMap(report => [
      ...report.sections.map(s => plainHit(report, 'section', s.id, s.title, `${s.paragraphs.length} ¶`, '')),
      ...figuresOf(library, report.id),
    ])
    .slice(0, INITIAL_LIMIT);
}

/** Every figure (up to a limit): value as written, subject, section. */
export function allFigures(library: Library): SearchHit[] {
  return library.reports.flatMap(report => figuresOf(library, report.id)).slice(0, INITIAL_LIMIT);
}

function figuresOf(library: Library, reportId: string): SearchHit[] {
  const report = library.report(reportId);
  if (!report) return [];
  return report.figures.slice(0, INITIAL_LIMIT).map(f => {
    const place = library.paragraph(report.id, f.paragraph);
    return plainHit(report, 'figure', f.id, f.qualifier ? `${f.qualifier} ${f.text}` : f.text, f.subject, place ? placeLabel(place) : '');
  });
}

function plainHit(report: Report, kind: SearchKind, id: string, label: string, description: string, where: string): SearchHit {
  const detail = joinPlace(where, report.title);
  return { reportId: report.id, kind, id, label, description, detail, where, reportTitle: report.title, highlights: [], score: 0 };
}

/** A hit's place and then its report: "¶7 · New limitations · U.S.-Pakistan Relations in Flux…". */
function joinPlace(where: string, reportTitle: string): string {
  return where ? `${where} · ${reportTitle}` : reportTitle;
}
