import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  domText,
  fixtureUri,
  getApi,
  keyboardTest,
  openFixture,
  press,
  runnerAttached,
  screenshot,
  sleep,
  typeText,
  waitFor,
} from './helpers';

type Style = 'pandoc' | 'footnote' | 'chicago' | 'apa' | 'csl-file';

const REPORT = 'us-pakistan-relations-in-flux';

async function writeFile(relPath: string, text: string): Promise<vscode.Uri> {
  const uri = fixtureUri(relPath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Opens a fresh note with `text`, the cursor at `|`. */
async function noteWithCursor(name: string, marked: string): Promise<vscode.TextEditor> {
  const at = marked.indexOf('|');
  await writeFile(name, marked.replace('|', ''));
  const editor = await openFixture(name);
  const position = editor.document.positionAt(at);
  editor.selection = new vscode.Selection(position, position);
  return editor;
}

/** Waits until the citation picker is on screen with its rows, so typed keys go to it. */
async function citationPicker(): Promise<void> {
  await waitFor(
    async () => (await domText('.quick-input-widget .quick-input-title')).some(t => /Insert citation/.test(t)),
    15000,
    'the citation picker',
  );
  await waitFor(async () => (await domText('.quick-input-widget .monaco-list-row')).length > 0, 15000, 'the picker rows');
}

async function undo(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document, { preserveFocus: false, preview: false });
  await vscode.commands.executeCommand('undo');
}

const CSL_FILE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Key and title</title><id>key-title</id><updated>2025-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="{" suffix="}" delimiter="; "><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
`;

suite('write', () => {
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('dossier.citation').update('style', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('dossier.citation').update('cslFile', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.files.revertAll').then(undefined, () => undefined);
    await closeAllEditors();
  });

  test('the CSL engine stays off the activation path: dist/csl.js loads only when a formatted style is used', async () => {
    const loaded = () => Object.keys(require.cache).some(file => /[\\/]dist[\\/]csl\.js$/.test(file));
    assert.strictEqual(loaded(), false, 'dist/csl.js was loaded before any formatted citation');
    const apa = await vscode.commands.executeCommand<string>(
      'dossier.copyCitationFor',
      { reportId: REPORT, kind: 'footnote', id: '1' },
      { style: 'apa' },
    );
    assert.strictEqual(apa, '(Afzal, 2025)');
    assert.strictEqual(loaded(), true, 'dist/csl.js is not in the module cache after an APA citation');
  });

  test('completion at [@ offers the report and note sources with the formatted source as documentation', async () => {
    const editor = await noteWithCursor('completion.md', 'The U.S. suspended aid [@|\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.selection.active,
      '@',
    );
    const ours = list.items.filter(i => typeof i.insertText === 'string' && /^[\w:.-]+(, .+)?$/.test(i.insertText as string));
    const byInsert = (text: string) => ours.find(i => i.insertText === text);
    const report = byInsert('usPakistanFlux2025');
    assert.ok(report, `no completion for the report among ${ours.length} items`);
    const afzal = byInsert('afzal2025');
    assert.ok(afzal, 'no completion for note 1 (afzal2025)');
    const docs = afzal.documentation instanceof vscode.MarkdownString ? afzal.documentation.value : String(afzal.documentation);
    assert.match(docs, /Madiha Afzal/);
    assert.match(docs, /Lawfare, January 2025/);
    assert.ok(byInsert('usPakistanFlux2025, para. 12'), 'no paragraph item with a para. locator');
    // 21 distinct note sources: Ibid. and short forms are not separate items.
    const sources = ours.filter(i => i.kind === vscode.CompletionItemKind.Reference);
    assert.strictEqual(sources.length, 21);

    // Fuzzy on words, not only the key: "lawfare" finds Afzal's article.
    await editor.edit(b => b.insert(editor.selection.active, 'lawfare'));
    const filtered = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.document.lineAt(0).range.end,
    );
    assert.strictEqual(filtered.items[0]?.insertText, 'afzal2025');

    if (runnerAttached()) {
      await editor.edit(b => b.delete(new vscode.Range(0, 'The U.S. suspended aid [@'.length, 0, editor.document.lineAt(0).text.length)));
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await sleep(800);
      await vscode.commands.executeCommand('toggleSuggestionDetails').then(undefined, () => undefined);
      await sleep(500);
      await screenshot('write-completion');
    }
  });

  test('no citation completion in code: a fenced block or a code span is an example, not a citation', async () => {
    for (const [name, content] of [
      ['completion-fence.md', 'Before.\n\n```markdown\nSee [@|\n```\n'],
      ['completion-span.md', 'Write `[@|` to cite.\n'],
    ]) {
      const editor = await noteWithCursor(name, content);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        editor.selection.active,
        '@',
      );
      // Dossier's items are labelled "@key" (word-based suggestions are not)
      const ours = list.items.filter(i => typeof i.label === 'object' && i.label.label.startsWith('@'));
      assert.deepStrictEqual(
        ours.map(i => i.insertText),
        [],
        name,
      );
    }
  });

  for (const [style, expected] of [
    ['pandoc', 'Aid was cut [@profit2025] last year.\n'],
    ['apa', 'Aid was cut (“US Suspends $845m Aid Projects in Pakistan Following Trump’s Directive,” 2025) last year.\n'],
    ['csl-file', 'Aid was cut {US suspends $845m aid projects in Pakistan following Trump’s directive} last year.\n'],
    [
      'footnote',
      'Aid was cut[^1] last year.\n\n[^1]: “US suspends $845m aid projects in Pakistan following Trump’s directive,” Profit, February 4, 2025, https://profit.pakistantoday.com.pk/2025/02/04/us-suspends-845m-aid-projects-in-pakistan-following-trumps-directive/.\n',
    ],
    [
      'chicago',
      'Aid was cut[^1] last year.\n\n[^1]: “US Suspends $845m Aid Projects in Pakistan Following Trump’s Directive,” Profit, February 4, 2025, https://profit.pakistantoday.com.pk/2025/02/04/us-suspends-845m-aid-projects-in-pakistan-following-trumps-directive/.\n',
    ],
  ] as [Style, string][]) {
    test(`insertCitation in the ${style} style writes the citation; one undo restores the note`, async () => {
      if (style === 'csl-file') {
        await writeFile('title-only.csl', CSL_FILE);
        await vscode.workspace
          .getConfiguration('dossier.citation')
          .update('cslFile', 'title-only.csl', vscode.ConfigurationTarget.Workspace);
      }
      await vscode.workspace.getConfiguration('dossier.citation').update('style', style, vscode.ConfigurationTarget.Workspace);
      const original = 'Aid was cut last year.\n';
      const editor = await noteWithCursor(`style-${style}.md`, 'Aid was cut| last year.\n');
      const ok = await vscode.commands.executeCommand('dossier.insertCitation', {
        targets: [{ reportId: REPORT, kind: 'footnote', id: '4' }],
      });
      assert.strictEqual(ok, true);
      assert.strictEqual(editor.document.getText(), expected);
      await undo(editor);
      assert.strictEqual(editor.document.getText(), original);
    });
  }

  test('insertCitationFor a paragraph and a figure (with the figure text)', async () => {
    const editor = await noteWithCursor('targets.md', 'Leverage: |\n');
    await vscode.commands.executeCommand('dossier.insertCitationFor', { reportId: REPORT, kind: 'paragraph', id: 'p12' });
    assert.strictEqual(editor.document.getText(), 'Leverage: [@usPakistanFlux2025, para. 12]\n');
    const library = (await getApi()).library.current;
    const figure = library.report(REPORT)!.figures.find(f => f.value === 845000000 && f.unit === 'USD');
    assert.ok(figure, 'the report has no US$845 million figure');
    await vscode.commands.executeCommand(
      'dossier.insertCitationFor',
      { reportId: REPORT, kind: 'figure', id: figure.id },
      { withFigureText: true },
    );
    assert.strictEqual(editor.document.getText(), 'Leverage: [@usPakistanFlux2025, para. 12] US$845 million [@profit2025]\n');
  });

  test('inside an open citation bracket the keys join it; a broken .csl file inserts nothing', async () => {
    const editor = await noteWithCursor('bracket.md', 'Aid was cut [@afzal2025|].\n');
    await vscode.commands.executeCommand('dossier.insertCitation', {
      targets: [{ reportId: REPORT, kind: 'footnote', id: '4' }],
      style: 'pandoc',
    });
    assert.strictEqual(editor.document.getText(), 'Aid was cut [@afzal2025; @profit2025].\n');

    await writeFile('broken.csl', '<html><body>not a style</body></html>');
    await vscode.workspace.getConfiguration('dossier.citation').update('cslFile', 'broken.csl', vscode.ConfigurationTarget.Workspace);
    const before = editor.document.getText();
    const result = await vscode.commands.executeCommand('dossier.insertCitation', {
      targets: [{ reportId: REPORT, kind: 'footnote', id: '4' }],
      style: 'csl-file',
    });
    assert.notStrictEqual(result, true);
    assert.strictEqual(editor.document.getText(), before);
  });

  test('copyCitationFor returns (and copies) the citation in the current or a given style', async () => {
    const pandoc = await vscode.commands.executeCommand<string>('dossier.copyCitationFor', {
      reportId: REPORT,
      kind: 'footnote',
      id: '20',
    });
    assert.strictEqual(pandoc, '[@afzal2025]');
    const apa = await vscode.commands.executeCommand<string>(
      'dossier.copyCitationFor',
      { reportId: REPORT, kind: 'paragraph', id: 'p3' },
      { style: 'apa' },
    );
    assert.match(apa, /^\(U\.S\.-Pakistan Relations in Flux.*2025, para\. 3\)$/);
  });

  test('footnote style appends a definition once and reuses it; numbering follows first use', async () => {
    await vscode.workspace.getConfiguration('dossier.citation').update('style', 'footnote', vscode.ConfigurationTarget.Workspace);
    const editor = await noteWithCursor('footnotes.md', 'First claim.| Second claim.\n');
    const cite = (id: string) => vscode.commands.executeCommand('dossier.insertCitationFor', { reportId: REPORT, kind: 'footnote', id });
    await cite('4');
    const endOfLine = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(endOfLine, endOfLine);
    await cite('4');
    let text = editor.document.getText();
    assert.strictEqual((text.match(/^\[\^1\]: /gm) ?? []).length, 1, text);
    assert.strictEqual((text.match(/\[\^1\](?!:)/g) ?? []).length, 2, text);
    // A new source cited at the very start takes [^1]; the existing note becomes [^2].
    const start = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(start, start);
    await cite('1');
    text = editor.document.getText();
    assert.match(text, /^\[\^1\]First claim\.\[\^2\] Second claim\.\[\^2\]\n\n\[\^1\]: Madiha Afzal/);
    assert.match(text, /\n\[\^2\]: “US suspends \$845m/);
  });

  keyboardTest('the picker inserts the source on the first Enter', async () => {
    const editor = await noteWithCursor('picker-one.md', 'Aid was cut |\n');
    const done = vscode.commands.executeCommand('dossier.insertCitation');
    await citationPicker();
    await typeText('Afzal');
    await sleep(400);
    await press('Enter');
    assert.strictEqual(await done, true);
    assert.strictEqual(editor.document.getText(), 'Aid was cut [@afzal2025]\n');
  });

  keyboardTest('Ctrl+Enter adds several sources in a row; Enter inserts them as one multi-citation', async () => {
    const editor = await noteWithCursor('picker.md', 'Minerals |\n');
    const done = vscode.commands.executeCommand('dossier.insertCitation');
    await citationPicker();
    await typeText('Afzal');
    await sleep(400);
    await press('Control+Enter');
    await sleep(300);
    await typeText('channel news');
    await sleep(400);
    await press('Control+Enter');
    await sleep(300);
    await screenshot('write-picker');
    assert.strictEqual(editor.document.getText(), 'Minerals \n', 'nothing is inserted before Enter');
    await press('Enter');
    await done;
    assert.strictEqual(editor.document.getText(), 'Minerals [@afzal2025; @channelNews2025]\n');
    await undo(editor);
    assert.strictEqual(editor.document.getText(), 'Minerals \n');
  });

  test('completion rows lead with the @key', async () => {
    const editor = await noteWithCursor('completion-key.md', 'Aid [@|\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.selection.active,
      '@',
    );
    const afzal = list.items.find(i => i.insertText === 'afzal2025');
    assert.ok(afzal && typeof afzal.label === 'object', 'no completion for afzal2025');
    assert.strictEqual(afzal.label.label, '@afzal2025');
    assert.match(afzal.label.description ?? '', /^Note source · /);
    const paragraph = list.items.find(i => i.insertText === 'usPakistanFlux2025, para. 12');
    assert.ok(paragraph && typeof paragraph.label === 'object');
    assert.strictEqual(`${paragraph.label.label}${paragraph.label.detail}`, '@usPakistanFlux2025, para. 12');
  });

  test('a key being typed in its bracket is no error until the cursor leaves the citation', async () => {
    // as the editor auto-closes it: `[@tarif|]`
    const editor = await noteWithCursor('typing-key.md', 'Tariffs rose [@tarif|].\n');
    const uri = editor.document.uri;
    await vscode.window.showTextDocument(editor.document);
    // a change, so the check runs with the cursor in the bracket
    await editor.edit(b => b.insert(editor.selection.active, 'f'));
    const active = editor.selection.active;
    assert.strictEqual(editor.document.getText(), 'Tariffs rose [@tariff].\n');
    editor.selection = new vscode.Selection(active, active);
    await sleep(1200);
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(uri).filter(d => d.code === 'unknown-citation'),
      [],
    );
    const end = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const dangling = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'unknown-citation'),
      10000,
      'the dangling key once the cursor left the bracket',
    );
    assert.strictEqual(editor.document.getText(dangling.range), '@tariff');
  });

  for (const [format, name, count] of [
    ['csl-json', 'refs.json', (t: string) => JSON.parse(t).length],
    ['bibtex', 'refs.bib', (t: string) => (t.match(/^@\w+\{/gm) ?? []).length],
    ['ris', 'refs.ris', (t: string) => (t.match(/^TY {2}- /gm) ?? []).length],
  ] as ['csl-json' | 'bibtex' | 'ris', string, (t: string) => number][]) {
    test(`bibliography export as ${format} yields the report and its 21 distinct sources`, async () => {
      const uri = fixtureUri(`export/${name}`);
      await vscode.workspace.fs.createDirectory(fixtureUri('export'));
      const written = await vscode.commands.executeCommand<vscode.Uri>('dossier.exportBibliography', { format, uri: uri.toString() });
      assert.ok(written, 'nothing was exported');
      const text = await readText(uri);
      assert.strictEqual(count(text), 22);
      if (format === 'bibtex') {
        // BibTeX parses back with a BibTeX parser.
        const { Cite } = await import('@citation-js/core');
        await import('@citation-js/plugin-bibtex');
        const parsed = new Cite(text);
        assert.strictEqual(parsed.data.length, 22);
        assert.ok(parsed.data.some((e: Record<string, unknown>) => e['citation-key'] === 'afzal2025' || e.id === 'afzal2025'));
        assert.ok(
          parsed.data.some(
            (e: Record<string, unknown>) =>
              (e['citation-key'] === 'usPakistanFlux2025' || e.id === 'usPakistanFlux2025') && e.type === 'report',
          ),
        );
      }
    });
  }

  test('bibliography export of only what memo.md cites', async () => {
    const uri = fixtureUri('export/memo-refs.json');
    await vscode.workspace.fs.createDirectory(fixtureUri('export'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('dossier.exportBibliography', {
      format: 'csl-json',
      uri: uri.toString(),
      cited: fixtureUri('memo.md').toString(),
    });
    assert.ok(written, 'nothing was exported');
    assert.deepStrictEqual(
      JSON.parse(await readText(uri)).map((e: { id: string }) => e.id),
      [
        'usPakistanFlux2025',
        'profit2025',
        'syed2025',
        'channelNews2025',
        'diplomat2025',
        'associatedPress2025',
        'dawn2025',
        'diplomat2025b',
      ],
    );
  });

  test('fact-check: diagnostics on the wrong numbers of memo.md and not on the right ones', async () => {
    const editor = await openFixture('memo.md');
    const uri = editor.document.uri;
    const diagnostics = await waitFor(
      () => {
        const found = vscode.languages.getDiagnostics(uri).filter(d => d.source === 'Dossier');
        return found.length >= 6 ? found : undefined;
      },
      15000,
      'Dossier diagnostics on memo.md',
    );
    const seen = diagnostics.map(d => `${severityName(d.severity)} ${d.code} ${editor.document.getText(d.range)}`).sort();
    assert.deepStrictEqual(seen, [
      'error unknown-citation @nosuchkey2025',
      'information unused-footnote [^draft]',
      'warning contradicts-report 67 percent',
      'warning contradicts-report 92 percent',
      'warning contradicts-report US$854 million',
      'warning wrong-locator para. 6',
    ]);
    const aid = diagnostics.find(d => editor.document.getText(d.range) === 'US$854 million')!;
    assert.match(aid.message, /US\$845 million/);
    assert.ok(aid.relatedInformation?.length, 'no related information pointing at the report');
    // where in the report, as an analyst says it (the Problems panel adds only a line and column)
    assert.match(aid.relatedInformation![0]!.message, /^¶\d+ · [A-Z][\w ]+: US\$845 million$/);
    assert.match(aid.relatedInformation![0]!.location.uri.path, /: Pathways for Navigating Constraints$/);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    editor.revealRange(aid.range, vscode.TextEditorRevealType.InCenter);
    editor.selection = new vscode.Selection(aid.range.start, aid.range.start);
    await sleep(600);
    await screenshot('write-diagnostics');
  });

  test('fact-check quick fix replaces the number with the report’s figure; another cites its source', async () => {
    const editor = await openFixture('memo.md');
    const uri = editor.document.uri;
    const aid = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find(d => d.source === 'Dossier' && editor.document.getText(d.range) === '92 percent'),
      15000,
      'the tariff diagnostic',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      aid.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const replace = actions.find(a => a.title.includes('29 percent'));
    assert.ok(replace?.edit, `no replacement fix among: ${actions.map(a => a.title).join(' | ')}`);
    assert.ok(
      actions.some(a => a.command?.command === 'dossier.insertCitationFor'),
      'no "cite the source" fix',
    );
    await vscode.workspace.applyEdit(replace.edit);
    assert.match(editor.document.getText(), /imposed a 29 percent reciprocal tariff/);
    // The re-check is debounced: wait for the tariff warning to go.
    await waitFor(
      () => vscode.languages.getDiagnostics(uri).filter(d => d.code === 'contradicts-report').length === 2,
      5000,
      'the diagnostic to clear',
    );
    const remaining = vscode.languages
      .getDiagnostics(uri)
      .filter(d => d.code === 'contradicts-report')
      .map(d => editor.document.getText(d.range));
    assert.deepStrictEqual(remaining.sort(), ['67 percent', 'US$854 million']);
  });

  test('fact-check: a locator that misses the cited figure is a warning whose fix writes the right one', async () => {
    const editor = await openFixture('memo.md');
    const uri = editor.document.uri;
    const locator = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'wrong-locator'),
      15000,
      'the wrong-locator warning',
    );
    assert.strictEqual(locator.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(editor.document.getText(locator.range), 'para. 6');
    assert.match(locator.message, /just over 16 percent .* in ¶7/);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      locator.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const change = fixes.find(a => a.title.includes('para. 7'));
    assert.ok(change?.edit, `no locator fix among: ${fixes.map(a => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(change.edit);
    assert.match(editor.document.getText(), /say in Pakistan's next loan negotiations \[@usPakistanFlux2025, para\. 7\]\./);
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some(d => d.code === 'wrong-locator'), 5000, 'the locator warning to clear');
  });

  test('fact-check: an exported chart’s image link is not checked, the claim above it is', async () => {
    const editor = await noteWithCursor(
      'alt-text.md',
      'The textile industry makes up 67 percent of Pakistan’s total exports to the U.S.|\n\n' +
        '![Textiles: 67 percent of Pakistan’s total exports to the U.S.](charts/textiles.svg)\n',
    );
    const uri = editor.document.uri;
    const flagged = await waitFor(
      () => {
        const found = vscode.languages.getDiagnostics(uri).filter(d => d.code === 'contradicts-report');
        return found.length ? found : undefined;
      },
      15000,
      'the claim’s diagnostic',
    );
    assert.deepStrictEqual(
      flagged.map(d => d.range.start.line),
      [0],
      'only the claim on line 1 is flagged, not the image’s alt text',
    );
  });

  test('fact-check offers fixes for a mistyped key and an unused footnote', async () => {
    const editor = await noteWithCursor('typo.md', 'Aid was cut [@profit2024].|\n\n[^old]: Unused.\n');
    const uri = editor.document.uri;
    const typo = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'unknown-citation'),
      15000,
      'the dangling key',
    );
    assert.strictEqual(typo.severity, vscode.DiagnosticSeverity.Error);
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const change = fixes.find(a => a.title.includes('@profit2025'));
    assert.ok(change?.edit, `no key fix among: ${fixes.map(a => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(change.edit);
    assert.strictEqual(editor.document.lineAt(0).text, 'Aid was cut [@profit2025].');
    const unused = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find(d => d.code === 'unused-footnote'),
      15000,
      'the unused footnote',
    );
    assert.strictEqual(unused.severity, vscode.DiagnosticSeverity.Information);
    const removals = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      unused.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(
      removals.some(a => a.title.includes('Remove the unused footnote')),
      removals.map(a => a.title).join(' | '),
    );
  });

  test('turning dossier.check.enabled off clears the diagnostics', async () => {
    const editor = await openFixture('memo.md');
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).some(d => d.source === 'Dossier'), 15000, 'diagnostics');
    await vscode.workspace.getConfiguration('dossier.check').update('enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(
        () => !vscode.languages.getDiagnostics(editor.document.uri).some(d => d.source === 'Dossier'),
        5000,
        'diagnostics to clear',
      );
    } finally {
      await vscode.workspace.getConfiguration('dossier.check').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

function severityName(severity: vscode.DiagnosticSeverity): string {
  return ['error', 'warning', 'information', 'hint'][severity];
}
