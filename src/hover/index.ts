/**
 * Hover cards for Markdown notes and the reader, and `dossier.showMentions`.
 */
import * as vscode from 'vscode';
import type { Feature } from '../services';
import { READER_SCHEME } from '../shared/readerUri';
import { CommandIds } from '../shared/targets';
import { CardHovers } from './hoverProvider';
import { showMentions } from './mentions';
import { NoteScans } from './noteScan';

export const hoverFeature: Feature = ({ library }) => {
  const scans = new NoteScans();
  return vscode.Disposable.from(
    scans,
    vscode.languages.registerHoverProvider([{ language: 'markdown' }, { scheme: READER_SCHEME }], new CardHovers(library, scans)),
    vscode.commands.registerCommand(CommandIds.showMentions, async (target: unknown) => showMentions(await library.ready(), scans, target)),
  );
};
