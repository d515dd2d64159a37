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
import { Pace, runSteps, type Steps } from './steps';
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

/**
 * A frozen index as plain arrays, its items numbered 1 … n in the order the snapshot was asked for: what the
 * library cache keeps of a whole library's index so a warm start reads it back instead of adding every
 * report's items again (see CompactIndex.snapshotSteps and restoreSteps).
 */
export interface IndexSnapshot {
  terms: string[];
  /** term `id`'s postings are `postings[starts[id] … starts[id + 1])`, each item key × 1024 + weight */
  starts: Uint32Array<ArrayBuffer>;
  postings: Uint32Array<ArrayBuffer>;
  /** per item key: its length in tokens; key 0 is unused (−1) */
  lengths: Int32Array<ArrayBuffer>;
  /** term numbers in the order of their terms (the vocabulary) */
  sorted: Uint32Array<ArrayBuffer>;
}

/**
 * Why a snapshot does not hold together, or undefined: ranges in order and inside the postings, every
 * posting's item a live key with a weight in range, every term non-empty and the vocabulary every term once,
 * in order. The checksum of the file it came from vouches for the bytes; this vouches that no look-up can
 * run off an array or reach a wrong item.
 */
function* checkSnapshot(snapshot: IndexSnapshot): Steps<string | undefined> {
  const { terms, starts, postings, lengths, sorted } = snapshot;
  const pace = new Pace(PACE);
  if (starts.length !== terms.length + 1 || sorted.length !== terms.length) return 'the counts of terms disagree';
  if (starts[0] !== 0 || starts[terms.length] !== postings.length) return 'the postings ranges do not cover the postings';
  if (!lengths.length || lengths[0] !== -1) return 'the item lengths do not start with the unused key';
  for (let key = 1; key < lengths.length; key++) {
    if (lengths[key]! < 0) return 'an item has no length';
    if (pace.due()) yield;
  }
  for (let id = 0; id < terms.length; id++) {
    if (!terms[id]) return 'an empty term';
    if (starts[id + 1]! <= starts[id]!) return 'a term without postings, or ranges out of order';
    if (pace.due()) yield;
  }
  // a Uint32 posting is key × 1024 + weight: shifts, not divisions (this pass reads every posting)
  const keys = lengths.length;
  for (let id = 0; id < terms.length; id++) {
    const to = starts[id + 1]!;
    for (let i = starts[id]!; i < to; i++) {
      const packed = postings[i]!;
      const key = packed >>> 10;
      if (key < 1 || key >= keys || (packed & 1023) === 0) return 'a posting outside the items';
    }
    if (pace.due(to - starts[id]! + 1)) yield;
  }
  const seen = new Uint8Array(terms.length);
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    if (id >= terms.length || seen[id]) return 'the vocabulary does not hold every term once';
    seen[id] = 1;
    if (i > 0 && !(terms[sorted[i - 1]!]! < terms[id]!)) return 'the vocabulary is out of order';
    if (pace.due(4)) yield;
  }
  return undefined;
}

/** postings copied between two steps of a freeze */
const PACE = 200_000;
/**
 * Units of prepareSteps' work between two steps at most (a token; an item counts as ITEM_UNITS for reading its
 * fields, amounts included, so the clock is looked at after every item): the step's clock ends it sooner, which
 * matters while the code is not yet compiled (the first item's amounts took ~20 ms, a few items after it 60-100).
 */
const PREPARE_PACE = 8000;
const ITEM_UNITS = 1024;
const PACK = 1024; // weight resolution: boosted tf × 10, up to 102.3 (checkSnapshot's shifts assume 1024)
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
   * Every term's frozen postings in one typed array, term after term: term `id`'s are
   * `postings[starts[id] … starts[id + 1])` (terms added since the last freeze() have none there yet).
   * One array, not one per term: a typed array costs ~180 bytes of heap of its own, and a 2,000-report
   * library has ~400k terms (~70 MB of array objects for ~30 MB of postings). Postings added since the last
   * freeze() wait in the pending log.
   */
  private postings: Postings = EMPTY;
  private starts = new Uint32Array(1);
  /** postings added since the last freeze(), in the order added */
  private pending = new PostingLog();
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
    return runSteps(this.prepareSteps(docs));
  }

  /**
   * prepare in steps (PREPARE_PACE, STEP_MS): a 150 KB web capture's items took 33 ms at once,
   * a 5 MB report's ~300 ms, and the library cache prepares every report it reads.
   */
  *prepareSteps(docs: Iterable<object>): Steps<PreparedItems> {
    const pace = new Pace(PREPARE_PACE);
    const terms: string[] = [];
    const local = new Map<string, number>();
    // a token as written → its term's number here, or -1 when it is no term: a text repeats its words, so
    // each spelling is normalised once (normalising every token was most of the build, and its garbage)
    const spelled = new Map<string, number>();
    const items: number[] = [];
    let count = 0;
    for (const doc of docs) {
      if (pace.due(ITEM_UNITS)) yield;
      const weights = new Map<number, number>();
      let length = 0;
      for (const field of this.fields) {
        const value = (doc as Record<string, unknown>)[field.name];
        if (typeof value !== 'string' || !value) continue;
        for (const token of this.tokenize(value)) {
          let id = spelled.get(token);
          if (id === undefined) {
            const term = this.processTerm(token);
            id = term ? local.get(term) : -1;
            if (id === undefined) {
              id = terms.length;
              terms.push(term!);
              local.set(term!, id);
            }
            spelled.set(token, id);
          }
          if (id < 0) continue;
          length++;
          weights.set(id, (weights.get(id) ?? 0) + field.boost);
          if (pace.due()) yield;
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
        this.vocabulary.add(id);
        this.ids.set(term, id);
      }
      return id;
    });
    this.changes++;
    const items = prepared.items;
    const pending = this.pending;
    let at = 0;
    for (let n = 0; n < prepared.count; n++) {
      const key = firstKey + n;
      const length = items[at++]!;
      const pairs = items[at++]!;
      for (let j = 0; j < pairs; j++, at += 2) {
        pending.add(ids[items[at]!]!, key, items[at + 1]!);
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
    const [from, to] = this.frozenRange(id);
    for (let i = from; i < to; i++) keys.add(Math.floor(this.postings[i]! / PACK));
    for (const packed of this.pendingOf(new Set([id])).get(id) ?? []) keys.add(Math.floor(packed / PACK));
    return keys;
  }

  /**
   * The pending postings of these terms, in the order added: one pass over the log. Only an index read
   * between an update and its freeze needs it (the library service answers searches after the freeze).
   */
  private pendingOf(ids: ReadonlySet<number>): Map<number, number[]> {
    const found = new Map<number, number[]>();
    for (let i = 0; i < this.pending.length && ids.size; i++) {
      const id = this.pending.term(i);
      if (!ids.has(id)) continue;
      let list = found.get(id);
      if (!list) found.set(id, (list = []));
      list.push(this.pending.posting(i));
    }
    return found;
  }

  /** Where a term's frozen postings sit in `postings` ([0, 0) for a term added since the last freeze). */
  private frozenRange(id: number): [number, number] {
    return id + 1 < this.starts.length ? [this.starts[id]!, this.starts[id + 1]!] : [0, 0];
  }

  /**
   * Moves the postings added since the last freeze into the one frozen array: called after a library is
   * indexed or re-indexed. A one-report re-index touches only that report's terms; the stretches of terms
   * between them are copied whole.
   */
  freeze(): void {
    runSteps(this.freezeSteps());
  }

  /**
   * freeze() in steps (core/steps.ts), for a big library built in turns of the event loop: the vocabulary's
   * sort, then the postings term by term into a new array, swapped in at the end. Items added or discarded
   * meanwhile (a newer library) leave the postings as they were, for the next freeze.
   */
  *freezeSteps(): Steps<void> {
    yield* this.vocabulary.freezeSteps();
    const termCount = this.terms.length;
    if (!this.pending.length && this.starts.length === termCount + 1) return;
    const changes = this.changes;
    const pace = new Pace(PACE);
    const old = this.postings;
    const oldStarts = this.starts;
    const frozenTerms = oldStarts.length - 1;
    const oldLength = (id: number) => (id < frozenTerms ? oldStarts[id + 1]! - oldStarts[id]! : 0);
    const log = this.pending;
    const count = log.length;
    // each term's number of pending postings, then (below) where its next one goes in the new array
    const cursor = new Uint32Array(termCount);
    for (let i = 0; i < count; i++) {
      cursor[log.term(i)]!++;
      if (pace.due()) {
        yield;
        if (this.changes !== changes) return;
      }
    }
    const total = old.length + count;
    const postings = old instanceof Float64Array || log.wide ? new Float64Array(total) : new Uint32Array(total);
    const starts = new Uint32Array(termCount + 1);
    // old[runFrom …) goes to postings[runTo …) unchanged until the next term with pending postings
    let runFrom = 0;
    let runTo = 0;
    let at = 0;
    for (let id = 0; id < termCount; id++) {
      starts[id] = at;
      const added = cursor[id]!;
      if (!added) {
        at += oldLength(id);
        if (pace.due()) {
          yield;
          if (this.changes !== changes) return;
        }
        continue;
      }
      const end = oldStarts[Math.min(id + 1, frozenTerms)]!;
      const copied = end - runFrom + 1;
      postings.set(old.subarray(runFrom, end), runTo);
      at = runTo + (end - runFrom);
      cursor[id] = at;
      at += added;
      runFrom = end;
      runTo = at;
      if (pace.due(copied)) {
        yield;
        if (this.changes !== changes) return;
      }
    }
    postings.set(old.subarray(runFrom), runTo);
    starts[termCount] = total;
    // the log in order: a term's pending postings follow its old ones, in the order they were added
    for (let i = 0; i < count; i++) {
      postings[cursor[log.term(i)]!++] = log.posting(i);
      if (pace.due()) {
        yield;
        if (this.changes !== changes) return;
      }
    }
    this.postings = postings;
    this.starts = starts;
    this.pending = new PostingLog();
  }

  /**
   * The index as a snapshot whose items are numbered anew: `renumber[key]` is an item's number in the
   * snapshot (1 … count), 0 for an item left out. Postings of items left out and terms left without postings
   * are dropped, so the snapshot answers as an index built afresh from the kept items in their new order.
   * Undefined when the index is not frozen, has wide postings, or changed while the steps ran.
   */
  *snapshotSteps(renumber: Uint32Array, count: number): Steps<IndexSnapshot | undefined> {
    if (this.pending.length || !(this.postings instanceof Uint32Array) || this.starts.length !== this.terms.length + 1) return undefined;
    const changes = this.changes;
    const pace = new Pace(PACE);
    const old = this.postings;
    const oldStarts = this.starts;
    const newId = new Int32Array(this.terms.length).fill(-1);
    const terms: string[] = [];
    const starts: number[] = [0];
    const postings = new Uint32Array(old.length);
    let at = 0;
    for (let id = 0; id < this.terms.length; id++) {
      const from = oldStarts[id]!;
      const to = oldStarts[id + 1]!;
      const begin = at;
      for (let i = from; i < to; i++) {
        const packed = old[i]!;
        const key = Math.floor(packed / PACK);
        const renumbered = key < renumber.length ? renumber[key]! : 0;
        if (renumbered && this.lengths[key]! >= 0) postings[at++] = renumbered * PACK + (packed - key * PACK);
      }
      if (at > begin) {
        newId[id] = terms.length;
        terms.push(this.terms[id]!);
        starts.push(at);
      }
      if (pace.due(to - from + 1)) {
        yield;
        if (this.changes !== changes) return undefined;
      }
    }
    const lengths = new Int32Array(count + 1).fill(-1);
    for (let key = 0; key < renumber.length && key < this.lengths.length; key++) {
      if (renumber[key]) lengths[renumber[key]!] = this.lengths[key]!;
      if (pace.due()) yield;
    }
    const sorted = new Uint32Array(terms.length);
    let n = 0;
    const ids = this.vocabulary.sortedIds();
    for (let i = 0; i < ids.length; i++) {
      if (newId[ids[i]!]! >= 0) sorted[n++] = newId[ids[i]!]!;
      if (pace.due()) yield;
    }
    if (n !== terms.length || this.changes !== changes) return undefined;
    // no copy of ~30 MB when no posting was dropped (the usual case: nothing discarded since the last compaction)
    return {
      terms,
      starts: Uint32Array.from(starts),
      postings: at === postings.length ? postings : postings.slice(0, at),
      lengths,
      sorted,
    };
  }

  /**
   * Takes a snapshot in, into an empty index, after checking it whole (every range, key, weight and term in
   * order, in steps): a snapshot that does not hold together leaves the index empty and says why.
   */
  *restoreSteps(snapshot: IndexSnapshot): Steps<string | undefined> {
    if (this.terms.length || this.lengths.length) return 'the index is not empty';
    const why = yield* checkSnapshot(snapshot);
    if (why) return why;
    const { terms, starts, postings, lengths, sorted } = snapshot;
    const pace = new Pace(PACE);
    for (let id = 0; id < terms.length; id++) {
      this.terms.push(terms[id]!);
      this.ids.set(terms[id]!, id);
      if (pace.due(8)) yield;
    }
    for (let key = 0; key < lengths.length; key++) {
      const length = lengths[key]!;
      this.lengths[key] = length;
      if (length >= 0) {
        this.live++;
        this.totalLength += length;
      }
      if (pace.due()) yield;
    }
    this.vocabulary.restore(sorted);
    this.postings = postings;
    this.starts = starts;
    this.changes++;
    return undefined;
  }

  /** Counts additions and discards: a freeze in steps gives up when the items changed under it. */
  private changes = 0;

  /** Forgets an item; its postings are skipped (and dropped at the next compaction). */
  discard(key: number): void {
    const length = this.lengths[key];
    if (length === undefined || length < 0) return;
    this.lengths[key] = -1;
    this.changes++;
    this.live--;
    this.totalLength -= length;
    if (++this.discarded > this.live / 3) this.compact();
  }

  private discarded = 0;

  private compact(): void {
    const live = (p: number) => this.lengths[Math.floor(p / PACK)]! >= 0;
    // in place: a kept posting never moves right of where it was
    const postings = this.postings;
    const starts = this.starts;
    let kept = 0;
    for (let id = 0; id + 1 < starts.length; id++) {
      const from = starts[id]!;
      const to = starts[id + 1]!;
      starts[id] = kept;
      for (let i = from; i < to; i++) if (live(postings[i]!)) postings[kept++] = postings[i]!;
    }
    starts[starts.length - 1] = kept;
    this.postings = postings.slice(0, kept);
    this.pending.keep(live);
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
    const reached = queries.map(query => this.expand(query, options.weights));
    const unfrozen = this.pending.length ? this.pendingOf(new Set(reached.flatMap(terms => [...terms.keys()]))) : undefined;
    for (const terms of reached) {
      for (const [id, factor] of terms) {
        if (matched.length < 40) matched.push(this.terms[id]!);
        const [from, to] = this.frozenRange(id);
        const pending = unfrozen?.get(id);
        const df = to - from + (pending?.length ?? 0);
        const idf = Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
        const scale = idf * factor * (K1 + 1);
        for (const [list, start, end] of pending
          ? [[this.postings, from, to] as const, [pending, 0, pending.length] as const]
          : [[this.postings, from, to] as const]) {
          for (let i = start; i < end; i++) {
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

/** entries in one block of a PostingLog */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/**
 * Postings in the order added, each with its term: typed arrays in blocks of 65,536 that are never copied
 * as the log grows. Not a growing array per term: building a 2,000-report library added ~7M postings to
 * ~400k such arrays, and the collector copied them between generations in pauses of 20–30 ms, each on top
 * of a slice of work; nor one array that doubles, whose last copies took ~180 ms in one step.
 */
class PostingLog {
  private readonly terms: Uint32Array[] = [];
  private readonly keys: Uint32Array[] = [];
  private readonly weights: Uint16Array[] = [];
  length = 0;
  /** whether a posting is past 32 bits (an item key over 4,194,303): the frozen postings must be a Float64Array */
  wide = false;

  add(term: number, key: number, weight: number): void {
    const block = this.length >>> BLOCK_BITS;
    if (block === this.terms.length) {
      this.terms.push(new Uint32Array(BLOCK));
      this.keys.push(new Uint32Array(BLOCK));
      this.weights.push(new Uint16Array(BLOCK));
    }
    const at = this.length & (BLOCK - 1);
    this.terms[block]![at] = term;
    this.keys[block]![at] = key;
    this.weights[block]![at] = weight;
    if (key * PACK + weight > MAX_UINT32) this.wide = true;
    this.length++;
  }

  term(i: number): number {
    return this.terms[i >>> BLOCK_BITS]![i & (BLOCK - 1)]!;
  }

  /** the packed posting: item key × PACK + weight */
  posting(i: number): number {
    const block = i >>> BLOCK_BITS;
    const at = i & (BLOCK - 1);
    return this.keys[block]![at]! * PACK + this.weights[block]![at]!;
  }

  /** Keeps only the postings `live` accepts, in order (blocks emptied at the end are let go). */
  keep(live: (posting: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      if (!live(this.posting(i))) continue;
      const from = i >>> BLOCK_BITS;
      const at = i & (BLOCK - 1);
      const to = kept >>> BLOCK_BITS;
      const place = kept & (BLOCK - 1);
      this.terms[to]![place] = this.terms[from]![at]!;
      this.keys[to]![place] = this.keys[from]![at]!;
      this.weights[to]![place] = this.weights[from]![at]!;
      kept++;
    }
    this.length = kept;
    const blocks = Math.ceil(kept / BLOCK);
    this.terms.length = this.keys.length = this.weights.length = blocks;
  }
}
