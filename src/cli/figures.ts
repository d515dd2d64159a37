/** `dossier figures [FILE] [--json] [--library DIR]`: every key figure, as an aligned table or JSON. */
import type { Figure } from '../core/model';
import type { CliCommand, CliIO } from './command';
import { runCommand, UsageError } from './errors';
import { loadLibrary, parseArgs } from './load';

export const figuresCommand: CliCommand = {
  name: 'figures',
  synopsis: '[FILE] [--json] [--library DIR]   key figures: value, unit, qualifier, what they measure',
  run: (args: string[], io: CliIO) =>
    runCommand(figuresCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--json'], options: ['--library'] });
      if (parsed.words.length > 1) throw new UsageError('give at most one FILE');
      const library = await loadLibrary(io, { file: parsed.words[0], libraries: parsed.values('--library') });
      const rows = library.allFigures().map(({ report, figure }) => ({ report: report.id, ...figure }));
      if (parsed.has('--json')) io.out(JSON.stringify(rows, null, 2));
      else io.out(figureTable(rows, library.reports.length > 1));
      return 0;
    }),
};

/** An aligned plain-text table; long subjects are cut so a row fits a terminal. */
export function figureTable(rows: (Figure & { report: string })[], withReport: boolean): string {
  if (rows.length === 0) return 'No key figures found.';
  const header = [...(withReport ? ['report'] : []), 'id', 'as written', 'value', 'unit', 'qualifier', 'subject'];
  // one formatter: toLocaleString with options builds a new one per call (4 s for 30,000 figures)
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const body = rows.map(r => [
    ...(withReport ? [r.report] : []),
    r.id,
    cut(r.text, 32),
    number.format(r.value),
    r.unit,
    r.qualifier ?? '',
    cut(r.subject, 60),
  ]);
  const numeric = header.indexOf('value');
  // a fold, not Math.max(...column): 150,000 rows overflow the call stack as arguments
  const widths = header.map((h, i) => body.reduce((w, row) => Math.max(w, row[i].length), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === numeric ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...body.map(line)].join('\n');
}
