/** `dossier parse FILE [--json] [--format text|markdown]`: the report model of DESIGN.md (from any format Dossier reads), as JSON or a readable summary. */
import type { Report } from '../core/model';
import type { CliCommand, CliIO } from './command';
import { runCommand, UsageError } from './errors';
import { loadReport, parseArgs } from './load';

export const parseCommand: CliCommand = {
  name: 'parse',
  synopsis:
    'FILE [--json] [--format text|markdown]   the report model (text, Markdown, PDF, HTML, Word): sections, paragraphs, notes, figures',
  run: (args: string[], io: CliIO) =>
    runCommand(parseCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--json'], options: ['--format'] });
      const format = parsed.value('--format');
      if (format !== undefined && format !== 'text' && format !== 'markdown')
        throw new UsageError(`--format must be text or markdown, got "${format}"`);
      if (parsed.words.length !== 1) throw new UsageError(parsed.words.length ? 'give exactly one FILE' : 'give a FILE to parse');
      const { report, warnings } = await loadReport(parsed.words[0], { format });
      if (parsed.has('--json')) {
        io.out(JSON.stringify(report, null, 2));
        // JSON on stdout stays the model alone; what the parser warned about goes to stderr
        for (const warning of warnings) io.err(`dossier parse: ${parsed.words[0]}: ${warning}`);
      } else io.out(summary(report, warnings));
      return 0;
    }),
};

/** A readable outline: title, counts, sections with their paragraph ranges, notes with their sources. */
export function summary(report: Report, warnings: string[] = []): string {
  const paragraphs = report.sections.reduce((n, s) => n + s.paragraphs.length, 0);
  const lines = [
    report.title,
    [
      `id ${report.id}`,
      `key ${report.key}`,
      report.number && `number ${report.number}`,
      report.date && `date ${report.date}`,
      report.authors.length ? `by ${report.authors.join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    `${report.sections.length} sections, ${paragraphs} paragraphs, ${report.footnotes.length} notes, ${report.figures.length} figures${report.tables?.length ? `, ${report.tables.length} tables` : ''}`,
    '',
    'Sections',
  ];
  for (const s of report.sections) {
    const first = s.paragraphs[0]?.id;
    const last = s.paragraphs[s.paragraphs.length - 1]?.id;
    const page = s.paragraphs[0]?.page;
    lines.push(
      `  ${s.id.padEnd(4)} ${s.title}  (${s.paragraphs.length} ¶, ${first === last ? first : `${first}–${last}`}${page ? `, p. ${page}` : ''})`,
    );
  }
  if (report.footnotes.length) {
    lines.push('', 'Notes');
    const width = report.footnotes.reduce((w, f) => Math.max(w, f.key.length), 0);
    for (const f of report.footnotes) {
      const s = f.source;
      const what =
        f.refersTo !== undefined
          ? `→ note ${f.refersTo}`
          : [s.authors.join(', '), s.title && `“${s.title}”`, s.container, s.date].filter(Boolean).join(', ');
      lines.push(`  ${String(f.n).padStart(3)}  ${f.key.padEnd(width)}  ${what}${f.citedBy.length ? `  [${f.citedBy.join(' ')}]` : ''}`);
    }
  }
  if (warnings.length) lines.push('', 'Warnings', ...warnings.map(w => `  ${w}`));
  return lines.join('\n');
}
