/**
 * Unified search (`dossier.search`) over sections, paragraphs, notes and figures, and the figure picker
 * (`dossier.findFigure`), both over one search index kept in step with the library. The picker loads from
 * dist/commands.js at the first search.
 */
import * as vscode from 'vscode';
import type { Feature } from '../services';
import { allFigures, sectionsAndFigures } from '../core/search';
import { commandsEngine } from '../lazy/load';
import type { PickerOptions } from './searchPicker';

export const searchFeature: Feature<'search' | 'findFigure'> = ({ library }) => {
  // the dossier builds the index on first use, off the activation path, and keeps it in step with every load
  const service = library.dossier;
  const initial = (arg: unknown) => (typeof arg === 'string' ? arg.slice(0, 500) : '');
  const pick = async (query: unknown, options: PickerOptions) =>
    commandsEngine().showSearchPicker(await service.searchIndex(), library.current, options, initial(query));
  return {
    commands: {
      search: query =>
        pick(query, {
          title: vscode.l10n.t('Dossier: Search Report'),
          placeholder: vscode.l10n.t('Words, figures or sources — typos and "845m" welcome'),
          initialHits: sectionsAndFigures,
        }),
      findFigure: query =>
        pick(query, {
          title: vscode.l10n.t('Dossier: Find Figure'),
          placeholder: vscode.l10n.t('A figure by value or subject: "845m", "29%", "copper"'),
          kinds: ['figure'],
          withFigureText: true,
          initialHits: allFigures,
        }),
    },
  };
};
