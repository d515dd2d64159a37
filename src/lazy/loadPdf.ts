/**
 * Loads the PDF reader (dist/pdf.js, pdf.js inside) at first use, with a runtime require so neither esbuild
 * nor the activation path pulls pdf.js into extension.js or cli.js. From sources (tsx: tests, dev) it loads
 * src/lazy/pdf.ts, never a dist/pdf.js that may be older than the sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { textReader, type ReportReader } from '../core/formats';
import type * as PdfReader from './pdf';

let reader: typeof PdfReader | undefined;

export function pdfReader(): typeof PdfReader {
  if (!reader) {
    const bundled = path.join(__dirname, 'pdf.js');
    const file = fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'lazy', 'pdf');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reader = require(file) as typeof PdfReader;
  }
  return reader;
}

/**
 * PDF reports for a dossier's reader registry (`dossier.readers.register(pdfReportReader)`): the extension
 * and the CLI register it; pdf.js is loaded at the first PDF, not before.
 */
export const pdfReportReader: ReportReader = {
  format: 'pdf',
  label: 'PDF',
  extensions: ['.pdf'],
  // by content: a file named .pdf that is not one (a Markdown copy, say) is read as what it is
  read: (bytes, name) => (isPdf(bytes) ? pdfReader().readPdf(bytes, name) : textReader.read(bytes, name)),
};

/** "%PDF-" within the first KB, as PDF readers accept it. */
function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}
