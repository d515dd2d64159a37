import * as vscode from 'vscode';
import type { Feature } from '../services';

/** "Dossier: Show Log" — opens Dossier's output channel, where skipped reports and failures are explained. */
export const showLogFeature: Feature = ({ log }) =>
  vscode.commands.registerCommand('dossier.showLog', () => log.show(true));
