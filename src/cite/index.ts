/**
 * Citing while writing: completion after `[@`, the citation picker, insert/copy commands for other features,
 * and the bibliography export. The CSL engine behind the formatted styles loads lazily (cslService.ts).
 */
import * as vscode from 'vscode';
import type { Feature } from '../services';
import { CiteService } from './citeService';
import { registerCitationCommands } from './commands';
import { CitationCompletionProvider } from './completion';
import { CslService } from './cslService';
import { exportBibliography, type ExportArgs } from './exportBibliography';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }, { language: 'markdown', scheme: 'vscode-vfs' }, { language: 'markdown', scheme: 'vscode-remote' }];

export const citeFeature: Feature = ({ library, log }) => {
  const csl = new CslService(log);
  const cite = new CiteService(library, csl);
  return vscode.Disposable.from(
    csl,
    cite,
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new CitationCompletionProvider(cite), '@'),
    registerCitationCommands(cite, log),
    vscode.commands.registerCommand('dossier.exportBibliography', async (args?: ExportArgs) => {
      try {
        return await exportBibliography(cite, args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`bibliography export: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Dossier could not export the bibliography: {0}', message));
        return undefined;
      }
    }),
  );
};
