/**
 * `dossier.exportMemo` (Export Memo…): the memo in the active Markdown editor (unsaved edits included) as a
 * Word file, one self-contained HTML file, or a folder for pandoc. The numbers the fact-check disputes are
 * named first, with the choice to export anyway; the save dialog asks before replacing a file (a path given
 * by a caller is confirmed the same way); progress shows while it is written; then it is revealed.
 */
import * as vscode from 'vscode';
import { bibliographyItems, toCslJson } from '../core/cite';
import { lightTheme } from '../core/chartSpec';
import { keysCitedBy } from '../core/check';
import { exportWarnings, memoCslStyle, memoTitle, pandocBundle } from '../core/memo';
import { cslStyleChoice } from '../cite/cslService';
import { exportEngine } from '../lazy/load';
import type { LibraryService } from '../library/libraryService';
import type { ExportMemoArgs, MemoFormat } from '../shared/commands';
import { exists } from '../shared/files';
import { isNoteDocument } from '../shared/notes';
import { config } from '../shell/config';
import type { MemoService } from './memoService';

const FORMATS: { format: MemoFormat; label: string; detail: string; extension: string }[] = [
  {
    format: 'docx',
    label: 'Word document',
    detail: 'citations as Word footnotes (Chicago) or in the text (APA), charts as pictures',
    extension: 'docx',
  },
  {
    format: 'html',
    label: 'Web page',
    detail: 'one self-contained .html file: styles and charts inside, no script, printable',
    extension: 'html',
  },
  {
    format: 'pandoc',
    label: 'pandoc bundle',
    detail: 'a folder: the Markdown, references.json, the .csl style and the pandoc command',
    extension: '',
  },
];

export async function exportMemo(memos: MemoService, library: LibraryService, args: ExportMemoArgs = {}): Promise<vscode.Uri | undefined> {
  const document =
    typeof args.note === 'string'
      ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.note))
      : [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].find(e => e && isNoteDocument(e.document))?.document;
  if (!document) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the Markdown memo to export, then run Export Memo… again.'));
    return undefined;
  }
  const text = document.getText();
  const name = document.uri.path.split('/').pop() || 'memo.md';
  const base = name.replace(/\.(md|markdown|mdown|mkd)$/i, '') || 'memo';
  await library.ready();

  const warnings = exportWarnings(library.dossier.check(text));
  if (warnings.length && !args.exportAnyway) {
    const anyway = vscode.l10n.t('Export Anyway');
    const show = vscode.l10n.t('Show Problems');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} — export anyway?', sentence(warnings)),
      { modal: true, detail: vscode.l10n.t('The Problems panel lists each one, with quick fixes where the report is clear.') },
      anyway,
      show,
    );
    if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== anyway) return undefined;
  }

  const format =
    FORMATS.find(f => f.format === args.format) ??
    (await vscode.window.showQuickPick(
      FORMATS.map(f => ({ ...f, description: f.extension ? `.${f.extension}` : vscode.l10n.t('folder') })),
      { title: vscode.l10n.t('Export {0}', name), placeHolder: vscode.l10n.t('Format') },
    ));
  if (!format) return undefined;

  const target = await targetFor(document.uri, base, format, args.uri);
  if (!target) return undefined;

  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}', name) },
    async progress => {
      const write = (uri: vscode.Uri, content: string | Uint8Array) =>
        vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      if (format.format === 'pandoc') {
        progress.report({ message: vscode.l10n.t('Writing the references and the style') });
        const lib = library.dossier.library;
        const references = toCslJson(bibliographyItems(lib, { cited: new Set(keysCitedBy(lib, text)) }));
        const style = memoCslStyle(config.citationStyle());
        const { engine, name: styleName } = await memos.csl.engineFor(
          cslStyleChoice(library, style === 'printed' ? 'chicago' : style === 'csl-file' ? 'csl-file' : style),
        );
        const cslName = style === 'csl-file' ? 'style' : styleName;
        await vscode.workspace.fs.createDirectory(target);
        for (const file of pandocBundle(name, text, references, { name: cslName, xml: engine.styleXml(styleName) }))
          await write(vscode.Uri.joinPath(target, file.name), file.text);
        return;
      }
      progress.report({ message: vscode.l10n.t('Formatting the citations') });
      const memo = await memos.build(text, document.uri, lightTheme, { strict: true });
      const title = memoTitle(text, base);
      if (format.format === 'html') {
        await write(target, exportEngine().memoHtml(text, memo, { title }));
        return;
      }
      const bytes = await exportEngine().memoDocx(text, memo, {
        title,
        progress: stage => progress.report({ message: stage }),
      });
      await write(target, bytes);
    },
  );

  if (vscode.workspace.getWorkspaceFolder(target))
    void vscode.commands.executeCommand('revealInExplorer', target).then(undefined, () => undefined);
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal in File Explorer');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Exported {0} as {1}.', name, vscode.workspace.asRelativePath(target)), open, reveal)
    .then(choice => {
      if (choice === open)
        void (format.format === 'pandoc' ? vscode.commands.executeCommand('revealFileInOS', target) : vscode.env.openExternal(target));
      else if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
    });
  return target;
}

/** Where to write: the caller's path (confirmed if it exists), else the save dialog beside the memo. */
async function targetFor(
  note: vscode.Uri,
  base: string,
  format: (typeof FORMATS)[number],
  given: string | undefined,
): Promise<vscode.Uri | undefined> {
  if (typeof given === 'string') {
    const target = vscode.Uri.parse(given);
    if (await exists(target)) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        format.format === 'pandoc'
          ? vscode.l10n.t('{0} already exists. Write the pandoc bundle into it, replacing its files?', target.path.split('/').pop() ?? '')
          : vscode.l10n.t('{0} already exists. Replace it?', target.path.split('/').pop() ?? ''),
        { modal: true },
        replace,
      );
      if (answer !== replace) return undefined;
    }
    return target;
  }
  const folder = note.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(note, '..');
  const fileName = format.format === 'pandoc' ? `${base}-pandoc` : `${base}.${format.extension}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: format.extension ? { [format.label]: [format.extension] } : undefined,
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export the memo as {0}', format.label),
  });
  // the dialog asks before replacing a file; a folder for pandoc is confirmed here
  if (target && format.format === 'pandoc' && (await exists(target))) return targetFor(note, base, format, target.toString());
  return target;
}

/** "2 numbers disagree with the report and 1 citation key resolves to nothing". */
function sentence(parts: readonly string[]): string {
  const text = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0]!;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
