/**
 * Linear-time guards without absolute timings: the time on an input of size 2n over the time on size n.
 * Linear work gives about 2, quadratic about 4 and catastrophic backtracking far more. Sizes grow until the
 * smaller run takes long enough to time; the two sizes are timed in turns, best of five, so a busy machine
 * slows both alike; a ratio over the limit is measured again before it fails (noise rarely repeats, a
 * quadratic scanner always does).
 */
import assert from 'node:assert/strict';

const MIN_MS = 25;
const LIMIT = 3;
const ATTEMPTS = 3;

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

/** Asserts that `work(n)` grows linearly with n, starting at `n` (doubled until it takes MIN_MS, at most to `maxN`). */
export function assertLinear(label: string, work: (n: number) => void, n: number, maxN = n * 64): void {
  // warm up (the first runs pay for compilation), then grow until the best of three runs is long enough to time
  work(n);
  work(n);
  const best = (size: number) => Math.min(time(() => work(size)), time(() => work(size)), time(() => work(size)));
  let size = n;
  while (size < maxN && best(size) < MIN_MS) size *= 2;
  let message = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let small = Infinity;
    let large = Infinity;
    for (let run = 0; run < 5; run++) {
      small = Math.min(small, time(() => work(size)));
      large = Math.min(large, time(() => work(size * 2)));
    }
    const ratio = large / Math.max(small, 0.01);
    if (ratio < LIMIT) return;
    message = `${label}: ${size * 2} took ${large.toFixed(1)} ms, ${ratio.toFixed(1)}× the ${small.toFixed(1)} ms of ${size} (linear is ~2×)`;
  }
  assert.fail(message);
}
