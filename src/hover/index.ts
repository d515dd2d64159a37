/**
 * Hover cards for Markdown notes and the reader, and `dossier.showMentions` (from dist/commands.js at its first use).
 */
import * as vscode from 'vscode';
import { commandsEngine } from '../lazy/load';
import type { Feature } from '../services';
import { READER_SCHEME } from '../shared/readerUri';
import { CardHovers } from './hoverProvider';
import { NoteScans } from './noteScan';

export const hoverFeature: Feature<'showMentions'> = ({ library }) => {
  const scans = new NoteScans();
  return {
    disposable: vscode.Disposable.from(
      scans,
      vscode.languages.registerHoverProvider([{ language: 'markdown' }, { scheme: READER_SCHEME }], new CardHovers(library, scans)),
    ),
    commands: { showMentions: async target => commandsEngine().showMentions(await library.ready(), scans, target) },
  };
};
