/**
 * Per-keystroke search latency and recall@10 for one engine over a labelled query set: each query is typed
 * one key at a time and every prefix is searched, as a QuickPick does; recall is judged on the whole query.
 */
import { performance } from 'perf_hooks';
import type { Engine } from './engines';
import { isHit, keystrokes, type Answers, type LabelledQuery } from './queries';
import { percentile } from './stats';

export interface SearchMeasure {
  /** wall-clock ms per keystroke */
  p50: number;
  p95: number;
  /** CPU ms per keystroke (process.cpuUsage): what the search costs when other processes crowd the machine */
  cpuP50: number;
  cpuP95: number;
  max: number;
  /** fraction of queries with a right answer in the top 10 */
  recall: number;
  queries: number;
  keystrokes: number;
  /** queries that missed, for the report */
  misses: string[];
}

export const LIMIT = 10;

export function measureSearch(engine: Engine, queries: LabelledQuery[], answers: Answers[]): SearchMeasure {
  // Warm the JIT (and any lazy structure) on a query outside the set.
  for (const prefix of keystrokes('warm up query 42')) engine.search(prefix, LIMIT);
  const latencies: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  let judged = 0;
  const misses: string[] = [];
  queries.forEach((query, i) => {
    const prefixes = keystrokes(query.text);
    let last: ReturnType<Engine['search']> = [];
    for (const prefix of prefixes) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      last = engine.search(prefix, LIMIT);
      latencies.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    if (answers[i].size === 0) return;
    judged++;
    if (last.slice(0, LIMIT).some(hit => isHit(hit, answers[i]))) found++;
    else misses.push(query.text);
  });
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    max: percentile(latencies, 100),
    recall: judged ? found / judged : NaN,
    queries: queries.length,
    keystrokes: latencies.length,
    misses,
  };
}

/** Recall@10 only (no per-keystroke timing), for the subset of queries the slow engine did not type. */
export function measureRecall(engine: Engine, queries: LabelledQuery[], answers: Answers[]): number {
  let found = 0;
  let judged = 0;
  queries.forEach((query, i) => {
    if (answers[i].size === 0) return;
    judged++;
    if (engine.search(query.text, LIMIT).some(hit => isHit(hit, answers[i]))) found++;
  });
  return judged ? found / judged : NaN;
}
