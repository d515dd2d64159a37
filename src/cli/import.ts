/**
 * `dossier import FILE… --out DIR [--force]`: writes each PDF report, saved web page or Word file as Markdown —
 * front matter (title, date, authors, publisher, number), `#` headings, `[^n]` markers and notes, pipe tables
 * (PDF) — a readable, diff-able, editable copy that Dossier reads like any Markdown report.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ParsedReport } from '../core/parse';
import type { PdfParsed } from '../core/parse/pdf';
import type { CliCommand, CliIO } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadReport, parseArgs } from './load';

export const importCommand: CliCommand = {
  name: 'import',
  synopsis: 'FILE… --out DIR [--force]   write PDF, HTML and Word reports as Markdown with front matter and [^n] notes',
  run: (args: string[], io: CliIO) =>
    runCommand(importCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--force'], options: ['--out'] });
      const out = parsed.value('--out');
      if (!out) throw new UsageError('give --out DIR, the folder to write the Markdown to');
      if (parsed.words.length === 0) throw new UsageError('give one or more PDF, HTML or Word files');
      if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) throw new LoadError(`${out}: is a file, not a folder`);
      // read everything first: a bad file stops the import before anything is written
      const converted: { from: string; to: string; markdown: string; warnings: string[] }[] = [];
      for (const file of parsed.words) {
        const result = (await loadReport(file)) as PdfParsed | ParsedReport;
        if (!('markdown' in result))
          throw new LoadError(`${file}: is already text (Markdown or plain text); import converts PDF, HTML and Word reports`);
        const to = path.join(out, path.basename(file).replace(/\.(?:pdf|html?|xhtml|docx)$/i, '') + '.md');
        if (fs.existsSync(to) && !parsed.has('--force')) throw new LoadError(`${to}: exists (use --force to overwrite)`);
        converted.push({ from: file, to, markdown: result.markdown, warnings: result.warnings });
      }
      fs.mkdirSync(out, { recursive: true });
      for (const c of converted) {
        fs.writeFileSync(c.to, c.markdown);
        io.out(`${c.from} → ${c.to}`);
        for (const w of c.warnings) io.err(`dossier import: ${c.from}: warning: ${w}`);
      }
      return 0;
    }),
};
