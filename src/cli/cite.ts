import { citationItems, cslForKey, cslLocator, footnoteText, pandocCitation, type CitationItem } from '../core/cite';
import type { CslFormatter } from '../core/tools';
import { memoText } from '../core/escape';
import type { CslEngine } from '../lazy/cslEngine';
import type { CliCommand, CliIO } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadCsl, loadLibrary, parseArgs, readTextFile } from './load';
import { errorMessage } from '../core/errors';

/** `dossier cite KEY [--locator "para. 12"] [--style pandoc|footnote|chicago|apa|FILE.csl] [--library DIR]` */
export const citeCommand: CliCommand = {
  name: 'cite',
  synopsis: 'KEY [--locator L] [--style pandoc|footnote|chicago|apa|FILE.csl] [--library DIR]   a citation of a report or note source',
  run: (args: string[], io: CliIO) =>
    runCommand(citeCommand, io, async () => {
      const parsed = parseArgs(args, { options: ['--style', '--locator', '--library'] });
      const style = parsed.value('--style') ?? 'pandoc';
      const locator = parsed.value('--locator');
      const keys = parsed.words;
      if (keys.length === 0) throw new UsageError('give a citation KEY (see `dossier bib --format csl-json` for the keys)');
      const library = await loadLibrary(io, { libraries: parsed.values('--library') });
      const items: CitationItem[] = keys.map(key => {
        const item = citationItems(library).find(i => i.key === key && (i.target.kind === 'report' || i.target.kind === 'footnote'));
        if (!item) throw new LoadError(`no report or note source has the key "${key}"`);
        return locator ? { ...item, locator } : item;
      });
      if (style === 'pandoc') io.out(pandocCitation(items));
      else if (style === 'footnote') io.out(items.map(footnoteText).join('; '));
      else {
        const { engine, name } = cslStyle(style);
        const cslItems = items.map(i => cslForKey(library, i.key)!).filter((c, k, all) => all.findIndex(o => o.id === c.id) === k);
        // text for a Markdown note, escaped as the extension escapes what it inserts
        io.out(
          memoText(
            engine.citation(
              name,
              cslItems,
              items.map(i => ({ id: i.key, ...cslLocator(i.locator) })),
            ),
          ),
        );
      }
      return 0;
    }),
};

/** The CSL engine with the style loaded: chicago or apa from the bundle, or the analyst's own .csl file. */
export function cslStyle(style: string): { engine: CslEngine; name: string } {
  const isFile = /\.csl$/i.test(style);
  if (!isFile && style !== 'chicago' && style !== 'apa')
    throw new UsageError(`unknown style "${style}" (use pandoc, footnote, chicago, apa or a .csl file)`);
  const xml = isFile ? readTextFile(style) : undefined;
  try {
    const csl = loadCsl();
    const engine = csl.createEngine();
    if (xml === undefined) return { engine, name: csl.BUNDLED_STYLES[style as keyof typeof csl.BUNDLED_STYLES] };
    engine.addStyle('user-style', xml);
    return { engine, name: 'user-style' };
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`${isFile ? `${style}: ` : ''}${errorMessage(error)}`);
  }
}

/** The CSL formatting the agents' tools use (src/core/tools.ts): chicago, apa, or the .csl file given as `cslFile`. */
export function cslFormatter(cslFile: string | undefined): CslFormatter {
  return {
    format: async (style, items, cites) => {
      if (style === 'csl-file' && !cslFile) throw new UsageError('the csl-file style needs a .csl file: start the server with --csl FILE');
      const { engine, name } = cslStyle(style === 'csl-file' ? cslFile! : style);
      return {
        citation: engine.citation(name, items, cites),
        placement: engine.styleClass(name) === 'note' ? 'footnote' : 'inline',
        bibliography: engine.bibliography(name, items),
      };
    },
  };
}
