import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, domText, getApi, runnerAttached, screenshot, waitFor } from './helpers';

/** VS Code's setting that lets walkthroughs open on install (the test harness turns it off). */
const OPEN_ON_INSTALL = 'workbench.welcomePage.walkthroughs.openOnInstall';

/** The tab of the Welcome editor, where VS Code shows walkthroughs (an input of no type the API knows). */
function walkthroughTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap(g => g.tabs)
    .find(t => t.input === undefined && /welcome|walkthrough|get started/i.test(t.label));
}

suite('Walkthrough', () => {
  let before: boolean | undefined;
  suiteSetup(() => {
    before = vscode.workspace.getConfiguration().inspect<boolean>(OPEN_ON_INSTALL)?.globalValue;
  });
  teardown(async () => {
    await vscode.workspace.getConfiguration().update(OPEN_ON_INSTALL, before, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('opens at the first start where walkthroughs open on install, and never again', async () => {
    const api = await getApi();
    await closeAllEditors();
    // this run started with walkthroughs off: Dossier waited
    assert.strictEqual(await api.walkthrough!.openOnFirstStart(), false);
    assert.strictEqual(walkthroughTab(), undefined);

    await vscode.workspace.getConfiguration().update(OPEN_ON_INSTALL, true, vscode.ConfigurationTarget.Global);
    assert.strictEqual(await api.walkthrough!.openOnFirstStart(), true);
    await waitFor(walkthroughTab, 10000, 'the walkthrough tab');
    if (runnerAttached()) {
      const titles = await waitFor(
        async () => (await domText('.getting-started-category .category-title, .step-title')).filter(t => t.trim()),
        10000,
        'the walkthrough’s steps',
      );
      assert.ok(titles.includes('Browse the report'), titles.join(' | '));
      assert.ok(titles.includes('Add your own reports'), titles.join(' | '));
    }

    await closeAllEditors();
    assert.strictEqual(await api.walkthrough!.openOnFirstStart(), false, 'it opened a second time');
    assert.strictEqual(walkthroughTab(), undefined);
  });

  test('Dossier: Get Started opens it whenever asked', async () => {
    await getApi();
    await closeAllEditors();
    await vscode.commands.executeCommand('dossier.getStarted');
    const tab = await waitFor(walkthroughTab, 10000, 'the walkthrough tab');
    assert.ok(tab.isActive);
    await screenshot('walkthrough-get-started');
  });
});
