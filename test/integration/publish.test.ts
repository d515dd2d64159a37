// From draft to deliverable, in a real VS Code: the Markdown extension renders the sample memo through
// Dossier's markdown-it plugin (formatted citations, notes, bibliography, flagged numbers).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { strFromU8, unzipSync } from 'fflate';
import { closeAllEditors, fixtureUri, getApi, openFixture, waitFor } from './helpers';

suite('Publish', () => {
  // The footnote style needs no CSL engine: write.test checks that nothing loads dist/csl.js before its
  // first formatted citation (the CSL styles are covered by test/unit/memo.test.ts and export.test.ts).
  const settings = () => vscode.workspace.getConfiguration('dossier');
  suiteSetup(async () => {
    const api = await getApi();
    await api.library.ready();
    await settings().update('citation.style', 'footnote', vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    await settings().update('citation.style', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('markdown.api.render of the sample memo shows formatted citations and the bibliography', async () => {
    await closeAllEditors();
    const editor = await openFixture('memo.md');
    // the memo is prepared once per version of the note (citations, charts), then the preview refreshes
    const html = await waitFor(
      async () => {
        const rendered = await vscode.commands.executeCommand<string>('markdown.api.render', editor.document);
        return rendered.includes('id="dossier-note-10"') && rendered.includes('dossier-bibliography') ? rendered : undefined;
      },
      60000,
      'the memo rendered with its notes and bibliography',
    );
    // 8 citations and the 2 [^label] footnotes as numbered notes at the end, each source as the report printed it
    assert.strictEqual(html.match(/<sup class="dossier-note-ref">/g)?.length, 10);
    assert.ok(
      html.includes('partnership <sup class="dossier-note-ref"><a href="#dossier-note-1" id="dossier-ref-1">1</a></sup>. We agree'),
    );
    assert.match(
      html,
      /<li id="dossier-note-1" value="1">“U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, paras\. 29–31\. /,
    );
    assert.strictEqual(html.match(/<p class="dossier-bibliography-entry">/g)?.length, 6);
    assert.match(html, /<mark class="dossier-flagged" title="[^"]*">US\$854 million<\/mark>/);
    assert.ok(html.includes('title="No report or note source has the key @nosuchkey2025">[@nosuchkey2025]</span>'));
    assert.ok(!/<script/i.test(html));
  });

  test('Export Memo writes a Word file with the citations as Word footnotes, read back here', async () => {
    const target = fixtureUri('exported/memo.docx');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('dossier.exportMemo', {
      note: fixtureUri('memo.md').toString(),
      format: 'docx',
      uri: target.toString(),
      exportAnyway: true,
    });
    assert.strictEqual(written?.toString(), target.toString());
    const files = unzipSync(await vscode.workspace.fs.readFile(target));
    const footnotes = strFromU8(files['word/footnotes.xml']!);
    const document = strFromU8(files['word/document.xml']!);
    // 8 citations of known sources and the memo's 2 [^label] footnotes, as real Word footnotes
    assert.strictEqual(footnotes.match(/<w:footnote w:id="\d+">/g)?.length, 10);
    assert.strictEqual(document.match(/<w:footnoteReference w:id="\d+"\/>/g)?.length, 10);
    assert.ok(footnotes.includes('“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, paras. 29–31.'));
    assert.ok(document.includes('>Bibliography</w:t>'));
    assert.ok(document.includes('[@nosuchkey2025]'));
  });
});
