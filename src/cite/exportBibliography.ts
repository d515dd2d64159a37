/**
 * `dossier.exportBibliography`: the distinct note sources of the library (Ibid. and short forms are not
 * separate entries) as CSL-JSON, BibTeX or RIS, to a file the user picks. The save dialog asks before
 * replacing a file; a path given by a caller is confirmed the same way.
 */
import * as vscode from 'vscode';
import { bibliographyItems, toCslJson, toRis, type CslItem } from '../core/cite';
import type { CiteService } from './citeService';

export type BibliographyFormat = 'csl-json' | 'bibtex' | 'ris';

const FORMATS: { format: BibliographyFormat; label: string; detail: string; extension: string; filter: string }[] = [
  { format: 'bibtex', label: 'BibTeX', detail: 'references.bib — LaTeX, pandoc, Zotero, JabRef', extension: 'bib', filter: 'BibTeX' },
  { format: 'csl-json', label: 'CSL-JSON', detail: 'references.json — pandoc --citeproc, Zotero', extension: 'json', filter: 'CSL-JSON' },
  { format: 'ris', label: 'RIS', detail: 'references.ris — EndNote, Zotero, Mendeley', extension: 'ris', filter: 'RIS' },
];

/** Test hook and scripting: `{format, uri, includeReports}` skips the pickers (an existing file is still confirmed). */
interface ExportArgs {
  format?: BibliographyFormat;
  uri?: string;
  includeReports?: boolean;
}

export async function exportBibliography(cite: CiteService, args?: ExportArgs): Promise<vscode.Uri | undefined> {
  const library = await cite.library.ready();
  const sources = bibliographyItems(library);
  if (sources.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The library has no note sources to export.'));
    return undefined;
  }
  const format = FORMATS.find(f => f.format === args?.format) ?? (await vscode.window.showQuickPick(
    FORMATS.map(f => ({ ...f, description: `.${f.extension}` })),
    { title: vscode.l10n.t('Export bibliography ({0} sources)', sources.length), placeHolder: vscode.l10n.t('Format') },
  ));
  if (!format) return undefined;

  // The note sources by default; the reports themselves too on request, so [@reportKey] resolves in pandoc.
  let includeReports = args?.includeReports;
  if (includeReports === undefined && args?.format === undefined) {
    const keys = library.reports.map(r => `@${r.key}`).join(', ');
    const choice = await vscode.window.showQuickPick([
      { label: vscode.l10n.t('The {0} note sources', sources.length), detail: vscode.l10n.t('Ibid. and short forms are not separate entries'), include: false },
      { label: vscode.l10n.t('The note sources and the report itself ({0} entries)', sources.length + library.reports.length), detail: vscode.l10n.t('so citations of the report ({0}) resolve too', keys), include: true },
    ], { title: vscode.l10n.t('Export bibliography as {0}', format.label), placeHolder: vscode.l10n.t('What to export') });
    if (!choice) return undefined;
    includeReports = choice.include;
  }
  const items = includeReports ? bibliographyItems(library, { includeReports: true }) : sources;

  let target: vscode.Uri | undefined;
  if (typeof args?.uri === 'string') {
    target = vscode.Uri.parse(args.uri);
    if (await exists(target)) {
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', target.path.split('/').pop() ?? ''), { modal: true }, replace);
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
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} sources as {1} to {2}.', items.length, format.label, vscode.workspace.asRelativePath(target)), open).then(choice => {
    if (choice === open) void vscode.window.showTextDocument(target!);
  });
  return target;
}

function render(cite: CiteService, format: BibliographyFormat, items: CslItem[]): Promise<string> | string {
  if (format === 'csl-json') return toCslJson(items);
  if (format === 'ris') return toRis(items);
  return cite.csl.bibtex(items);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
