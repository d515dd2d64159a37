/** A small seeded PRNG (mulberry32) so every generated library and query set is the same on every run. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Zipf-like pick: low indices far more often, as real vocabularies are. */
  zipf<T>(items: readonly T[], skew = 1.1): T {
    const u = this.next();
    const index = Math.floor(items.length * Math.pow(u, 1 + skew));
    return items[Math.min(items.length - 1, index)];
  }
}

/** A stable seed per (library report index, purpose). */
export function seedFor(index: number, salt: number): number {
  let h = 2166136261 ^ salt;
  h = Math.imul(h ^ index, 16777619);
  h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}
