/**
 * From draft to deliverable: VS Code's own Markdown preview shows a memo as it will leave the editor
 * (citations in the analyst's style, notes, bibliography, charts, flagged numbers), through the markdown-it
 * plugin of src/core/memoMarkdown.ts that `extendMarkdownIt` hands to the Markdown extension; Export Memo…
 * hands it on as Word, HTML or a pandoc bundle (exportMemo.ts). Only this stub is in extension.js: the
 * rest (publisher.ts) loads from dist/publish.js at first use.
 */
import * as vscode from 'vscode';
import type { MarkdownItLike } from '../core/memoMarkdown';
import { publishEngine } from '../lazy/load';
import type { Publisher } from '../lazy/publish';
import type { Feature } from '../services';

export interface PublishApi {
  /** what activate() returns to the Markdown extension: adds Dossier's plugin to its markdown-it */
  extendMarkdownIt(md: MarkdownItLike): MarkdownItLike;
}

export const publishFeature: Feature<'exportMemo', { publish: PublishApi }> = ({ library, log }) => {
  let publisher: Publisher | undefined;
  const started = () => (publisher ??= publishEngine().createPublisher(library, log));
  return {
    disposable: new vscode.Disposable(() => publisher?.dispose()),
    commands: { exportMemo: args => started().exportMemo(args) },
    publish: { extendMarkdownIt: md => started().extendMarkdownIt(md) },
  };
};
