/**
 * Report text that Dossier writes somewhere else is data, never markup or a command: each destination has
 * one rule here (a web address, a line of a tree or picker, a terminal, a Markdown memo). SVG text goes
 * through ./xml.ts, hover Markdown through src/shared/markdown.ts. Pure; every pattern is linear (single
 * quantifiers over classes that cannot overlap).
 */

/** Terminal escape sequences: OSC (ESC ] … BEL or ESC \: titles, hyperlinks), CSI (ESC [ or 0x9B, parameters, final byte), two-byte escapes. */
const ESCAPE_SEQUENCE =
  /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u001b\u009b]\[?[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|\u001b/g;
/**
 * C0 and C1 controls except tab and line feed, and the bidi embedding, override and isolate controls (they
 * reorder what the reader sees: "Trojan Source").
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r\u000b\u000c\u0085\u2028\u2029]+/g;

/** Text for a terminal: escape sequences and control characters removed; tabs and line feeds kept. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROLS, '');
}

/** One line of plain text (a tree label, a picker row): line breaks become spaces, controls go. */
export function plainLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(ESCAPE_SEQUENCE, '').replace(CONTROLS, '').trim();
}

/** Characters a URL may not carry raw (RFC 3986) that also break Markdown links, BibTeX braces or quotes. */
const URL_UNSAFE = /[\s"'<>()[\]{}\\^`|\u0000-\u001f\u007f]/g;
/** Longer than any address a browser or a sitemap accepts: the text after it is not an address. */
const MAX_URL = 4096;
/** The file name of a PDF or page printed with spaces in it, as reports do: "…/uploads/An Analysis of … Trade.pdf". */
const DOCUMENT_NAME = /\.(?:pdf|docx?|xlsx?|pptx?|html?|aspx?|php|txt|csv)$/i;

/**
 * A note's web address fit to write anywhere (a link, a memo, BibTeX, RIS): http(s) with a host, cut at
 * the first white space — except a document name printed with spaces ("An Analysis … Trade.pdf"), whose
 * spaces are encoded — and every character a URL may not carry raw percent-encoded, so no brace, quote,
 * bracket or backslash of the note survives. Anything else (javascript:, command:, no host, over 4,096
 * characters) is undefined.
 */
export function safeWebUrl(url: string | undefined): string | undefined {
  const text = url?.slice(0, 2 * MAX_URL).trim();
  if (!text || !/^https?:\/\/[^\s/]/i.test(text)) return undefined;
  const words = text.split(/\s+/);
  const spaced = words.length > 1 && DOCUMENT_NAME.test(text) && words.slice(1).every(w => !/[{}"\\<>]/.test(w) && !/^https?:/i.test(w));
  const raw = spaced ? text : words[0];
  if (raw.length > MAX_URL) return undefined;
  const encoded = raw.replace(URL_UNSAFE, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  try {
    const parsed = new URL(encoded);
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return undefined;
  } catch {
    return undefined;
  }
  return encoded;
}

/** A web address inside memo text: it is written as is (it holds no bracket, angle or backtick, see safeWebUrl). */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s"'<>()[\]{}\\^`|]+/gi;
/** Characters that open Markdown or HTML anywhere in a line: emphasis, code, links, images, footnotes, tags, tables. */
const INLINE_MARKUP = /[\\`*_[\]<>~|]/g;
/** `&amp;`, `&#60;`: an entity would turn back into the character it escapes. A lone "R&D" stays. */
const ENTITY = /&(?=#?[A-Za-z0-9]{1,32};)/g;

/**
 * Report text inserted into the analyst's Markdown memo (a citation, a footnote, a figure): one line that
 * renders as the same text, never as an image, a link, a command link, HTML or a heading. Web addresses
 * stay readable (and clickable where the renderer links them); everything else that is markup is
 * backslash-escaped, which CommonMark, GitHub and pandoc all read as the character itself.
 */
export function memoText(text: string): string {
  const line = plainLine(text);
  let out = '';
  let last = 0;
  for (const match of line.matchAll(WEB_ADDRESS)) {
    out += escapeInline(line.slice(last, match.index));
    // an entity inside an address ("https://&lt;") would render as its character: the address ends before it
    const entity = match[0].search(ENTITY);
    const address = entity < 0 ? match[0] : match[0].slice(0, entity);
    out += address;
    last = match.index + address.length;
  }
  out += escapeInline(line.slice(last));
  // At the start of a line, "#", "-", "+", "=" or "1." would make a heading, a list or a setext rule.
  return out.replace(/^[#+\-=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

function escapeInline(text: string): string {
  return text.replace(INLINE_MARKUP, '\\$&').replace(ENTITY, '\\&');
}
