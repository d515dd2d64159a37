/**
 * One entry point for every report format: plain text with `[n]` notes, or Markdown. Checks the input is
 * readable text first, so empty, binary or note-less input fails with one clear ReportError.
 */
import { ReportError } from '../errors';
import type { Report } from '../model';
import type { SourceSpanList } from './spans';
import { slug } from '../text';
import { buildReport } from './build';
import { looksLikeMarkdown, parseMarkdown } from './markdown';
import { parseText } from './text';

export { SourceSpans, spanArray, type SourceSpan, type SourceSpanKind, type SourceSpanList } from './spans';

export interface ParseOptions {
  /** report id; derived from the title or file name when absent */
  id?: string;
  /** file name or URL the text came from; also decides the format when `format` is absent */
  source?: string;
  format?: 'text' | 'markdown';
}

export interface ParsedReport {
  report: Report;
  /**
   * offsets into the input text of every section, paragraph, note, marker and figure: packed as a parser
   * gives them, an array as a cache entry holds them
   */
  spans: SourceSpanList;
  /** things a reader should know but that do not stop parsing: a marker without a note, a duplicate note */
  warnings: string[];
}

/** Reads a report (plain text with [n] notes, or Markdown) into Dossier's model. Throws ReportError for unreadable input. */
export function parseReport(text: string, options: ParseOptions = {}): Report {
  return parseReportWithSpans(text, options).report;
}

/** parseReport plus where everything sits in the input, and non-fatal warnings. */
export function parseReportWithSpans(text: string, options: ParseOptions = {}): ParsedReport {
  checkReadable(text);
  const format = options.format ?? detectFormat(text, options.source);
  const draft = format === 'markdown' ? parseMarkdown(text) : parseText(text);
  const base = options.source ? baseName(options.source) : undefined;
  const fallbackTitle = base ? titleFromFileName(base) : 'Untitled report';
  const id = options.id ?? (base ? slug(base) : slug(draft.title ?? fallbackTitle));
  return buildReport(draft, { id, source: options.source, fallbackTitle });
}

/** Extensions of Markdown files: the parser reads them as Markdown, the loader finds them in folders. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdown', '.mkd'];

export function isMarkdownName(name: string): boolean {
  const lower = name.replace(/[?#].*$/, '').toLowerCase();
  return MARKDOWN_EXTENSIONS.some(ext => lower.endsWith(ext));
}

/**
 * Plain text or Markdown: 'markdown' for Markdown file names, 'text' for .txt, else by content (front
 * matter, `#` headings, `[^n]` notes). Which file format it is at all is formats.ts's sniffFormat.
 */
export function detectFormat(text: string, source?: string): 'text' | 'markdown' {
  if (source) {
    if (isMarkdownName(source)) return 'markdown';
    if (/\.txt$/i.test(source)) return 'text';
  }
  return looksLikeMarkdown(text) ? 'markdown' : 'text';
}

/** Empty, whitespace-only or binary input cannot be a report; say so in one line. */
export function checkReadable(text: string): void {
  if (typeof text !== 'string' || text.length === 0) throw new ReportError('The report is empty.');
  if (!/\S/.test(text)) throw new ReportError('The report contains only whitespace.');
  if (text.includes('\u0000')) throw new ReportError('The report looks like a binary file (it contains NUL bytes), not text.');
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (control / sample.length > 0.05) {
    throw new ReportError('The report looks like a binary file (too many control characters), not text.');
  }
}

function baseName(source: string): string {
  const last =
    source
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .filter(Boolean)
      .pop() ?? source;
  return last.replace(/\.[A-Za-z0-9]{1,10}$/, '');
}

function titleFromFileName(base: string): string {
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Untitled report';
}
