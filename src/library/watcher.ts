/**
 * Watches the files and folders of the analyst's libraries: a report written, created or deleted on disk is
 * read again alone (the dossier keeps the others), so the tree, search, hovers and diagnostics follow it
 * within a second. Out-of-workspace paths are watched too (a RelativePattern on their folder).
 */
import * as vscode from 'vscode';
import type { LoadResult } from '../core/dossier';
import { nameOf } from '../core/reportSource';
import type { LibraryService } from './libraryService';

/** Events of one save (write, then touch) or one copy of many files become one reload. */
const SETTLE_MS = 150;

export function watchLibrary(library: LibraryService, log: vscode.LogOutputChannel): vscode.Disposable {
  const watchers = new Map<string, vscode.Disposable>();
  let roots = new Set<string>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const changed = [...pending];
    pending.clear();
    log.info(`Report files changed: ${changed.map(nameOf).join(', ')}`);
    library.reloadFiles(changed).catch(error => log.error(`Reloading ${changed.join(', ')}: ${error}`));
  };
  const changed = (uri: vscode.Uri) => {
    const location = uri.toString();
    // a folder's other files (images, notes, .DS_Store) are not reports
    if (!roots.has(location) && !library.dossier.readers.isReportFile(nameOf(location))) return;
    pending.add(location);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SETTLE_MS);
  };
  const watch = (base: vscode.Uri, glob: string): vscode.Disposable => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(base, glob));
    return vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
  };

  /** One watcher for each named file or folder itself (created, deleted), one for the files in each folder. */
  const follow = (result: LoadResult) => {
    const wanted = new Map<string, () => vscode.Disposable>();
    for (const root of result.roots) {
      if (root.origin === 'bundled') continue;
      const uri = vscode.Uri.parse(root.location);
      const parent = vscode.Uri.joinPath(uri, '..');
      const name = uri.path.split('/').filter(Boolean).pop();
      if (name) wanted.set(`${parent.toString()}\n${name}`, () => watch(parent, escapeGlob(name)));
      if (root.kind === 'folder') wanted.set(`${uri.toString()}\n*`, () => watch(uri, '*'));
    }
    for (const [key, watcher] of watchers) {
      if (!wanted.has(key)) {
        watcher.dispose();
        watchers.delete(key);
      }
    }
    for (const [key, create] of wanted) if (!watchers.has(key)) watchers.set(key, create());
    roots = new Set(result.roots.map(r => r.location));
  };

  if (library.lastLoad) follow(library.lastLoad);
  const subscription = library.onDidLoad(follow);
  return {
    dispose: () => {
      subscription.dispose();
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.dispose();
      watchers.clear();
    },
  };
}

/** A file name as a glob that matches only itself: `[`, `{`, `*` and `?` are characters, not patterns. */
function escapeGlob(name: string): string {
  return name.replace(/[[\]{}*?]/g, c => `[${c}]`);
}
