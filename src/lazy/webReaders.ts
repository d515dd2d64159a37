/**
 * The readers of saved web pages (.html/.htm) and Word files (.docx), for the dossier's reader registry. Each
 * converts its file to Markdown with front matter in the lazy web engine (loaded at the first such file), then
 * the core's Markdown reader reads it like any report: notes as `[^n]`, web-capture chrome dropped, inline
 * links as sources when the page has no notes.
 */
import { ReportError, errorMessage } from '../core/errors';
import type { ReportReader } from '../core/formats';
import { parseReportWithSpans, type ParsedReport } from '../core/parse';
import { webEngine } from './load';
import { htmlNestingDepth } from '../core/parse/htmlDepth';

/** The web engine's time grows with the square of the nesting depth: 256 costs a fraction of a second. */
const MAX_NESTING = 256;

export const htmlReader: ReportReader = {
  format: 'html',
  label: 'web page (HTML)',
  extensions: ['.html', '.htm', '.xhtml'],
  read: (bytes, name) => readHtml(bytes, name),
};

export const docxReader: ReportReader = {
  format: 'docx',
  label: 'Word (.docx)',
  extensions: ['.docx'],
  read: (bytes, name) => readDocx(bytes, name),
};

export const webReaders: readonly ReportReader[] = [htmlReader, docxReader];

/** A report read from a converted file, with the Markdown it was read from (what `dossier import` writes). */
export type ConvertedReport = ParsedReport & { markdown: string };

/** A saved web page as a report. Its spans are none: offsets into the converted Markdown would not match the page. */
export async function readHtml(input: Uint8Array | string, name: string): Promise<ConvertedReport> {
  const html = typeof input === 'string' ? input : decodeHtml(input);
  if (!/<[a-z!]/i.test(html)) throw new ReportError('has no HTML markup');
  const depth = htmlNestingDepth(html, MAX_NESTING);
  if (depth > MAX_NESTING) {
    throw new ReportError(
      `nests its elements more than ${MAX_NESTING} deep: not a page Dossier can read (report pages nest a few dozen deep)`,
    );
  }
  const { markdown, warnings } = await webEngine().htmlToMarkdown(html);
  return fromMarkdown(markdown, name, warnings);
}

/** A Word file as a report: its headings, paragraphs, footnotes and endnotes. */
export async function readDocx(bytes: Uint8Array, name: string): Promise<ConvertedReport> {
  let converted: { markdown: string; warnings: string[] };
  try {
    converted = await webEngine().docxToMarkdown(bytes);
  } catch (error) {
    // mammoth and jszip say "Can't find end of central directory" and the like: the analyst needs less
    throw new ReportError(`is not a Word document Dossier can read (${errorMessage(error).split('\n')[0]})`);
  }
  return fromMarkdown(converted.markdown, name, converted.warnings);
}

/** The converted Markdown, read by the Markdown reader; also what `dossier import` writes. */
function fromMarkdown(markdown: string, name: string, warnings: string[]): ConvertedReport {
  const parsed = parseReportWithSpans(markdown, { source: name, format: 'markdown' });
  return { report: parsed.report, spans: [], warnings: [...warnings, ...parsed.warnings], markdown };
}

/**
 * The page's text: a byte-order mark, else the charset its <meta> declares (pages saved from Word are often
 * windows-1252), else UTF-8 — strictly, so a page in an undeclared legacy encoding says so.
 */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return strict(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', bytes.subarray(2));
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 2048); i++) head += String.fromCharCode(bytes[i]);
  const declared = /<meta[^>]{0,200}?charset\s*=\s*["']?([\w-]{1,40})/i.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // an unknown label: UTF-8 below
    }
  }
  return strict('utf-8', bytes);
}

function strict(encoding: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ReportError('the file is empty');
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ReportError(`is not valid ${encoding.toUpperCase()} text (declare its charset in a <meta> tag)`);
  }
}
