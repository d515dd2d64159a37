import * as fs from 'fs';
import * as path from 'path';
import { Library } from '../core/library';
import type { Report } from '../core/model';
import { parseReport } from '../core/parse';
import { createSearchIndex, type SearchKind } from '../core/search';
import type { CliCommand, CliIO } from './command';

const KINDS: readonly SearchKind[] = ['section', 'paragraph', 'footnote', 'figure'];

/** `dossier search QUERY [--json] [--limit N] [--kind figure,footnote] [--library DIR]` */
export const searchCommand: CliCommand = {
  name: 'search',
  synopsis: 'search QUERY [--json] [--limit N] [--kind K,…] [--library DIR]   fuzzy search of sections, paragraphs, notes, figures',
  async run(args: string[], io: CliIO): Promise<number> {
    const words: string[] = [];
    let json = false;
    let limit = 10;
    let kinds: SearchKind[] | undefined;
    const libraries: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--limit' || arg === '--library' || arg === '--kind') {
        const value = args[++i];
        if (value === undefined) return usage(io, `${arg} needs a value`);
        if (arg === '--limit') {
          limit = Number(value);
          if (!Number.isInteger(limit) || limit < 1) return usage(io, `--limit must be a positive whole number, got "${value}"`);
        } else if (arg === '--library') libraries.push(value);
        else {
          kinds = value.split(',').map(k => k.trim()) as SearchKind[];
          const bad = kinds.find(k => !KINDS.includes(k));
          if (bad) return usage(io, `unknown kind "${bad}" (use ${KINDS.join(', ')})`);
        }
      } else if (arg.startsWith('--')) return usage(io, `unknown option ${arg}`);
      else words.push(arg);
    }
    const query = words.join(' ').trim();
    if (!query) return usage(io, 'give a QUERY');

    let reports: Report[];
    try {
      reports = loadReports(libraries);
    } catch (error) {
      io.err(`dossier search: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    const hits = createSearchIndex(new Library(reports)).search(query, { limit, kinds });
    if (json) {
      io.out(JSON.stringify(hits, null, 2));
    } else if (!hits.length) {
      io.out(`No match for "${query}".`);
    } else {
      for (const hit of hits) io.out(`${hit.kind.padEnd(9)} ${(hit.reportId + '#' + hit.id).padEnd(12)} ${oneLine(hit.label)}${hit.description ? `  — ${oneLine(hit.description)}` : ''}${hit.detail ? `  (${oneLine(hit.detail)})` : ''}`);
    }
    return hits.length ? 0 : 1;
  },
};

function usage(io: CliIO, why: string): number {
  io.err(`dossier search: ${why}. Usage: dossier ${searchCommand.synopsis.split('   ')[0]}`);
  return 2;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The bundled report plus every .md/.txt report in the --library folders (or files). */
function loadReports(libraries: string[]): Report[] {
  const files = [...bundledReports(), ...libraries.flatMap(reportsIn)];
  const seen = new Set<string>();
  return files.map(file => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
    } catch (error) {
      throw new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const report = parseReport(text, { source: path.basename(file) });
    let id = report.id;
    for (let i = 2; seen.has(id); i++) id = `${report.id}-${i}`;
    seen.add(id);
    return id === report.id ? report : { ...report, id };
  });
}

function reportsIn(target: string): string[] {
  if (!fs.existsSync(target)) throw new Error(`no such file or folder: ${target}`);
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).filter(name => /\.(md|markdown|txt)$/i.test(name)).sort().map(name => path.join(target, name));
}

function bundledReports(): string[] {
  // dist/cli.js and src/cli/*.ts both sit below the package root, which holds data/reports
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'reports');
    if (fs.existsSync(candidate)) return reportsIn(candidate);
  }
  return [];
}
