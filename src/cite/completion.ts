/**
 * Citation completion in Markdown: after `[@`, `; @` or `-@` inside a citation bracket, every citable item
 * (the report, each note source, sections and paragraphs with locators, figures), matched fuzzily on author,
 * title, outlet, words and numbers — not only the key. VS Code's own filter only sees the first characters
 * of filterText, so the ranking is done here and the list marked incomplete (re-asked per keystroke).
 */
import Fuse from 'fuse.js';
import * as vscode from 'vscode';
import { citationKeyAt, type CitationItem } from '../core/cite';
import { inNoteRanges } from '../core/note';
import { noteAnalysis } from '../shared/noteAnalysis';
import type { CiteService } from './citeService';
import { itemDocumentation, kindWord } from './documentation';

const KIND_ORDER: Record<CitationItem['target']['kind'], number> = { report: 0, footnote: 1, section: 2, figure: 3, paragraph: 4 };
const COMPLETION_KIND: Record<CitationItem['target']['kind'], vscode.CompletionItemKind> = {
  report: vscode.CompletionItemKind.Module,
  footnote: vscode.CompletionItemKind.Reference,
  section: vscode.CompletionItemKind.Folder,
  paragraph: vscode.CompletionItemKind.Text,
  figure: vscode.CompletionItemKind.Value,
};
const MAX_ITEMS = 200;

export class CitationCompletionProvider implements vscode.CompletionItemProvider {
  private fuse: { items: CitationItem[]; fuse: Fuse<CitationItem> } | undefined;

  constructor(private readonly cite: CiteService) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const context = citationKeyAt(linePrefix);
    if (!context) return undefined;
    // `[@` typed in code (a span, a fenced or indented block) is an example, not a citation
    if (inNoteRanges(noteAnalysis(document).code, document.offsetAt(position) - 1)) return undefined;
    const items = await this.cite.items();
    const range = new vscode.Range(position.line, context.start, position.line, position.character);
    const ranked = this.rank(items, context.query);
    const completions = ranked.slice(0, MAX_ITEMS).map((item, index) => this.completion(item, range, context.query, index));
    return new vscode.CompletionList(completions, true);
  }

  /** All items in a stable order when nothing is typed; else the fuzzy matches, best first. */
  rank(items: CitationItem[], query: string): CitationItem[] {
    if (!query) return [...items].sort((a, b) => KIND_ORDER[a.target.kind] - KIND_ORDER[b.target.kind]);
    if (this.fuse?.items !== items) {
      this.fuse = {
        items,
        fuse: new Fuse(items, {
          keys: [
            { name: 'key', weight: 3 },
            { name: 'label', weight: 2 },
            { name: 'filterText', weight: 1 },
          ],
          ignoreLocation: true,
          threshold: 0.35,
          includeScore: true,
        }),
      };
    }
    return this.fuse.fuse.search(query.replace(/[-_]+/g, ' ')).map(r => r.item);
  }

  private completion(item: CitationItem, range: vscode.Range, query: string, index: number): vscode.CompletionItem {
    const insert = item.locator ? `${item.key}, ${item.locator}` : item.key;
    const completion = new vscode.CompletionItem(
      // the key first: a long title would push it out of a narrow suggest widget
      {
        label: `@${item.key}`,
        detail: item.locator ? `, ${item.locator}` : undefined,
        description: `${kindWord(item)} \u00b7 ${item.label}`,
      },
      COMPLETION_KIND[item.target.kind],
    );
    completion.insertText = insert;
    completion.range = range;
    // Our ranking decides; let every item through VS Code's prefix filter.
    completion.filterText = query;
    completion.sortText = String(index).padStart(5, '0');
    completion.detail = item.detail;
    completion.documentation = itemDocumentation(item);
    return completion;
  }
}
