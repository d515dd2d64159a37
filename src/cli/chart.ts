/**
 * `dossier chart`: the preview's charts as SVG files, for scripts and docs-as-code.
 *   dossier chart --list                      every chart of the library (curated and automatic)
 *   dossier chart ID [--out FILE]             one chart's SVG, printed or written
 *   dossier chart --note NOTES.md [--out DIR] the charts a note uses (and declares), printed or written as DIR/<id>.svg
 * Options: --theme light|dark (default light, as the preview exports), --library DIR adds reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chartsForNote, libraryCharts, readCuratedChartFile, type Chart, type CuratedChartFile } from '../core/charts';
import { chartSpec, darkTheme, lightTheme } from '../core/chartSpec';
import { Library } from '../core/library';
import type { Report } from '../core/model';
import { parseReport } from '../core/parse';
import { chartEngine } from '../lazy/load';
import type { CliCommand, CliIO } from './command';

interface ChartArgs {
  id?: string;
  list: boolean;
  note?: string;
  out?: string;
  theme: 'light' | 'dark';
  libraries: string[];
}

function parseArgs(args: string[]): ChartArgs | string {
  const parsed: ChartArgs = { list: false, theme: 'light', libraries: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === '--list') parsed.list = true;
      else if (arg === '--note') parsed.note = value();
      else if (arg === '--out') parsed.out = value();
      else if (arg === '--library') parsed.libraries.push(value());
      else if (arg === '--theme') {
        const theme = value();
        if (theme !== 'light' && theme !== 'dark') return `--theme must be light or dark, not "${theme}"`;
        parsed.theme = theme;
      } else if (arg.startsWith('--')) return `unknown option ${arg}`;
      else if (parsed.id) return `one chart id at a time (got "${parsed.id}" and "${arg}")`;
      else parsed.id = arg;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!parsed.list && !parsed.note && !parsed.id) return 'give a chart ID, --list, or --note NOTES.md';
  return parsed;
}

/** data/ beside the bundle (dist/../data) or the sources (src/cli/../../data). */
function dataDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'data', 'reports'))) return path.join(dir, 'data');
    if (path.dirname(dir) === dir) throw new Error('the bundled data/ folder is missing');
  }
}

function reportFiles(dir: string): string[] {
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return [dir];
  return fs.readdirSync(dir).filter(f => /\.(md|markdown|txt)$/i.test(f)).sort().map(f => path.join(dir, f));
}

function loadLibrary(extra: string[], io: CliIO): Library {
  const reports: Report[] = [];
  for (const file of [...reportFiles(path.join(dataDir(), 'reports')), ...extra.flatMap(reportFiles)]) {
    try {
      reports.push(parseReport(fs.readFileSync(file, 'utf8'), { source: path.basename(file) }));
    } catch (error) {
      io.err(`dossier chart: skipped ${file}: ${(error as Error).message}`);
    }
  }
  return new Library(reports);
}

function loadCurated(io: CliIO): CuratedChartFile[] {
  const dir = path.join(dataDir(), 'charts');
  if (!fs.existsSync(dir)) return [];
  const files: CuratedChartFile[] = [];
  for (const name of fs.readdirSync(dir).filter(f => f.endsWith('.json')).sort()) {
    try {
      const { file, problems } = readCuratedChartFile(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')), name);
      for (const problem of problems) io.err(`dossier chart: ${problem}`);
      if (file) files.push(file);
    } catch (error) {
      io.err(`dossier chart: ${name}: ${(error as Error).message}`);
    }
  }
  return files;
}

async function svgOf(chart: Chart, theme: 'light' | 'dark'): Promise<string> {
  return chartEngine().renderSvg(chartSpec(chart, theme === 'dark' ? darkTheme : lightTheme));
}

export const chartCommand: CliCommand = {
  name: 'chart',
  synopsis: 'ID [--out FILE] | --list | --note NOTES.md [--out DIR]  charts of report figures as SVG',
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`dossier chart: ${parsed}`);
      return 2;
    }
    let library: Library;
    try {
      library = loadLibrary(parsed.libraries, io);
    } catch (error) {
      io.err(`dossier chart: ${(error as Error).message}`);
      return 2;
    }
    const curated = loadCurated(io);

    if (parsed.list) {
      for (const chart of libraryCharts(library, curated)) {
        io.out(`${chart.id}\t${chart.title}\t${chart.origin}, ${chart.data.length} figure${chart.data.length === 1 ? '' : 's'}`);
      }
      return 0;
    }

    if (parsed.note) {
      let text: string;
      try {
        text = fs.readFileSync(parsed.note, 'utf8');
      } catch (error) {
        io.err(`dossier chart: cannot read ${parsed.note}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
        return 2;
      }
      const result = chartsForNote(text, library, curated);
      for (const error of result.errors) io.err(`${parsed.note}:${error.line + 1}: ${error.message}`);
      if (result.charts.length === 0 && result.errors.length === 0) io.err('dossier chart: the note uses no figure of the library');
      for (const chart of result.charts) {
        const svg = await svgOf(chart, parsed.theme);
        if (parsed.out) {
          fs.mkdirSync(parsed.out, { recursive: true });
          const file = path.join(parsed.out, `${chart.id}.svg`);
          fs.writeFileSync(file, svg + '\n');
          io.out(file);
        } else io.out(svg);
      }
      return result.errors.length ? 1 : 0;
    }

    const all = libraryCharts(library, curated);
    const chart = all.find(c => c.id === parsed.id);
    if (!chart) {
      io.err(`dossier chart: no chart "${parsed.id}". Run dossier chart --list (${all.length} charts).`);
      return 2;
    }
    const svg = await svgOf(chart, parsed.theme);
    if (parsed.out) {
      fs.mkdirSync(path.dirname(path.resolve(parsed.out)), { recursive: true });
      fs.writeFileSync(parsed.out, svg + '\n');
    } else io.out(svg);
    return 0;
  },
};
