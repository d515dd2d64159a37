/**
 * The candidate stage of src/core/search.ts: a compact inverted index, adopted after `npm run bench`
 * measured it against MiniSearch's own index (at 30k paragraphs the worst query ~4× faster).
 *
 * Why: at 500 reports (~75k items, ~2M term-item postings) MiniSearch keeps a Map per term per field and a
 * Map entry per posting (~80 bytes a posting: ~155 MB), and every query materialises a result object for
 * every matching item and sorts them all (a common word matches tens of thousands). Here a posting is one
 * number (item key and boosted term frequency packed together, 4 bytes once frozen), fields are folded into one
 * weighted frequency per item, scores accumulate in a reused Float64Array, and only the best `limit` items
 * are kept (a small heap), so a query costs a pass over the postings it touches and nothing per result.
 * The vocabulary for prefix and typo look-ups is one sorted array of term numbers (./vocabulary).
 */
import { Vocabulary } from './vocabulary';

export interface CompactField {
  name: string;
  boost: number;
}

export interface TermQuery {
  term: string;
  /** maximum edit distance, or false */
  fuzzy: number | false;
  prefix: boolean;
}

export interface CompactHit {
  id: number;
  score: number;
  /** index terms that matched (the query's own words, plus prefix/typo expansions, at most 40) */
  terms: string[];
}

/**
 * Items tokenised and weighed (CompactIndex.prepare), with their own small vocabulary. `items` holds, per
 * item in order: its length in tokens, its number of distinct terms, then (term number in `terms`,
 * boosted frequency × 10) pairs.
 */
export interface PreparedItems {
  terms: string[];
  items: number[];
  count: number;
}

/**
 * Whether prepared items read back from a cache are whole and consistent: `count` items, every term number
 * inside `terms`, every weight in range. Anything else is rebuilt from the report.
 */
export function validPrepared(value: unknown, count: number): value is PreparedItems {
  if (typeof value !== 'object' || value === null) return false;
  const { terms, items, count: n } = value as Partial<PreparedItems>;
  if (n !== count || !Array.isArray(terms) || !Array.isArray(items)) return false;
  if (!terms.every(t => typeof t === 'string' && t.length > 0)) return false;
  let at = 0;
  for (let i = 0; i < count; i++) {
    const length = items[at];
    const pairs = items[at + 1];
    if (!Number.isInteger(length) || !Number.isInteger(pairs) || length! < 0 || pairs! < 0) return false;
    at += 2;
    if (at + 2 * pairs! > items.length) return false;
    for (let j = 0; j < pairs!; j++, at += 2) {
      const term = items[at];
      const weight = items[at + 1];
      if (!Number.isInteger(term) || term! < 0 || term! >= terms.length) return false;
      if (!Number.isInteger(weight) || weight! < 1 || weight! >= PACK) return false;
    }
  }
  return at === items.length;
}

const PACK = 1024; // weight resolution: boosted tf × 10, up to 102.3
/** a packed posting fits a Uint32Array up to item key 4,194,303; beyond, a term's postings go in a Float64Array */
const MAX_UINT32 = 0xffffffff;

type Postings = Uint32Array | Float64Array;
const EMPTY: Postings = new Uint32Array(0);
const K1 = 1.2;
const B = 0.7;

export class CompactIndex {
  private readonly terms: string[] = [];
  /** for prefix and typo look-ups */
  private readonly vocabulary = new Vocabulary(this.terms);
  /** for exact look-ups: a warm start does one per term of every report */
  private readonly ids = new Map<string, number>();
  /**
   * Per term: its postings frozen into a typed array of exact size (4 bytes a posting, against ~13 in a
   * growable JS array), and those added since the last freeze() in a plain array.
   */
  private readonly frozen: Postings[] = [];
  private readonly pending: (number[] | undefined)[] = [];
  /** terms with pending postings */
  private readonly unfrozen = new Set<number>();
  /** per item key: its length in tokens, or -1 once discarded */
  private readonly lengths: number[] = [];
  private live = 0;
  private totalLength = 0;
  private scores = new Float64Array(1024);
  private seen = new Uint32Array(1024);
  private epoch = 0;

  constructor(
    private readonly fields: readonly CompactField[],
    private readonly tokenize: (text: string) => string[],
    private readonly processTerm: (term: string) => string | null,
  ) {}

  get documentCount(): number {
    return this.live;
  }

  /**
   * Tokenises and weighs items without adding them: what the library cache keeps of a report, so a warm start
   * adds a report's items with one vocabulary look-up per distinct term instead of re-reading its text.
   */
  prepare(docs: Iterable<object>): PreparedItems {
    const terms: string[] = [];
    const local = new Map<string, number>();
    const items: number[] = [];
    let count = 0;
    for (const doc of docs) {
      const weights = new Map<number, number>();
      let length = 0;
      for (const field of this.fields) {
        const value = (doc as Record<string, unknown>)[field.name];
        if (typeof value !== 'string' || !value) continue;
        for (const token of this.tokenize(value)) {
          const term = this.processTerm(token);
          if (!term) continue;
          length++;
          let id = local.get(term);
          if (id === undefined) {
            id = terms.length;
            terms.push(term);
            local.set(term, id);
          }
          weights.set(id, (weights.get(id) ?? 0) + field.boost);
        }
      }
      items.push(length, weights.size);
      for (const [id, weight] of weights) items.push(id, Math.max(1, Math.min(PACK - 1, Math.round(weight * 10))));
      count++;
    }
    return { terms, items, count };
  }

  /** Adds prepared items under consecutive keys from `firstKey` (in the order they were prepared). */
  addPrepared(firstKey: number, prepared: PreparedItems): void {
    const ids = prepared.terms.map(term => {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.terms.push(term);
        this.frozen.push(EMPTY);
        this.pending.push(undefined);
        this.vocabulary.add(id);
        this.ids.set(term, id);
      }
      return id;
    });
    const items = prepared.items;
    let at = 0;
    for (let n = 0; n < prepared.count; n++) {
      const key = firstKey + n;
      const length = items[at++]!;
      const pairs = items[at++]!;
      for (let j = 0; j < pairs; j++, at += 2) {
        const id = ids[items[at]!]!;
        let list = this.pending[id];
        if (!list) {
          this.pending[id] = list = [];
          this.unfrozen.add(id);
        }
        list.push(key * PACK + items[at + 1]!);
      }
      this.lengths[key] = length;
      this.live++;
      this.totalLength += length;
    }
  }

  /** The items that hold this exact term (for "does this item say every number of the query"). */
  itemsWith(term: string): ReadonlySet<number> {
    const id = this.ids.get(term);
    const keys = new Set<number>();
    if (id === undefined) return keys;
    for (const list of [this.frozen[id]!, this.pending[id] ?? []]) for (const packed of list) keys.add(Math.floor(packed / PACK));
    return keys;
  }

  /**
   * Moves the postings added since the last freeze into each term's typed array: called after a library
   * is indexed or re-indexed (a one-report re-index touches only that report's terms).
   */
  freeze(): void {
    this.vocabulary.freeze();
    for (const id of this.unfrozen) {
      const added = this.pending[id]!;
      const old = this.frozen[id]!;
      const fits = old instanceof Uint32Array && added.every(p => p <= MAX_UINT32);
      const list = fits ? new Uint32Array(old.length + added.length) : new Float64Array(old.length + added.length);
      list.set(old);
      list.set(added, old.length);
      this.frozen[id] = list;
      this.pending[id] = undefined;
    }
    this.unfrozen.clear();
  }

  /** Forgets an item; its postings are skipped (and dropped at the next compaction). */
  discard(key: number): void {
    const length = this.lengths[key];
    if (length === undefined || length < 0) return;
    this.lengths[key] = -1;
    this.live--;
    this.totalLength -= length;
    if (++this.discarded > this.live / 3) this.compact();
  }

  private discarded = 0;

  private compact(): void {
    const live = (p: number) => this.lengths[Math.floor(p / PACK)]! >= 0;
    for (let id = 0; id < this.frozen.length; id++) {
      this.frozen[id] = this.frozen[id]!.filter(live);
      this.pending[id] = this.pending[id]?.filter(live);
    }
    this.discarded = 0;
  }

  /** The best `limit` items for these terms (OR, BM25 over boosted frequencies), best first. */
  search(
    queries: readonly TermQuery[],
    options: { limit: number; weights: { fuzzy: number; prefix: number }; filter?: (key: number) => boolean },
  ): CompactHit[] {
    if (this.live === 0) return [];
    const size = this.lengths.length;
    if (this.scores.length < size) {
      this.scores = new Float64Array(size * 2);
      this.seen = new Uint32Array(size * 2);
    }
    const epoch = ++this.epoch;
    const scores = this.scores;
    const seen = this.seen;
    const touched: number[] = [];
    const matched: string[] = [];
    const average = this.totalLength / this.live || 1;
    for (const query of queries) {
      for (const [id, factor] of this.expand(query, options.weights)) {
        if (matched.length < 40) matched.push(this.terms[id]!);
        const frozen = this.frozen[id]!;
        const pending = this.pending[id];
        const df = frozen.length + (pending?.length ?? 0);
        const idf = Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
        const scale = idf * factor * (K1 + 1);
        for (const list of pending ? [frozen, pending] : [frozen]) {
          for (let i = 0; i < list.length; i++) {
            const packed = list[i]!;
            const key = Math.floor(packed / PACK);
            const length = this.lengths[key]!;
            if (length < 0) continue;
            const weight = (packed - key * PACK) / 10;
            const score = (scale * weight) / (weight + K1 * (1 - B + (B * length) / average));
            if (seen[key] !== epoch) {
              seen[key] = epoch;
              scores[key] = score;
              touched.push(key);
            } else {
              scores[key]! += score;
            }
          }
        }
      }
    }
    return this.best(touched, options.limit, options.filter).map(key => ({ id: key, score: scores[key], terms: matched }));
  }

  /** Index terms a query term reaches, with the weight of the way it reached them (exact 1). */
  private expand(query: TermQuery, weights: { fuzzy: number; prefix: number }): Map<number, number> {
    const reached = new Map<number, number>();
    const exact = this.ids.get(query.term);
    if (exact !== undefined) reached.set(exact, 1);
    const length = query.term.length;
    if (query.prefix) {
      for (const [term, id] of this.vocabulary.atPrefix(query.term)) {
        if (term.length === length) continue;
        const factor = (weights.prefix * length) / (length + 0.3 * (term.length - length));
        if (factor > (reached.get(id) ?? 0)) reached.set(id, factor);
      }
    }
    if (query.fuzzy) {
      for (const [, id, distance] of this.vocabulary.fuzzy(query.term, query.fuzzy)) {
        if (distance === 0) continue;
        const factor = (weights.fuzzy * length) / (length + distance);
        if (factor > (reached.get(id) ?? 0)) reached.set(id, factor);
      }
    }
    return reached;
  }

  /** The `limit` highest-scoring keys, best first: a min-heap, so cost grows with `touched`, not its sort. */
  private best(touched: number[], limit: number, filter?: (key: number) => boolean): number[] {
    const scores = this.scores;
    const heap: number[] = [];
    const less = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
    for (const key of touched) {
      if (heap.length === limit && !less(heap[0], key)) continue;
      if (filter && !filter(key)) continue;
      if (heap.length < limit) {
        heap.push(key);
        for (let i = heap.length - 1; i > 0;) {
          const parent = (i - 1) >> 1;
          if (!less(heap[i], heap[parent])) break;
          [heap[i], heap[parent]] = [heap[parent], heap[i]];
          i = parent;
        }
      } else {
        heap[0] = key;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l], heap[m])) m = l;
          if (r < heap.length && less(heap[r], heap[m])) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m], heap[i]];
          i = m;
        }
      }
    }
    return heap.sort((a, b) => scores[b] - scores[a] || a - b);
  }
}
