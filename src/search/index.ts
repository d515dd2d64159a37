/**
 * Unified search (`dossier.search`) over sections, paragraphs, notes and figures, and the figure picker
 * (`dossier.findFigure`), both over one search index kept in step with the library.
 */
import * as vscode from 'vscode';
import type { Feature } from '../services';
import { allFigures, sectionsAndFigures } from '../core/search';
import { showSearchPicker } from './searchPicker';

export const searchFeature: Feature = ({ library }) => {
  // the dossier builds the index on first use, off the activation path, and keeps it in step with every load
  const service = library.dossier;
  const initial = (arg: unknown) => (typeof arg === 'string' ? arg.slice(0, 500) : '');
  return vscode.Disposable.from(
    vscode.commands.registerCommand('dossier.search', async (query?: unknown) => {
      const index = await service.searchIndex();
      return showSearchPicker(index, library.current, {
        title: vscode.l10n.t('Dossier: Search Report'),
        placeholder: vscode.l10n.t('Words, figures or sources — typos and "845m" welcome'),
        initialHits: sectionsAndFigures,
      }, initial(query));
    }),
    vscode.commands.registerCommand('dossier.findFigure', async (query?: unknown) => {
      const index = await service.searchIndex();
      return showSearchPicker(index, library.current, {
        title: vscode.l10n.t('Dossier: Find Figure'),
        placeholder: vscode.l10n.t('A figure by value or subject: "845m", "29%", "copper"'),
        kinds: ['figure'],
        withFigureText: true,
        initialHits: allFigures,
      }, initial(query));
    }),
  );
};
