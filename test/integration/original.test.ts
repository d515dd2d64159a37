import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, fixtureUri, getApi, screenshot, sleep, waitFor } from './helpers';

interface OriginalShown {
  format: string;
  uri: string;
  line?: number;
  page?: number;
  found: boolean;
}

const SEED = 'us-pakistan-relations-in-flux';
const PDF = 'R48910.2.pdf';

suite('Show Original Page', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('dossier').update('reports', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test("a paragraph of a text report opens the report file beside the reader, at the paragraph's line", async () => {
    const library = await (await getApi()).library.ready();
    const report = library.report(SEED)!;
    const paragraph = report.sections.find(s => s.title === 'New limitations')!.paragraphs[0]!;
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: SEED, kind: 'paragraph', id: paragraph.id });
    const shown = await vscode.commands.executeCommand<OriginalShown>('dossier.showOriginal', {
      reportId: SEED,
      kind: 'paragraph',
      id: paragraph.id,
    });
    assert.strictEqual(shown.format, 'text');
    assert.strictEqual(shown.found, true);
    assert.strictEqual(shown.line, 20); // line 21 of the file: "With President Donald Trump proceeding …"
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /us-pakistan-relations-in-flux\.txt$/);
    assert.strictEqual(editor.selection.active.line, 20);
    assert.match(editor.document.lineAt(20).text, /^With President Donald Trump proceeding/);
    // beside the reader, not in its place
    assert.ok(
      vscode.window.visibleTextEditors.some(e => e.document.uri.scheme === 'dossier-report'),
      'the reader is no longer visible',
    );
  });

  test("from the palette, the figure at the reader's cursor is the item shown", async () => {
    const library = await (await getApi()).library.ready();
    const figure = library.report(SEED)!.figures.find(f => f.text === 'US$845 million')!;
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: SEED, kind: 'figure', id: figure.id });
    const shown = await vscode.commands.executeCommand<OriginalShown>('dossier.showOriginal');
    assert.strictEqual(shown.found, true);
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.lineAt(shown.line!).text, /US\$845 million/);
  });

  test('a paragraph of a PDF report opens the PDF and says its page', async function () {
    this.timeout(90000);
    const api = await getApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'reports', PDF), fixtureUri(PDF), {
      overwrite: true,
    });
    await vscode.workspace.getConfiguration('dossier').update('reports', [PDF], vscode.ConfigurationTarget.Workspace);
    const report = await waitFor(() => api.library.current.reports.find(r => r.source === PDF), 50000, 'the PDF report in the library');
    const paragraph = report.sections[1]!.paragraphs[0]!;
    const shown = await vscode.commands.executeCommand<OriginalShown>('dossier.showOriginal', {
      reportId: report.id,
      kind: 'paragraph',
      id: paragraph.id,
    });
    assert.strictEqual(shown.format, 'pdf');
    assert.strictEqual(shown.page, 4);
    assert.match(shown.uri, /R48910\.2\.pdf$/);
    await sleep(1500);
    await screenshot('original-pdf');
  });
});
