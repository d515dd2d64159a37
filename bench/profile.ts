/**
 * For finding out why: one library size, Dossier's search only, with a heap breakdown (library alone, then
 * with the search index) and per-keystroke timings split by query length. Run under --cpu-prof to see where
 * the time goes:
 *   node --expose-gc --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts 500
 * BENCH_SEARCH=path/to/search.ts profiles another version of the search module.
 */
import * as fs from 'fs';
import * as os from 'os';
import { performance } from 'perf_hooks';
import { Library } from '../src/core/library';
import { parseReportWithSpans } from '../src/core/parse';
import { DOSSIER_SEARCH } from './engines';
import { generateLibrary, SEED_PATH } from './generate';
import { buildQueries, isHit, keystrokes, resolveAnswers } from './queries';
import { heapMB, percentile, round, time } from './stats';

const size = Number(process.argv[2] ?? 500);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createSearchIndex } = require(DOSSIER_SEARCH) as typeof import('../src/core/search');
console.log(`search module: ${DOSSIER_SEARCH}`);
const base = heapMB();
const generated = generateLibrary(size - 1);
const texts = [fs.readFileSync(SEED_PATH, 'utf8'), ...generated.map(g => g.text)];
const parsed = time(() => texts.map((t, i) => parseReportWithSpans(t, { id: i ? generated[i - 1].id : 'seed', source: `${i}.txt` })));
const library = new Library(parsed.value);
texts.length = 0;
for (const g of generated) g.text = '';
const afterLibrary = heapMB();
const built = time(() => createSearchIndex(library));
const afterIndex = heapMB();
console.log(`${size} reports: parse ${round(parsed.ms)} ms, index ${round(built.ms)} ms (${built.value.size} docs)`);
console.log(
  `heap: baseline ${round(base, 1)} MB, +library ${round(afterLibrary - base, 1)} MB, +search index ${round(afterIndex - afterLibrary, 1)} MB, total ${round(afterIndex, 1)} MB`,
);

const queries = buildQueries(generated, 50, true);
const answers = resolveAnswers(library, queries);
let found = 0;
const missed: string[] = [];
queries.forEach((q, i) => {
  const hits = built.value.search(q.text, { limit: 10 });
  if (
    hits.some(h =>
      isHit(
        {
          reportId: h.reportId,
          kind: h.kind,
          id: h.id,
          paragraph: h.kind === 'figure' ? library.figure(h.reportId, h.id)?.figure.paragraph : undefined,
        },
        answers[i],
      ),
    )
  )
    found++;
  else missed.push(q.text);
});
console.log(`recall@10 ${round(found / queries.filter((_, i) => answers[i].size).length, 3)}; missed: ${missed.join(' | ')}`);
for (const p of keystrokes('warm up 42')) built.value.search(p, { limit: 10 });
const byLength = new Map<number, number[]>();
const all: number[] = [];
const cpu: number[] = [];
const slow: { q: string; ms: number }[] = [];
for (const q of queries) {
  for (const prefix of keystrokes(q.text)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    built.value.search(prefix, { limit: 10 });
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    all.push(ms);
    const bucket = Math.min(prefix.length, 8);
    byLength.set(bucket, [...(byLength.get(bucket) ?? []), ms]);
    slow.push({ q: prefix, ms });
  }
}
console.log(
  `per keystroke: p50 ${round(percentile(all, 50), 2)} ms, p95 ${round(percentile(all, 95), 2)} ms; CPU p50 ${round(percentile(cpu, 50), 2)} ms, p95 ${round(percentile(cpu, 95), 2)} ms; load ${os.loadavg()[0].toFixed(1)}`,
);
for (const [len, times] of [...byLength].sort((a, b) => a[0] - b[0])) {
  console.log(
    `  prefix length ${len === 8 ? '8+' : len}: n=${times.length} p50 ${round(percentile(times, 50), 2)} p95 ${round(percentile(times, 95), 2)} ms`,
  );
}
console.log(
  'slowest:',
  slow
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map(s => `${JSON.stringify(s.q)} ${round(s.ms, 1)}`)
    .join(', '),
);
