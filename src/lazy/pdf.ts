/**
 * Entry of the lazy bundle dist/pdf.js: reads a PDF's text items and structure tree with pdf.js
 * (pdfjs-dist 5.6.205 legacy build, Apache-2.0; the last release whose engines allow Node 20) and hands them
 * to the pure layout analysis in src/core/parse/pdf.ts. Loaded with require() at first use, never on
 * activation (it is ~1.7 MB).
 *
 * Only text is read, nothing is drawn: no canvas, no fonts loaded, no eval. pdf.js's own worker runs in this
 * thread (inlined as globalThis.pdfjsWorker), which is what pdf.js does in Node anyway; the extension and the
 * CLI run this whole bundle in a worker thread of their own (serveReads, started by ./loadPdf.ts), so a
 * PDF that keeps pdf.js busy for seconds never holds the extension host and is stopped at a time limit. Big
 * text and Markdown reports are parsed in the same thread, with the same limit (the core's text reader), and
 * so are saved web pages and Word files (the web engine, dist/web.js, loaded in this thread at the first one).
 */
import { readlinkSync } from 'fs';
import { parentPort, type MessagePort } from 'worker_threads';
import './pdfShim';
import { ReportError, errorMessage } from '../core/errors';
import { textReader } from '../core/formats';
import type { Footnote, Figure, Paragraph, Section, Table } from '../core/model';
import type { ParsedReport } from '../core/parse';
import type { SourceSpan } from '../core/parse/spans';
import { spanArray } from '../core/parse/spans';
import { parsePdfContent } from '../core/parse/pdf';
import { readDocx, readHtml } from './webReaders';
import type { PdfContent, PdfInfo, PdfItem, PdfLink, PdfPage } from '../core/parse/pdfItems';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });

// Imported dynamically: both are ES modules; esbuild inlines them into this bundle, tsx loads them natively.
let loaded: Promise<PdfJs> | undefined;
function pdfjsLib(): Promise<PdfJs> {
  return (loaded ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })());
}

/** Over this many pages a PDF is a book or a data dump, not a report; reading it would take minutes. */
const MAX_PAGES = 2000;

/** Reads a PDF report into Dossier's model. Throws ReportError with a one-line reason for what it cannot read. */
export async function readPdf(bytes: Uint8Array, name: string): Promise<ParsedReport> {
  const content = await readPdfContent(bytes);
  return parsePdfContent(content, { source: name });
}

/** The file read by its format's reader: pdf.js, the web engine (HTML, Word) or the text parser. */
function readAs({ bytes, name, format }: ReadRequest): Promise<ParsedReport> {
  if (format === 'pdf') return readPdf(bytes, name);
  if (format === 'html') return readHtml(bytes, name);
  if (format === 'docx') return readDocx(bytes, name);
  return textReader.read(bytes, name);
}

/** A file to read, as ./loadPdf.ts sends it to the worker thread (one at a time): a PDF, text or Markdown, a web page, a Word file. */
export interface ReadRequest {
  bytes: Uint8Array;
  name: string;
  format: 'pdf' | 'text' | 'html' | 'docx';
  /** where the report's slices go (see ReportSlice) */
  slices: MessagePort;
}
/**
 * The worker thread's answer: the report, or why not (`refused` for a ReportError, the reader's own answer).
 * `parsed` comes without its sections, notes, figures, tables and spans: they follow in `slices` messages on
 * the request's port, in order.
 */
export type ReadAnswer =
  /** `stat`: this thread's /proc stat file, where its processor time is read (Linux; none elsewhere) */
  { ready: true; stat?: string } | { parsed: ParsedReport; slices: number } | { error: string; refused: boolean };

/**
 * A part of a report's lists, appended to the list `to` names ('paragraphs': the last section's). Taking in a
 * 5 MB report's structured clone held the host ~100 ms in one message; slices of ~200 items are taken in one at
 * a time, with the event loop running between them.
 */
export type ReportSlice =
  | { to: 'sections'; items: Section[] }
  | { to: 'paragraphs'; items: Paragraph[] }
  | { to: 'footnotes'; items: Footnote[] }
  | { to: 'figures'; items: Figure[] }
  | { to: 'tables'; items: Table[] }
  | { to: 'spans'; items: SourceSpan[] };

const SLICE_ITEMS = 200;

/** The report without its lists, and the lists in slices (spans as plain objects: a structured clone keeps a class's fields, not the class). */
export function sliceReport(parsed: ParsedReport): { rest: ParsedReport; slices: ReportSlice[] } {
  const { report } = parsed;
  const slices: ReportSlice[] = [];
  const add = <T>(to: ReportSlice['to'], items: readonly T[]) => {
    for (let i = 0; i < items.length; i += SLICE_ITEMS) slices.push({ to, items: items.slice(i, i + SLICE_ITEMS) } as ReportSlice);
  };
  let batch: Section[] = [];
  let weight = 0;
  const flush = () => {
    if (batch.length) slices.push({ to: 'sections', items: batch });
    batch = [];
    weight = 0;
  };
  for (const section of report.sections) {
    if (section.paragraphs.length > SLICE_ITEMS) {
      // one section of many paragraphs (a report without headings): its paragraphs in slices of their own
      flush();
      slices.push({ to: 'sections', items: [{ ...section, paragraphs: [] }] });
      add('paragraphs', section.paragraphs);
      continue;
    }
    batch.push(section);
    weight += 1 + section.paragraphs.length;
    if (weight >= SLICE_ITEMS) flush();
  }
  flush();
  add('footnotes', report.footnotes);
  add('figures', report.figures);
  if (report.tables) add('tables', report.tables);
  add('spans', spanArray(parsed.spans));
  const lists = { sections: [], footnotes: [], figures: [], ...(report.tables ? { tables: [] } : {}) };
  return { rest: { ...parsed, report: { ...report, ...lists }, spans: [] }, slices };
}

/**
 * Run in a worker thread: says it is ready, then reads each file it is sent, one at a time (pdf.js is loaded
 * at the first PDF: a worker that only parses text never loads it). The report crosses back as a structured
 * clone (plain data: the library cache stores the same as JSON).
 */
export function serveReads(): void {
  const port = parentPort;
  if (!port) return;
  const answer = (message: ReadAnswer) => port.postMessage(message);
  port.on('message', (request: ReadRequest) => {
    readAs(request).then(
      parsed => {
        const { rest, slices } = sliceReport(parsed);
        for (const slice of slices) request.slices.postMessage(slice);
        answer({ parsed: rest, slices: slices.length });
      },
      (error: unknown) =>
        answer({
          error: error instanceof ReportError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error),
          refused: error instanceof ReportError,
        }),
    );
  });
  let stat: string | undefined;
  try {
    // "PID/task/TID": this thread's own entry (a worker is an operating-system thread of the host's process)
    stat = `/proc/${readlinkSync('/proc/thread-self')}/stat`;
  } catch {
    // no /proc (macOS, Windows): the time limit is counted on the wall clock
  }
  answer({ ready: true, ...(stat ? { stat } : {}) });
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}
interface MarkedContent {
  type: string;
  tag?: string;
  id?: string;
}

/** The text items of every page with the structure elements around them, as plain data. */
export async function readPdfContent(bytes: Uint8Array): Promise<PdfContent> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy
  const data = new Uint8Array(bytes);
  const pdfjs = await pdfjsLib();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      stopAtErrors: false,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new ReportError('The PDF is password-protected: Dossier cannot read it.');
    throw new ReportError(`Not a readable PDF: ${errorMessage(error)}`);
  }
  try {
    if (doc.numPages > MAX_PAGES) throw new ReportError(`The PDF has ${doc.numPages} pages; Dossier reads reports of up to ${MAX_PAGES}.`);
    const info = await readInfo(doc);
    const pages: PdfPage[] = [];
    let tagged = false;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      const tree = (await page.getStructTree().catch(() => null)) as StructNode | null;
      if (tree?.children?.length) tagged = true;
      const content = await page.getTextContent({ includeMarkedContent: true });
      const links = pageLinks((await page.getAnnotations({ intent: 'display' }).catch(() => [])) as Annotation[], x0, y0);
      pages.push({
        n,
        width: x1 - x0,
        height: y1 - y0,
        items: pageItems(content.items as (TextItem | MarkedContent)[], tree, x0, y0),
        ...(links.length ? { links } : {}),
      });
      page.cleanup();
    }
    const labels = ((await doc.getPageLabels().catch(() => null)) as string[] | null) ?? undefined;
    return labels?.length === pages.length ? { pages, info, tagged, labels } : { pages, info, tagged };
  } catch (error) {
    // a damaged stream inside a page ("Bad encoding in flate stream") fails only when the page is read
    if (error instanceof ReportError) throw error;
    throw new ReportError(`Not a readable PDF: ${errorMessage(error)}`);
  } finally {
    await doc.destroy();
  }
}

interface Annotation {
  subtype?: string;
  url?: unknown;
  rect?: number[];
}

/** Link annotations to web addresses (not links within the document), at most 1,000 a page. */
function pageLinks(annotations: Annotation[], x0: number, y0: number): PdfLink[] {
  const links: PdfLink[] = [];
  for (const a of annotations) {
    if (a.subtype !== 'Link' || typeof a.url !== 'string' || !/^https?:\/\//i.test(a.url) || a.rect?.length !== 4) continue;
    const [ax1, ay1, ax2, ay2] = a.rect;
    links.push({
      url: a.url,
      x1: round(Math.min(ax1, ax2) - x0),
      y1: round(Math.min(ay1, ay2) - y0),
      x2: round(Math.max(ax1, ax2) - x0),
      y2: round(Math.max(ay1, ay2) - y0),
    });
    if (links.length >= 1000) break;
  }
  return links;
}

/** Each text item with the chain of structure elements its marked-content id sits under. */
function pageItems(raw: (TextItem | MarkedContent)[], tree: StructNode | null, x0: number, y0: number): PdfItem[] {
  const chains = new Map<string, string[]>();
  let serial = 0;
  const walk = (node: StructNode, chain: string[]) => {
    if (node.type === 'content' && node.id) {
      chains.set(node.id, chain);
      return;
    }
    if (node.type) return;
    const here =
      node.role && node.role !== 'Root' && node.role !== 'Document' && node.role !== 'Span'
        ? [...chain, `${node.role}#${++serial}`]
        : chain;
    for (const child of node.children ?? []) walk(child, here);
  };
  if (tree) walk(tree, []);
  const items: PdfItem[] = [];
  const open: (string[] | undefined)[] = [];
  for (const it of raw) {
    if ('type' in it) {
      if (it.type === 'beginMarkedContentProps' || it.type === 'beginMarkedContent') {
        open.push(it.tag === 'Artifact' ? ['Artifact'] : it.id ? chains.get(it.id) : open.at(-1));
      } else if (it.type === 'endMarkedContent') open.pop();
      continue;
    }
    if (!it.str) continue;
    const [a, b, c, d, e, f] = it.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b);
    const item: PdfItem = { s: it.str, x: round(e - x0), y: round(f - y0), w: round(it.width), size: round(size) };
    if (it.hasEOL) item.eol = true;
    let tags: string[] | undefined;
    for (let i = open.length - 1; i >= 0 && !tags; i--) tags = open[i];
    if (tags?.length) item.tags = tags;
    items.push(item);
  }
  return items;
}

async function readInfo(doc: { getMetadata(): Promise<{ info: object }> }): Promise<PdfInfo> {
  const meta = await doc.getMetadata().catch(() => ({ info: {} }));
  const raw = meta.info as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const info: PdfInfo = {};
  const set = (k: keyof PdfInfo, v: unknown) => {
    const s = str(v);
    if (s) info[k] = s;
  };
  set('title', raw.Title);
  set('author', raw.Author);
  set('subject', raw.Subject);
  set('keywords', raw.Keywords);
  const created = /^D:(\d{4})(\d{2})(\d{2})/.exec(str(raw.CreationDate) ?? '');
  if (created) info.created = `${created[1]}-${created[2]}-${created[3]}`;
  return info;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
