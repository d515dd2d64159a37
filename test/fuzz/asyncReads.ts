/** Timing an asynchronous reader (the web-page and PDF readers) for the fuzz suites: its time and its scaling. */
import { ReportError } from '../../src/core/errors';

/** ReportError is the reader's answer for what it cannot read; anything else is a bug. */
export async function readsOrRefuses(read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
  }
}

/** Processor time of an async read, in ms (nothing else runs in this process while it is awaited). */
export async function cpuTime(read: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  await readsOrRefuses(read);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Time on 4n over time on n for an async reader, best of three each, the sizes grown until n is measurable
 * (25 ms) or reaches maxN: linear ~4, quadratic ~16; the limit, 8, is test/unit/linear.ts's.
 */
export async function asyncScalingRatio(
  read: (n: number) => Promise<unknown>,
  n: number,
  maxN = n * 64,
): Promise<{ n: number; ratio: number }> {
  await readsOrRefuses(() => read(n)); // warm-up: the first read loads the engine
  const best = async (size: number) =>
    Math.min(await cpuTime(() => read(size)), await cpuTime(() => read(size)), await cpuTime(() => read(size)));
  let size = n;
  while (size < maxN && (await best(size)) < 25) size *= 2;
  return { n: size, ratio: (await best(size * 4)) / Math.max(await best(size), 0.01) };
}
