import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import type { Feature } from '../services';
import { config } from '../shell/config';
import { WALKTHROUGH_ID } from './ids';

/** globalState: the walkthrough was opened once; it never opens by itself again (synced, so not on a second machine either). */
const SHOWN_KEY = 'dossier.walkthroughShown';

export interface WalkthroughApi {
  /**
   * Opens the walkthrough unless it was opened before or VS Code's "open walkthroughs on install" is off
   * (then it waits for a start where it is on) → whether it opened. Activation calls it once.
   */
  openOnFirstStart(): Promise<boolean>;
}

/** "Dossier: Get Started": the walkthrough (Help › Get Started), opened by itself at Dossier's first start only. */
export const walkthroughFeature: Feature<'getStarted', { walkthrough: WalkthroughApi }> = ({ context, log }) => {
  context.globalState.setKeysForSync([SHOWN_KEY]);
  const open = async (): Promise<void> => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
  };
  const walkthrough: WalkthroughApi = {
    openOnFirstStart: async () => {
      if (context.globalState.get<boolean>(SHOWN_KEY) || !config.walkthroughsOpenOnInstall()) return false;
      await context.globalState.update(SHOWN_KEY, true);
      await open();
      return true;
    },
  };
  // after activation returns: nothing here may delay it. A walkthrough that does not open is not worth a
  // message at start-up (Get Started still opens it).
  setTimeout(() => {
    walkthrough.openOnFirstStart().catch(error => log.warn(`The walkthrough did not open: ${errorMessage(error)}`));
  }, 0);
  return { commands: { getStarted: open }, walkthrough };
};
