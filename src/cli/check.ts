import { createNoteChecker } from '../core/check';
import { lineColumns } from '../core/text';
import type { CliCommand } from './command';
import { runCommand, UsageError } from './errors';
import { loadLibrary, parseArgs, readTextFile } from './load';

/**
 * `dossier check NOTES.md [--json] [--library DIR]`: the fact-check of the editor, from a terminal.
 * Exit 1 when a number contradicts the report or a citation/footnote resolves to nothing; 0 when clean.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  synopsis: 'NOTES.md [--json] [--library DIR]   numbers and citations of a note checked against the report (exit 1 on findings)',
  run: (args, io) =>
    runCommand(checkCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--json'], options: ['--library'] });
      if (parsed.words.length !== 1) throw new UsageError('give one NOTES.md file');
      const file = parsed.words[0];
      // the note is read as strictly as a report: a binary, empty or non-UTF-8 note is an error, not "no findings"
      const text = readTextFile(file);
      const library = await loadLibrary(io, { libraries: parsed.values('--library') });
      const findings = createNoteChecker(library).check(text);
      const lineColumn = lineColumns(text);
      if (parsed.has('--json')) {
        io.out(
          JSON.stringify(
            findings.map(f => ({ ...f, ...lineColumn(f.start) })),
            null,
            2,
          ),
        );
      } else {
        for (const f of findings) {
          const { line, column } = lineColumn(f.start);
          io.out(`${file}:${line}:${column}: ${f.severity} [${f.code}] ${f.message}${f.replacement ? ` (report: ${f.replacement})` : ''}`);
        }
        if (!findings.length) io.out(`${file}: no findings`);
      }
      return findings.some(f => f.severity !== 'information') ? 1 : 0;
    }),
};
