import * as fs from 'fs';
import { bibliographyItems, toCslJson, toRis } from '../core/cite';
import type { CliCommand } from './command';
import { loadCsl, loadLibraryOrFail, usage } from './cite';

const FORMATS = ['csl-json', 'bibtex', 'ris'] as const;

/** `dossier bib [--format csl-json|bibtex|ris] [--with-reports] [--out FILE] [--library DIR]`: the distinct note sources (and the reports themselves with --with-reports). */
export const bibCommand: CliCommand = {
  name: 'bib',
  synopsis: 'bib [--format csl-json|bibtex|ris] [--with-reports] [--out FILE] [--library DIR]   bibliography of the distinct note sources',
  async run(args, io) {
    let format: (typeof FORMATS)[number] = 'csl-json';
    let out: string | undefined;
    let withReports = false;
    const libraries: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--with-reports') withReports = true;
      else if (arg === '--format' || arg === '--library' || arg === '--out') {
        const value = args[++i];
        if (value === undefined) return usage(io, 'bib', `${arg} needs a value`);
        if (arg === '--format') {
          if (!(FORMATS as readonly string[]).includes(value)) return usage(io, 'bib', `unknown format "${value}" (use ${FORMATS.join(', ')})`);
          format = value as (typeof FORMATS)[number];
        } else if (arg === '--out') out = value;
        else libraries.push(value);
      } else return usage(io, 'bib', `unexpected argument ${arg}`);
    }
    const library = loadLibraryOrFail(io, 'bib', libraries);
    if (!library) return 2;
    const items = bibliographyItems(library, { includeReports: withReports });
    let text: string;
    try {
      text = format === 'csl-json' ? toCslJson(items) : format === 'ris' ? toRis(items) : loadCsl().createEngine().bibtex(items);
    } catch (error) {
      io.err(`dossier bib: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    if (out) {
      if (fs.existsSync(out)) {
        io.err(`dossier bib: ${out} exists; not overwriting it (remove it first or pick another name)`);
        return 2;
      }
      fs.writeFileSync(out, text);
      io.err(`${items.length} sources written to ${out}`);
    } else {
      io.out(text);
    }
    return 0;
  },
};
