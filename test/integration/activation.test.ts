import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, openFixture, screenshot, waitFor } from './helpers';

/** Whether a bundle of dist/ is in the extension host's module cache (loaded by now). */
const loaded = (name: string) => Object.keys(require.cache).some(file => file.endsWith(path.join('dist', name)));

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

  test('activation loads extension.js alone: the core (dist/core.js) loads with the library, after activate() returns', async () => {
    const api = await getApi();
    assert.deepStrictEqual(api.loadedAtActivation, ['extension.js']);
    await api.library.ready();
    assert.ok(loaded('core.js'), 'dist/core.js is not in the module cache after the library loaded');
    assert.strictEqual(api.library.current.reports.length, 1);
  });

  test('command-only code stays off the activation path: dist/commands.js and dist/fuse.js load at first use', async () => {
    const api = await getApi();
    await api.library.ready();
    // the first suite of a full run, so nothing but activation and the library's load has run yet
    assert.strictEqual(loaded('commands.js'), false, 'dist/commands.js was loaded by activation');
    assert.strictEqual(loaded('fuse.js'), false, 'dist/fuse.js was loaded by activation');
    const hits = await api.dossier.search('tariff rate');
    assert.ok(loaded('fuse.js'), 'dist/fuse.js is not in the module cache after a search');
    // the bundled report's tariff on Pakistan's exports, as fuse.js re-scores MiniSearch's candidates
    assert.deepStrictEqual([hits[0]!.kind, hits[0]!.label], ['figure', '39 percent']);
    const { reportId, kind, id } = hits[0]!;
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId, kind, id });
    assert.ok(loaded('commands.js'), 'dist/commands.js is not in the module cache after Reveal in Report');
  });

  test('the fact-check and the hover cards stay off the activation path: dist/notes.js loads with the first note', async () => {
    const api = await getApi();
    await api.library.ready();
    // no note is open yet in the first suite of a full run (nor with --grep): nothing has been checked or hovered
    assert.strictEqual(loaded('notes.js'), false, 'dist/notes.js was loaded by activation');
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: "Textiles make up 77 percent of Pakistan's total exports to the U.S. [@no-such-report].\n",
    });
    await vscode.window.showTextDocument(document);
    // the fact-check runs when the note opens: the citation of a report the library does not hold is an error
    const unknown = await waitFor(
      () => vscode.languages.getDiagnostics(document.uri).find(d => d.code === 'unknown-citation'),
      15000,
      'the fact-check of the new note',
    );
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(document.getText(unknown.range), '@no-such-report');
    assert.ok(loaded('notes.js'), 'dist/notes.js is not in the module cache after the first check');
    // the hover card comes from the same bundle: the bundled report's figure, in bold
    const at = document.positionAt(document.getText().indexOf('77'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const card = hovers
      .flatMap(h => h.contents)
      .map(c => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(card, /\*\*77 percent\*\*/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the Dossier view opens beside a Markdown note', async () => {
    await openFixture('notes.md');
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    const png = await screenshot('activation-dossier-view');
    if (png) console.log(`      (screenshot ${png})`);
  });
});
