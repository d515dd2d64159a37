/**
 * Linear-time guards without absolute timings: the processor time on an input of size 4n over that on size n.
 * Linear work gives about 4, quadratic about 16 and catastrophic backtracking far more; the limit, 8, sits
 * halfway between the two on a log scale, so a collection pause or a cache step cannot pass for quadratic. Sizes grow (and a
 * fast scanner is run several times in a row) until the smaller measurement is long enough to time; the two
 * sizes are timed in turns, best of five, so a busy machine slows both alike; a ratio over the limit is
 * measured again before it fails (noise rarely repeats, a quadratic scanner always does).
 */
import assert from 'node:assert/strict';

const MIN_MS = 25;
const LIMIT = 8;
const FACTOR = 4;
const ATTEMPTS = 5;

/** Processor time in ms: on a shared machine, waiting for a core is not the scanner's time. */
function time(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Asserts that `work(n)` grows linearly with n, starting at `n` (doubled while it is too quick to time, at most to `maxN`). */
export function assertLinear(label: string, work: (n: number) => void, n: number, maxN = n * 64): void {
  // warm up (the first runs pay for compilation), then judge sizes by the best of three runs
  work(n);
  work(n);
  const best = (size: number) =>
    Math.min(
      time(() => work(size)),
      time(() => work(size)),
      time(() => work(size)),
    );
  let size = n;
  let took = best(size);
  while (size < maxN && took < MIN_MS) {
    size *= 2;
    took = best(size);
  }
  const repeats = Math.max(1, Math.ceil(MIN_MS / Math.max(took, 0.01)));
  const run = (at: number) =>
    time(() => {
      for (let i = 0; i < repeats; i++) work(at);
    });
  let message = '';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let small = Infinity;
    let large = Infinity;
    for (let turn = 0; turn < 5; turn++) {
      small = Math.min(small, run(size));
      large = Math.min(large, run(size * FACTOR));
    }
    const ratio = large / Math.max(small, 0.01);
    if (ratio < LIMIT) return;
    message = `${label}: ${repeats}× size ${size * FACTOR} took ${large.toFixed(1)} ms, ${ratio.toFixed(1)}× the ${small.toFixed(1)} ms of size ${size} (linear is ~${FACTOR}×)`;
  }
  assert.fail(message);
}

/**
 * assertLinear for a scanner whose input is costly to build: each size's input is made once, outside the
 * timing, so building and collecting megabytes of text on every run (which a busy machine slows unevenly)
 * is not mistaken for the scanner's time.
 */
export function assertLinearScan<T>(label: string, input: (n: number) => T, scan: (made: T) => void, n: number, maxN = n * 64): void {
  const made = new Map<number, T>();
  assertLinear(
    label,
    size => {
      let text = made.get(size);
      if (text === undefined) made.set(size, (text = input(size)));
      scan(text);
    },
    n,
    maxN,
  );
}
