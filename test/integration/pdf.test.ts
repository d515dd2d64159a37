import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, fixtureUri, getApi, screenshot, sleep, waitFor } from './helpers';

const FILE = 'R48910.2.pdf';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('PDF reports', () => {
  let reportId = '';

  suiteSetup(async function () {
    this.timeout(60000);
    const api = await getApi();
    await api.library.ready();
    // the CRS report R48910 (public domain), copied from the unit-test fixtures into the workspace
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'reports', FILE), fixtureUri(FILE), {
      overwrite: true,
    });
    await vscode.workspace.getConfiguration('dossier').update('reports', [FILE], vscode.ConfigurationTarget.Workspace);
    // pdf.js is loaded at this first PDF, and the machine may be busy: wait longer than for a text report
    const report = await waitFor(
      () => api.library.current.reports.find(r => r.source === FILE),
      50000,
      'the PDF report in the library',
    ).catch(error => {
      throw new Error(`${(error as Error).message}; problems: ${JSON.stringify(api.library.dossier.lastLoad?.problems)}`);
    });
    reportId = report.id;
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dossier').update('reports', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('pdf.js stays off the activation path and off the extension host: dist/pdf.js is read in a worker thread', () => {
    assert.ok(
      !Object.keys(require.cache).some(file => /[\\/]dist[\\/]pdf\.js$/.test(file)),
      'dist/pdf.js was loaded into the extension host',
    );
  });

  test('the tree shows the PDF report with its sections, its 45 notes and pages', async () => {
    const roots = await (await getApi()).outline!.describe(4);
    const root = roots.find(r => r.target.reportId === reportId);
    assert.ok(root, `no root for the PDF: ${roots.map(r => r.label).join(' | ')}`);
    assert.strictEqual(root.label, 'Trump Accounts: Overview and Policy Considerations');
    const sections = root.children!.filter(c => c.contextValue === 'section');
    assert.deepStrictEqual(
      sections.slice(0, 4).map(s => s.label),
      ['Summary', 'Introduction', 'Description of Trump Accounts', 'Contributions'],
    );
    assert.strictEqual(sections.length, 18); // as its contents list them: the authors' lines are metadata, not a section
    const intro = sections[1]!.children![0]!;
    assert.match(intro.description ?? '', /^p\. 1\b/); // printed "1" on the 4th page
    const notes = root.children!.find(c => c.label === 'Footnotes');
    assert.strictEqual(notes?.children?.length, 45);
    assert.match(notes!.children![0]!.tooltip ?? '', /p\\?\. 1$/); // Markdown-escaped in the tooltip
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    // the Introduction's first paragraph in the reader; the tree follows the cursor there (for the screenshot)
    const first = (await getApi()).library.current.report(reportId)!.sections[1]!.paragraphs[0]!;
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId, kind: 'paragraph', id: first.id });
    await sleep(1500);
    await screenshot('pdf-tree');
  });

  test('a hover on a figure from the PDF says its page', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'Contributions are capped at $5,000 a year.\n',
    });
    await vscode.window.showTextDocument(document);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      document.positionAt(document.getText().indexOf('5,000') + 1),
    );
    const card = hoverText(hovers);
    assert.match(card, /\$5,000/);
    assert.match(card, /· PDF p\\?\. 2 ·/); // the $5,000 of the summary, on page 2, which prints no number
  });

  test("[@ completion offers the PDF report's paragraphs with a page locator", async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Trump Accounts are IRAs [@' });
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      end,
      '@',
    );
    const inserts = list.items.map(i => (typeof i.insertText === 'string' ? i.insertText : (i.insertText?.value ?? '')));
    assert.ok(
      inserts.includes('trumpAccounts2026, p. 1'),
      `no page locator among ${inserts
        .filter(t => t.startsWith('trump'))
        .slice(0, 8)
        .join(' | ')}`,
    );
    assert.ok(!inserts.some(t => /^trumpAccounts2026, para\. /.test(t)), 'a PDF paragraph is cited by para.');
  });

  test('a damaged PDF that keeps the reader busy is skipped at dossier.maxPdfReadSeconds, with its reason in the tree and Problems', async function () {
    this.timeout(120000);
    const api = await getApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // nine bytes flipped in a font's ToUnicode table: about 5 s of pdf.js's processor time (found by npm run fuzz)
    const bytes = await vscode.workspace.fs.readFile(
      vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'pdf', 'endnotes.pdf'),
    );
    for (const at of [31381, 37372, 31022, 29580, 29718, 30393, 13494, 16173, 32195]) bytes[at] = bytes[at]! ^ 0xff;
    const slow = fixtureUri('slow.pdf');
    await vscode.workspace.fs.writeFile(slow, bytes);
    const settings = vscode.workspace.getConfiguration('dossier');
    try {
      await settings.update('maxPdfReadSeconds', 1, vscode.ConfigurationTarget.Workspace);
      await settings.update('reports', [FILE, 'slow.pdf'], vscode.ConfigurationTarget.Workspace);
      const problem = await waitFor(
        () => api.library.dossier.lastLoad?.problems.find(p => p.name === 'slow.pdf'),
        90000,
        'slow.pdf among the problems',
      );
      assert.match(
        problem.message,
        /^The PDF took (over 1 s of processor time|longer than 5 s) to read: skipped \(setting dossier\.maxPdfReadSeconds\)$/,
      );
      const node = await waitFor(
        async () => (await api.outline!.describe(1)).find(n => n.label === 'slow.pdf'),
        10000,
        'slow.pdf in the tree',
      );
      assert.strictEqual(node.contextValue, 'unreadable');
      assert.strictEqual(node.description, problem.message.length > 80 ? problem.message.slice(0, 79) + '…' : problem.message);
      const diagnostics = await waitFor(() => {
        const list = vscode.languages.getDiagnostics(slow);
        return list.length ? list : undefined;
      });
      assert.deepStrictEqual(
        diagnostics.map(d => [d.severity, d.message, d.source]),
        [[vscode.DiagnosticSeverity.Error, problem.message, 'Dossier']],
      );
      // the report beside it still reads
      assert.ok(api.library.current.reports.some(r => r.source === FILE));
    } finally {
      await settings.update('reports', [FILE], vscode.ConfigurationTarget.Workspace);
      await settings.update('maxPdfReadSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(slow);
    }
  });
});
