import * as vscode from 'vscode';
import { readCuratedChartFile, type CuratedChartFile } from '../core/charts';

/**
 * Reads the curated chart groupings shipped in data/charts/*.json. A file that cannot be read or checked
 * is logged and skipped; the other files still count.
 */
export async function loadCuratedCharts(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): Promise<CuratedChartFile[]> {
  const dir = vscode.Uri.joinPath(extensionUri, 'data', 'charts');
  let entries: [string, vscode.FileType][] = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    log.warn(`No curated charts folder at ${dir.toString(true)}`);
    return [];
  }
  const files: CuratedChartFile[] = [];
  for (const [name] of entries.filter(([n, type]) => type & vscode.FileType.File && n.endsWith('.json')).sort()) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
      const { file, problems } = readCuratedChartFile(JSON.parse(text), name);
      for (const problem of problems) log.warn(`Curated charts: ${problem}`);
      if (file) files.push(file);
    } catch (error) {
      log.warn(`Curated charts: ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return files;
}
