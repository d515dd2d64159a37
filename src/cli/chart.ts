/**
 * `dossier chart`: the preview's charts as SVG files, for scripts and docs-as-code.
 *   dossier chart --list                      every chart of the library (curated and automatic)
 *   dossier chart ID [--out FILE]             one chart's SVG, printed or written
 *   dossier chart --note NOTES.md [--out DIR] the charts a note uses (and declares), printed or written as DIR/<id>.svg
 * Options: --theme light|dark (default light, as the preview exports), --library DIR adds reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Chart } from '../core/charts';
import { chartSpec, darkTheme, lightTheme } from '../core/chartSpec';
import { chartEngine } from '../lazy/load';
import type { CliCommand } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadDossier, parseArgs, readTextFile } from './load';

interface ChartArgs {
  id?: string;
  list: boolean;
  note?: string;
  out?: string;
  theme: 'light' | 'dark';
  libraries: string[];
}

function chartArgs(args: string[]): ChartArgs {
  const parsed = parseArgs(args, { flags: ['--list'], options: ['--note', '--out', '--library', '--theme'] });
  const theme = parsed.value('--theme') ?? 'light';
  if (theme !== 'light' && theme !== 'dark') throw new UsageError(`--theme must be light or dark, not "${theme}"`);
  if (parsed.words.length > 1) throw new UsageError(`one chart id at a time (got "${parsed.words[0]}" and "${parsed.words[1]}")`);
  const chart: ChartArgs = {
    id: parsed.words[0],
    list: parsed.has('--list'),
    note: parsed.value('--note'),
    out: parsed.value('--out'),
    theme,
    libraries: parsed.values('--library'),
  };
  if (!chart.list && !chart.note && !chart.id) throw new UsageError('give a chart ID, --list, or --note NOTES.md');
  return chart;
}

async function svgOf(chart: Chart, theme: 'light' | 'dark'): Promise<string> {
  return chartEngine().renderSvg(chartSpec(chart, theme === 'dark' ? darkTheme : lightTheme));
}

export const chartCommand: CliCommand = {
  name: 'chart',
  synopsis: 'ID [--out FILE] | --list | --note NOTES.md [--out DIR]  charts of report figures as SVG',
  run: (args, io) =>
    runCommand(chartCommand, io, async () => {
      const parsed = chartArgs(args);
      // curated charts that cannot be read are reported on stderr and skipped; the others still count
      const dossier = await loadDossier(io, { libraries: parsed.libraries });

      if (parsed.list) {
        for (const chart of await dossier.charts()) {
          io.out(`${chart.id}\t${chart.title}\t${chart.origin}, ${chart.data.length} figure${chart.data.length === 1 ? '' : 's'}`);
        }
        return 0;
      }

      if (parsed.note) {
        const text = readTextFile(parsed.note);
        const result = await dossier.chartsForNote(text);
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

      const all = await dossier.charts();
      const chart = all.find(c => c.id === parsed.id);
      if (!chart) throw new LoadError(`no chart "${parsed.id}". Run dossier chart --list (${all.length} charts).`);
      const svg = await svgOf(chart, parsed.theme);
      if (parsed.out) {
        fs.mkdirSync(path.dirname(path.resolve(parsed.out)), { recursive: true });
        fs.writeFileSync(parsed.out, svg + '\n');
      } else io.out(svg);
      return 0;
    }),
};
