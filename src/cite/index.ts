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

export const citeFeature: Feature<
  'insertCitation' | 'addToCitation' | 'insertCitationFor' | 'copyCitationFor' | 'exportBibliography',
  { cite: CiteService }
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
    cite,
  };
};
