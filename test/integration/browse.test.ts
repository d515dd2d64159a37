import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, fixtureUri, getApi, keyboardTest, loadReports, press, screenshot, sleep, waitFor } from './helpers';

interface Hit {
  kind: string;
  reportId: string;
  id: string;
  label: string;
  description: string;
  detail: string;
}

const SEED = 'us-pakistan-relations-in-flux';

async function seedReady() {
  const api = await getApi();
  const library = await api.library.ready();
  const report = library.report(SEED);
  assert.ok(report, `the bundled report is not in the library: ${library.reports.map(r => r.id).join(', ')}`);
  return { api, library, report };
}

async function openReader(reportId = SEED): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('dossier.openReport', reportId);
  return waitFor(
    () => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.scheme === 'dossier-report' && editor.document.getText().length > 100 ? editor : undefined;
    },
    10000,
    'the reader tab',
  );
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function closePicker(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

suite('Browse', () => {
  suiteSetup(async () => {
    await seedReady();
  });

  teardown(async () => {
    await closePicker();
  });

  test('the tree shows the report as a root with its four sections and 24 notes', async () => {
    const { report } = await seedReady();
    const roots = await (await getApi()).outline!.describe(4);
    const root = roots.find(r => r.target.reportId === SEED);
    assert.ok(root, `no root for the seed: ${roots.map(r => r.label).join(' | ')}`);
    assert.strictEqual(root.label, report.title);
    const sections = root.children!.filter(c => c.contextValue === 'section');
    assert.deepStrictEqual(
      sections.map(s => s.label),
      ['Introduction', 'New limitations', 'Motivations for navigating constraints', 'Conclusion'],
    );
    assert.strictEqual(sections.flatMap(s => s.children ?? []).length, 31);
    assert.match(sections[0]!.children![0]!.label, /^¶1 Throughout history/);
    const notes = root.children!.find(c => c.label === 'Footnotes');
    assert.ok(notes, 'no Footnotes node');
    assert.strictEqual(notes.children!.length, 24);
    const note4 = notes.children![3]!;
    assert.match(note4.label, /^\[4\] Profit$/);
    assert.match(note4.description ?? '', /February 2025/);
    assert.strictEqual(note4.contextValue, 'footnote.url');
    assert.deepStrictEqual(
      note4.children!.map(c => c.target.id),
      report.footnotes[3]!.citedBy,
    );
    const note17 = notes.children![16]!;
    assert.match(note17.label, /^\[17\] Ibid\.$/);
    assert.match(note17.description ?? '', /→ \[16\]/);
    const figures = root.children!.find(c => c.label === 'Figures');
    assert.ok(figures, 'no Figures node');
    assert.strictEqual(figures.description, String(report.figures.length));
    // one group per section that has figures, in the report's order
    const figureParagraphs = new Set(report.figures.map(f => f.paragraph));
    assert.deepStrictEqual(
      figures.children!.map(c => c.target.id),
      report.sections.filter(s => s.paragraphs.some(p => figureParagraphs.has(p.id))).map(s => s.id),
    );
    assert.strictEqual(report.figures.length, 28);
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    await sleep(500);
    await screenshot('browse-tree');
  });

  test('dossier.openReport opens the reader with symbols for the sections', async () => {
    await closeAllEditors();
    const editor = await openReader();
    assert.strictEqual(editor.document.languageId, 'dossier-report');
    assert.match(editor.document.lineAt(0).text, /^U\.S\.-Pakistan Relations in Flux/);
    const symbols = await waitFor(
      () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri),
      5000,
      'symbols',
    );
    assert.deepStrictEqual(
      symbols.map(s => s.name),
      ['Introduction', 'New limitations', 'Motivations for navigating constraints', 'Conclusion', 'Notes'],
    );
    assert.strictEqual(
      symbols.slice(0, 4).reduce((n, s) => n + s.children.length, 0),
      31,
    );
    assert.strictEqual(symbols[4]!.children.length, 24);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri);
    assert.ok(folds.length >= 5, `folding ranges: ${folds.length}`);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const targets = links.map(l => l.target?.toString(true) ?? '');
    assert.ok(
      targets.some(t => t.includes('prac.org.pk/uploads/An%20Analysis') || t.includes('prac.org.pk/uploads/An Analysis')),
      targets.join('\n'),
    );
    await screenshot('browse-reader');
  });

  test('dossier.reader.openOnStart (the demo workspace): the Dossier view and the reader beside the note; off, nothing opens', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.view.explorer');
    const api = await getApi();
    const settings = vscode.workspace.getConfiguration('dossier');
    assert.strictEqual(await api.reader!.openOnStart(), undefined, 'off by default');
    assert.ok(!vscode.window.visibleTextEditors.some(e => e.document.languageId === 'dossier-report'), 'no reader opened');
    assert.strictEqual(api.outline!.visible(), false);
    const note = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri('memo.md')));
    await settings.update('reader.openOnStart', true, vscode.ConfigurationTarget.Workspace);
    try {
      const reader = await api.reader!.openOnStart();
      assert.strictEqual(reader?.document.languageId, 'dossier-report');
      assert.match(reader.document.lineAt(0).text, /^U\.S\.-Pakistan Relations in Flux/);
      assert.notStrictEqual(reader.viewColumn, note.viewColumn, 'beside the note, not over it');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), note.document.uri.toString(), 'the note keeps the focus');
      await waitFor(() => api.outline!.visible(), 5000, 'the Dossier view');
    } finally {
      await settings.update('reader.openOnStart', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('the reader tab reads as the report title is written; the Outline has its sections', async () => {
    await closeAllEditors();
    const editor = await openReader();
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.strictEqual(tab?.label, 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints');
    assert.strictEqual(editor.document.languageId, 'dossier-report');
    const at = editor.document.getText().indexOf('New limitations');
    assert.ok(at > 0);
    const position = editor.document.positionAt(at);
    editor.selection = new vscode.Selection(position.translate(2), position.translate(2));
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    // breadcrumbs: VS Code shows them only for documents of a file system, not for a content provider's
    // (the README says so); the Outline view and Go to Symbol show the sections
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      editor.document.uri,
    );
    assert.ok(symbols.find(s => s.name === 'New limitations')?.range.contains(editor.selection.active));
    await sleep(300);
    await screenshot('reader-tab');
  });

  test('definition from marker [4] lands on note 4, and from note 4 back on its paragraph', async () => {
    const editor = await openReader();
    const text = editor.document.getText();
    const marker = text.indexOf('goodwill.[4]') + 'goodwill.'.length + 1;
    assert.ok(marker > 20, 'marker [4] not found in the reader');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      editor.document.positionAt(marker),
    );
    assert.strictEqual(definitions.length, 1);
    const range = 'targetRange' in definitions[0]! ? definitions[0]!.targetRange : definitions[0]!.range;
    assert.match(editor.document.lineAt(range.start.line).text, /^\[4\] “US suspends \$845m aid projects/);

    const back = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      range.start.translate(0, 8),
    );
    assert.strictEqual(back.length, 1, 'one way back from note 4: the paragraph citing it');
    const backRange = 'targetRange' in back[0]! ? back[0]!.targetRange : back[0]!.range;
    assert.match(editor.document.lineAt(backRange.start.line).text, /^¶7 The Trump administration’s increasingly antagonistic/);
  });

  test('revealInReport selects a paragraph and a note in the reader', async () => {
    const ok = await vscode.commands.executeCommand<boolean>('dossier.revealInReport', { reportId: SEED, kind: 'footnote', id: '16' });
    assert.strictEqual(ok, true);
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\[16\] “Critical Minerals/);
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: SEED, kind: 'paragraph', id: 'p20' });
    assert.match(vscode.window.activeTextEditor!.document.lineAt(vscode.window.activeTextEditor!.selection.active.line).text, /^¶20 /);
    assert.strictEqual(await vscode.commands.executeCommand('dossier.revealInReport', { nonsense: true }), false);
  });

  test("the tree follows the reader's cursor onto a figure and a note", async () => {
    const { report } = await seedReady();
    const figure = report.figures.find(f => f.value === 845e6);
    assert.ok(figure, 'the report has no figure of US$845 million');
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    const editor = await openReader();
    const text = editor.document.getText();
    const put = (offset: number) => {
      const position = editor.document.positionAt(offset);
      editor.selection = new vscode.Selection(position, position);
    };
    put(text.indexOf('US$845 million') + 3);
    await waitFor(
      async () => {
        const selected = (await getApi()).outline!.selection();
        return selected[0]?.kind === 'figure' && selected[0].id === figure.id;
      },
      5000,
      'the tree to select the figure under the cursor',
    );
    put(text.indexOf('\n[16] ') + 3);
    await waitFor(
      async () => {
        const selected = (await getApi()).outline!.selection();
        return selected[0]?.kind === 'footnote' && selected[0].id === '16';
      },
      5000,
      'the tree to select note 16',
    );
  });

  test('a reveal from the tree leaves its selection on the figure; figure labels never repeat their words', async () => {
    const { report, api } = await seedReady();
    const figure = report.figures.find(f => f.value === 845e6)!;
    await vscode.commands.executeCommand('workbench.view.extension.dossier');
    const editor = await openReader();
    const text = editor.document.getText();
    const inside = editor.document.positionAt(text.indexOf('US$845 million') + 3);
    editor.selection = new vscode.Selection(inside, inside);
    await waitFor(() => api.outline!.selection()[0]?.id === figure.id, 5000, 'the tree on the figure');
    // what a click on the figure under Figures runs: the reader selects the whole figure, cursor at its end
    await vscode.commands.executeCommand('dossier.revealInReport', { reportId: report.id, kind: 'figure', id: figure.id });
    await sleep(1000);
    assert.deepStrictEqual(api.outline!.selection(), [{ reportId: report.id, kind: 'figure', id: figure.id }]);

    const roots = await api.outline!.describe(4);
    const figures = roots.find(r => r.target.reportId === report.id)!.children!.find(c => c.label === 'Figures')!;
    const rows = figures.children!.flatMap(section => section.children ?? []);
    assert.strictEqual(rows.length, report.figures.length);
    for (const row of rows) {
      const last = row.label.split(' ').pop()!.toLowerCase();
      const first = (row.description ?? '').split(' ')[0]!.toLowerCase();
      assert.notStrictEqual(first, last, `${row.label} · ${row.description}`);
    }
  });

  test('searches put the right paragraph or figure first: "tarrif bangladesh", "reko dik copper", "845m"', async () => {
    const { report } = await seedReady();
    const paragraphText = (hit: Hit) => report.sections.flatMap(s => s.paragraphs).find(p => p.id === hit.id)?.text ?? '';
    const figure = (hit: Hit) => report.figures.find(f => f.id === hit.id);

    const tariff = (await vscode.commands.executeCommand<Hit[]>('dossier.search', 'tarrif bangladesh'))[0]!;
    assert.ok(
      tariff.kind === 'paragraph' ? /Bangladesh \(at 39 percent\)/.test(paragraphText(tariff)) : figure(tariff)?.value === 39,
      JSON.stringify(tariff),
    );
    await screenshot('browse-search');
    await closePicker();

    const reko = (await vscode.commands.executeCommand<Hit[]>('dossier.search', 'reko dik copper'))[0]!;
    assert.ok(
      reko.kind === 'paragraph'
        ? /Reko Diq/.test(paragraphText(reko))
        : /copper|Reko/i.test(figure(reko)?.subject ?? '') || figure(reko)?.value === 50e9,
      JSON.stringify(reko),
    );
    await closePicker();

    const money = (await vscode.commands.executeCommand<Hit[]>('dossier.search', '845m'))[0]!;
    assert.ok(
      money.kind === 'paragraph' ? /US\$845 million/.test(paragraphText(money)) : figure(money)?.value === 845e6,
      JSON.stringify(money),
    );
    await closePicker();

    const figures = await vscode.commands.executeCommand<Hit[]>('dossier.findFigure', '$845 million');
    for (const hit of figures) assert.strictEqual(hit.kind, 'figure');
    assert.strictEqual(figure(figures[0]!)?.value, 845e6);
    await screenshot('browse-figure-picker');
  });

  keyboardTest('Enter on a search result reveals it in the reader', async () => {
    await closeAllEditors();
    const hits = await vscode.commands.executeCommand<Hit[]>('dossier.search', 'reko dik copper');
    await sleep(500);
    await press('Enter');
    const editor = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.scheme === 'dossier-report' ? vscode.window.activeTextEditor : undefined),
      10000,
      'the reader after Enter',
    );
    const selected = editor.document.getText(editor.selection);
    const line = editor.document.lineAt(editor.selection.active.line).text;
    if (hits[0]!.kind === 'figure') assert.strictEqual(selected, (await seedReady()).report.figures.find(f => f.id === hits[0]!.id)!.text);
    assert.match(line, /Reko Diq/);
  });

  test('hover on "US$845 million" in a Markdown note shows the figure card with its source', async () => {
    const { report } = await seedReady();
    assert.ok(
      report.figures.some(f => f.value === 845e6),
      'the report has no figure of US$845 million',
    );
    await closeAllEditors();
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '# Draft\n\nThe administration suspended US$845 million of aid.\n\nSee [@' + report.footnotes[3]!.key + '].\n',
    });
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('845'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
    const card = hoverText(hovers);
    assert.match(card, /suspended/i);
    assert.match(card, /funding/i);
    assert.match(card, /Profit/);
    assert.match(card, /\*\*US\$845 million\*\*/);
    assert.match(card, /command:dossier\.revealInReport\?/);
    // no small chart: nothing else in the report measures what the suspended funding measures (right or silent)
    assert.doesNotMatch(card, /data:image\/svg\+xml;base64,/);
    const trusted = hovers.flatMap(h => h.contents).map(c => (c as vscode.MarkdownString).isTrusted);
    for (const t of trusted)
      assert.ok(typeof t === 'object' && t.enabledCommands.every(id => id.startsWith('dossier.')), JSON.stringify(t));

    const keyAt = document.positionAt(document.getText().indexOf('[@') + 3);
    const noteCard = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, keyAt));
    assert.match(noteCard, /Profit/);
    assert.match(noteCard, /¶7/);

    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('browse-hover');
  });

  test('hovers read the shared edge-case note as the fact-check and the charts do (LF and CRLF)', async () => {
    await seedReady();
    await closeAllEditors();
    const fixture = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('edge-cases.md')));
    for (const eol of ['\n', '\r\n']) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: fixture.replace(/\n/g, eol) });
      await vscode.window.showTextDocument(document);
      const text = document.getText();
      assert.strictEqual(text.includes('\r\n'), eol === '\r\n');
      const cardAt = async (needle: string) => {
        const at = text.indexOf(needle);
        assert.ok(at >= 0, needle);
        return hoverText(
          await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(at + 2)),
        );
      };
      // The new document is read in the background: wait for each card rather than take the first answer
      const cardMatching = (needle: string, pattern: RegExp) =>
        waitFor(
          async () => {
            const card = await cardAt(needle);
            return pattern.test(card) ? card : undefined;
          },
          20000,
          `the hover on ${needle} to match ${pattern} (${JSON.stringify(eol)})`,
        );
      // read: the three keys (the report's card with its locator) and the marker whose definition is indented
      const reportCard = await cardMatching('@usPakistanFlux2025', /Relations in Flux/);
      assert.match(reportCard, /> para\\\. 24/, 'the locator, escaped');
      await cardMatching('@profit2025', /\*\*\[\d+\]\*\*.*[\s\S]*Profit/);
      await cardMatching('@syed2025', /\*\*\[\d+\]\*\*/);
      await cardMatching('[^1]', /\*\*\[\d+\]\*\*[\s\S]*Profit/);
      // not read: keys and markers in front matter, code spans, fenced and indented blocks, escaped brackets, links
      for (const needle of [
        '@frontMatter2025',
        '@afzal2025',
        '[^code]',
        '@reuters2025',
        '[^fenced]',
        '@axios2025',
        '[^indented]',
        '@dawn2025',
        '[^escaped]',
        '@iiss2024',
      ]) {
        assert.doesNotMatch(await cardAt(needle), /command:dossier\./, `${needle} with ${JSON.stringify(eol)}`);
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('hover over a note marker in the reader shows the note source and the paragraphs citing it', async () => {
    const editor = await openReader();
    const offset = editor.document.getText().indexOf('goodwill.[4]') + 'goodwill.'.length + 1;
    const card = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        editor.document.positionAt(offset),
      ),
    );
    assert.match(card, /\*\*\[4\]\*\*/);
    assert.match(card, /Profit/);
    assert.match(card, /¶7/);
  });

  test('hover on a footnote reference [^n] finds the report note its definition repeats; a figure in the reader has its card', async () => {
    const { report } = await seedReady();
    await closeAllEditors();
    const note = report.footnotes[15]!;
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: `Reko Diq is big.[^1]\n\n[^1]: ${note.text}\n`,
    });
    await vscode.window.showTextDocument(document);
    const card = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        document.positionAt(document.getText().indexOf('[^1]') + 2),
      ),
    );
    assert.match(card, /\*\*\[16\]\*\*/);
    assert.match(card, /Diplomat/);

    const figure = report.figures.find(f => f.value === 50e9);
    assert.ok(figure, 'the report has no figure of 50 billion pounds');
    const editor = await openReader();
    const at = editor.document.getText().indexOf(figure.text) + 2;
    const figureCard = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        editor.document.positionAt(at),
      ),
    );
    assert.match(figureCard, /\*\*in excess of 50 billion pounds\*\*|\*\*50 billion pounds\*\*/);
    assert.match(figureCard, /copper/i);
  });

  test('showMentions lists the figure in the report, its note and an open Markdown note', async () => {
    const { report } = await seedReady();
    const figure = report.figures.find(f => f.value === 845e6);
    assert.ok(figure, 'the report has no figure of US$845 million');
    await closeAllEditors();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Aid: $845m was suspended.\n' });
    await vscode.window.showTextDocument(document);
    const mentions = await vscode.commands.executeCommand<{ uri: string; where: string; text: string }[]>('dossier.showMentions', {
      reportId: SEED,
      kind: 'figure',
      id: figure.id,
    });
    const wheres = mentions.map(m => m.where);
    assert.ok(
      wheres.some(w => /^¶7 /.test(w)),
      wheres.join(' | '),
    );
    assert.ok(wheres.includes('[4]'), wheres.join(' | '));
    assert.ok(
      mentions.some(m => m.uri === document.uri.toString() && /\$845m/.test(m.text)),
      JSON.stringify(mentions),
    );
    await closePicker();
  });

  test('commands, menus and keybindings are contributed the VS Code way', async () => {
    await getApi();
    const pkg = vscode.extensions.getExtension('dossier.dossier')!.packageJSON;
    const commands: { command: string; category?: string; icon?: string }[] = pkg.contributes.commands;
    for (const id of [
      'dossier.openReport',
      'dossier.search',
      'dossier.findFigure',
      'dossier.revealInReport',
      'dossier.openSource',
      'dossier.showMentions',
    ]) {
      const command = commands.find(c => c.command === id);
      assert.ok(command, `${id} not contributed`);
      assert.strictEqual(command.category, 'Dossier');
      assert.match(command.icon ?? '', /^\$\(/);
    }
    const keys: { command: string }[] = pkg.contributes.keybindings;
    assert.ok(keys.some(k => k.command === 'dossier.search') && keys.some(k => k.command === 'dossier.findFigure'));
    const itemMenus: { command: string; when: string }[] = pkg.contributes.menus['view/item/context'];
    assert.ok(itemMenus.filter(m => m.command.startsWith('dossier.')).every(m => /view == dossier\.outline && viewItem =~/.test(m.when)));
    const registered = await vscode.commands.getCommands(true);
    for (const id of ['dossier.revealInReport', 'dossier.openSource', 'dossier.showMentions']) assert.ok(registered.includes(id), id);
    // test hooks are the API's, not commands
    for (const id of ['dossier.outline.describe', 'dossier.outline.selection', 'dossier.preview.debugState'])
      assert.ok(!registered.includes(id), id);
  });

  test('a hostile report shows up escaped in the tree, the reader and hovers', async () => {
    const { api } = await seedReady();
    const config = vscode.workspace.getConfiguration('dossier');
    try {
      await loadReports(api, ['hostile-report.md'], 'hostile-report');
      const library = api.library.current;
      const hostile = library.report('hostile-report');
      assert.ok(hostile, `hostile report not loaded: ${library.reports.map(r => r.id).join(', ')}`);

      // tree: the label is plain text (a string, never Markdown), the tooltip escapes HTML and links
      const roots = await api.outline!.describe(1);
      const root = roots.find(r => r.target.reportId === 'hostile-report')!;
      assert.strictEqual(root.label, 'Hostile <img src=x onerror=alert(1)> [x](command:workbench.action.quit) report');
      assert.ok(root.tooltip, 'no tooltip');
      assert.doesNotMatch(root.tooltip!, /<img/);
      assert.doesNotMatch(root.tooltip!, /\]\(command:/);
      assert.match(root.tooltip!, /&lt;img src=x onerror=alert\\\(1\\\)/);

      // reader: the text shows the characters, nothing else
      const editor = await openReader('hostile-report');
      assert.strictEqual(editor.document.lineAt(0).text, 'Hostile <img src=x onerror=alert(1)> [x](command:workbench.action.quit) report');
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      for (const link of links) assert.match(link.target?.scheme ?? '', /^https?$/);

      // hover: a citation of the hostile report shows its title escaped; only Dossier's commands are trusted
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `See [@${hostile.key}] and US$123 million.\n`,
      });
      await vscode.window.showTextDocument(document);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        document.positionAt(document.getText().indexOf('@') + 2),
      );
      const card = hoverText(hovers);
      assert.match(card, /Hostile/);
      assert.doesNotMatch(card, /<img|<script/);
      assert.doesNotMatch(card, /\]\(command:workbench/);
      assert.match(card, /&lt;img src=x onerror=alert\\\(1\\\)/);
      for (const content of hovers.flatMap(h => h.contents)) {
        const md = content as vscode.MarkdownString;
        assert.notStrictEqual(md.supportHtml, true);
        assert.ok(typeof md.isTrusted === 'object' && md.isTrusted.enabledCommands.every(id => id.startsWith('dossier.')));
      }
    } finally {
      await config.update('reports', undefined, vscode.ConfigurationTarget.Workspace);
      await closeAllEditors();
    }
  });

  test('the CLI-free search core answers hostile queries without throwing', async () => {
    for (const query of ['', '<img src=x onerror=alert(1)>', '$(', 'a'.repeat(5000), '[^1]']) {
      const hits = await vscode.commands.executeCommand<Hit[]>('dossier.search', query);
      assert.ok(Array.isArray(hits));
      await closePicker();
    }
  });
});
