/**
 * `dossier.exportBibliography`: everything Dossier can cite — each report of the library and its distinct
 * note sources (Ibid. and short forms are not separate entries) — or only what a note cites, as CSL-JSON,
 * BibTeX or RIS, to a file the user picks. The save dialog asks before replacing a file; a path given by a
 * caller is confirmed the same way.
 */
import * as vscode from 'vscode';
import { keysCitedBy } from '../core/check';
import { exists } from '../shared/files';
import { bibliographyItems, toCslJson, toRis, type CslItem } from '../core/cite';
import type { BibliographyFormat, ExportBibliographyArgs } from '../shared/commands';
import type { CiteService } from './citeService';

const FORMATS: { format: BibliographyFormat; label: string; detail: string; extension: string; filter: string }[] = [
  { format: 'bibtex', label: 'BibTeX', detail: 'references.bib — LaTeX, pandoc, Zotero, JabRef', extension: 'bib', filter: 'BibTeX' },
  { format: 'csl-json', label: 'CSL-JSON', detail: 'references.json — pandoc --citeproc, Zotero', extension: 'json', filter: 'CSL-JSON' },
  { format: 'ris', label: 'RIS', detail: 'references.ris — EndNote, Zotero, Mendeley', extension: 'ris', filter: 'RIS' },
];

export async function exportBibliography(cite: CiteService, args?: ExportBibliographyArgs): Promise<vscode.Uri | undefined> {
  const library = await cite.library.ready();
  const everything = bibliographyItems(library);
  if (everything.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The library has no reports to export.'));
    return undefined;
  }
  const format =
    FORMATS.find(f => f.format === args?.format) ??
    (await vscode.window.showQuickPick(
      FORMATS.map(f => ({ ...f, description: `.${f.extension}` })),
      { title: vscode.l10n.t('Export bibliography ({0} entries)', everything.length), placeHolder: vscode.l10n.t('Format') },
    ));
  if (!format) return undefined;

  // Everything by default; only what a note cites when asked (the note open in the editor, with unsaved edits).
  let note: vscode.TextDocument | undefined;
  if (typeof args?.cited === 'string') {
    note = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.cited));
  } else if (args?.format === undefined) {
    const open = cite.noteEditor()?.document;
    if (open) {
      const name = noteName(open);
      const citedCount = bibliographyItems(library, { cited: new Set(keysCitedBy(library, open.getText())) }).length;
      const choice = await vscode.window.showQuickPick(
        [
          {
            label: vscode.l10n.t('Everything in the library ({0} entries)', everything.length),
            detail: vscode.l10n.t('each report and its distinct note sources; Ibid. and short forms are not separate entries'),
            only: false,
          },
          {
            label: vscode.l10n.t('Only what {0} cites ({1} entries)', name, citedCount),
            detail: vscode.l10n.t('the reports and sources its citations and footnotes name'),
            only: true,
          },
        ],
        { title: vscode.l10n.t('Export bibliography as {0}', format.label), placeHolder: vscode.l10n.t('What to export') },
      );
      if (!choice) return undefined;
      if (choice.only) note = open;
    }
  }
  const items = note ? bibliographyItems(library, { cited: new Set(keysCitedBy(library, note.getText())) }) : everything;
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} cites nothing in the library, so there is nothing to export.', noteName(note!)),
    );
    return undefined;
  }

  let target: vscode.Uri | undefined;
  if (typeof args?.uri === 'string') {
    target = vscode.Uri.parse(args.uri);
    if (await exists(target)) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists. Replace it?', target.path.split('/').pop() ?? ''),
        { modal: true },
        replace,
      );
      if (answer !== replace) return undefined;
    }
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `references.${format.extension}`) : undefined,
      filters: { [format.filter]: [format.extension] },
      saveLabel: vscode.l10n.t('Export'),
      title: vscode.l10n.t('Export bibliography as {0}', format.label),
    });
  }
  if (!target) return undefined;

  const text = await render(cite, format.format, items);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Exported {0} entries as {1} to {2}.', items.length, format.label, vscode.workspace.asRelativePath(target)),
      open,
    )
    .then(choice => {
      if (choice === open) void vscode.window.showTextDocument(target!);
    });
  return target;
}

function render(cite: CiteService, format: BibliographyFormat, items: CslItem[]): Promise<string> | string {
  if (format === 'csl-json') return toCslJson(items);
  if (format === 'ris') return toRis(items);
  return cite.csl.bibtex(items);
}

function noteName(note: vscode.TextDocument): string {
  return note.uri.path.split('/').pop() || note.uri.toString();
}
