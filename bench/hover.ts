/**
 * Hover lookup latency, as the hover provider (src/hover) does it: the note is scanned once per document
 * version (findQuantities, sorted by offset), then each hover is a binary search for the amount under the
 * cursor (spanTouching) and one map lookup for the library's figures with that value (figuresMatching).
 * The note is the 5,000-line analyst's note of the fact-check measurement, so hovers land on real figures.
 */
import { performance } from 'perf_hooks';
import type { Library } from '../src/core/library';
import { findQuantities } from '../src/core/quantities';
import { spanTouching } from '../src/core/spans';
import { figuresMatching } from '../src/core/figureMatch';
import { longNote } from './check';
import { Rng } from './rng';
import { percentile } from './stats';

export interface HoverMeasure {
  p50: number;
  p95: number;
  lookups: number;
  /** the per-version scan of the whole note, paid on the first hover after an edit */
  scanMs: number;
  /** the alternative: scan only the hovered line, every time (no per-document cache) */
  lineP95: number;
  how: string;
  notes: string[];
}

export function measureHover(library: Library): HoverMeasure {
  const notes: string[] = [];
  const note = longNote(library);
  const t0 = performance.now();
  const quantities = findQuantities(note).sort((a, b) => a.start - b.start);
  const scanMs = performance.now() - t0;
  if (quantities.length === 0) throw new Error('the note mentions no amounts (no figures in the library?)');
  const rng = new Rng(77);
  const offsets = Array.from({ length: 5000 }, () => {
    const q = rng.pick(quantities);
    return q.start + rng.int(0, Math.max(0, q.end - q.start - 1));
  });
  // First lookup builds the value map of the library (once per library): not a hover's cost.
  figuresMatching(library, quantities[0]);
  const times: number[] = [];
  let matched = 0;
  for (const offset of offsets) {
    const start = performance.now();
    const q = spanTouching(quantities, offset);
    const found = q ? figuresMatching(library, q) : [];
    times.push(performance.now() - start);
    if (found.length) matched++;
  }
  // Alternative without a whole-note scan: find the amounts of the hovered line only.
  const lineStarts: number[] = [0];
  for (let i = note.indexOf('\n'); i >= 0; i = note.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineTimes: number[] = [];
  for (const offset of offsets) {
    const start = performance.now();
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = lineStarts[lo];
    const line = note.slice(lineStart, lo + 1 < lineStarts.length ? lineStarts[lo + 1] - 1 : note.length);
    const q = spanTouching(findQuantities(line), offset - lineStart);
    if (q) figuresMatching(library, q);
    lineTimes.push(performance.now() - start);
  }
  if (matched < offsets.length * 0.7) notes.push(`hover: only ${matched} of ${offsets.length} hovers found a library figure`);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    lookups: offsets.length,
    scanMs,
    lineP95: percentile(lineTimes, 95),
    how: "spanTouching over the note's cached quantities + figuresMatching (src/hover/figureMatch.ts)",
    notes,
  };
}
