/**
 * Writes citations into a Markdown note in the style the analyst chose (`dossier.citation.style`):
 * pandoc `[@key]`, a Markdown footnote, or CSL-formatted text (Chicago, APA, a .csl file) — note styles
 * become a footnote whose text the engine formats, in-text styles are inserted where the cursor is.
 * Every insertion is one editor edit, so one undo restores the note.
 */
import * as vscode from 'vscode';
import {
  citationItems,
  cslForKey,
  cslLocator,
  footnoteText,
  itemForTarget,
  pandocCitation,
  pandocInsertion,
  type CitationItem,
  type CitationStyle,
  type CitedTarget,
  type CslItem,
} from '../core/cite';
import { citationEdits, type CitationText } from '../core/citationEdits';
import { memoText } from '../core/escape';
import type { Library } from '../core/library';
import type { LibraryService } from '../library/libraryService';
import type { InsertOptions } from '../shared/commands';
import { isNoteDocument } from '../shared/notes';
import { config } from '../shell/config';
import { CslService, cslStyleChoice, type CslStyleChoice } from './cslService';

export class CiteService implements vscode.Disposable {
  private itemsOf: { library: Library; items: CitationItem[] } | undefined;
  private lastMarkdownEditor: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly library: LibraryService,
    readonly csl: CslService,
  ) {
    this.disposables.push(
      library.onDidChange(() => {
        this.itemsOf = undefined;
        csl.clearCache();
      }),
      vscode.window.onDidChangeActiveTextEditor(editor => {
        if (editor && isNoteDocument(editor.document)) this.lastMarkdownEditor = editor;
      }),
    );
    const active = vscode.window.activeTextEditor;
    if (active && isNoteDocument(active.document)) this.lastMarkdownEditor = active;
  }

  /** Every citable item of the current library (cached per library build). */
  async items(): Promise<CitationItem[]> {
    const library = await this.library.ready();
    if (this.itemsOf?.library !== library) this.itemsOf = { library, items: citationItems(library) };
    return this.itemsOf.items;
  }

  async itemFor(target: CitedTarget): Promise<CitationItem | undefined> {
    return itemForTarget(await this.items(), target);
  }

  style(): CitationStyle {
    return config.citationStyle();
  }

  /** The note editor to cite into: the active Markdown editor, else the last one used if still visible. */
  noteEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && isNoteDocument(active.document)) return active;
    const last = this.lastMarkdownEditor;
    if (last && vscode.window.visibleTextEditors.includes(last)) return last;
    return vscode.window.visibleTextEditors.find(e => isNoteDocument(e.document));
  }

  /** The citation of several items as one multi-citation, in a style. */
  async citationText(items: readonly CitationItem[], style: CitationStyle = this.style()): Promise<CitationText> {
    if (style === 'pandoc') return { kind: 'inline', text: pandocCitation(items) };
    if (style === 'footnote') {
      const text = items
        .map((item, i) => {
          const t = footnoteText(item);
          return i < items.length - 1 ? t.replace(/\.$/, '') : t;
        })
        .join('; ');
      return { kind: 'footnote', text, key: items.length === 1 ? items[0].key : undefined };
    }
    const library = await this.library.ready();
    const cslItems = uniqueCslItems(library, items);
    const cites = items.map(item => ({ id: item.key, ...cslLocator(item.locator) }));
    const formatted = await this.csl.citation(this.cslStyle(style), cslItems, cites);
    // The engine formats report text as it is: escaped here, so a title cannot become markup in the memo.
    const text = memoText(formatted.text);
    return formatted.styleClass === 'note'
      ? { kind: 'footnote', text, key: items.length === 1 ? items[0].key : undefined }
      : { kind: 'inline', text };
  }

  /** The CSL style a citation style names: a bundled one, or the analyst's .csl file (by the trust policy). */
  cslStyle(style: CitationStyle): CslStyleChoice {
    return cslStyleChoice(this.library, style === 'chicago' || style === 'apa' ? style : 'csl-file');
  }

  /**
   * Inserts a citation into a note editor as ONE edit (one undo). With `withFigureText`, the figure as the
   * report writes it comes first. Returns false when there was nowhere to insert.
   */
  async insert(items: readonly CitationItem[], options: InsertOptions = {}): Promise<boolean> {
    if (items.length === 0) return false;
    let editor = this.noteEditor();
    if (options.at) {
      const uri = options.at.uri;
      editor =
        vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri) ??
        (await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false }));
    }
    if (!editor) return false;
    const citation = await this.citationText(items, options.style);
    const document = editor.document;
    const text = document.getText();
    const offset = options.at ? options.at.offset : document.offsetAt(editor.selection.active);
    const figure = options.withFigureText ? items.find(i => i.figure)?.figure : undefined;
    const figureText = figure ? memoText(`${figure.qualifier ? figure.qualifier + ' ' : ''}${figure.text}`) : '';
    let { edits, atCursor } = citationEdits(text, offset, citation, figureText);
    if ((options.style ?? this.style()) === 'pandoc' && !figureText) {
      // Inside an open citation bracket, add the keys to it rather than nesting a new bracket.
      const position = document.positionAt(offset);
      const line = document.lineAt(position.line).text;
      const joined = pandocInsertion(line.slice(0, position.character), line.slice(position.character), items);
      if (joined !== citation.text)
        ({ edits, atCursor } = { edits: [{ start: offset, end: offset, newText: joined }], atCursor: joined.length });
    }
    const ok = await editor.edit(builder => {
      for (const e of edits) builder.replace(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    });
    if (ok && !options.at) {
      // Leave the cursor after what was inserted at it (renumbered labels before it may change length).
      const shift = edits.filter(e => e.end <= offset && e.start < offset).reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
      const position = editor.document.positionAt(offset + shift + atCursor);
      editor.selection = new vscode.Selection(position, position);
    }
    return ok;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function uniqueCslItems(library: Library, items: readonly CitationItem[]): CslItem[] {
  const seen = new Map<string, CslItem>();
  for (const item of items) {
    if (seen.has(item.key)) continue;
    const csl = cslForKey(library, item.key);
    if (csl) seen.set(item.key, csl);
  }
  return [...seen.values()];
}
