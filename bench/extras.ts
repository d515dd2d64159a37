/**
 * The measurements beside search: production bundle sizes, chart rendering (cold and warm, from the built
 * lazy chunk), hover lookup, fact-check of a 5,000-line note, and activation inside the real VS Code harness.
 * Each part says "not measured" (with why) when what it measures has not landed yet.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Library } from '../src/core/library';
import { measureActivation } from './activation';
import { measureCheck } from './check';
import { measureHover } from './hover';
import { time, timeAsync } from './stats';

const ROOT = path.join(__dirname, '..');

export interface Extras {
  bundleKB?: number;
  lazyKB?: Record<string, number>;
  chartColdMs?: number;
  chartWarmMs?: number;
  hoverP50Ms?: number;
  hoverP95Ms?: number;
  checkMs?: number;
  activationMs?: number;
  notes: string[];
}

export interface ExtrasContext {
  skip: Set<string>;
  library?: Library;
  seedText: string;
  notes: string[];
  log: (line: string) => void;
}

export async function measureExtras(ctx: ExtrasContext): Promise<Extras> {
  const out: Extras = { notes: [] };
  const guard = async (name: string, fn: () => Promise<void> | void) => {
    if (ctx.skip.has(name)) {
      out.notes.push(`${name}: skipped (BENCH_SKIP)`);
      return;
    }
    try {
      await fn();
    } catch (error) {
      out.notes.push(`${name}: not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };

  let distDir: string | undefined;
  await guard('bundle', () => {
    distDir = productionBuild();
    out.bundleKB = fs.statSync(path.join(distDir, 'extension.js')).size / 1024;
    out.lazyKB = {};
    for (const name of fs.readdirSync(distDir).sort()) {
      if (name.endsWith('.js') && name !== 'extension.js') out.lazyKB[name] = Math.round(fs.statSync(path.join(distDir, name)).size / 102.4) / 10;
    }
    ctx.log(`\nbundle: dist/extension.js ${Math.round(out.bundleKB * 10) / 10} KB minified; others ${JSON.stringify(out.lazyKB)}`);
  });

  await guard('charts', async () => {
    const chunk = distDir && path.join(distDir, 'charts.js');
    if (!chunk || !fs.existsSync(chunk)) throw new Error('no lazy chart chunk (src/lazy/charts.ts → dist/charts.js) in the production build');
    const spec = barSpec();
    // Cold: loading the chunk (vega, vega-lite) and the first render; warm: the median of later renders.
    const cold = await timeAsync(async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const charts = require(chunk) as { renderSvg?: (spec: object) => Promise<string> };
      if (typeof charts.renderSvg !== 'function') throw new Error('dist/charts.js exports no renderSvg(spec)');
      const svg = await charts.renderSvg(spec);
      if (!svg.includes('<svg')) throw new Error('renderSvg returned no SVG');
      return charts.renderSvg;
    });
    out.chartColdMs = cold.ms;
    const warm: number[] = [];
    for (let i = 0; i < 15; i++) warm.push((await timeAsync(() => cold.value!(barSpec(i)))).ms);
    warm.sort((a, b) => a - b);
    out.chartWarmMs = warm[Math.floor(warm.length / 2)];
    ctx.log(`charts: cold ${Math.round(out.chartColdMs)} ms (load chunk + first render), warm median ${Math.round(out.chartWarmMs * 10) / 10} ms`);
  });

  await guard('hover', () => {
    if (!ctx.library) throw new Error('no library');
    const m = measureHover(ctx.library);
    out.hoverP50Ms = m.p50;
    out.hoverP95Ms = m.p95;
    out.notes.push(...m.notes);
    ctx.log(`hover: ${m.lookups} lookups at ${ctx.library.reports.length} reports, p50 ${m.p50.toFixed(4)} ms, p95 ${m.p95.toFixed(4)} ms (${m.how})`);
  });

  await guard('check', () => {
    if (!ctx.library) throw new Error('no library');
    const m = measureCheck(ctx.library);
    out.checkMs = m.ms;
    ctx.log(`fact-check: ${m.lines}-line note, ${m.findings} findings, ${Math.round(m.ms)} ms (cold ${Math.round(m.coldMs)} ms) at ${ctx.library.reports.length} reports`);
  });

  await guard('activation', async () => {
    const m = await measureActivation(ctx.log);
    out.activationMs = m.ms;
    out.notes.push(m.how);
    ctx.log(`activation: ${m.ms} ms (${m.how})`);
  });

  return out;
}

/**
 * `node esbuild.js --production` exactly as the project builds, but in a scratch folder (symlinks to src,
 * node_modules, data, media) so it never overwrites the dist/ that the harness and other engineers use.
 */
function productionBuild(): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-build-'));
  for (const entry of ['src', 'node_modules', 'data', 'media', 'package.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.symlinkSync(path.join(ROOT, entry), path.join(scratch, entry));
  }
  fs.copyFileSync(path.join(ROOT, 'esbuild.js'), path.join(scratch, 'esbuild.js'));
  const { ms, value: result } = time(() => spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: scratch, encoding: 'utf8' }));
  if (result.status !== 0) throw new Error(`production build failed: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 3).join(' ')}`);
  void ms;
  return path.join(scratch, 'dist');
}

/** A bar chart like the reciprocal-tariff one; `i` varies the data so warm renders are not cached. */
function barSpec(i = 0): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Reciprocal tariff rates',
    width: 320,
    height: 180,
    data: { values: [{ country: 'Pakistan', rate: 29 + (i % 3) }, { country: 'Bangladesh', rate: 39 }, { country: 'Vietnam', rate: 46 }, { country: 'Other', rate: 10 + i }] },
    mark: 'bar',
    encoding: {
      x: { field: 'country', type: 'nominal', sort: null },
      y: { field: 'rate', type: 'quantitative', title: 'percent' },
    },
  };
}
