import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, domText, EXTENSION_ID, fixtureUri, getApi, screenshot, sleep, waitFor } from './helpers';

interface OriginalShown {
  format: string;
  uri: string;
  line?: number;
  page?: number;
  highlighted?: string;
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

  test("a paragraph of a PDF report: the page view beside the reader, on the paragraph's page, its text highlighted", async function () {
    this.timeout(120000);
    const api = await getApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'reports', PDF), fixtureUri(PDF), {
      overwrite: true,
    });
    await vscode.workspace.getConfiguration('dossier').update('reports', [PDF], vscode.ConfigurationTarget.Workspace);
    const report = await waitFor(() => api.library.current.reports.find(r => r.source === PDF), 50000, 'the PDF report in the library');
    const paragraph = report.sections.find(s => s.title === 'Introduction')!.paragraphs[0]!;
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: report.id, kind: 'paragraph', id: paragraph.id });
    const shown = await vscode.commands.executeCommand<OriginalShown>('dossier.showOriginal', {
      reportId: report.id,
      kind: 'paragraph',
      id: paragraph.id,
    });
    assert.strictEqual(shown.format, 'pdf');
    assert.match(shown.uri, /R48910\.2\.pdf$/);
    assert.strictEqual(shown.page, 4, api.reader!.pageView.lastShown?.message);
    assert.strictEqual(shown.found, true);
    assert.match(shown.highlighted!, /^The 2025 reconciliation law \(P\.L\. 119-21\) created/);
    assert.match(shown.highlighted!, /Form 4547\.$/);
    // what the analyst sees: the page view's tab beside the reader, its toolbar and the highlighted text layer
    const tab = vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.label === PDF);
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'no page view tab for the PDF');
    assert.ok(
      vscode.window.visibleTextEditors.some(e => e.document.uri.scheme === 'dossier-report'),
      'the reader is no longer visible',
    );
    const where = await waitFor(async () => (await domText('#toolbar .where')).find(t => /^Page/.test(t)), 10000, 'the toolbar');
    assert.strictEqual(where, 'Page 4 of 19 (printed 1)');
    const marked = (await domText('.textLayer .highlight')).join(' ');
    assert.match(marked, /^The 2025 reconciliation law/);
    await sleep(1000);
    await screenshot('original-pdf');
  });

  test('a figure of a PDF report: its page turned to, its sentence highlighted', async function () {
    this.timeout(60000);
    const api = await getApi();
    const report = api.library.current.reports.find(r => r.source === PDF)!;
    const figure = report.figures.find(f => f.page === 6 && f.text === '$2,000')!;
    const shown = await vscode.commands.executeCommand<OriginalShown>('dossier.showOriginal', {
      reportId: report.id,
      kind: 'figure',
      id: figure.id,
    });
    assert.strictEqual(shown.page, 6);
    assert.strictEqual(shown.found, true);
    // the lines that hold the sentence
    assert.match(shown.highlighted!, /A grandparent could then contribute up to \$2,000 in the same year/);
    assert.strictEqual(api.reader!.pageView.lastShown?.page, 6);
  });

  test('after a window reload the page view comes back on the page it showed, highlight and all (its serializer)', async function () {
    this.timeout(60000);
    const api = await getApi();
    const report = api.library.current.reports.find(r => r.source === PDF)!;
    const figure = report.figures.find(f => f.page === 6 && f.text === '$2,000')!;
    // what VS Code does after "Developer: Reload Window": a new panel of the view type, and the state the page saved
    const state = { uri: fixtureUri(PDF).toString(), page: 6, label: '3', text: figure.sentence };
    const panel = vscode.window.createWebviewPanel('dossier.pdfPage', PDF, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const shown = await api.reader!.pageView.restore(panel, JSON.parse(JSON.stringify(state)));
    assert.strictEqual(shown?.page, 6, shown?.message);
    assert.match(shown!.highlighted, /A grandparent could then contribute up to \$2,000 in the same year/);
    const where = await waitFor(async () => (await domText('#toolbar .where')).find(t => /^Page 6/.test(t)), 10000, 'the toolbar');
    assert.strictEqual(where, 'Page 6 of 19 (printed 3)');
    // a state that is not the page view's: a sentence saying what to do, no error
    const other = vscode.window.createWebviewPanel('dossier.pdfPage', PDF, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const nothing = await api.reader!.pageView.restore(other, { scrollY: 3 });
    assert.match(nothing?.message ?? '', /Show Original Page/);
  });

  test('a PDF that is gone: the page view says so, with the file name', async function () {
    this.timeout(60000);
    const api = await getApi();
    const shown = await api.reader!.pageView.show({ uri: fixtureUri('gone.pdf'), page: 3, text: 'anything' });
    assert.strictEqual(shown.page, undefined);
    assert.match(shown.message ?? '', /The original file gone\.pdf is no longer where Dossier read it/);
    const status = await waitFor(async () => (await domText('#status')).find(t => /gone\.pdf/.test(t)), 10000, 'the message');
    assert.match(status, /no longer where Dossier read it/);
  });
});
