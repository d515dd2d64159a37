/**
 * The PDF page view: draws a report's PDF with pdf.js (canvas + text layer), every page in one scroll, turned
 * to the page the host names, with the item's text highlighted in the text layer. Pages are drawn as they
 * come into view. pdf.js runs in this page (its worker module inlined as globalThis.pdfjsWorker), so the
 * CSP needs no worker, no eval and nothing remote. The report's text is only ever set as text content.
 */
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { piecesHolding } from '../core/pageHighlight';
import { parsePageHostMessage, type PageViewMessage, type ShowPage } from '../shared/pageViewProtocol';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs', { with: { 'resolution-mode': 'import' } });
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

interface VsCodeApi {
  postMessage(message: PageViewMessage): void;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const toolbar = document.getElementById('toolbar') as HTMLElement;
const pagesBox = document.getElementById('pages') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

let pdfjs: Promise<PdfJs> | undefined;
let doc: PdfDocument | undefined;
let docKey: string | undefined;
/** what the host asked for last: the highlight is redrawn on that page when it comes into view again */
let wanted: ShowPage | undefined;
let slots: HTMLElement[] = [];
const drawn = new Map<number, Promise<HTMLElement[]>>();
let observer: IntersectionObserver | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(text: string): void {
  observer?.disconnect();
  pagesBox.replaceChildren();
  status.textContent = text;
  status.hidden = false;
}

async function show(message: ShowPage): Promise<void> {
  wanted = message;
  pagesBox.querySelectorAll('.highlight').forEach(old => old.classList.remove('highlight'));
  if (message.data || message.key !== docKey) {
    if (!message.data) throw new Error('the host sent no PDF');
    await open(fromBase64(message.data), message.key);
  }
  const document = doc!;
  const page = Math.min(message.page, document.numPages);
  setToolbar(message.name, page, document.numPages, message.label);
  slots[page - 1]!.scrollIntoView({ block: 'start' });
  const highlighted = highlightOn(page, await draw(page));
  highlighted[0]?.scrollIntoView({ block: 'center' });
  setToolbar(message.name, page, document.numPages, message.label);
  // kept by VS Code across a window reload, and handed back to the host to show the same page again
  if (message.state) vscode.setState(message.state);
  vscode.postMessage({
    type: 'shown',
    key: message.key,
    page,
    pages: document.numPages,
    highlighted: highlighted.map(p => p.textContent ?? '').join(' '),
  });
}

function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Loads the document and lays out one empty slot per page at its size, drawn when it comes into view. */
async function open(data: Uint8Array, key: string): Promise<void> {
  const lib = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  observer?.disconnect();
  drawn.clear();
  await doc?.destroy();
  doc = undefined;
  docKey = undefined;
  const loaded = await lib.getDocument({ data, isEvalSupported: false, verbosity: 0, stopAtErrors: false }).promise;
  doc = loaded;
  docKey = key;
  status.hidden = true;
  const width = pagesBox.clientWidth || document.body.clientWidth;
  slots = [];
  for (let n = 1; n <= loaded.numPages; n++) {
    const page = await loaded.getPage(n);
    const viewport = page.getViewport({ scale: scaleFor(page, width) });
    const slot = el('section', 'page');
    slot.dataset.page = String(n);
    slot.setAttribute('aria-label', `Page ${n}`);
    slot.style.width = `${Math.floor(viewport.width)}px`;
    slot.style.height = `${Math.floor(viewport.height)}px`;
    slots.push(slot);
  }
  pagesBox.replaceChildren(...slots);
  observer = new IntersectionObserver(
    entries => {
      for (const entry of entries) {
        const n = Number((entry.target as HTMLElement).dataset.page);
        if (entry.isIntersecting) void draw(n).catch(fail);
        else release(n);
      }
    },
    { root: null, rootMargin: '1200px 0px' },
  );
  for (const slot of slots) observer.observe(slot);
}

/** The page fills the view's width (less its margin), never smaller than half its printed size. */
function scaleFor(page: PdfPage, width: number): number {
  const natural = page.getViewport({ scale: 1 }).width;
  return Math.max(0.5, Math.min(3, (width - 32) / natural));
}

/** Draws page n (canvas, then text layer) once; returns its text pieces, in the order of pdf.js's text items. */
function draw(n: number): Promise<HTMLElement[]> {
  let pending = drawn.get(n);
  if (!pending) {
    pending = drawPage(n);
    drawn.set(n, pending);
  }
  return pending;
}

/** Marks the pieces of page n that hold the wanted item's text (none on other pages); returns them. */
function highlightOn(n: number, pieces: HTMLElement[]): HTMLElement[] {
  slots[n - 1]?.querySelectorAll('.highlight').forEach(old => old.classList.remove('highlight'));
  if (!wanted?.text || wanted.page !== n) return [];
  const held = piecesHolding(
    pieces.map(p => p.textContent ?? ''),
    wanted.text,
  ).map(i => pieces[i]!);
  for (const p of held) p.classList.add('highlight');
  return held;
}

/** Forgets a page far out of view: a drawn page holds a canvas of several MB. */
function release(n: number): void {
  if (!drawn.delete(n)) return;
  slots[n - 1]?.replaceChildren();
}

async function drawPage(n: number): Promise<HTMLElement[]> {
  const lib = await pdfjs!;
  const page = await doc!.getPage(n);
  const slot = slots[n - 1]!;
  const viewport = page.getViewport({ scale: scaleFor(page, pagesBox.clientWidth || document.body.clientWidth) });
  const ratio = window.devicePixelRatio || 1;
  const canvas = el('canvas');
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  canvas.setAttribute('aria-hidden', 'true');
  const text = el('div', 'textLayer');
  slot.style.setProperty('--total-scale-factor', String(viewport.scale));
  slot.replaceChildren(canvas, text);
  await page.render({
    canvas,
    canvasContext: canvas.getContext('2d')!,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  }).promise;
  const layer = new lib.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport });
  await layer.render();
  highlightOn(n, layer.textDivs);
  return layer.textDivs;
}

/** The page across the middle of the view: the one the analyst is reading. */
function currentPage(): number | undefined {
  const middle = window.innerHeight / 2;
  let nearest: { n: number; distance: number } | undefined;
  for (const slot of slots) {
    const box = slot.getBoundingClientRect();
    const distance = box.top > middle ? box.top - middle : box.bottom < middle ? middle - box.bottom : 0;
    if (!nearest || distance < nearest.distance) nearest = { n: Number(slot.dataset.page), distance };
    if (box.top > middle) break;
  }
  return nearest?.n;
}

function setToolbar(name: string, page: number, pages: number, label?: string): void {
  const where = label && label !== String(page) ? `Page ${page} of ${pages} (printed ${label})` : `Page ${page} of ${pages}`;
  toolbar.replaceChildren(el('span', 'name', name), el('span', 'where', where));
}

function turn(by: number): void {
  const now = currentPage();
  if (now === undefined) return;
  const next = Math.min(slots.length, Math.max(1, now + by));
  slots[next - 1]?.scrollIntoView({ block: 'start' });
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  vscode.postMessage({ type: 'failed', key: wanted?.key ?? '', message });
  say(`Dossier could not draw this PDF: ${message}`);
}

let toolbarFrame = 0;
window.addEventListener('scroll', () => {
  cancelAnimationFrame(toolbarFrame);
  toolbarFrame = requestAnimationFrame(() => {
    const now = currentPage();
    if (now !== undefined && wanted && doc) setToolbar(wanted.name, now, doc.numPages, now === wanted.page ? wanted.label : undefined);
  });
});

window.addEventListener('keydown', event => {
  if (event.key === 'PageDown' || event.key === 'PageUp') {
    event.preventDefault();
    turn(event.key === 'PageDown' ? 1 : -1);
  } else if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    slots[event.key === 'Home' ? 0 : slots.length - 1]?.scrollIntoView({ block: 'start' });
  }
});

window.addEventListener('message', event => {
  const message = parsePageHostMessage(event.data);
  if (!message) {
    vscode.postMessage({ type: 'failed', key: '', message: 'the page view received a message it does not understand' });
    return;
  }
  if (message.type === 'message') {
    wanted = undefined;
    toolbar.replaceChildren();
    say(message.text);
    return;
  }
  void show(message).catch(fail);
});

window.addEventListener('error', event => fail(event.error ?? event.message));
window.addEventListener('unhandledrejection', event => fail(event.reason));

vscode.postMessage({ type: 'ready' });
