/**
 * Hover cards for Markdown notes and the reader (from dist/notes.js at the first hover), and
 * `dossier.showMentions` (from dist/commands.js at its first use).
 */
import * as vscode from 'vscode';
import { commandsEngine, notesEngine } from '../lazy/load';
import type { Feature } from '../services';
import { READER_SCHEME } from '../shared/readerUri';
import type { CardHovers } from './hoverProvider';
import { NoteScans } from './noteScan';

export const hoverFeature: Feature<'showMentions'> = ({ library }) => {
  const scans = new NoteScans();
  // the cards are in dist/notes.js, loaded at the first hover (a hover before the library has a report shows nothing)
  let cards: CardHovers | undefined;
  const hovers: vscode.HoverProvider = {
    provideHover: (document, position) => {
      if (!library.current.reports.length) return undefined;
      cards ??= new (notesEngine().CardHovers)(library, scans);
      return cards.provideHover(document, position);
    },
  };
  return {
    disposable: vscode.Disposable.from(
      scans,
      vscode.languages.registerHoverProvider([{ language: 'markdown' }, { scheme: READER_SCHEME }], hovers),
    ),
    commands: { showMentions: async target => commandsEngine().showMentions(await library.ready(), () => library.reportFiles(), target) },
  };
};
