/**
 * The PDF page view beside the reader: one webview panel that draws a PDF report's pages with pdf.js
 * (dist/pdfPage.js, loaded only when the panel opens) and highlights an item's text on its page. The host
 * reads the file (workspace.fs, so it works for any file system) and posts its bytes; the page posts back
 * what it drew, which Show Original Page returns.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import { escapeXml as escapeText } from '../core/xml';
import {
  pageViewType,
  parsePageViewMessage,
  parsePageViewState,
  type PageHostMessage,
  type PageViewMessage,
} from '../shared/pageViewProtocol';
import { webviewHtml, webviewOptions } from '../shared/webviewPage';

/** How long Show Original Page waits for the page to be drawn (pdf.js on a busy machine) before it returns. */
const DRAWN_WITHIN_MS = 30000;

/** What the page view drew: the page it turned to and the text it highlighted there. */
export interface PageShown {
  page?: number;
  pages?: number;
  highlighted: string;
  /** a sentence instead of a page (the file is gone) or pdf.js's failure */
  message?: string;
}

export interface PageRequest {
  uri: vscode.Uri;
  page: number;
  label?: string;
  text?: string;
}

export class PdfPageView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready: Promise<void> | undefined;
  /** the content key of the document the page holds, so the same PDF is not posted twice */
  private held: string | undefined;
  private readonly replies = new vscode.EventEmitter<PageViewMessage>();
  private last: PageShown | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** What the view last drew (tests). */
  get lastShown(): PageShown | undefined {
    return this.last;
  }

  /** Opens (or reuses) the panel beside the reader, turned to `request.page` with its text highlighted. */
  async show(request: PageRequest): Promise<PageShown> {
    const name = request.uri.path.split('/').pop() ?? request.uri.path;
    this.reveal(name);
    await this.ready;
    let bytes: string | undefined;
    let key: string;
    try {
      const stat = await vscode.workspace.fs.stat(request.uri);
      key = `${request.uri.toString()}#${stat.mtime}#${stat.size}`;
      if (key !== this.held) bytes = Buffer.from(await vscode.workspace.fs.readFile(request.uri)).toString('base64');
    } catch (error) {
      const text = vscode.l10n.t(
        'The original file {0} is no longer where Dossier read it ({1}): {2}',
        name,
        request.uri.fsPath || request.uri.toString(),
        errorMessage(error),
      );
      this.held = undefined;
      void this.post({ type: 'message', text });
      void vscode.window.showWarningMessage(text);
      return (this.last = { highlighted: '', message: text });
    }
    const reply = this.reply(key);
    const state = {
      uri: request.uri.toString(),
      page: request.page,
      ...(request.label !== undefined ? { label: request.label } : {}),
      ...(request.text !== undefined ? { text: request.text } : {}),
    };
    await this.post({ type: 'show', name, key, data: bytes, page: request.page, label: request.label, text: request.text, state });
    this.held = key;
    const answer = await reply;
    if (answer?.type === 'shown') return (this.last = { page: answer.page, pages: answer.pages, highlighted: answer.highlighted });
    this.held = undefined;
    const message =
      answer?.type === 'failed'
        ? vscode.l10n.t('Dossier could not draw {0}: {1}', name, answer.message)
        : vscode.l10n.t('The page view of {0} did not answer in time.', name);
    void vscode.window.showWarningMessage(message);
    return (this.last = { highlighted: '', message });
  }

  /**
   * Brings the page view back after a window reload (the WebviewPanelSerializer): the same file, page and
   * highlight, from the state the page saved. Without a usable state the panel says what to do instead.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<PageShown | undefined> {
    this.panel?.dispose();
    this.adopt(panel);
    const saved = parsePageViewState(state);
    if (!saved) {
      await this.ready;
      const text = vscode.l10n.t('Use Dossier: Show Original Page on a paragraph or figure of a PDF report to see its page here.');
      void this.post({ type: 'message', text });
      return (this.last = { highlighted: '', message: text });
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(saved.uri, true);
    } catch {
      this.log.warn(`PDF page view: the saved file address ${saved.uri} is not a URI.`);
      return undefined;
    }
    return this.show({ uri, page: saved.page, label: saved.label, text: saved.text });
  }

  private reveal(name: string): void {
    if (this.panel) {
      this.panel.title = name;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      pageViewType,
      name,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      // drawn pages are kept while the tab is hidden: redrawing them means posting and parsing the PDF again
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: true },
    );
    this.adopt(panel);
  }

  /** Makes `panel` (new, or restored by VS Code) the page view: its page, its messages, its end. */
  private adopt(panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'dossier.svg');
    this.panel = panel;
    this.held = undefined;
    this.ready = new Promise(resolve => {
      const listener = panel.webview.onDidReceiveMessage(raw => {
        const message = parsePageViewMessage(raw);
        if (!message) return;
        if (message.type === 'ready') resolve();
        else this.replies.fire(message);
        if (message.type === 'failed') this.log.warn(`PDF page view: ${message.message}`);
      });
      panel.onDidDispose(() => {
        listener.dispose();
        resolve();
      });
    });
    panel.onDidDispose(() => {
      if (this.panel === panel) {
        this.panel = undefined;
        this.held = undefined;
      }
    });
    panel.webview.html = pageHtml(panel.webview, this.extensionUri);
  }

  private async post(message: PageHostMessage): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  /** The page's answer to the show with this key, or undefined when it does not come in time. */
  private reply(key: string): Promise<PageViewMessage | undefined> {
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        listener.dispose();
        resolve(undefined);
      }, DRAWN_WITHIN_MS);
      const listener = this.replies.event(message => {
        // a failure the page cannot tie to a show (key '') ends the wait too
        if (message.type === 'ready' || (message.key !== key && !(message.type === 'failed' && message.key === ''))) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(message);
      });
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.replies.dispose();
  }
}

/** The page in the shared shell (src/shared/webviewPage.ts), with the images and fonts pdf.js makes from the PDF itself. */
function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    script: 'pdfPage.js',
    style: 'pdfPage.css',
    title: vscode.l10n.t('Original page'),
    body: `<header id="toolbar" aria-live="polite"></header>
<p id="status" class="message">${escapeText(vscode.l10n.t('Loading the PDF…'))}</p>
<main id="pages" tabindex="0" aria-label="${escapeText(vscode.l10n.t('Pages of the original PDF'))}"></main>`,
    imageSources: ['blob:', 'data:'],
    fontSources: ['blob:', 'data:'],
  });
}
