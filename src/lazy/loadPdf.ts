/**
 * PDF reports, saved web pages, Word files and big text and Markdown reports read off this thread: the readers
 * the extension and the CLI register. PDFs are read by pdf.js (dist/pdf.js) in a worker thread with a time
 * limit on each file: a damaged font table can keep pdf.js busy for seconds in one call, which in the extension
 * host would freeze every extension. Web pages and Word files are converted in the same worker (a 160 KB page
 * held the host ~1 s, the web engine's first load included; a 1.3 MB one ~3 s). Text and Markdown reports
 * from `textBytes` on are parsed there too (a 1 MB one takes the parser a few hundred ms, a 50 MB one seconds):
 * the extension sends every one (a first parse in a session, not yet compiled, held its host 110–160 ms); the
 * CLI keeps those under 64 KB in its own thread, where they take less than a round trip. The worker's side of the host
 * (./workerReads.ts, dist/workerReads.js) loads at the first such read.
 */
import { ReportError } from '../core/errors';
import { textReader, type ReportReader } from '../core/formats';
import { isMarkdownName } from '../core/parse';
import { packSpans } from '../core/parse/spans';
import { docxReader, htmlReader, readDocx, readHtml } from './webReaders';
import { workerReadsEngine } from './load';
import type { WorkerReader } from './workerReads';

/**
 * How long one PDF or big text report may take to read, in seconds, unless the analyst says otherwise
 * (dossier.maxPdfReadSeconds).
 */
export const DEFAULT_READ_SECONDS = 20;
/**
 * Text and Markdown reports of this many bytes or more are parsed in the worker: about where parsing passes
 * 25 ms (measured: a 64 KB CRS web capture 15–24 ms, 96 KB 21–42 ms, 150 KB 60–145 ms; the 25 KB seed 6–18 ms).
 */
export const WORKER_TEXT_BYTES = 64 * 1024;

/** "%PDF-" within the first KB, as PDF readers accept it. */
function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/** PDF reports, web pages, Word files and big text ones read in a worker thread: the readers to register, and the end of their worker. */
export interface WorkerReaders {
  /** PDF files (by content: a file named .pdf that is not one, a Markdown copy say, is read as what it is) */
  readonly pdf: ReportReader;
  /** plain text and Markdown, in the worker from `textBytes` on, in this thread below */
  readonly text: ReportReader;
  /** saved web pages (.html, .htm, .xhtml), converted in the worker whatever their size */
  readonly html: ReportReader;
  /** Word files (.docx), converted in the worker */
  readonly docx: ReportReader;
  /** Registers them all; the function returned removes them again. */
  register(registry: { register(reader: ReportReader): () => void }): () => void;
  close(): Promise<void>;
}

/**
 * The readers that keep heavy reads off this thread (`workerReaders(…).register(dossier.readers)`): the
 * extension and the CLI register them; the worker starts at the first PDF, web page, Word file or big text
 * report, not before. `textBytes`: text and Markdown reports of this many bytes or more are parsed in the
 * worker (WORKER_TEXT_BYTES unless said otherwise).
 * Registered after the core's text reader, the text reader here is asked first.
 */
export function workerReaders(
  limitSeconds: () => number = () => DEFAULT_READ_SECONDS,
  { textBytes = WORKER_TEXT_BYTES }: { textBytes?: number } = {},
): WorkerReaders {
  let worker: WorkerReader | undefined;
  const reader = () =>
    (worker ??= new (workerReadsEngine().WorkerReader)(limitSeconds, {
      readHere: (bytes, name, format) =>
        format === 'html' ? readHtml(bytes, name) : format === 'docx' ? readDocx(bytes, name) : textReader.read(bytes, name),
      pack: packSpans,
      refused: message => new ReportError(message),
    }));
  const readText = (bytes: Uint8Array, name: string) =>
    bytes.length >= textBytes
      ? reader().read(bytes, name, 'text', isMarkdownName(name) ? 'Markdown report' : 'text report')
      : textReader.read(bytes, name);
  const pdf: ReportReader = {
    format: 'pdf',
    label: 'PDF',
    extensions: ['.pdf'],
    read: (bytes, name) => (isPdf(bytes) ? reader().read(bytes, name, 'pdf', 'PDF') : readText(bytes, name)),
  };
  const text: ReportReader = { ...textReader, read: readText };
  const html: ReportReader = { ...htmlReader, read: (bytes, name) => reader().read(bytes, name, 'html', 'web page') };
  const docx: ReportReader = { ...docxReader, read: (bytes, name) => reader().read(bytes, name, 'docx', 'Word document') };
  return {
    pdf,
    text,
    html,
    docx,
    register: registry => {
      const removes = [text, pdf, html, docx].map(reader => registry.register(reader));
      return () => removes.forEach(remove => remove());
    },
    close: async () => worker?.close(),
  };
}
