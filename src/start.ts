/**
 * The extension's entry (package.json "main", dist/start.js): loads dist/extension.js, the composition root,
 * through V8's code cache in the extension's global storage (src/shell/codeCache.ts), so a window's start
 * reads compiled bytecode instead of compiling the bundle again. The first start writes the cache a few
 * seconds after activation, once the library has loaded and the functions it runs are compiled too. Anything
 * wrong with the cache falls back to a plain require.
 */
import * as path from 'path';
import type * as vscode from 'vscode';
import { loadWithCodeCache } from './shell/codeCache';

type Extension = typeof import('./extension');

/** when the first start writes the cache: after the library's load, out of the analyst's way */
const SAVE_AFTER_MS = 5_000;

let extension: Extension | undefined;

export function activate(context: vscode.ExtensionContext): ReturnType<Extension['activate']> {
  const { exports, codeCache } = load(context);
  extension = exports;
  const api = extension.activate(context);
  return api && codeCache ? { ...api, codeCache } : api;
}

export function deactivate(): void {
  extension?.deactivate();
}

function load(context: vscode.ExtensionContext): { exports: Extension; codeCache?: 'used' | 'absent' | 'refused' } {
  const file = path.join(__dirname, 'extension.js');
  if (context.globalStorageUri.scheme === 'file') {
    let loaded: ReturnType<typeof loadWithCodeCache<Extension>> | undefined;
    try {
      loaded = loadWithCodeCache<Extension>(file, path.join(context.globalStorageUri.fsPath, 'code-cache'), require);
    } catch {
      // the bundle itself failed to load: the plain require below says why, as VS Code would
    }
    if (loaded) {
      if (loaded.cache !== 'used') {
        const later = setTimeout(() => loaded.save(), SAVE_AFTER_MS);
        context.subscriptions.push({ dispose: () => clearTimeout(later) });
      }
      return { exports: loaded.exports, codeCache: loaded.cache };
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { exports: require(file) as Extension };
}
