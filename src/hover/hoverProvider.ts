import * as vscode from 'vscode';
import type { Library } from '../core/library';
import type { LibraryService } from '../library/libraryService';
import { offsetOf, rangeOf, showsReader } from '../shared/positions';
import { reportIdOf } from '../shared/readerUri';
import { figureCard, footnoteCard, plainDefinitionCard, reportCard } from './cards';
import { figuresMatching, footnoteForDefinition } from '../core/figureMatch';
import type { NoteScans } from './noteScan';

/**
 * Hover cards in Markdown notes (amounts that match a report figure, `[@key]` citations, `[^n]` footnote
 * references) and in the reader (figures, note markers). Every lookup is by offset in a sorted index.
 */
export class CardHovers implements vscode.HoverProvider {
  constructor(
    private readonly library: LibraryService,
    private readonly scans: NoteScans,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const library = this.library.current;
    if (!library.reports.length) return undefined;
    const offset = offsetOf(document, position);
    const reportId = reportIdOf(document.uri);
    return reportId !== undefined ? this.readerHover(library, reportId, document, offset) : this.noteHover(library, document, offset);
  }

  private readerHover(library: Library, reportId: string, document: vscode.TextDocument, offset: number): vscode.Hover | undefined {
    const report = library.report(reportId);
    if (!report) return undefined;
    const reader = library.readerText(report);
    if (!showsReader(document, reader)) return undefined;
    const { index } = reader;
    const marker = index.at(offset, 'marker');
    if (marker) {
      const footnote = report.footnotes.find(f => String(f.n) === marker.id);
      return footnote ? new vscode.Hover(footnoteCard(library, report, footnote), rangeOf(document, marker.start, marker.end)) : undefined;
    }
    const figureSpan = index.at(offset, 'figure');
    const figure = figureSpan && report.figures.find(f => f.id === figureSpan.id);
    if (figureSpan && figure)
      return new vscode.Hover(figureCard(library, report, figure), rangeOf(document, figureSpan.start, figureSpan.end));
    return undefined;
  }

  private noteHover(library: Library, document: vscode.TextDocument, offset: number): vscode.Hover | undefined {
    const citation = this.scans.citationAt(document, offset);
    if (citation) {
      const range = rangeOf(document, citation.start, citation.end);
      if (citation.kind === 'key') {
        const cited = library.byKey(citation.name);
        if (!cited) return undefined;
        return new vscode.Hover(
          cited.kind === 'report' ? reportCard(cited.report, citation.locator) : footnoteCard(library, cited.report, cited.footnote),
          range,
        );
      }
      const definition = this.scans.scan(document).definitions.get(citation.name);
      if (definition === undefined) return undefined;
      const found = footnoteForDefinition(library, definition);
      return new vscode.Hover(
        found ? footnoteCard(library, found.report, found.footnote) : plainDefinitionCard(citation.name, definition),
        range,
      );
    }
    const quantity = this.scans.quantityAt(document, offset);
    if (!quantity) return undefined;
    const matches = figuresMatching(library, quantity);
    const best = matches[0];
    if (!best) return undefined;
    const alsoIn = [
      ...new Set(
        matches
          .slice(1)
          .map(m => m.report)
          .filter(r => r !== best.report),
      ),
    ];
    return new vscode.Hover(figureCard(library, best.report, best.figure, alsoIn), rangeOf(document, quantity.start, quantity.end));
  }
}
