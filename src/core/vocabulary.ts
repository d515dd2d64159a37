/**
 * The search's vocabulary for prefix and typo look-ups: its terms in one sorted array of term numbers.
 *
 * Why not a radix tree (MiniSearch's SearchableMap, used before): a tree keeps a Map per node, ~300 bytes a
 * term, ~20 MB of a 500-report library's 120 MB budget. A sorted array is 4 bytes a term, and walking it in
 * order is walking a trie: neighbours share their prefix, so a typo search keeps the edit-distance rows of the
 * shared prefix and skips, by binary search, every term under a prefix already too far from the query.
 */
import { Pace, runSteps, type Steps } from './steps';
import { editDistance } from './text';

export class Vocabulary {
  /** term numbers in the order of their terms */
  private sorted = new Uint32Array(0);
  /** terms added since the last freeze(), looked through one by one until then */
  private readonly recent: number[] = [];

  /** `terms[id]` is the term numbered id; the caller owns the array and only ever appends to it. */
  constructor(private readonly terms: readonly string[]) {}

  add(id: number): void {
    this.recent.push(id);
  }

  /** Sorts the terms added since the last freeze into the array (after a library is indexed). */
  freeze(): void {
    runSteps(this.freezeSteps());
  }

  /**
   * freeze() in steps (core/steps.ts): a 2,000-report library brings ~400k new terms, whose sort held the
   * extension host for half a second at once. The new terms are sorted in blocks, the blocks merged, then
   * merged with the terms already sorted; only then do they leave `recent` (look-ups see every term throughout).
   */
  *freezeSteps(): Steps<void> {
    const count = this.recent.length;
    if (!count) return;
    const base = this.sorted;
    const terms = this.terms;
    const byTerm = (a: number, b: number) => compare(terms[a]!, terms[b]!);
    const pace = new Pace(PACE);
    let run = Uint32Array.from(this.recent.slice(0, count));
    for (let lo = 0; lo < count; lo += BLOCK) {
      run.subarray(lo, lo + BLOCK).sort(byTerm);
      if (pace.due(BLOCK * 12)) yield;
    }
    let spare = new Uint32Array(count);
    for (let width = BLOCK; width < count; width *= 2) {
      for (let lo = 0; lo < count; lo += 2 * width) {
        const mid = Math.min(lo + width, count);
        yield* mergeSteps(run.subarray(lo, mid), run.subarray(mid, Math.min(lo + 2 * width, count)), spare.subarray(lo), byTerm, pace);
      }
      [run, spare] = [spare, run];
    }
    const merged = new Uint32Array(base.length + count);
    yield* mergeSteps(base, run, merged, byTerm, pace);
    // a freeze that ran meanwhile took these terms in already
    if (this.sorted !== base) return;
    this.sorted = merged;
    this.recent.splice(0, count);
  }

  /** Term numbers in the order of their terms (frozen terms only: call after freeze()). */
  sortedIds(): Uint32Array {
    return this.sorted;
  }

  /** Takes a sorted array of term numbers as its own (an index restored from a snapshot; checked by the caller). */
  restore(sorted: Uint32Array<ArrayBuffer>): void {
    this.sorted = sorted;
    this.recent.length = 0;
  }

  /** Every term that starts with `prefix` (itself included), as [term, id]. */
  *atPrefix(prefix: string): Generator<[string, number]> {
    const terms = this.terms;
    for (let i = this.lowerBound(prefix); i < this.sorted.length; i++) {
      const term = terms[this.sorted[i]!]!;
      if (!term.startsWith(prefix)) break;
      yield [term, this.sorted[i]!];
    }
    for (const id of this.recent) if (terms[id]!.startsWith(prefix)) yield [terms[id]!, id];
  }

  /** Every term within `maxDistance` edits (Levenshtein) of `query`, as [term, id, distance]. */
  fuzzy(query: string, maxDistance: number): [string, number, number][] {
    const found: [string, number, number][] = [];
    const terms = this.terms;
    const m = query.length;
    // rows[d]: edit distances between the first d characters of the current term and every prefix of the query
    const over = maxDistance + 1;
    const rows: Uint16Array[] = [Uint16Array.from({ length: m + 2 }, (_, j) => Math.min(j, over))];
    let previous = '';
    // rows[0..valid] hold the rows of `previous`'s first `valid` characters
    let valid = 0;
    let i = 0;
    while (i < this.sorted.length) {
      const term = terms[this.sorted[i]!]!;
      let depth = commonPrefix(term, previous, valid);
      let pruned = -1;
      for (; depth < term.length; depth++) {
        const row = (rows[depth + 1] ??= new Uint16Array(m + 2));
        const above = rows[depth]!;
        const c = term.charCodeAt(depth);
        const at = depth + 1;
        // Only cells within maxDistance of the diagonal can stay within maxDistance (Ukkonen's band); the
        // cells just outside it hold `over`, so the next row reads a bound there, never a stale value.
        const lo = Math.max(1, at - maxDistance);
        const hi = Math.min(m, at + maxDistance);
        row[lo - 1] = lo === 1 ? Math.min(at, over) : over;
        let least = over;
        for (let j = lo; j <= hi; j++) {
          let best = above[j - 1]! + (query.charCodeAt(j - 1) === c ? 0 : 1);
          const up = above[j]! + 1;
          const left = row[j - 1]! + 1;
          if (up < best) best = up;
          if (left < best) best = left;
          if (best > over) best = over;
          row[j] = best;
          if (best < least) least = best;
        }
        row[hi + 1] = over;
        if (least > maxDistance) {
          pruned = depth + 1;
          break;
        }
      }
      if (pruned >= 0) {
        // every term under this prefix is at least as far: skip them all
        previous = term;
        valid = pruned;
        i = this.endOfPrefix(term, pruned, i);
        continue;
      }
      // the last cell lies in the band only when the lengths differ by at most maxDistance
      const distance = Math.abs(term.length - m) <= maxDistance ? rows[term.length]![m]! : over;
      if (distance <= maxDistance) found.push([term, this.sorted[i]!, distance]);
      previous = term;
      valid = term.length;
      i++;
    }
    for (const id of this.recent) {
      const distance = editDistance(terms[id]!, query, maxDistance);
      if (distance <= maxDistance) found.push([terms[id]!, id, distance]);
    }
    return found;
  }

  /** The first position whose term is not below `text`. */
  private lowerBound(text: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.terms[this.sorted[mid]!]!, text) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The first position after `from` whose term does not share the first `length` characters of `term` (those
   * that do are one run from `from`). Galloping: most runs are a few terms long, so look near first.
   */
  private endOfPrefix(term: string, length: number, from: number): number {
    let last = from; // the last position known to share the prefix
    let step = 1;
    while (last + step < this.sorted.length && this.shares(last + step, term, length)) {
      last += step;
      step *= 2;
    }
    // the run ends in (last, last + step]
    let lo = last + 1;
    let hi = Math.min(last + step, this.sorted.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.shares(mid, term, length)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether the term at a position starts with the first `length` characters of `term`. */
  private shares(position: number, term: string, length: number): boolean {
    return commonPrefix(this.terms[this.sorted[position]!]!, term, length) === length;
  }
}

/** Terms sorted at once before the sorted blocks are merged, and comparisons between two steps. */
const BLOCK = 2048;
const PACE = 50_000;

/** Merges two sorted runs into `out` (from its start), a step every PACE comparisons. */
function* mergeSteps(a: Uint32Array, b: Uint32Array, out: Uint32Array, order: (x: number, y: number) => number, pace: Pace): Steps<void> {
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
    if (pace.due()) yield;
  }
  out.set(a.subarray(i), k);
  out.set(b.subarray(j), k + a.length - i);
}

/** Code-unit order, the order startsWith agrees with. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Length of the common prefix of two strings, at most `limit`. */
function commonPrefix(a: string, b: string, limit: number): number {
  const end = Math.min(a.length, b.length, limit);
  let n = 0;
  while (n < end && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}
