import * as vscode from 'vscode';
import { figuresByParagraph, paragraphNumbers } from '../core/paragraphs';
import { openingWords } from '../core/reader';
import type { Span } from '../core/spans';
import { offsetOf, positionOf, rangeOf } from '../shared/positions';
import { safeWebUrl } from '../shared/markdown';
import type { ReaderDocuments } from './readerDocuments';

/** Web links for the URLs in notes (kept whole even with spaces or en dashes). */
export class ReaderLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly documents: ReaderDocuments) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const found = this.documents.readerOf(document);
    if (!found) return [];
    const links: vscode.DocumentLink[] = [];
    for (const span of found.reader.index.ofKind('url')) {
      const url = safeWebUrl(span.id);
      if (!url) continue;
      const link = new vscode.DocumentLink(rangeOf(document, span.start, span.end), vscode.Uri.parse(url, true));
      link.tooltip = vscode.l10n.t('Open the source in the browser');
      links.push(link);
    }
    return links;
  }
}

/** From a note marker to its note; from a note to the markers of the paragraphs citing it. */
export class ReaderDefinitions implements vscode.DefinitionProvider {
  constructor(private readonly documents: ReaderDocuments) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const found = this.documents.readerOf(document);
    if (!found) return undefined;
    const { index } = found.reader;
    const offset = offsetOf(document, position);
    const marker = index.at(offset, 'marker') ?? (offset > 0 ? index.at(offset - 1, 'marker') : undefined);
    if (marker) {
      const note = index.find('footnote', marker.id);
      return note ? [location(document, note)] : undefined;
    }
    const note = index.at(offset, 'footnote');
    if (note) {
      const citing = index.findAll('marker', note.id).filter(m => index.at(m.start, 'paragraph'));
      return citing.length ? citing.map(m => location(document, m)) : undefined;
    }
    return undefined;
  }
}

function location(document: vscode.TextDocument, span: Span): vscode.Location {
  return new vscode.Location(document.uri, rangeOf(document, span.start, span.end));
}

/** Each section folds, and so does the notes list. */
export class ReaderFolding implements vscode.FoldingRangeProvider {
  constructor(private readonly documents: ReaderDocuments) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const found = this.documents.readerOf(document);
    if (!found) return [];
    const { index } = found.reader;
    return [...index.ofKind('section'), ...index.ofKind('notes')]
      .map(
        span =>
          new vscode.FoldingRange(
            positionOf(document, span.start).line,
            positionOf(document, span.end).line,
            vscode.FoldingRangeKind.Region,
          ),
      )
      .filter(range => range.end > range.start);
  }
}

/** Sections with their paragraphs (and figures), then the notes: VS Code's Outline and breadcrumbs show them. */
export class ReaderSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly documents: ReaderDocuments) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const found = this.documents.readerOf(document);
    if (!found) return [];
    const { report, reader } = found;
    const { index } = reader;
    const symbols: vscode.DocumentSymbol[] = [];
    const figuresOf = figuresByParagraph(report);
    const numbers = paragraphNumbers(report);
    for (const section of report.sections) {
      const span = index.find('section', section.id);
      const heading = index.find('heading', section.id);
      if (!span || !heading) continue;
      const symbol = new vscode.DocumentSymbol(
        section.title || vscode.l10n.t('Untitled section'),
        '',
        vscode.SymbolKind.Module,
        rangeOf(document, span.start, span.end),
        rangeOf(document, heading.start, heading.end),
      );
      for (const paragraph of section.paragraphs) {
        const number = numbers.get(paragraph.id)!;
        const p = index.find('paragraph', paragraph.id);
        if (!p) continue;
        const child = new vscode.DocumentSymbol(
          `¶${number} ${openingWords(paragraph.text)}`,
          '',
          vscode.SymbolKind.String,
          rangeOf(document, p.start, p.end),
          rangeOf(document, p.start, p.start + `¶${number}`.length),
        );
        for (const figure of figuresOf.get(paragraph.id) ?? []) {
          const f = index.find('figure', figure.id);
          if (f)
            child.children.push(
              new vscode.DocumentSymbol(
                figure.text,
                figure.subject,
                vscode.SymbolKind.Number,
                rangeOf(document, f.start, f.end),
                rangeOf(document, f.start, f.end),
              ),
            );
        }
        symbol.children.push(child);
      }
      symbols.push(symbol);
    }
    const notes = index.find('notes', 'notes');
    if (notes) {
      const symbol = new vscode.DocumentSymbol(
        vscode.l10n.t('Notes'),
        '',
        vscode.SymbolKind.Module,
        rangeOf(document, notes.start, notes.end),
        rangeOf(document, notes.start, notes.start + 7),
      );
      for (const footnote of report.footnotes) {
        const n = index.find('footnote', String(footnote.n));
        if (!n) continue;
        const label = footnote.source.container ?? footnote.source.title ?? openingWords(footnote.text);
        symbol.children.push(
          new vscode.DocumentSymbol(
            `[${footnote.n}] ${label}`,
            footnote.source.date ?? '',
            vscode.SymbolKind.Key,
            rangeOf(document, n.start, n.end),
            rangeOf(document, n.start, n.start + String(footnote.n).length + 2),
          ),
        );
      }
      symbols.push(symbol);
    }
    return symbols;
  }
}

/** Figures stand out in the reader as numbers (the theme's colour for numbers). */
export const READER_TOKENS = new vscode.SemanticTokensLegend(['number']);

export class ReaderFigureTokens implements vscode.DocumentSemanticTokensProvider {
  constructor(private readonly documents: ReaderDocuments) {}

  provideDocumentSemanticTokens(document: vscode.TextDocument): vscode.SemanticTokens | undefined {
    const found = this.documents.readerOf(document);
    if (!found) return undefined;
    const builder = new vscode.SemanticTokensBuilder(READER_TOKENS);
    for (const span of found.reader.index.ofKind('figure')) {
      const range = rangeOf(document, span.start, span.end);
      if (range.isSingleLine) builder.push(range, 'number');
    }
    return builder.build();
  }
}
