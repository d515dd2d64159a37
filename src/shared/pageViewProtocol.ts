/**
 * The messages between the PDF page view's host (src/reader/pageView.ts) and its webview
 * (src/webview/pdfPage.ts). Each side checks what it receives before acting on it: a message is only data.
 */

/** The page view's webview type (its serializer restores it after a window reload). */
export const pageViewType = 'dossier.pdfPage';

/** Host → page: a PDF to show (its bytes), the page to turn to and the item's text to highlight there. */
export interface ShowPage {
  type: 'show';
  /** the file's name, for the toolbar */
  name: string;
  /** identifies the file's content: the page keeps the document it has when this is unchanged */
  key: string;
  /**
   * The PDF, base64: absent when the page already holds the document with this key. (A Uint8Array reaches a
   * webview of a remote extension host, as in code-server, as a plain object of numbered keys.)
   */
  data?: string;
  /** 1-based */
  page: number;
  /** the printed page number, when the report prints another one than the physical page */
  label?: string;
  text?: string;
  /** what the page keeps (setState) so the host can show the same again after a window reload */
  state?: PageViewState;
}

/** The page view's saved state: the report's file, the page and the highlighted text, enough to show it again. */
export interface PageViewState {
  /** the PDF's URI, as a string */
  uri: string;
  /** 1-based */
  page: number;
  label?: string;
  text?: string;
}

/** Host → page: nothing to draw, a sentence instead (the file is gone, unreadable). */
export interface PageMessage {
  type: 'message';
  text: string;
}

export type PageHostMessage = ShowPage | PageMessage;

/** Page → host. `ready` when the script runs; `shown` once the page and its text layer are drawn. */
export type PageViewMessage =
  | { type: 'ready' }
  | { type: 'shown'; key: string; page: number; pages: number; highlighted: string }
  | { type: 'failed'; key: string; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parsePageHostMessage(raw: unknown): PageHostMessage | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.type === 'message' && typeof raw.text === 'string') return { type: 'message', text: raw.text };
  if (
    raw.type === 'show' &&
    typeof raw.name === 'string' &&
    typeof raw.key === 'string' &&
    Number.isInteger(raw.page) &&
    (raw.page as number) >= 1 &&
    (raw.data === undefined || typeof raw.data === 'string') &&
    (raw.label === undefined || typeof raw.label === 'string') &&
    (raw.text === undefined || typeof raw.text === 'string') &&
    (raw.state === undefined || parsePageViewState(raw.state) !== undefined)
  )
    return raw as unknown as ShowPage;
  return undefined;
}

/** The state a page view saved, as VS Code hands it back after a reload: anything else is no state. */
export function parsePageViewState(raw: unknown): PageViewState | undefined {
  if (!isObject(raw) || typeof raw.uri !== 'string' || !raw.uri || !Number.isInteger(raw.page) || (raw.page as number) < 1)
    return undefined;
  return {
    uri: raw.uri,
    page: raw.page as number,
    ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
    ...(typeof raw.text === 'string' ? { text: raw.text } : {}),
  };
}

export function parsePageViewMessage(raw: unknown): PageViewMessage | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.type === 'ready') return { type: 'ready' };
  if (
    raw.type === 'shown' &&
    typeof raw.key === 'string' &&
    Number.isInteger(raw.page) &&
    Number.isInteger(raw.pages) &&
    typeof raw.highlighted === 'string'
  )
    return { type: 'shown', key: raw.key, page: raw.page as number, pages: raw.pages as number, highlighted: raw.highlighted };
  if (raw.type === 'failed' && typeof raw.key === 'string' && typeof raw.message === 'string')
    return { type: 'failed', key: raw.key, message: raw.message };
  return undefined;
}
