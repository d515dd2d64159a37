import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, waitFor, workspaceFolder } from './helpers';
import type { NotesChecked } from '../../src/shared/commands';

const SEED = 'us-pakistan-relations-in-flux';

/** Writes a Markdown note into the workspace without opening it; removed by `removeNotes`. */
async function writeNote(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), 'unopened', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function removeNotes(): Promise<void> {
  await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'unopened'), { recursive: true, useTrash: false }).then(
    () => undefined,
    () => undefined,
  );
}

async function aidFigure() {
  const api = await getApi();
  const library = await api.library.ready();
  const figure = library.report(SEED)?.figures.find(f => f.value === 845e6);
  assert.ok(figure, 'the bundled report has no figure of US$845 million');
  return figure;
}

suite('Workspace notes', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
    await removeNotes();
  });

  test('Show All Mentions finds a mention in a note that is not open, its snippet starting at a word', async () => {
    const figure = await aidFigure();
    const lead = 'Islamabad expects the outlook for the programme to remain bleak while ';
    const uri = await writeNote('aid-memo.md', `# Aid\n\nA first line.\n${lead}the $845m in aid stays suspended.\n`);
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString()), 'the note must not be open');
    const mentions = await vscode.commands.executeCommand<{ uri: string; line: number; where: string; text: string }[]>(
      'dossier.showMentions',
      { reportId: SEED, kind: 'figure', id: figure.id },
    );
    const inNote = mentions.filter(m => m.uri === uri.toString());
    assert.deepStrictEqual(
      inNote.map(m => [m.where, m.line, m.text]),
      [['unopened/aid-memo.md:4', 3, '\u2026the outlook for the programme to remain bleak while the $845m in aid stays suspended.']],
      JSON.stringify(mentions),
    );
    // the report's own mentions are still there
    assert.ok(
      mentions.some(m => /^¶7 /.test(m.where)),
      mentions.map(m => m.where).join(' | '),
    );
  });

  test("an open note's unsaved text wins over the file on disk", async () => {
    const figure = await aidFigure();
    const uri = await writeNote('edited.md', 'Nothing about aid yet.\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await editor.edit(edit => edit.insert(new vscode.Position(1, 0), 'Donors froze $845m.\n'));
    assert.ok(editor.document.isDirty);
    const mentions = await vscode.commands.executeCommand<{ uri: string; line: number; text: string }[]>('dossier.showMentions', {
      reportId: SEED,
      kind: 'figure',
      id: figure.id,
    });
    assert.deepStrictEqual(
      mentions.filter(m => m.uri === uri.toString()).map(m => [m.line, m.text]),
      [[1, 'Nothing about aid yet. Donors froze $845m.']],
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Check All Notes puts a finding of a note that is not open in the Problems panel; opened, the note has its quick fix', async () => {
    await (await getApi()).library.ready();
    const uri = await writeNote('wrong-aid.md', '# Aid\n\nThe U.S. suspended US$854 million in aid projects in Pakistan.\n');
    const result = await vscode.commands.executeCommand<NotesChecked>('dossier.checkAllNotes');
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString()), 'the note must not have been opened');
    assert.strictEqual(result.cancelled, false);
    assert.strictEqual(result.checked, result.total);
    assert.ok(result.total >= 5, JSON.stringify(result)); // the fixture's notes and this one
    const diagnostics = vscode.languages.getDiagnostics(uri);
    assert.deepStrictEqual(
      diagnostics.map(d => [d.code, d.source, d.range.start.line, d.range.start.character, d.range.end.character]),
      [['contradicts-report', 'Dossier', 2, 19, 33]],
    );
    assert.match(diagnostics[0]!.message, /845/);

    // opened, the note is checked as while typing: same finding, and its quick fix is there
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const fixes = await waitFor(
      async () => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          vscode.languages.getDiagnostics(uri)[0]?.range ?? new vscode.Range(2, 19, 2, 33),
        );
        return actions.some(a => /US\$845 million/.test(a.title)) ? actions : undefined;
      },
      15000,
      'the quick fix of the opened note',
    );
    assert.ok(
      fixes.some(a => a.title === 'Use the report\u2019s figure: US$845 million'),
      fixes.map(a => a.title).join(' | '),
    );
  });

  test('a Check All Notes run stops when cancelled (here by a newer run, which checks every note)', async () => {
    await (await getApi()).library.ready();
    // enough notes that the first run is still going when the second starts
    const paragraph = 'The U.S. suspended US$854 million in aid, and a 92 percent tariff on Pakistan followed in 2025. ';
    const uris = await Promise.all(
      Array.from({ length: 300 }, (_, i) => writeNote(`note-${i}.md`, `# Note ${i}\n\n${paragraph.repeat(20)}\n`)),
    );
    const first = vscode.commands.executeCommand<NotesChecked>('dossier.checkAllNotes');
    await waitFor(() => uris.some(uri => vscode.languages.getDiagnostics(uri).length > 0), 30000, 'the first run to check a note');
    const second = vscode.commands.executeCommand<NotesChecked>('dossier.checkAllNotes');
    const stopped = await first;
    assert.strictEqual(stopped.cancelled, true, JSON.stringify(stopped));
    assert.ok(stopped.checked < stopped.total, JSON.stringify(stopped));
    const finished = await second;
    assert.strictEqual(finished.cancelled, false, JSON.stringify(finished));
    assert.strictEqual(finished.checked, finished.total);
    assert.ok(finished.total >= 300, JSON.stringify(finished));
    assert.strictEqual(uris.filter(uri => vscode.languages.getDiagnostics(uri).length === 0).length, 0);
  });
});
