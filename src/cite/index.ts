/**
 * Citing while writing: completion after `[@`, the citation picker, insert/copy commands for other features,
 * and the bibliography export. The CSL engine behind the formatted styles loads lazily (cslService.ts), the
 * picker and the export from dist/commands.js at their first use.
 */
import * as vscode from 'vscode';
import { commandsEngine } from '../lazy/load';
import type { Feature } from '../services';
import type { CommandHandlers } from '../shared/commands';
import { NOTE_SELECTOR } from '../shared/notes';
import { CiteService } from './citeService';
import { CitationCompletionProvider } from './completion';
import { CslService } from './cslService';

export const citeFeature: Feature<
  'insertCitation' | 'addToCitation' | 'insertCitationFor' | 'copyCitationFor' | 'exportBibliography',
  { cite: CiteService }
> = ({ library, log }) => {
  const csl = new CslService(log);
  const cite = new CiteService(library, csl);
  let handlers: Pick<CommandHandlers, 'insertCitation' | 'insertCitationFor' | 'copyCitationFor'> | undefined;
  const picker = () => (handlers ??= commandsEngine().citationCommands(cite, log));
  return {
    disposable: vscode.Disposable.from(
      csl,
      cite,
      vscode.languages.registerCompletionItemProvider(NOTE_SELECTOR, new CitationCompletionProvider(cite), '@'),
    ),
    commands: {
      insertCitation: (...args) => picker().insertCitation(...args),
      insertCitationFor: (...args) => picker().insertCitationFor(...args),
      copyCitationFor: (...args) => picker().copyCitationFor(...args),
      addToCitation: () => commandsEngine().addToCitation(),
      exportBibliography: args => commandsEngine().exportBibliography(cite, args),
    },
    cite,
  };
};
