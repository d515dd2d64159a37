import type { CliCommand } from './command';
import { LoadError, runCommand, UsageError } from './errors';
import { loadCsl, parseArgs, writeNewFile } from './load';
import { errorMessage } from '../core/errors';

const STYLES = ['chicago', 'apa'] as const;

/**
 * `dossier style chicago|apa [--out FILE]`: a citation style Dossier ships, as a .csl file, so pandoc
 * formats a memo as Dossier's own citations do (`pandoc --citeproc --csl chicago.csl`).
 */
export const styleCommand: CliCommand = {
  name: 'style',
  synopsis: 'chicago|apa [--out FILE]   a citation style Dossier ships, as a .csl file (for pandoc --citeproc --csl FILE)',
  run: (args, io) =>
    runCommand(styleCommand, io, async () => {
      const parsed = parseArgs(args, { options: ['--out'] });
      if (parsed.words.length !== 1) throw new UsageError(`give one style: ${STYLES.join(' or ')}`);
      const style = parsed.words[0];
      if (!(STYLES as readonly string[]).includes(style)) throw new UsageError(`unknown style "${style}" (use ${STYLES.join(' or ')})`);
      let xml: string;
      try {
        const csl = loadCsl();
        xml = csl.createEngine().styleXml(csl.BUNDLED_STYLES[style as (typeof STYLES)[number]]);
      } catch (error) {
        if (error instanceof LoadError) throw error;
        throw new LoadError(errorMessage(error));
      }
      const out = parsed.value('--out');
      if (out) {
        writeNewFile(out, xml);
        io.err(`the ${style} style written to ${out}`);
      } else {
        io.out(xml);
      }
      return 0;
    }),
};
