/** Timing an asynchronous reader (the web-page and PDF readers) for the fuzz suites: its time and its scaling. */
import { readFileSync } from 'node:fs';
import { ReportError } from '../../src/core/errors';

/** ReportError is the reader's answer for what it cannot read; anything else is a bug. */
export async function readsOrRefuses(read: () => Promise<unknown>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
  }
}

/**
 * This thread's processor time in ms, where Linux tells it (/proc/thread-self/schedstat, in ns); undefined
 * elsewhere. The process's time also counts V8's collector and compiler threads beside it: 1.3–2× the reader's
 * own time on a page of 1,730 <sup> notes, and over 3 s once in a full `npm test`.
 */
export function threadCpuMs(): number | undefined {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * This thread's processor time for an async read, in ms (nothing else runs on this thread while it is
 * awaited): for a limit on one read. Linux counts it in scheduler ticks, too coarse for a ratio of short reads.
 */
export async function threadTime(read: () => Promise<unknown>): Promise<number> {
  const clock = threadCpuMs() === undefined ? processCpuMs : () => threadCpuMs()!;
  const started = clock();
  await readsOrRefuses(read);
  return clock() - started;
}

/** The process's processor time for an async read, in ms (nothing else runs in this process while it is awaited). */
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
