// README tour, writing: the fact-check's findings on the sample memo, with the Problems panel open.
// Run with `npm run screenshots` (PNGs land in media/screenshots/).
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFixture, screenshot, sleep, waitFor } from './helpers';

suite('Tour: write', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
  });

  test('fact-check diagnostics on the memo', async () => {
    await closeAllEditors();
    const editor = await openFixture('memo.md');
    await waitFor(
      () => vscode.languages.getDiagnostics(editor.document.uri).some(d => d.source === 'Dossier') || undefined,
      15000,
      'fact-check diagnostics',
    );
    const wrong = editor.document.getText().indexOf('US$854 million');
    const at = editor.document.positionAt(wrong);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    await sleep(1200);
    await screenshot('write-diagnostics');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
