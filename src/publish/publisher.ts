/**
 * The publishing feature's working parts, bundled on their own (dist/publish.js, entry src/lazy/publish.ts)
 * and loaded when VS Code's Markdown extension first asks for the plugin or Export Memo… first runs, so
 * extension.js carries only the feature's stub (index.ts).
 */
import * as vscode from 'vscode';
import { memoMarkdownIt, type MarkdownItLike } from '../core/memoMarkdown';
import type { LibraryService } from '../library/libraryService';
import type { ExportMemoArgs } from '../shared/commands';
import { exportMemo } from './exportMemo';
import { MemoService } from './memoService';

export interface Publisher extends vscode.Disposable {
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike;
  exportMemo(args?: ExportMemoArgs): Promise<vscode.Uri | undefined>;
}

export function createPublisher(library: LibraryService, log: vscode.LogOutputChannel): Publisher {
  const memos = new MemoService(library, log);
  return {
    extendMarkdownIt(md) {
      // cheap: rules are added; the memo (CSL and chart engines) is built at the first render
      memoMarkdownIt(md, {
        memoFor: src => memos.ready(src),
        prepare: (src, env) => memos.prepare(src, env.currentDocument),
        bibliographyTitle: vscode.l10n.t('Bibliography'),
        notesTitle: vscode.l10n.t('Notes'),
      });
      return md;
    },
    exportMemo: args => exportMemo(memos, library, args),
    dispose: () => memos.dispose(),
  };
}
