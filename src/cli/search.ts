import { createSearchIndex, type SearchKind } from '../core/search';
import type { CliCommand, CliIO } from './command';
import { runCommand, UsageError } from './errors';
import { loadLibrary, parseArgs } from './load';

const KINDS: readonly SearchKind[] = ['section', 'paragraph', 'footnote', 'figure'];

/** `dossier search QUERY [--json] [--limit N] [--kind figure,footnote] [--library DIR]` */
export const searchCommand: CliCommand = {
  name: 'search',
  synopsis: 'QUERY [--json] [--limit N] [--kind K,…] [--library DIR]   fuzzy search of sections, paragraphs, notes, figures',
  run: (args: string[], io: CliIO) =>
    runCommand(searchCommand, io, async () => {
      const parsed = parseArgs(args, { flags: ['--json'], options: ['--limit', '--kind', '--library'] });
      const limitText = parsed.value('--limit');
      const limit = limitText === undefined ? 10 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, got "${limitText}"`);
      const kinds = parsed
        .value('--kind')
        ?.split(',')
        .map(k => k.trim()) as SearchKind[] | undefined;
      const bad = kinds?.find(k => !KINDS.includes(k));
      if (bad !== undefined) throw new UsageError(`unknown kind "${bad}" (use ${KINDS.join(', ')})`);
      const query = parsed.words.join(' ').trim();
      if (!query) throw new UsageError('give a QUERY');

      const library = await loadLibrary(io, { libraries: parsed.values('--library') });
      const hits = createSearchIndex(library).search(query, { limit, kinds });
      if (parsed.has('--json')) {
        io.out(JSON.stringify(hits, null, 2));
      } else if (!hits.length) {
        io.out(`No match for "${query}".`);
      } else {
        for (const hit of hits)
          io.out(
            `${hit.kind.padEnd(9)} ${(hit.reportId + '#' + hit.id).padEnd(12)} ${oneLine(hit.label)}${hit.description ? `  — ${oneLine(hit.description)}` : ''}${hit.detail ? `  (${oneLine(hit.detail)})` : ''}`,
          );
      }
      return hits.length ? 0 : 1;
    }),
};

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
