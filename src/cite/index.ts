/**
 * Citing while writing: completion after `[@`, the citation picker, insert/copy commands for other features,
 * and the bibliography export. The CSL engine behind the formatted styles loads lazily (cslService.ts).
 */
import * as vscode from 'vscode';
import type { Feature } from '../services';
import { NOTE_SELECTOR } from '../shared/notes';
import { CiteService } from './citeService';
import { addToCitation, citationCommands } from './commands';
import { CitationCompletionProvider } from './completion';
import { CslService } from './cslService';
import { exportBibliography } from './exportBibliography';
import type { CslFormatter } from '../core/tools';

/** Chicago, APA and the analyst's .csl file for the agents' `cite` tool: the same engine and style rules as citing. */
function cslFormatter(cite: CiteService, csl: CslService): CslFormatter {
  return {
    format: async (style, items, cites) => {
      const choice = cite.cslStyle(style);
      const { text, styleClass } = await csl.citation(choice, items, cites);
      return {
        citation: text,
        placement: styleClass === 'note' ? 'footnote' : 'inline',
        bibliography: await csl.bibliography(choice, items),
      };
    },
  };
}

export const citeFeature: Feature<
  'insertCitation' | 'addToCitation' | 'insertCitationFor' | 'copyCitationFor' | 'exportBibliography',
  { csl: CslFormatter }
> = ({ library, log }) => {
  const csl = new CslService(log);
  const cite = new CiteService(library, csl);
  return {
    disposable: vscode.Disposable.from(
      csl,
      cite,
      vscode.languages.registerCompletionItemProvider(NOTE_SELECTOR, new CitationCompletionProvider(cite), '@'),
    ),
    commands: {
      ...citationCommands(cite, log),
      addToCitation,
      exportBibliography: args => exportBibliography(cite, args),
    },
    csl: cslFormatter(cite, csl),
  };
};
