import * as vscode from 'vscode';
import { findQuantities, type Quantity } from '../core/quantities';
import { spanTouching } from '../core/spans';

/** A citation in a Markdown note: `@key` inside brackets, or a footnote reference `[^n]`. */
export interface CitationRef {
  start: number;
  end: number;
  kind: 'key' | 'footnote';
  /** the citation key, or the footnote label */
  name: string;
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
 * What a Markdown note mentions — amounts, citation keys, footnote references — scanned once per document
 * version and kept sorted by offset, so a hover is a binary search, not a scan.
 */
export class NoteScans implements vscode.Disposable {
  private readonly scans = new Map<string, Scan>();
  private readonly subscription = vscode.workspace.onDidCloseTextDocument(d => this.scans.delete(d.uri.toString()));

  scan(document: vscode.TextDocument): Scan {
    const key = document.uri.toString();
    const cached = this.scans.get(key);
    if (cached && cached.document === document && cached.version === document.version) return cached;
    const scan = scanNote(document, document.getText());
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

const MAX_SCAN = 2_000_000;

function scanNote(document: vscode.TextDocument, text: string): Scan {
  const body = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  let quantities: Quantity[] = [];
  try {
    quantities = findQuantities(body).sort((a, b) => a.start - b.start);
  } catch {
    quantities = [];
  }
  const citations: CitationRef[] = [];
  for (const bracket of body.matchAll(/\[([^[\]\n]{0,400})\]/g)) {
    const inner = bracket[1]!;
    const base = bracket.index! + 1;
    if (inner.startsWith('^')) {
      if (body[bracket.index! + bracket[0].length] !== ':') citations.push({ start: bracket.index!, end: bracket.index! + bracket[0].length, kind: 'footnote', name: inner.slice(1) });
      continue;
    }
    for (const key of inner.matchAll(/(?:^|[\s;-])@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)/gu)) {
      const name = key[1]!.replace(/[.:;,]+$/, '');
      const start = base + key.index! + key[0].indexOf('@');
      citations.push({ start, end: start + 1 + name.length, kind: 'key', name });
    }
  }
  const definitions = new Map<string, string>();
  for (const m of body.matchAll(/^\[\^([^\]\s]+)\]:[ \t]*(.*)$/gm)) definitions.set(m[1]!, m[2]!);
  return { document, version: document.version, quantities, citations: citations.sort((a, b) => a.start - b.start), definitions };
}
