import * as fs from 'fs';
import * as path from 'path';
import { citationItems, cslForKey, cslLocator, footnoteText, pandocCitation, type CitationItem } from '../core/cite';
import { Library } from '../core/library';
import type { Report } from '../core/model';
import { parseReport } from '../core/parse';
import type { CslEngine } from '../lazy/cslEngine';
import type { CliCommand, CliIO } from './command';

/** `dossier cite KEY [--locator "para. 12"] [--style pandoc|footnote|chicago|apa|FILE.csl] [--library DIR]` */
export const citeCommand: CliCommand = {
  name: 'cite',
  synopsis: 'cite KEY [--locator L] [--style pandoc|footnote|chicago|apa|FILE.csl] [--library DIR]   a citation of a report or note source',
  async run(args: string[], io: CliIO): Promise<number> {
    const keys: string[] = [];
    let style = 'pandoc';
    let locator: string | undefined;
    const libraries: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--style' || arg === '--library' || arg === '--locator') {
        const value = args[++i];
        if (value === undefined) return usage(io, 'cite', `${arg} needs a value`);
        if (arg === '--style') style = value;
        else if (arg === '--locator') locator = value;
        else libraries.push(value);
      } else if (arg.startsWith('--')) return usage(io, 'cite', `unknown option ${arg}`);
      else keys.push(arg);
    }
    if (keys.length === 0) return usage(io, 'cite', 'give a citation KEY (see `dossier bib --format csl-json` for the keys)');
    const library = loadLibraryOrFail(io, 'cite', libraries);
    if (!library) return 2;
    const items: CitationItem[] = [];
    for (const key of keys) {
      const item = citationItems(library).find(i => i.key === key && (i.target.kind === 'report' || i.target.kind === 'footnote'));
      if (!item) {
        io.err(`dossier cite: no report or note source has the key "${key}"`);
        return 2;
      }
      items.push(locator ? { ...item, locator } : item);
    }
    if (style === 'pandoc') io.out(pandocCitation(items));
    else if (style === 'footnote') io.out(items.map(footnoteText).join('; '));
    else {
      let engine: CslEngine;
      let name: string;
      try {
        const csl = loadCsl();
        engine = csl.createEngine();
        if (style === 'chicago' || style === 'apa') name = csl.BUNDLED_STYLES[style];
        else if (/\.csl$/i.test(style)) {
          name = 'user-style';
          engine.addStyle(name, fs.readFileSync(style, 'utf8'));
        } else return usage(io, 'cite', `unknown style "${style}" (use pandoc, footnote, chicago, apa or a .csl file)`);
      } catch (error) {
        io.err(`dossier cite: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
      }
      const csl = items.map(i => cslForKey(library, i.key)!).filter((c, k, all) => all.findIndex(o => o.id === c.id) === k);
      io.out(engine.citation(name, csl, items.map(i => ({ id: i.key, ...cslLocator(i.locator) }))));
    }
    return 0;
  },
};

export function usage(io: CliIO, command: string, problem: string): number {
  io.err(`dossier ${command}: ${problem}. Run dossier --help.`);
  return 2;
}

/** The bundled report plus every .md/.txt report in the --library folders. */
export function loadLibraryOrFail(io: CliIO, command: string, folders: string[]): Library | undefined {
  try {
    const files = [...bundledReports(), ...folders.flatMap(reportsIn)];
    const reports: Report[] = files.map(file => parseReport(fs.readFileSync(file, 'utf8'), { source: path.basename(file) }));
    return new Library(reports);
  } catch (error) {
    io.err(`dossier ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function bundledReports(): string[] {
  for (const dir of [path.join(__dirname, '..', 'data', 'reports'), path.join(__dirname, '..', '..', 'data', 'reports')]) {
    if (fs.existsSync(dir)) return reportsIn(dir);
  }
  return [];
}

function reportsIn(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  if (!fs.statSync(dir).isDirectory()) return [dir];
  return fs.readdirSync(dir).filter(n => /\.(md|markdown|txt)$/i.test(n)).sort().map(n => path.join(dir, n));
}

/** The lazy CSL bundle beside the CLI bundle (dist/csl.js); run `npm run build` first when running from src. */
export function loadCsl(): typeof import('../lazy/csl') {
  for (const file of [path.join(__dirname, 'csl.js'), path.join(__dirname, '..', '..', 'dist', 'csl.js')]) {
    if (fs.existsSync(file)) return (require as (id: string) => unknown)(file) as typeof import('../lazy/csl');
  }
  throw new Error('the CSL engine (dist/csl.js) is missing: run `npm run build`');
}
