/**
 * The measurements beside search: production bundle sizes, chart rendering (cold and warm, from the built
 * lazy chunk), hover lookup, fact-check of a 5,000-line note, and activation inside the real VS Code harness.
 * Each part says "not measured" (with why) when what it measures has not landed yet.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { errorMessage } from '../src/core/errors';
import { Library } from '../src/core/library';
import { measureActivation } from './activation';
import { measureCheck } from './check';
import { measureFormats } from './formats';
import { measurePdf, type PdfTimes } from './pdf';
import { measureHover } from './hover';
import { longestStall } from './stalls';
import { describeNoteBlocking, measureNoteBlocking, type NoteBlocking } from './noteBlocking';
import { DOSSIER_SEARCH } from './engines';
import { time, timeAsync } from './stats';

const ROOT = path.join(__dirname, '..');

export interface Extras {
  bundleKB?: number;
  lazyKB?: Record<string, number>;
  /** KB of minified output per package / source file, largest first */
  bundleParts?: Record<string, number>;
  bundleLoadMs?: number;
  activationSamples?: number[];
  activateBodyMs?: number;
  /** the extension host's processor time during extension.activate() (median) */
  activationCpuMs?: number;
  /** later starts (one kept user data folder, primed by one start): wall, CPU (medians), samples */
  activationWarmMs?: number;
  activationWarmCpuMs?: number;
  activationWarmSamples?: number[];
  chartColdMs?: number;
  chartWarmMs?: number;
  hoverP50Ms?: number;
  hoverP95Ms?: number;
  hoverScanMs?: number;
  hoverLineP95Ms?: number;
  indexBlockMaxMs?: number;
  /** the longest stall less the collector's pauses inside it */
  indexBlockWithoutGcMs?: number;
  /** 2 MB hostile notes: the longest hold of the host, one-shot against in slices */
  noteBlocking?: NoteBlocking[];
  checkColdMs?: number;
  checkMs?: number;
  activationMs?: number;
  /** saved web pages and Word files (the production dist/web.js, then the Markdown reader) and web captures */
  formats?: FormatTimes;
  /** PDF reports through the production dist/pdf.js */
  pdf?: PdfTimes;
  notes: string[];
}

export interface FormatTimes {
  /** loading dist/web.js and reading the first page */
  webColdMs: number;
  /** median over the HTML fixtures, each read again and again */
  htmlWarmMs: number;
  docxWarmMs: number;
  /** the seven CRS web captures (Markdown), each once: median and largest */
  captureMedianMs: number;
  captureMaxMs: number;
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
      out.notes.push(`${name}: not measured: ${errorMessage(error).split('\n')[0]}`);
    }
  };

  let distDir: string | undefined;
  await guard('bundle', async () => {
    distDir = productionBuild();
    out.bundleKB = fs.statSync(path.join(distDir, 'extension.js')).size / 1024;
    out.lazyKB = {};
    for (const name of fs.readdirSync(distDir).sort()) {
      if (name.endsWith('.js') && name !== 'extension.js')
        out.lazyKB[name] = Math.round(fs.statSync(path.join(distDir, name)).size / 102.4) / 10;
    }
    ctx.log(`\nbundle: dist/extension.js ${Math.round(out.bundleKB * 10) / 10} KB minified; others ${JSON.stringify(out.lazyKB)}`);
    out.bundleParts = await bundleParts();
    ctx.log(
      `  largest parts of extension.js (KB): ${Object.entries(out.bundleParts)
        .slice(0, 8)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    // Loading the bundle in plain Node (vscode stubbed): the part of activation that the bundle's size decides.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = spawnSync(process.execPath, [path.join(__dirname, 'requireWithStub.js'), path.join(distDir, 'extension.js')], {
        encoding: 'utf8',
      });
      if (r.status === 0) loads.push(Number(r.stdout));
    }
    loads.sort((a, b) => a - b);
    if (loads.length) out.bundleLoadMs = loads[Math.floor(loads.length / 2)];
    ctx.log(
      `  require(extension.js) in plain Node, vscode stubbed: median ${out.bundleLoadMs?.toFixed(1)} ms of ${loads.map(l => l.toFixed(0)).join(', ')}`,
    );
  });

  await guard('charts', async () => {
    const chunk = distDir && path.join(distDir, 'charts.js');
    if (!chunk || !fs.existsSync(chunk))
      throw new Error('no lazy chart chunk (src/lazy/charts.ts → dist/charts.js) in the production build');
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
    ctx.log(
      `charts: cold ${Math.round(out.chartColdMs)} ms (load chunk + first render), warm median ${Math.round(out.chartWarmMs * 10) / 10} ms`,
    );
  });

  await guard('hover', () => {
    if (!ctx.library) throw new Error('no library');
    const m = measureHover(ctx.library);
    out.hoverP50Ms = m.p50;
    out.hoverP95Ms = m.p95;
    out.notes.push(...m.notes);
    out.hoverScanMs = m.scanMs;
    out.hoverLineP95Ms = m.lineP95;
    ctx.log(
      `hover: ${m.lookups} lookups at ${ctx.library.reports.length} reports, p50 ${m.p50.toFixed(4)} ms, p95 ${m.p95.toFixed(4)} ms; note scan after an edit ${Math.round(m.scanMs)} ms (${m.how}); scanning only the hovered line instead: p95 ${m.lineP95.toFixed(3)} ms`,
    );
  });

  await guard('check', () => {
    if (!ctx.library) throw new Error('no library');
    const m = measureCheck(ctx.library);
    out.checkMs = m.ms;
    out.checkColdMs = m.coldMs;
    ctx.log(
      `fact-check: ${m.lines}-line note, ${m.findings} findings, ${Math.round(m.ms)} ms (cold ${Math.round(m.coldMs)} ms) at ${ctx.library.reports.length} reports`,
    );
  });

  await guard('blocking', async () => {
    // The UI thread must never block on a library build: the longest event-loop stall while the search
    // index builds in chunks (buildSearchIndex, as the extension builds it), at the largest library.
    if (!ctx.library) throw new Error('no library');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSearchIndex } = require(DOSSIER_SEARCH) as typeof import('../src/core/search');
    const library = ctx.library;
    const stall = await longestStall(() => buildSearchIndex(library));
    out.indexBlockMaxMs = stall.longestMs;
    out.indexBlockWithoutGcMs = stall.longestWithoutGcMs;
    ctx.log(
      `chunked index build (buildSearchIndex) at ${library.reports.length} reports: ${Math.round(stall.ms)} ms in all, longest event-loop stall ${stall.longestMs.toFixed(0)} ms (${stall.gcInLongestMs.toFixed(0)} ms of it the collector's; ${stall.longestWithoutGcMs.toFixed(0)} ms at most without)`,
    );
  });

  await guard('noteblocking', async () => {
    // the fact-check and chart preview of a 2 MB hostile note run in ~20 ms slices (runInSlices in src/core/steps.ts)
    const seedOnly = new Library([ctx.library!.reports[0]!]);
    out.noteBlocking = await measureNoteBlocking(seedOnly);
    for (const line of describeNoteBlocking(out.noteBlocking)) ctx.log(line);
  });

  await guard('formats', async () => {
    const chunk = distDir && path.join(distDir, 'web.js');
    if (!chunk || !fs.existsSync(chunk)) throw new Error('no lazy web chunk (src/lazy/web.ts → dist/web.js) in the production build');
    out.formats = await measureFormats(chunk);
    const f = out.formats;
    ctx.log(
      `formats: dist/web.js cold ${Math.round(f.webColdMs)} ms (load + first page); HTML page warm median ${f.htmlWarmMs.toFixed(1)} ms; .docx warm median ${f.docxWarmMs.toFixed(1)} ms; CRS web capture (Markdown) median ${f.captureMedianMs.toFixed(1)} ms, largest ${f.captureMaxMs.toFixed(1)} ms`,
    );
  });

  await guard('pdf', async () => {
    const chunk = distDir && path.join(distDir, 'pdf.js');
    if (!chunk || !fs.existsSync(chunk)) throw new Error('no lazy PDF chunk (src/lazy/pdf.ts → dist/pdf.js) in the production build');
    out.pdf = await measurePdf(chunk);
    const p = out.pdf;
    ctx.log(
      `pdf: dist/pdf.js cold ${Math.round(p.coldMs)} ms (load + first PDF); ${p.msPerPage.toFixed(1)} ms per page (median); ${p.largestPages} pages in ${Math.round(p.largestMs)} ms`,
    );
  });

  await guard('activation', async () => {
    const m = await measureActivation(ctx.log);
    out.activationMs = m.ms;
    out.activationSamples = m.samples;
    out.activateBodyMs = m.activateMs;
    out.activationCpuMs = m.cpuMs;
    out.activationWarmMs = m.warm?.ms;
    out.activationWarmCpuMs = m.warm?.cpuMs;
    out.activationWarmSamples = m.warm?.samples;
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
  for (const entry of ['src', 'scripts', 'node_modules', 'data', 'media', 'package.json', 'package-lock.json', 'tsconfig.json']) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.symlinkSync(path.join(ROOT, entry), path.join(scratch, entry));
  }
  fs.copyFileSync(path.join(ROOT, 'esbuild.js'), path.join(scratch, 'esbuild.js'));
  const { ms, value: result } = time(() => spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: scratch, encoding: 'utf8' }));
  if (result.status !== 0)
    throw new Error(`production build failed: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 3).join(' ')}`);
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
    data: {
      values: [
        { country: 'Pakistan', rate: 29 + (i % 3) },
        { country: 'Bangladesh', rate: 39 },
        { country: 'Vietnam', rate: 46 },
        { country: 'Other', rate: 10 + i },
      ],
    },
    mark: 'bar',
    encoding: {
      x: { field: 'country', type: 'nominal', sort: null },
      y: { field: 'rate', type: 'quantitative', title: 'percent' },
    },
  };
}

/** What extension.js is made of: minified bytes per npm package or source file (esbuild metafile), largest first (a core module in dist/core.js is a stand-in of a few bytes here). */
async function bundleParts(): Promise<Record<string, number>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // esbuild.js's own options for extension.js (its stand-ins: the lazy engines, the core in dist/core.js)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { bundles } = require(path.join(ROOT, 'esbuild.js')) as { bundles: import('esbuild').BuildOptions[] };
  const options = bundles.find(b => (b.entryPoints as string[]).includes('src/extension.ts'))!;
  const result = await esbuild.build({
    ...options,
    minify: true,
    sourcemap: false,
    absWorkingDir: ROOT,
    write: false,
    metafile: true,
    outdir: undefined,
    outfile: path.join(os.tmpdir(), 'dossier-bench-meta.js'),
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const parts: Record<string, number> = {};
  for (const [file, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = pkg ? pkg[1] : file.replace(/^.*?src\//, 'src/');
    parts[key] = (parts[key] ?? 0) + input.bytesInOutput;
  }
  return Object.fromEntries(
    Object.entries(parts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v / 102.4) / 10]),
  );
}
