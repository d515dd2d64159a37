import { keysCitedBy } from '../core/check';
import { bibliographyItems, toCslJson, toRis, type CslItem } from '../core/cite';
import type { CliCommand } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadCsl, loadLibrary, parseArgs, readTextFile, writeNewFile } from './load';
import { errorMessage } from '../core/errors';

const FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `dossier bib [--format csl-json|bibtex|ris] [--cited NOTES.md] [--out FILE] [--library DIR]`: every report
 * and distinct note source, or with --cited only what a note cites. (`--with-reports`, from when the reports
 * were left out by default, is still accepted and changes nothing.)
 */
export const bibCommand: CliCommand = {
  name: 'bib',
  synopsis:
    '[--format csl-json|bibtex|ris] [--cited NOTES.md] [--out FILE] [--library DIR]   bibliography of the reports and their distinct note sources (--cited: only what a note cites)',
  run: (args, io) =>
    runCommand(bibCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--with-reports'], options: ['--format', '--out', '--library', '--cited'] });
      if (parsed.words.length) throw new UsageError(`unexpected argument ${parsed.words[0]}`);
      const format = parsed.value('--format') ?? 'csl-json';
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
      const out = parsed.value('--out');
      const notes = parsed.values('--cited');
      // the notes are read before the library is built, so a bad --cited path fails fast
      const noteTexts = notes.map(file => ({ file, text: readTextFile(file) }));
      const library = await loadLibrary(io, { libraries: parsed.values('--library') });
      let cited: Set<string> | undefined;
      if (noteTexts.length) {
        cited = new Set(noteTexts.flatMap(n => keysCitedBy(library, n.text)));
        const unknown = [...cited].filter(key => !library.byKey(key));
        if (unknown.length)
          io.err(
            `not in the library, so not in the bibliography: ${unknown.map(k => `@${k}`).join(', ')} (dossier check on the note suggests the closest keys)`,
          );
      }
      const items = bibliographyItems(library, { cited });
      const text = bibliography(items, format as Format);
      if (out) {
        writeNewFile(out, text);
        io.err(`${items.length} entries written to ${out}`);
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
    throw new LoadError(errorMessage(error));
  }
}
