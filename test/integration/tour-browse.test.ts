// README tour, browsing: the tree beside the reader, the unified search, the figure picker and hover
// cards. Run with `npm run screenshots` (PNGs land in media/screenshots/).
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFixture, screenshot, sleep, waitFor } from './helpers';

const SEED = 'us-pakistan-relations-in-flux';

async function showHoverAt(editor: vscode.TextEditor, offset: number): Promise<void> {
  const position = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  await sleep(300);
  await vscode.commands.executeCommand('editor.action.showHover');
  await sleep(1500);
}

suite('Tour: browse', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
  });

  test('the Dossier tree beside the reader, following its cursor', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: SEED, kind: 'paragraph', id: 'p7' });
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.scheme === 'dossier-report' ? vscode.window.activeTextEditor : undefined),
      10000,
      'the reader',
    );
    // a wider tree, so descriptions (figures, markers, outlets) show
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    // the cursor on a figure: the tree follows it into the Figures node
    const at = editor.document.getText().indexOf('US$845 million') + 3;
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at));
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    await sleep(1500);
    await screenshot('browse-tree-reader');
  });

  test('unified search with a typo', async () => {
    await vscode.commands.executeCommand('dossier.search', 'tarrif bangladesh');
    await sleep(800);
    await screenshot('browse-search');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('figure picker with a normalised number', async () => {
    await vscode.commands.executeCommand('dossier.findFigure', '845m');
    await sleep(800);
    await screenshot('browse-figure-picker');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('hover card over a figure in a Markdown note', async () => {
    await closeAllEditors();
    const editor = await openFixture('notes.md');
    const text = editor.document.getText();
    const at = text.indexOf('US$435 million');
    await showHoverAt(editor, at >= 0 ? at + 4 : text.indexOf('50 billion') + 1);
    await screenshot('browse-hover-figure');
  });

  test('hover card over a note marker in the reader', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('dossier.openReport', SEED);
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.scheme === 'dossier-report' ? vscode.window.activeTextEditor : undefined),
      10000,
      'the reader',
    );
    const text = editor.document.getText();
    await showHoverAt(editor, text.indexOf('goodwill.[4]') + 'goodwill.'.length + 1);
    await screenshot('browse-hover-note');
  });
});
