import * as vscode from 'vscode';
import { escapeXml as escapeText } from '../core/xml';
import { webviewHtml } from '../shared/webviewPage';

/**
 * The chart panel's page in the shared shell (src/shared/webviewPage.ts): Lit's components use constructable
 * stylesheets, which its CSP allows; charts arrive as finished SVG, so no eval and no inline style.
 */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewHtml(webview, extensionUri, {
    script: 'webview.js',
    style: 'preview.css',
    title: vscode.l10n.t('Dossier Charts'),
    // only the status line is live: a screen reader must not read the whole panel again on every keystroke
    body: `<main id="app"><p class="message">${escapeText(vscode.l10n.t('Loading charts…'))}</p></main>
<p id="status" class="notice" role="status" aria-live="polite" hidden></p>`,
  });
}
