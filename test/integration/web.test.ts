import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, loadReports, runnerAttached, screenshot, sleep, waitFor } from './helpers';

const REPORT = 'copper-brief';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Web pages', () => {
  teardown(async () => {
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dossier').update('reports', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('a saved HTML page in dossier.reports shows in the tree, without its site, converted beside the extension host', async () => {
    const api = await getApi();
    await api.library.ready();
    const loaded = (bundle: string) => Object.keys(require.cache).some(file => file.replace(/\\/g, '/').endsWith(`/dist/${bundle}`));

    await loadReports(api, ['copper-brief.html'], REPORT);
    const report = api.library.current.report(REPORT);
    assert.ok(report, `the page was not loaded: ${api.library.current.reports.map(r => r.id).join(', ')}`);
    // the web engine runs in the reader's worker thread: the host loads only its side of that worker
    assert.strictEqual(loaded('web.js'), false, 'dist/web.js was loaded into the extension host');
    assert.strictEqual(loaded('workerReads.js'), true, 'the page was not read through the worker thread');
    assert.strictEqual(report.title, 'Copper Tariffs at a Glance');
    assert.strictEqual(report.date, '2026-04-24');
    assert.deepStrictEqual(report.authors, ['Nadia Reyes']);

    const roots = await api.outline!.describe(3);
    const root = roots.find(r => r.target.reportId === REPORT);
    assert.ok(root, `no tree node for the page among ${roots.map(r => r.label).join(' | ')}`);
    assert.strictEqual(root.label, 'Copper Tariffs at a Glance');
    const labels = JSON.stringify(root.children);
    assert.match(labels, /Who supplies the copper/);
    assert.doesNotMatch(labels, /Subscribe|Related Topics|newsletter|Privacy|Share/);
  });

  test('its linked sources complete after [@ and their hover shows the link text, the site and the address', async () => {
    const api = await getApi();
    await loadReports(api, ['copper-brief.html'], REPORT);
    const report = api.library.current.report(REPORT);
    assert.ok(report);
    const keys = report.footnotes.map(f => f.key);
    assert.deepStrictEqual(
      report.footnotes.map(f => [f.kind, f.source.container]),
      [
        ['link', 'federalregister.gov'],
        ['link', 'federalregister.gov'],
        ['link', 'pubs.usgs.gov'],
        ['link', 'csis.org'],
      ],
    );

    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Copper tariffs doubled [@' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      end,
      '@',
    );
    const offered = new Set(list.items.map(i => (typeof i.insertText === 'string' ? i.insertText : '')));
    for (const key of keys) assert.ok(offered.has(key), `no completion for the link source ${key}`);
    const first = list.items.find(i => i.insertText === keys[0])!;
    const docs = first.documentation instanceof vscode.MarkdownString ? first.documentation.value : String(first.documentation);
    assert.match(docs, /imposed 50% tariffs/);
    assert.match(docs, /federalregister\\?\.gov/);

    await editor.edit(b => b.insert(end, `${keys[0]}] after the investigation.`));
    const at = document.positionAt(document.getText().indexOf(keys[0]) + 3);
    const hovers = await waitFor(
      async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
        return h.length ? h : undefined;
      },
      10000,
      'a hover on the link source',
    );
    const card = hoverText(hovers);
    // the note card: the link's text, its site and date, the address, and the paragraphs that cite it
    assert.match(card, /\*\*\[1\]\*\* imposed 50% tariffs/);
    assert.match(
      card,
      /\*federalregister\\\.gov\* · 5 August 2025 · \[federalregister\\\.gov\]\(https:\/\/www\.federalregister\.gov\/documents\/2025\/08\/05\//,
    );
    assert.match(card, /Cited in:[\s\S]*¶1 Introduction[\s\S]*¶3 Who supplies the copper/);

    if (runnerAttached()) {
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.showHover');
      await sleep(800);
      await screenshot('web-link-source-hover');
    }
  });
});
