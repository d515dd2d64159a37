/**
 * The longest time work holds the event loop (the extension host's, in the extension): a tick on every turn of
 * the loop, and the longest gap between two ticks is the longest stall. Also told apart: how much of that
 * turn was the collector's pauses (PerformanceObserver `gc` entries), so a stall can be read as Dossier's own
 * work or V8 cleaning up after it. Reported, not asserted.
 */
import { PerformanceObserver, performance } from 'perf_hooks';

export interface Stall {
  /** the longest gap between two turns, wall clock */
  longestMs: number;
  /** this process's processor time in the turn with the most of it (on a busy machine wall time includes waiting for a core) */
  longestCpuMs: number;
  /** the longest gap less the collector's pauses inside it: the work's own longest hold */
  longestWithoutGcMs: number;
  /** the collector's pauses inside the longest gap */
  gcInLongestMs: number;
  /** the whole work, wall clock */
  ms: number;
}

/** turns shorter than this are not kept for the collector's share (they cannot be the longest of interest) */
const KEEP_TURNS_OVER_MS = 5;

export async function longestStall(work: () => Promise<unknown>): Promise<Stall> {
  const turns: [number, number][] = [];
  const pauses: [number, number][] = [];
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let lastCpu = cpuMs();
  let longestCpu = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    const cpu = cpuMs();
    if (now - last > KEEP_TURNS_OVER_MS) turns.push([last, now]);
    longestCpu = Math.max(longestCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  running = false;
  tick();
  // the observer hears of the last pauses on a later turn
  await new Promise(resolve => setTimeout(resolve, 20));
  observer.disconnect();
  let longest: Stall = { longestMs: 0, longestCpuMs: longestCpu, longestWithoutGcMs: 0, gcInLongestMs: 0, ms };
  for (const [from, to] of turns) {
    const gc = pauses.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)), 0);
    if (to - from > longest.longestMs) longest = { ...longest, longestMs: to - from, gcInLongestMs: gc };
    longest.longestWithoutGcMs = Math.max(longest.longestWithoutGcMs, to - from - gc);
  }
  return longest;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
