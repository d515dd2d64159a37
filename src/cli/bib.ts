import * as fs from 'fs';
import { bibliographyItems, toCslJson, toRis, type CslItem } from '../core/cite';
import type { CliCommand } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadCsl, loadLibrary, parseArgs } from './load';

const FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
type Format = (typeof FORMATS)[number];

/** `dossier bib [--format csl-json|bibtex|ris] [--with-reports] [--out FILE] [--library DIR]`: the distinct note sources (and the reports themselves with --with-reports). */
export const bibCommand: CliCommand = {
  name: 'bib',
  synopsis: '[--format csl-json|bibtex|ris] [--with-reports] [--out FILE] [--library DIR]   bibliography of the distinct note sources',
  run: (args, io) => runCommand(bibCommand, io, async () => {
    const parsed = parseArgs(args, { flags: ['--with-reports'], options: ['--format', '--out', '--library'] });
    if (parsed.words.length) throw new UsageError(`unexpected argument ${parsed.words[0]}`);
    const format = parsed.value('--format') ?? 'csl-json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
    const out = parsed.value('--out');
    const library = await loadLibrary(io, { libraries: parsed.values('--library') });
    const items = bibliographyItems(library, { includeReports: parsed.has('--with-reports') });
    const text = bibliography(items, format as Format);
    if (out) {
      if (fs.existsSync(out)) throw new LoadError(`${out} exists; not overwriting it (remove it first or pick another name)`);
      fs.writeFileSync(out, text);
      io.err(`${items.length} sources written to ${out}`);
    } else {
      io.out(text);
    }
    return 0;
  }),
};

/** The items as text; BibTeX comes from the lazily loaded CSL bundle. */
function bibliography(items: CslItem[], format: Format): string {
  if (format === 'csl-json') return toCslJson(items);
  if (format === 'ris') return toRis(items);
  try {
    return loadCsl().createEngine().bibtex(items);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(error instanceof Error ? error.message : String(error));
  }
}
