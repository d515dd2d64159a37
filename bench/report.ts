/**
 * Renders bench/results.json as the Markdown tables of docs/performance.md (the budget table goes in the README's "Performance" section):
 *   npx tsx bench/report.ts [bench/results.json]
 */
import * as fs from 'fs';
import * as path from 'path';

interface EngineRow {
  p50: number;
  p95: number;
  cpuP50: number;
  cpuP95: number;
  recall: number;
  recallOnFuseSubset?: number;
  queries: number;
  keystrokes: number;
}
interface Results {
  date: string;
  machine: { cpus: number; cpu?: string; memoryGB: number; node: string; loadAverageAtEnd: number[] };
  search: Record<string, Record<string, EngineRow>>;
  buildMs: Record<string, number>;
  heapMB: Record<string, number>;
  openMs?: { cold: Record<string, number>; warm: Record<string, number> };
  openCpuMs?: { cold: Record<string, number>; warm: Record<string, number> };
  reindexMs?: Record<string, number>;
  reindexCpuMs?: Record<string, number>;
  parseMBps: number;
  activationMs: number | null;
  activationSamples?: number[];
  activateBodyMs: number | null;
  activationCpuMs?: number | null;
  activationWarmMs?: number | null;
  activationWarmCpuMs?: number | null;
  activationWarmSamples?: number[];
  bundleKB: number | null;
  bundleLoadMs: number | null;
  bundleParts?: Record<string, number>;
  lazyKB?: Record<string, number>;
  hoverP95Ms: number | null;
  hoverScanMs: number | null;
  indexBlockMaxMs?: number | null;
  checkMs: number | null;
  checkColdMs: number | null;
  chartColdMs: number | null;
  chartWarmMs: number | null;
  libraries: Record<string, { reports: number; paragraphs: number; items: number; fuseNote?: string; loadAverage?: number }>;
  budgets: { name: string; limit: string; measured: string; met: boolean | null }[];
  runSeconds: number;
}

const file = process.argv[2] ?? path.join(__dirname, 'results.json');
const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
const out: string[] = [];
const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));

out.push(
  `Measured ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} cores (${r.machine.cpu ?? '?'}), ${r.machine.memoryGB} GB, Node ${r.machine.node}; ` +
    `1-minute load average ${r.machine.loadAverageAtEnd[0]} at the end (the machine was shared). Whole run ${Math.round(r.runSeconds)} s.`,
);
out.push('');
out.push('Search, per keystroke (every prefix of each labelled query), wall clock and CPU time, and recall@10 of the whole query:');
out.push('');
out.push('| library | items | engine | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | recall@10 | queries / keystrokes |');
out.push('|---|---|---|---|---|---|---|---|---|');
const order = (k: string) => (k === 'seed' ? 0 : Number(k));
for (const [size, row] of Object.entries(r.search).sort((a, b) => order(a[0]) - order(b[0]))) {
  const lib = r.libraries[size];
  for (const engine of ['dossier', 'minisearch', 'fuse']) {
    const e = row[engine];
    if (!e) continue;
    const recall =
      e.recallOnFuseSubset !== undefined ? `${fmt(e.recall, 3)} (${fmt(e.recallOnFuseSubset, 3)} on fuse's queries)` : fmt(e.recall, 3);
    out.push(
      `| ${size === 'seed' ? 'bundled report' : `${lib.reports} reports`} | ${lib.items} | ${engine === 'fuse' ? 'fuse.js alone' : engine === 'minisearch' ? 'MiniSearch alone' : '**Dossier**'} | ${fmt(e.p50, 2)} | ${fmt(e.p95, 2)} | ${fmt(e.cpuP50, 2)} | ${fmt(e.cpuP95, 2)} | ${recall} | ${e.queries} / ${e.keystrokes} |`,
    );
  }
}
const notes = Object.entries(r.libraries)
  .filter(([, l]) => l.fuseNote)
  .map(([k, l]) => `${k} reports: ${l.fuseNote}`);
if (notes.length) out.push('', `fuse.js alone costs seconds a query at library scale, so it is capped: ${notes.join('; ')}.`);
const big = r.search['500'];
if (big?.dossier && big.fuse) {
  out.push(
    '',
    `At 500 reports Dossier is ${fmt(big.fuse.p95 / big.dossier.p95, 0)}× faster than fuse.js alone at p95 (wall clock), ${fmt(big.fuse.cpuP95 / big.dossier.cpuP95, 0)}× in CPU time, and ${fmt(big.fuse.p50 / big.dossier.p50, 0)}× at the median.`,
  );
}
out.push('');
const sizes = ['seed', '10', '100', '500', '2000'].filter(k => r.heapMB[k] !== undefined);
out.push(`| | ${sizes.join(' | ')} |`);
out.push(`|---|${sizes.map(() => '---|').join('')}`);
const row = (label: string, values: Record<string, number> | undefined, d = 0) =>
  out.push(`| ${label} | ${sizes.map(k => fmt(values?.[k], d)).join(' | ')} |`);
row('library build ms (parse + index)', r.buildMs);
row('heap MB (library + search index)', r.heapMB, 1);
if (r.openMs) {
  row('cold open → search-ready, ms (wall clock)', r.openMs.cold);
  row('cold open, CPU ms', r.openCpuMs?.cold);
  row('warm open (all from the cache) → search-ready, ms (wall clock)', r.openMs.warm);
  row('warm open, CPU ms', r.openCpuMs?.warm);
  row('one edited report re-indexed, ms (wall clock)', r.reindexMs, 1);
  row('one edited report re-indexed, CPU ms', r.reindexCpuMs, 1);
}
out.push(
  '',
  `Longest event-loop stall while the search index builds in chunks at 500 reports (buildSearchIndex): ${fmt(r.indexBlockMaxMs, 0)} ms.`,
);
out.push('');
out.push('| measure | value |');
out.push('|---|---|');
out.push(`| parse throughput | ${fmt(r.parseMBps, 1)} MB/s |`);
out.push(
  `| hover lookup p95 (figure under the cursor) | ${fmt(r.hoverP95Ms, 4)} ms; re-scan of a 5,000-line note after an edit ${fmt(r.hoverScanMs, 0)} ms |`,
);
out.push(
  `| fact-check of a 5,000-line note at 500 reports | ${fmt(r.checkMs, 0)} ms warm, ${fmt(r.checkColdMs, 0)} ms with the checker's index build |`,
);
out.push(`| chart render (dist/charts.js) | cold ${fmt(r.chartColdMs, 0)} ms (load + first), warm ${fmt(r.chartWarmMs, 1)} ms |`);
out.push(
  `| extension bundle (production, minified) | ${fmt(r.bundleKB, 1)} KB; other bundles: ${Object.entries(r.lazyKB ?? {})
    .map(([k, v]) => `${k} ${v} KB`)
    .join(', ')} (charts.js and csl.js load lazily; cli.js is the CLI; webview.js runs in the webview) |`,
);
out.push(
  `| largest parts of extension.js | ${Object.entries(r.bundleParts ?? {})
    .slice(0, 5)
    .map(([k, v]) => `${k} ${v} KB`)
    .join(', ')} |`,
);
out.push(
  `| activation in the real VS Code (code-server), first start | ${fmt(r.activationMs, 0)} ms median of ${r.activationSamples?.map(s => s.toFixed(0)).join(', ') ?? '—'} (CPU time ${fmt(r.activationCpuMs ?? null, 1)} ms); activate() itself ${fmt(r.activateBodyMs, 1)} ms; require(extension.js) in plain Node ${fmt(r.bundleLoadMs, 0)} ms |`,
  `| activation, later starts (a kept user data folder) | ${fmt(r.activationWarmMs ?? null, 0)} ms median of ${r.activationWarmSamples?.map(s => s.toFixed(0)).join(', ') ?? '—'} (CPU time ${fmt(r.activationWarmCpuMs ?? null, 1)} ms) |`,
);
out.push('');
out.push('| budget | limit | measured | |');
out.push('|---|---|---|---|');
for (const b of r.budgets)
  out.push(`| ${b.name} | ${b.limit} | ${b.measured} | ${b.met === null ? 'not measured' : b.met ? 'met' : '**not met**'} |`);
process.stdout.write(out.join('\n') + '\n');
