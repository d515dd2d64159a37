/**
 * Addresses of reader tabs: `dossier-report:/<report id>/<title>.dossier-report`. The report id says which
 * report; the title is only there so the tab reads well. Shared by the reader, the outline (follow the
 * cursor) and hovers, which must not import each other's folders.
 */
import * as vscode from 'vscode';

export const READER_SCHEME = 'dossier-report';

export function readerUri(report: { id: string; title: string }): vscode.Uri {
  const title =
    report.title
      .replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'Report';
  return vscode.Uri.from({ scheme: READER_SCHEME, path: `/${encodeURIComponent(report.id)}/${title}.dossier-report` });
}

/** The report id of a reader tab's address, or undefined for any other document. */
export function reportIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== READER_SCHEME) return undefined;
  const first = uri.path.split('/')[1];
  if (!first) return undefined;
  try {
    return decodeURIComponent(first);
  } catch {
    return undefined;
  }
}
