import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, openFixture, screenshot } from './helpers';

suite('Activation', () => {
  test('Dossier is installed, activates and exports its API', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} not found`);
    const api = await getApi();
    assert.strictEqual(extension.isActive, true);
    assert.ok(api.library, 'the API has no library');
  });

  test('activation is lazy: views, commands and Markdown, never *', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const events: string[] = extension.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), `activationEvents contains "*": ${events.join(', ')}`);
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents contains onStartupFinished');
    assert.ok(events.includes('onLanguage:markdown'), `no onLanguage:markdown in ${events.join(', ')}`);
  });

  test('the Dossier view container, its view and the Show Log command exist', async () => {
    await getApi(); // commands register on activation; --grep may run this test alone
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const containers: { id: string; icon: string }[] = extension.packageJSON.contributes.viewsContainers.activitybar;
    const dossier = containers.find(c => c.id === 'dossier');
    assert.ok(dossier, 'no "dossier" view container in the activity bar');
    assert.ok(
      (await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, dossier.icon))).size > 0,
      'view container icon missing',
    );
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['workbench.view.extension.dossier', 'dossier.outline.focus', 'dossier.showLog']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
    await vscode.commands.executeCommand('dossier.showLog');
  });

  test('the library loads the bundled report', async () => {
    const api = await getApi();
    const library = await api.library.ready();
    assert.strictEqual(api.library.current, library);
    assert.strictEqual(library.reports.length, 1, 'the bundled library should hold exactly one report');
    const report = library.reports[0];
    assert.match(report.title, /U\.S\.-Pakistan Relations in Flux/);
    assert.strictEqual(report.sections.length, 4, `sections: ${report.sections.map(s => s.title).join(' | ')}`);
  });

  test('the Dossier view opens beside a Markdown note', async () => {
    await openFixture('notes.md');
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    const png = await screenshot('activation-dossier-view');
    if (png) console.log(`      (screenshot ${png})`);
  });
});
