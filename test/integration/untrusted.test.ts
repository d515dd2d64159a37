// Restricted Mode, in the real VS Code: run only by `node test/e2e/run.js --untrusted`, which turns
// workspace trust on, leaves the workspace untrusted, and gives it a .vscode/settings.json whose
// dossier.reports and dossier.citation.cslFile point outside it (an absolute path, `../`, a file URI) at
// DOSSIER_TEST_OUTSIDE, a folder holding a report and a style.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, openFixture, waitFor } from './helpers';

const OUTSIDE = process.env.DOSSIER_TEST_OUTSIDE ?? '';

suite('Restricted Mode', () => {
  suiteSetup(() => {
    assert.ok(OUTSIDE, 'DOSSIER_TEST_OUTSIDE is not set: run this suite with node test/e2e/run.js --untrusted');
  });

  test('the workspace is untrusted and its path settings do not reach Dossier', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    // restrictedConfigurations: VS Code drops the workspace's values of these settings
    const reports = vscode.workspace.getConfiguration('dossier').inspect<string[]>('reports');
    assert.strictEqual(reports?.workspaceValue, undefined);
    assert.deepStrictEqual(vscode.workspace.getConfiguration('dossier').get('reports'), []);
    assert.strictEqual(vscode.workspace.getConfiguration('dossier.citation').get('cslFile'), '');
    // an unrestricted setting of the same file still applies
    assert.strictEqual(vscode.workspace.getConfiguration('dossier.citation').get('style'), 'csl-file');
  });

  test('nothing is loaded from outside the workspace, and the tree says why', async () => {
    const api = await getApi();
    const library = await api.library.ready();
    assert.deepStrictEqual(
      library.reports.map(r => r.title),
      ['U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints'],
    );
    const message = await waitFor(() => api.outline!.message(), 10000, 'the tree message');
    assert.strictEqual(
      message,
      "Restricted Mode: Dossier ignores this workspace's settings (dossier.reports, dossier.citation.cslFile) and reads no report or style they name. Trust the workspace to use them.",
    );
  });

  test('the csl-file style reads no style from outside the workspace', async () => {
    const api = await getApi();
    await api.library.ready();
    const editor = await openFixture('notes.md');
    const before = editor.document.getText();
    const result = await vscode.commands.executeCommand('dossier.insertCitation', {
      targets: [{ reportId: 'us-pakistan-relations-in-flux', kind: 'footnote', id: '4' }],
    });
    assert.strictEqual(result, undefined, 'the citation was written although the style setting was ignored');
    assert.strictEqual(editor.document.getText(), before);
    assert.doesNotMatch(editor.document.getText(), /OUTSIDE/);
  });

  test("a folder in the user's own settings is the user's choice: it is read", async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('dossier');
    try {
      await config.update('reports', [path.join(OUTSIDE, 'outside-report.md')], vscode.ConfigurationTarget.Global);
      await waitFor(() => api.library.current.reports.some(r => r.title === 'Outside Report'), 15000, "the user's report to load");
    } finally {
      await config.update('reports', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => !api.library.current.reports.some(r => r.title === 'Outside Report'), 15000, "the user's report to go again");
  });

  test("Show All Mentions and Check All Notes read the workspace's notes, and nothing outside it", async () => {
    const api = await getApi();
    const library = await api.library.ready();
    const figure = library.report('us-pakistan-relations-in-flux')?.figures.find(f => f.value === 845e6);
    assert.ok(figure);
    const note = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'restricted-note.md');
    await vscode.workspace.fs.writeFile(
      note,
      new TextEncoder().encode('# Aid\n\nThe U.S. suspended US$854 million in aid projects in Pakistan.\n\nDonors froze $845m.\n'),
    );
    try {
      const mentions = await vscode.commands.executeCommand<{ uri: string; text: string }[]>('dossier.showMentions', {
        reportId: 'us-pakistan-relations-in-flux',
        kind: 'figure',
        id: figure.id,
      });
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.ok(
        mentions.some(m => m.uri === note.toString() && m.text.endsWith(' Donors froze $845m.')),
        JSON.stringify(mentions),
      );
      assert.ok(!mentions.some(m => m.uri.includes('outside')), JSON.stringify(mentions));
      const result = await vscode.commands.executeCommand<{ total: number; checked: number }>('dossier.checkAllNotes');
      assert.strictEqual(result.checked, result.total);
      assert.deepStrictEqual(
        vscode.languages.getDiagnostics(note).map(d => d.code),
        ['contradicts-report'],
      );
      const outside = vscode.Uri.file(path.join(OUTSIDE, 'outside-report.md'));
      assert.deepStrictEqual(vscode.languages.getDiagnostics(outside), []);
    } finally {
      await vscode.workspace.fs.delete(note);
    }
  });
});
