/**
 * Dossier's MCP server (`dossier mcp`, dist/cli.js) offered to VS Code's agents without any configuration
 * (`vscode.lm.registerMcpServerDefinitionProvider`): the editor's own Node runs the CLI bundle with the
 * reports the analyst's settings name and the citation style they chose. src/agents/index.ts registers the
 * provider; this code is in the lazy bundle dist/agents.js.
 */
import * as vscode from 'vscode';
import type { LibraryService } from '../library/libraryService';
import { config } from '../shell/config';

export function mcpServerDefinitions(extension: vscode.ExtensionContext, library: LibraryService): vscode.McpStdioServerDefinition[] {
  const cli = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'cli.js').fsPath;
  const load = library.lastLoad;
  // the analyst's own reports as this load read them (trust already applied); only files on this machine
  const libraries = (load?.reports ?? [])
    .filter(r => !load!.bundled.has(r.location))
    .map(r => vscode.Uri.parse(r.location))
    .filter(uri => uri.scheme === 'file')
    .flatMap(uri => ['--library', uri.fsPath]);
  const style = config.citationStyle();
  const styleArgs = style === 'csl-file' ? [] : ['--style', style];
  const version = String((extension.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  return [
    new vscode.McpStdioServerDefinition(
      vscode.l10n.t('Dossier reports'),
      process.execPath,
      [cli, 'mcp', ...libraries, ...styleArgs],
      // the editor's executable runs as plain Node (desktop VS Code is Electron)
      { ELECTRON_RUN_AS_NODE: '1' },
      version,
    ),
  ];
}
