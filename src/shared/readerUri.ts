/**
 * Addresses of reader tabs: `dossier-report:/<report id>.dossier-report/<title as written>`. The report id says
 * which report; the last segment is the report's title, so the tab reads as the title does (colon and all, no
 * extension). The folder's `.dossier-report` gives the document its language (package.json `filenamePatterns`).
 * Shared by the reader, the outline (follow the cursor) and hovers, which must not import each other's folders.
 */
import * as vscode from 'vscode';

export const READER_SCHEME = 'dossier-report';
const FOLDER_SUFFIX = '.dossier-report';

export function readerUri(report: { id: string; title: string }): vscode.Uri {
  const title =
    report.title
      // a slash would start another segment: the division slash looks the same
      .replace(/\//g, '\u2215')
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'Report';
  return vscode.Uri.from({ scheme: READER_SCHEME, path: `/${encodeURIComponent(report.id)}${FOLDER_SUFFIX}/${title}` });
}

/** The report id of a reader tab's address, or undefined for any other document. */
export function reportIdOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== READER_SCHEME) return undefined;
  const first = uri.path.split('/')[1];
  if (!first) return undefined;
  try {
    return decodeURIComponent(first.endsWith(FOLDER_SUFFIX) ? first.slice(0, -FOLDER_SUFFIX.length) : first);
  } catch {
    return undefined;
  }
}
