import * as fs from 'fs';
import { createNoteChecker } from '../core/check';
import type { CliCommand } from './command';
import { loadLibraryOrFail, usage } from './cite';

/**
 * `dossier check NOTES.md [--json] [--library DIR]`: the fact-check of the editor, from a terminal.
 * Exit 1 when a number contradicts the report or a citation/footnote resolves to nothing; 0 when clean.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  synopsis: 'check NOTES.md [--json] [--library DIR]   numbers and citations of a note checked against the report (exit 1 on findings)',
  async run(args, io) {
    let json = false;
    const files: string[] = [];
    const libraries: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--library') {
        const value = args[++i];
        if (value === undefined) return usage(io, 'check', '--library needs a value');
        libraries.push(value);
      } else if (arg.startsWith('--')) return usage(io, 'check', `unknown option ${arg}`);
      else files.push(arg);
    }
    if (files.length !== 1) return usage(io, 'check', 'give one NOTES.md file');
    let text: string;
    try {
      const bytes = fs.readFileSync(files[0]!);
      if (bytes.includes(0)) throw new Error(`${files[0]} is not a text file`);
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      io.err(`dossier check: ${error instanceof Error ? error.message.replace(/^ENOENT: /, '') : String(error)}`);
      return 2;
    }
    const library = loadLibraryOrFail(io, 'check', libraries);
    if (!library) return 2;
    const findings = createNoteChecker(library).check(text);
    if (json) {
      io.out(JSON.stringify(findings.map(f => ({ ...f, ...lineColumn(text, f.start) })), null, 2));
    } else {
      for (const f of findings) {
        const { line, column } = lineColumn(text, f.start);
        io.out(`${files[0]}:${line}:${column}: ${f.severity} [${f.code}] ${f.message}${f.replacement ? ` (report: ${f.replacement})` : ''}`);
      }
      if (!findings.length) io.out(`${files[0]}: no findings`);
    }
    return findings.some(f => f.severity !== 'information') ? 1 : 0;
  },
};

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
