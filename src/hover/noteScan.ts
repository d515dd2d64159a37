import * as vscode from 'vscode';
import type { Quantity } from '../core/quantities';
import { spanTouching } from '../core/spans';
import { noteAnalysis } from '../shared/noteAnalysis';

/** A citation in a Markdown note: `@key` inside brackets, or a footnote reference `[^n]`. */
export interface CitationRef {
  start: number;
  end: number;
  kind: 'key' | 'footnote';
  /** the citation key, or the footnote label */
  name: string;
  /** what follows a key in its citation: "para. 24" */
  locator?: string;
}

interface Scan {
  /** the document scanned: an untitled URI is reused by the next untitled note, so the URI alone is not enough */
  document: vscode.TextDocument;
  version: number;
  quantities: Quantity[];
  citations: CitationRef[];
  /** footnote definitions `[^label]: text` of the note */
  definitions: Map<string, string>;
}

/**
 * What a Markdown note mentions — amounts, citation keys, footnote references — as the note analysis reads
 * them (the fact-check and the charts read the same), kept per document version sorted by offset, so a hover
 * is a binary search, not a scan.
 */
export class NoteScans implements vscode.Disposable {
  private readonly scans = new Map<string, Scan>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument(d => this.scans.delete(d.uri.toString()));

  scan(document: vscode.TextDocument): Scan {
    const key = document.uri.toString();
    const cached = this.scans.get(key);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    const scan = scanNote(document);
    this.scans.set(key, scan);
    return scan;
  }

  quantityAt(document: vscode.TextDocument, offset: number): Quantity | undefined {
    return spanTouching(this.scan(document).quantities, offset);
  }

  citationAt(document: vscode.TextDocument, offset: number): CitationRef | undefined {
    return spanTouching(this.scan(document).citations, offset);
  }

  dispose(): void {
    this.subscription.dispose();
    this.scans.clear();
  }
}

function scanNote(document: vscode.TextDocument): Scan {
  const analysis = noteAnalysis(document);
  const citations: CitationRef[] = [
    ...analysis.keys.map(k => ({ start: k.start, end: k.end, kind: 'key' as const, name: k.key, locator: k.locator })),
    ...analysis.footnoteRefs.map(r => ({ start: r.start, end: r.end, kind: 'footnote' as const, name: r.label })),
  ];
  const definitions = new Map<string, string>();
  // the first definition of a label is the one Markdown renders
  for (const d of analysis.footnoteDefinitions) if (!definitions.has(d.label)) definitions.set(d.label, d.text);
  return {
    document,
    version: document.version,
    quantities: analysis.figures,
    citations: citations.sort((a, b) => a.start - b.start),
    definitions,
  };
}
