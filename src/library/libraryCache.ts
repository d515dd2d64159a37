import * as vscode from 'vscode';
import type { CacheStore, LibraryCacheOptions } from '../core/libraryCache';

/**
 * The build's fingerprint, set by esbuild.js: a hash of the sources and the locked dependencies, so a cache
 * entry made by another build (another parser) is never used.
 */
declare const DOSSIER_BUILD: string | undefined;

/**
 * The library cache in the extension's global storage: one file per report file and one for the library's
 * search index, in `library-cache/`.
 */
export function globalStorageCache(globalStorageUri: vscode.Uri): LibraryCacheOptions & { folder: vscode.Uri } {
  const folder = vscode.Uri.joinPath(globalStorageUri, 'library-cache');
  let created: Thenable<void> | undefined;
  const store: CacheStore = {
    async read(name) {
      try {
        return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
        throw error;
      }
    },
    async write(name, bytes) {
      await (created ??= vscode.workspace.fs.createDirectory(folder));
      // whole or not at all: written beside, then renamed over the entry, so a window closed mid-write leaves
      // a stray temporary file, never an entry cut short under its real name
      const temporary = vscode.Uri.joinPath(folder, `${name}.${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`);
      await vscode.workspace.fs.writeFile(temporary, bytes);
      await vscode.workspace.fs.rename(temporary, vscode.Uri.joinPath(folder, name), { overwrite: true });
    },
  };
  return { store, folder, version: typeof DOSSIER_BUILD === 'string' ? DOSSIER_BUILD : 'unbuilt' };
}
