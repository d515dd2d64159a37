import type { CitationStyle } from '../core/cite';
import { createDossierTools } from '../core/tools';
import type { CliCommand } from './command';
import { cslFormatter } from './cite';
import { runCommand, UsageError } from './errors';
import { loadDossier, loadMcp, packageVersion, parseArgs } from './load';

const STYLES: readonly CitationStyle[] = ['pandoc', 'footnote', 'chicago', 'apa', 'csl-file'];

/**
 * `dossier mcp [--library DIR] [--style S] [--csl FILE]`: Dossier's agent tools as an MCP server on stdin and
 * stdout, for any MCP client (VS Code finds it through the extension). stdout carries only the protocol:
 * every message goes to stderr.
 */
export const mcpCommand: CliCommand = {
  name: 'mcp',
  synopsis:
    '[--library DIR] [--style pandoc|footnote|chicago|apa|csl-file] [--csl FILE]   the reports as an MCP server on stdio, for AI assistants',
  run: (args, io) =>
    runCommand(mcpCommand, io, async () => {
      const parsed = parseArgs(args, { options: ['--library', '--style', '--csl'] });
      if (parsed.words.length) throw new UsageError(`unexpected "${parsed.words[0]}"`);
      const style = (parsed.value('--style') ?? (parsed.value('--csl') ? 'csl-file' : 'pandoc')) as CitationStyle;
      if (!STYLES.includes(style)) throw new UsageError(`unknown style "${style}" (use ${STYLES.join(', ')})`);
      const mcp = loadMcp();
      // messages go to stderr: stdout is the protocol's
      const stderr = { err: io.err, out: io.err };
      const dossier = await loadDossier(stderr, { libraries: parsed.values('--library') });
      const tools = createDossierTools({ dossier, csl: cslFormatter(parsed.value('--csl')), style: () => style });
      const server = mcp.createMcpServer({
        tools,
        library: () => dossier.library,
        reportText: id => {
          const report = dossier.library.report(id);
          return report && dossier.library.readerText(report).text;
        },
        version: packageVersion(),
        logError: message => io.err(`dossier mcp: ${message}`),
      });
      await mcp.serveStdio(server);
      return 0;
    }),
};
