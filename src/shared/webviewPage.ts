/**
 * One shell for Dossier's webview pages (the chart panel, the PDF page view): the same panel options and
 * the same strict Content-Security-Policy — nothing by default, the page's one script only with its nonce,
 * styles and fonts from the extension, images from the extension or data: URIs (and what a page names
 * besides, like pdf.js's blob:), no eval, no inline script or style, nothing remote.
 */
import * as vscode from 'vscode';
import { escapeXml as escapeAttribute } from '../core/xml';

/** What a page is made of; `body` is markup whose text the caller has escaped. */
export interface WebviewPage {
  /** its script, in dist/ */
  script: string;
  /** its stylesheet, in media/ */
  style: string;
  title: string;
  body: string;
  /** where images and fonts may come from besides the extension (pdf.js draws from blob: and data:) */
  imageSources?: string[];
  fontSources?: string[];
}

/** Where a page may load files from: the bundles and the media folder, nothing else; no command links. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** The page's HTML, with a fresh nonce unless one is given. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage, nonce = makeNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', page.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.style));
  const csp = [
    "default-src 'none'",
    [`img-src ${webview.cspSource}`, ...(page.imageSources ?? ['data:'])].join(' '),
    `style-src ${webview.cspSource}`,
    [`font-src ${webview.cspSource}`, ...(page.fontSources ?? [])].join(' '),
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
${page.body}
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/** A fresh nonce for a page's Content-Security-Policy: its script runs only with it. */
function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes)
    .toString('base64')
    .replace(/[+/=]/g, c => ({ '+': '-', '/': '_', '=': '' })[c] as string);
}
