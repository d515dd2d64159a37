/**
 * Report formats: what a file is (by its first bytes, then its name), how its bytes become text, and the
 * registry of readers that turn a format into Dossier's model. Plain text and Markdown are built in; binary
 * formats (PDF, HTML, Word) plug in as readers from lazy bundles, so the core never loads their engines.
 */
import { ReportError } from './errors';
import { isMarkdownName, MARKDOWN_EXTENSIONS, parseReportWithSpans, type ParsedReport } from './parse';

/** What a file holds, as far as Dossier can tell. Readers may add formats of their own. */
export type ReportFormat = 'text' | 'markdown' | 'pdf' | 'html' | 'docx' | 'rtf' | 'image' | 'archive' | (string & {});

/** Extensions of the files the built-in reader takes from a folder. */
export const TEXT_EXTENSIONS: readonly string[] = [...MARKDOWN_EXTENSIONS, '.txt'];

/** How many leading bytes detection looks at (and a reader's `accepts` is given). */
export const SNIFF_BYTES = 4096;

/**
 * A reader of one report format. Register one with `dossier.readers.register(reader)`:
 *
 *   dossier.readers.register({
 *     format: 'pdf', label: 'PDF', extensions: ['.pdf'],
 *     read: async (bytes, name) => (await import('./lazy/pdf')).readPdf(bytes, name),
 *   });
 *
 * - `extensions` (lower case, with the dot) are the files the loader picks up in a report folder; a file
 *   named on its own (a setting, a CLI argument) is read whatever its name, by detection.
 * - `accepts(name, firstBytes)` says whether this reader takes a file; without it, a reader takes the files
 *   `sniffFormat` gives its `format`. `firstBytes` are at most SNIFF_BYTES long.
 * - `read` gets the whole file. It throws ReportError (one line, no file name: the loader adds it) for a file
 *   it cannot read; other errors are reported the same way and logged. It returns the report, its spans
 *   (offsets into the text the reader made, or none) and warnings the analyst should see.
 * Readers registered later are asked first, so a reader can take over a format from an earlier one.
 */
export interface ReportReader {
  readonly format: ReportFormat;
  /** the format in a message: "PDF", "Word (.docx)" */
  readonly label: string;
  readonly extensions: readonly string[];
  accepts?(name: string, firstBytes: Uint8Array): boolean;
  read(bytes: Uint8Array, name: string): Promise<ParsedReport>;
}

/** The readers a dossier knows, newest first. */
export class ReaderRegistry {
  private readonly readers: ReportReader[] = [];

  constructor(builtIn: readonly ReportReader[] = [textReader]) {
    for (const reader of builtIn) this.register(reader);
  }

  /** Adds a reader; the function returned removes it again. */
  register(reader: ReportReader): () => void {
    this.readers.unshift(reader);
    return () => {
      const at = this.readers.indexOf(reader);
      if (at >= 0) this.readers.splice(at, 1);
    };
  }

  /** The reader that takes this file, if any. */
  readerFor(name: string, firstBytes: Uint8Array): ReportReader | undefined {
    const head = firstBytes.length > SNIFF_BYTES ? firstBytes.subarray(0, SNIFF_BYTES) : firstBytes;
    const format = sniffFormat(name, head);
    return this.readers.find(r => (r.accepts ? r.accepts(name, head) : r.format === format));
  }

  /** The file extensions of every format read (lower case, with the dot), for a file picker's filter. */
  extensions(): string[] {
    return [...new Set(this.readers.flatMap(r => r.extensions))].sort();
  }

  /** Whether a file of this name in a report folder is a report to load. */
  isReportFile(name: string): boolean {
    const lower = name.toLowerCase();
    return this.readers.some(r => r.extensions.some(ext => lower.endsWith(ext)));
  }
}

const BINARY_FORMATS: Record<string, string> = { pdf: 'a PDF file', docx: 'a Word document', image: 'an image', archive: 'a ZIP archive' };
const TEXT_FORMATS: Record<string, string> = { html: 'an HTML page', rtf: 'an RTF document' };

/** Why no reader took a file, in one line without the file name. */
export function unsupportedFormat(name: string, firstBytes: Uint8Array): string {
  const format = sniffFormat(name, firstBytes);
  const binary = BINARY_FORMATS[format];
  if (binary) return `looks like a binary file (${binary}), not text, and Dossier has no reader for it`;
  return `is ${TEXT_FORMATS[format] ?? `a file of format "${format}"`}, and Dossier has no reader for it`;
}

/**
 * The format of a file: by content first (magic numbers, an HTML opening), then by extension; anything
 * else is 'text' (the text reader decides between plain text and Markdown, and says when it is not text).
 */
export function sniffFormat(name: string, firstBytes: Uint8Array): ReportFormat {
  const b = firstBytes;
  const starts = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  if (indexOfAscii(b, '%PDF-', 1024) >= 0) return 'pdf';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return /\.docx$/i.test(name) || indexOfAscii(b, 'word/', b.length) >= 0 ? 'docx' : 'archive';
  if (starts(0x7b, 0x5c, 0x72, 0x74, 0x66)) return 'rtf'; // {\rtf
  if (starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38)) return 'image';
  if (looksLikeHtml(b)) return 'html';
  if (isMarkdownName(name)) return 'markdown';
  const ext = /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'pdf' || ext === 'docx' || ext === 'rtf') return ext;
  return 'text';
}

/** `<!doctype html` or `<html` after an optional BOM, XML declaration and blank space (UTF-8 or ASCII only). */
function looksLikeHtml(b: Uint8Array): boolean {
  let head = '';
  for (let i = 0; i < Math.min(b.length, 512); i++) head += String.fromCharCode(b[i]!);
  head = head
    .replace(/^\u00ef\u00bb\u00bf/, '')
    .replace(/^\s*<\?xml[^>]{0,200}\?>/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

function indexOfAscii(b: Uint8Array, text: string, within: number): number {
  const end = Math.min(b.length, within) - text.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (b[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * The text of a file's bytes: UTF-16 when it starts with a UTF-16 byte-order mark, else strict UTF-8 (a BOM
 * is dropped). Invalid bytes are an error, not U+FFFD: a Latin-1 file must say so rather than read as
 * garbage. Throws ReportError with one line (no file name).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ReportError('the file is empty');
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (!utf16 && bytes.includes(0)) throw new ReportError('looks like a binary file (it contains NUL bytes), not text');
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReportError(utf16 ? `is not valid ${utf16.toUpperCase()} text` : 'is not valid UTF-8 text');
  }
  if (utf16 && text.includes('\u0000')) throw new ReportError('looks like a binary file (it contains NUL characters), not text');
  return text;
}

/** Plain text with `[n]` notes and Markdown (web captures included): the format Dossier always reads. */
export const textReader: ReportReader = {
  format: 'text',
  label: 'plain text or Markdown',
  extensions: TEXT_EXTENSIONS,
  accepts: (name, firstBytes) => {
    const format = sniffFormat(name, firstBytes);
    return format === 'text' || format === 'markdown';
  },
  read: async (bytes, name) => parseReportWithSpans(decodeText(bytes), { source: name }),
};
