// README tour: the overview shot. Runs only under `npm run screenshots` (DOSSIER_TOUR=1), which writes
// the PNGs to media/screenshots/. Features add their own shots in tour-<feature>.test.ts files.
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFixture, screenshot, sleep } from './helpers';

const touring = process.env.DOSSIER_TOUR === '1';

(touring ? suite : suite.skip)('Tour: overview', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
  });

  test('the Dossier view beside an analyst note', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const note = (await vscode.workspace.findFiles('memo.md')).length > 0 ? 'memo.md' : 'notes.md';
    await openFixture(note);
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    await vscode.commands.executeCommand('dossier.outline.focus');
    await sleep(1000); // let the tree fill in
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await screenshot('overview');
  });
});
