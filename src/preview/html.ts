import * as vscode from 'vscode';
import { escapeXml as escapeAttribute } from '../core/xml';
import { makeNonce } from '../shared/nonce';

/** Where the webview may load files from: the bundles and the media folder, nothing else. */
export function previewWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * The page shell. Strict CSP: nothing by default, scripts only with this page's nonce, styles and fonts only
 * from the extension (Lit's components use constructable stylesheets, which CSP allows), images from the
 * extension or data: URIs. No unsafe-eval and no unsafe-inline: charts arrive as finished SVG.
 */
export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = makeNonce()): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeAttribute(vscode.l10n.t('Dossier Charts'))}</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="message">${escapeAttribute(vscode.l10n.t('Loading charts…'))}</p></main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
