// README tour, publishing: the sample memo beside VS Code's own Markdown preview, which shows it as it will
// be handed on (formatted citations, numbered notes, bibliography, flagged numbers underlined).
// Run with `npm run screenshots` (PNGs land in media/screenshots/).
import * as vscode from 'vscode';
import { closeAllEditors, domText, getApi, openFixture, screenshot, sleep, waitFor } from './helpers';

suite('Tour: publish', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
  });

  test('the memo beside its Markdown preview', async () => {
    await closeAllEditors();
    const editor = await openFixture('memo.md');
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
    // the preview refreshes once the memo is prepared (CSL engine and charts load at the first preview)
    await waitFor(async () => (await domText('.dossier-citation')).length > 0 || undefined, 60000, 'formatted citations in the preview');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await sleep(1500);
    await screenshot('publish-preview');
  });
});
