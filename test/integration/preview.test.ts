import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  domText,
  fixtureUri,
  getApi,
  keyboardTest,
  loadReports,
  openFixture,
  press,
  runnerAttached,
  screenshot,
  sleep,
  waitFor,
} from './helpers';

/** What the API's `chartPreview.state()` returns (see src/preview/chartPreview.ts). */
interface DebugState {
  posted?: {
    charts: { id: string; svg: string }[];
    errors: { message: string }[];
    message?: string;
    highlight?: { chartId: string; figureId?: string };
    figures: { figureId: string }[];
  };
  rendered?: { chartIds: string[]; highlighted?: string; errors: number };
  html: string;
  noteUri?: string;
  viewColumn?: number;
  visible: boolean;
  active: boolean;
  notified?: { message: string; buttons: string[] };
  renders: number;
}

const NOTE = 'charts-note.md';

async function debugState(): Promise<DebugState | undefined> {
  return (await getApi()).chartPreview!.state();
}

/** Waits until the page itself reports showing charts that satisfy `check`. */
async function waitForPage(check: (s: DebugState) => boolean, message: string, timeoutMs = 15000): Promise<DebugState> {
  return waitFor(
    async () => {
      const state = await debugState();
      return state && state.rendered && check(state) ? state : undefined;
    },
    timeoutMs,
    message,
  );
}

async function openNoteWithPreview(): Promise<vscode.TextEditor> {
  await closeAllEditors();
  const editor = await openFixture(NOTE, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('dossier.openChartPreview');
  return editor;
}

/**
 * What VS Code does after a window reload: a fresh panel of the preview's viewType, handed with the state the page
 * saved (setState, see src/webview/main.ts) to the serializer's restore function (reached through the API, since a
 * real reload would end the test run).
 */
async function restorePanel(state: { noteUri?: string; scrollY: number; selectedChart?: string }): Promise<vscode.WebviewPanel> {
  const panel = vscode.window.createWebviewPanel(
    'dossier.chartPreview',
    'Restoring…',
    { viewColumn: vscode.ViewColumn.Two, preserveFocus: true },
    {},
  );
  await (await getApi()).chartPreview!.restore(panel, state);
  return panel;
}

async function setTheme(name: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', name, vscode.ConfigurationTarget.Global);
}

suite('preview', function () {
  this.timeout(60000);

  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
    await setTheme('Default Light Modern');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  test('the panel opens beside the note and lists the charts of the figures it uses', async () => {
    // Vega is loaded by the first chart, never on activation
    const engineLoaded = () => Object.keys(require.cache).some(file => /[\\/]dist[\\/]charts\.js$/.test(file));
    const loadedBefore = engineLoaded();
    const editor = await openNoteWithPreview();
    const state = await waitForPage(s => s.rendered!.chartIds.includes('reciprocal-tariffs'), 'the tariff chart in the panel');
    assert.deepStrictEqual(state.rendered!.chartIds, ['reciprocal-tariffs', 'textiles-share-of-exports', 'money-at-stake']);
    assert.strictEqual(loadedBefore, false, 'dist/charts.js was loaded before the chart preview opened');
    assert.strictEqual(engineLoaded(), true, 'dist/charts.js is not in the module cache after the preview drew charts');
    assert.strictEqual(state.noteUri, fixtureUri(NOTE).toString());
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two, 'the panel opens beside the note');
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document, 'the note keeps the focus');
    assert.strictEqual(state.posted!.figures.length, 6, `figures used: ${state.posted!.figures.map(f => f.figureId).join(', ')}`);
    if (runnerAttached()) {
      // what the analyst sees inside the webview, not just what the host sent
      const links = await waitFor(
        async () => {
          const texts = await domText('.chart .figure-link');
          return texts.some(t => t.includes('Pakistan: 29 percent')) ? texts : undefined;
        },
        10000,
        'figure links in the webview',
      );
      assert.ok(
        links.some(t => t.includes('Vietnam: 46 percent')),
        links.join(' | '),
      );
    }
  });

  test('the webview carries a strict CSP with a nonce and no unsafe-eval', async () => {
    await openNoteWithPreview();
    const state = await waitForPage(() => true, 'the panel');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(state.html)?.[1];
    assert.ok(csp, 'no CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([\w-]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, `script nonce: ${nonce}`);
    assert.ok(!csp.includes('unsafe-eval') && !csp.includes('unsafe-inline'), csp);
    const scripts = [...state.html.matchAll(/<script\b[^>]*>/g)].map(m => m[0]);
    assert.ok(scripts.length > 0 && scripts.every(s => s.includes(`nonce="${nonce}"`)), scripts.join('\n'));
    // a screen reader reads out the status line only, not the whole panel on every keystroke
    assert.deepStrictEqual(
      [...state.html.matchAll(/<[^>]*aria-live[^>]*>/g)].map(m => m[0]),
      ['<p id="status" class="notice" role="status" aria-live="polite" hidden>'],
    );
  });

  test('an edit that adds a figure adds its chart (within the typing debounce)', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const started = Date.now();
    await editor.edit(edit => edit.insert(end, '\n\nReko Diq also holds gold deposits of 41 million ounces.\n'));
    const state = await waitForPage(s => s.rendered!.chartIds.includes('reko-diq-resources'), 'the Reko Diq chart');
    const took = Date.now() - started;
    console.log(`      the Reko Diq chart showed ${took} ms after the edit (typing debounce 250 ms)`);
    assert.ok(took < 1500, `the chart came ${took} ms after the edit`);
    assert.deepStrictEqual(state.rendered!.chartIds.slice(-1), ['reko-diq-resources']);
    await vscode.commands.executeCommand('undo');
    await waitForPage(s => !s.rendered!.chartIds.includes('reko-diq-resources'), 'the Reko Diq chart to go after undo');
  });

  test('moving the cursor changes the highlighted chart', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    const text = editor.document.getText();
    const place = (needle: string) => {
      const at = editor.document.positionAt(text.indexOf(needle) + 2);
      editor.selection = new vscode.Selection(at, at);
    };
    place('US$845 million');
    let state = await waitForPage(s => s.rendered!.highlighted === 'money-at-stake', 'the money chart highlighted');
    assert.strictEqual(state.posted!.highlight?.chartId, 'money-at-stake');
    place('39 percent');
    state = await waitForPage(s => s.rendered!.highlighted === 'reciprocal-tariffs', 'the tariff chart highlighted');
    // the bar of the figure under the cursor is drawn in the emphasis colour
    assert.strictEqual(state.posted!.highlight?.figureId !== undefined, true);
  });

  keyboardTest('the first Tab in the panel lands on the figure at the note’s cursor; Enter reveals it in the note’s group', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    const at = editor.document.positionAt(editor.document.getText().indexOf('39 percent') + 1);
    editor.selection = new vscode.Selection(at, at);
    const bangladesh = (await getApi()).library.current.allFigures().find(f => f.figure.text === '39 percent')!.figure.id;
    await waitForPage(
      s => s.posted!.highlight?.figureId === bangladesh && s.rendered!.highlighted === 'reciprocal-tariffs',
      'the 39 percent bar highlighted',
    );
    await waitFor(
      async () => (await domText('.cursor-figure')).some(text => text.includes('39 percent')),
      10000,
      'the figure at the cursor in the panel’s header',
    );
    await vscode.commands.executeCommand('dossier.focusChartPreview');
    await waitFor(async () => (await debugState())?.active, 10000, 'the panel to be the active editor');
    // the workbench hands the keyboard to the page's frame a moment after the panel becomes active
    await sleep(1000);
    await press('Tab');
    await waitFor(
      async () => (await domText('.figure-link:focus')).some(text => text.includes('At the cursor') && text.includes('39 percent')),
      15000,
      'the first Tab to land on the figure at the cursor',
    );
    await press('Enter');
    const reader = await waitFor(
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.scheme === 'dossier-report' ? active : undefined;
      },
      10000,
      'the report reader to open',
    );
    const selected = reader.document.getText(reader.selection);
    assert.match(selected || reader.document.lineAt(reader.selection.active.line).text, /39 percent/);
    assert.strictEqual(reader.viewColumn, vscode.ViewColumn.One, 'the reader opens in the note’s group');
    const state = (await debugState())!;
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two);
    assert.strictEqual(state.visible, true, 'the panel stays visible');
  });

  test('a figure of the panel opens the reader in another group, never on top of the panel', async () => {
    await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    const api = await getApi();
    const figure = api.library.current.allFigures().find(f => f.figure.text === '39 percent')!;
    // the panel's group is the active one, as after a click in it
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    assert.strictEqual(await api.chartPreview!.revealFigure(figure.report.id, figure.figure.id), true);
    const reader = await waitFor(
      () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'dossier-report'),
      10000,
      'the report reader to open',
    );
    assert.strictEqual(reader.viewColumn, vscode.ViewColumn.One, 'the reader opens in the note’s group');
    assert.match(reader.document.getText(reader.selection), /39 percent/);
    const state = (await debugState())!;
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two);
    assert.strictEqual(state.visible, true, 'the panel stays visible');

    // with no editor left beside it, the reader opens in a new group beside the panel, not over it
    await closeAllEditors();
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // the Output panel's editor has no group (viewColumn undefined): it is not beside the preview
    await waitFor(() => vscode.window.visibleTextEditors.every(e => e.viewColumn === undefined), 10000, 'the panel alone');
    assert.strictEqual(await api.chartPreview!.revealFigure(figure.report.id, figure.figure.id), true);
    const beside = await waitFor(
      () => vscode.window.visibleTextEditors.find(e => e.document.uri.scheme === 'dossier-report'),
      10000,
      'the report reader to open',
    );
    const alone = (await debugState())!;
    assert.notStrictEqual(beside.viewColumn, alone.viewColumn, 'the reader is in a group of its own');
    assert.strictEqual(alone.visible, true, 'the panel stays visible');
  });

  test('Export as SVG at the end of a note that ends with a footnote: the link after a blank line, outside it, and a notification', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.includes('reciprocal-tariffs'), 'the tariff chart');
    const original = editor.document.getText();
    const ending = '\nThe rate matters.[^1]\n\n[^1]: CRS, para. 24.\n    It took effect in April 2025.\n';
    await editor.edit(edit => edit.insert(editor.document.positionAt(original.length), ending));
    const withNote = editor.document.getText();
    const end = editor.document.positionAt(withNote.length);
    editor.selection = new vscode.Selection(end, end);
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; link: string } | undefined>(
      'dossier.preview.exportChart',
      'reciprocal-tariffs',
      { overwrite: true },
    );
    assert.ok(result, 'export returned nothing');
    assert.strictEqual(
      editor.document.getText(),
      `${original}\nThe rate matters.[^1]\n\n[^1]: CRS, para. 24.\n    It took effect in April 2025.\n\n${result.link}\n`,
    );
    // the confirmation is a VS Code notification with a button, and the panel's status line says it too
    assert.deepStrictEqual((await debugState())!.notified, {
      message: 'Saved charts/reciprocal-tariffs.svg and linked it in the note.',
      buttons: ['Open SVG'],
    });
    if (runnerAttached())
      await waitFor(
        async () => (await domText('#status')).some(t => t.includes('Saved charts/reciprocal-tariffs.svg')),
        10000,
        'the status line of the panel',
      );
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === original, 5000, 'undo to remove the link and the footnote');
  });

  test('export asks before replacing a file, and without a yes leaves it alone', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.includes('textiles-share-of-exports'), 'the textiles chart');
    const target = fixtureUri('charts/textiles-share-of-exports.svg');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">mine</svg>'));
    const before = editor.document.getText();
    // VS Code under test refuses the modal question; the command reports that (log, message) and exports nothing
    const result = await vscode.commands.executeCommand<unknown>('dossier.preview.exportChart', 'textiles-share-of-exports');
    assert.strictEqual(result, undefined, 'declined: nothing exported');
    assert.strictEqual(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(target)),
      '<svg xmlns="http://www.w3.org/2000/svg">mine</svg>',
    );
    assert.strictEqual(editor.document.getText(), before, 'no link inserted');
    await vscode.workspace.fs.delete(target);
  });

  test('"Insert link" links an exported chart at the cursor without rewriting the file', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.includes('money-at-stake'), 'the money chart');
    const svgUri = fixtureUri('charts/money-at-stake.svg');
    await vscode.workspace.fs.writeFile(svgUri, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const link = await vscode.commands.executeCommand<string | undefined>('dossier.preview.insertLink', 'money-at-stake');
    assert.strictEqual(link, '![The sums at stake, compared](charts/money-at-stake.svg)');
    assert.ok(editor.document.getText().includes(link!));
    assert.strictEqual(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri)),
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'an existing file is left alone',
    );
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await vscode.workspace.fs.delete(svgUri);
  });

  test('the panel follows the active Markdown editor', async () => {
    await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.includes('reciprocal-tariffs'), 'the tariff chart');
    await openFixture('notes.md', vscode.ViewColumn.One);
    const state = await waitForPage(
      s => s.noteUri === fixtureUri('notes.md').toString() && s.rendered!.chartIds.includes('reko-diq-resources'),
      'the charts of notes.md',
    );
    assert.ok(!state.rendered!.chartIds.includes('reciprocal-tariffs'), state.rendered!.chartIds.join(', '));
    assert.strictEqual(state.viewColumn, vscode.ViewColumn.Two, 'the panel stays beside');
  });

  test('a declared chart block with a bad id shows its error in the panel', async () => {
    const editor = await openNoteWithPreview();
    await waitForPage(s => s.rendered!.chartIds.length === 3, 'three charts');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit(edit => edit.insert(end, '\n\n```dossier-chart\ntitle: Competitors\nfigures: [f9999, "Vietnam 46 percent"]\n```\n'));
    const state = await waitForPage(s => s.rendered!.errors > 0, 'the error card');
    assert.match(state.posted!.errors[0]!.message, /no figure "f9999" in “U\.S\.-Pakistan Relations in Flux/);
    assert.ok(state.rendered!.chartIds.includes('note-chart-1'), 'the resolvable part still draws');
    if (runnerAttached()) {
      const texts = await waitFor(
        async () => {
          const t = await domText('.chart-error');
          return t.length ? t : undefined;
        },
        10000,
        'the error card in the webview',
      );
      assert.match(texts.join(' '), /no figure "f9999"/);
      await screenshot('preview-declared-error');
    }
    await vscode.commands.executeCommand('undo');
  });

  test('a hostile report and a hostile chart title stay text in the panel', async () => {
    const api = await getApi();
    const config = vscode.workspace.getConfiguration('dossier');
    const note = fixtureUri('hostile-charts-note.md');
    try {
      await loadReports(api, ['hostile-report.md'], 'hostile-report');
      assert.ok(api.library.current.report('hostile-report'), 'hostile report not loaded');
      const body =
        '# Hostile\n\nThe hostile funding was US$123 million.\n\n```dossier-chart\ntitle: "<img src=x onerror=alert(1)> chart"\nreport: hostile-report\nfigures: [f1, f2]\n```\n';
      await vscode.workspace.fs.writeFile(note, new TextEncoder().encode(body));
      await closeAllEditors();
      await vscode.window.showTextDocument(note, { viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('dossier.openChartPreview');
      const state = await waitForPage(s => s.rendered!.chartIds.includes('note-chart-1'), 'the declared hostile chart');
      const chart = state.posted!.charts.find(c => c.id === 'note-chart-1')!;
      assert.ok(chart.svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the hostile title is escaped text in the SVG');
      assert.ok(
        !/<img|<script|onerror=alert\(1\)>/i.test(chart.svg.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')),
        'no markup from report text',
      );
      if (runnerAttached()) {
        assert.deepStrictEqual(await domText('#app img, #app script, #app foreignObject'), [], 'no element was injected into the page');
        await screenshot('preview-hostile');
      }
    } finally {
      await config.update('reports', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
      await vscode.workspace.fs.delete(note).then(undefined, () => undefined);
    }
  });

  test('after a reload the panel comes back following the note it showed, with its charts', async () => {
    await closeAllEditors();
    // another note is active: the restored panel must follow the saved one, not this
    await openFixture('notes.md', vscode.ViewColumn.One);
    const panel = await restorePanel({ noteUri: fixtureUri(NOTE).toString(), scrollY: 120, selectedChart: 'reciprocal-tariffs' });
    const state = await waitForPage(s => s.rendered!.chartIds.includes('reciprocal-tariffs'), 'the tariff chart in the restored panel');
    assert.strictEqual(state.noteUri, fixtureUri(NOTE).toString());
    assert.deepStrictEqual(state.rendered!.chartIds, ['reciprocal-tariffs', 'textiles-share-of-exports', 'money-at-stake']);
    assert.strictEqual(panel.title, 'Charts: charts-note.md', 'the preview adopted the panel VS Code handed back');
    assert.match(state.html, /Content-Security-Policy/, 'the restored panel got the preview page');
    // still live: an edit to the restored note reaches the restored panel
    const document = await vscode.workspace.openTextDocument(fixtureUri(NOTE));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(
      document.uri,
      document.lineAt(document.lineCount - 1).range.end,
      '\n\nReko Diq also holds gold deposits of 41 million ounces.\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForPage(s => s.rendered!.chartIds.includes('reko-diq-resources'), 'the Reko Diq chart after an edit of the restored note');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('undo');
    await waitForPage(s => !s.rendered!.chartIds.includes('reko-diq-resources'), 'the Reko Diq chart to go after undo');
  });

  test('after a reload, a saved note that no longer exists gives a message in the panel, not a blank', async () => {
    await closeAllEditors();
    const gone = fixtureUri('deleted-note.md');
    await vscode.workspace.fs.writeFile(gone, new TextEncoder().encode('# Soon gone\n\nPakistan faces 29 percent.\n'));
    await vscode.workspace.fs.delete(gone);
    const panel = await restorePanel({ noteUri: gone.toString(), scrollY: 0 });
    const state = await waitForPage(s => s.posted?.message !== undefined, 'a message in the restored panel');
    assert.match(state.posted!.message!, /Open a Markdown note to see charts/);
    assert.deepStrictEqual(state.rendered!.chartIds, []);
    assert.strictEqual(state.noteUri, undefined);
    assert.strictEqual(panel.title, 'Dossier Charts');
    if (runnerAttached()) {
      const texts = await waitFor(
        async () => {
          const t = await domText('#app .message');
          return t.some(x => /Open a Markdown note/.test(x)) ? t : undefined;
        },
        10000,
        'the message in the webview',
      );
      assert.ok(texts.length > 0, texts.join(' | '));
    }
    // the panel recovers as soon as a note is opened
    // (beside the panel: with no editor open it took the first column, and a hidden page draws nothing)
    await openFixture(NOTE, vscode.ViewColumn.Beside);
    await waitForPage(
      s => s.noteUri === fixtureUri(NOTE).toString() && s.rendered!.chartIds.includes('reciprocal-tariffs'),
      'the charts of the opened note',
    );
  });

  test('theme changes re-render the charts; screenshots in light and dark', async () => {
    const editor = await openNoteWithPreview();
    const at = editor.document.positionAt(editor.document.getText().indexOf('29 percent'));
    editor.selection = new vscode.Selection(at, at);
    await setTheme('Default Light Modern');
    await waitForPage(s => s.posted!.charts.every(c => c.svg.includes('fill="#ffffff"')), 'light charts');
    await sleep(500);
    const light = await screenshot('preview-light');
    const rendersBefore = (await debugState())!.renders;
    await setTheme('Default Dark Modern');
    const dark = await waitForPage(
      s => s.renders > rendersBefore && s.posted!.charts.every(c => c.svg.includes('fill="#1f1f1f"')),
      'dark charts',
    );
    assert.deepStrictEqual(
      dark.posted!.charts.map(c => c.id),
      ['reciprocal-tariffs', 'textiles-share-of-exports', 'money-at-stake'],
    );
    await sleep(500);
    const darkShot = await screenshot('preview-dark');
    // the money chart (log scale) and the list of figures the note uses, further down the panel
    const money = editor.document.positionAt(editor.document.getText().indexOf('US$62 billion') + 2);
    editor.selection = new vscode.Selection(money, money);
    await waitForPage(s => s.rendered!.highlighted === 'money-at-stake', 'the money chart highlighted');
    await sleep(800);
    await screenshot('preview-dark-money');
    if (runnerAttached()) assert.ok(light && darkShot, 'screenshots taken');
    await setTheme('Default Light Modern');
  });
});
