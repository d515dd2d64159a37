/** A fresh nonce for a webview page's Content-Security-Policy: its scripts run only with it. */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes)
    .toString('base64')
    .replace(/[+/=]/g, c => ({ '+': '-', '/': '_', '=': '' })[c] as string);
}
