/**
 * What pdf.js expects of its host before it loads. The VS Code extension host (Electron) is not detected
 * as Node, so pdf.js neither polyfills DOMMatrix nor sets navigator; it builds one DOMMatrix at load time
 * and reads navigator.language. Dossier only reads text, never draws, so an identity-matrix stand-in is enough.
 */
const g = globalThis as Record<string, unknown>;

if (typeof g.DOMMatrix !== 'function') {
  g.DOMMatrix = class DOMMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
    constructor(init?: number[]) {
      if (Array.isArray(init) && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
    }
  };
}
let navigator: unknown;
try {
  navigator = g.navigator;
} catch {
  // a host may guard the global with a getter that throws
}
if (typeof navigator !== 'object' || navigator === null) {
  try {
    // VS Code's extension host defines navigator as a getter without a setter: redefine, do not assign
    Object.defineProperty(globalThis, 'navigator', {
      value: { language: 'en-US', platform: '', userAgent: '' },
      configurable: true,
      writable: true,
    });
  } catch {
    // not redefinable: pdf.js reads navigator behind typeof checks and does without
  }
}
