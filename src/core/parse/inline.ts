/**
 * Markdown inline syntax → plain text with offsets: emphasis and code marks dropped, links keep their text,
 * images and HTML tags dropped, entities decoded, and note markers (`[^n]`, `[12](#fn12)`, `<sup>12</sup>`,
 * `[12]`) recorded as markers. Every scan is bounded, so hostile input stays linear.
 */
import type { TextBuilder } from './draft';
import { markerNumbers } from './text';

export interface InlineContext {
  /** the note number of a `[^label]` reference, if the label is defined or numeric */
  footnoteLabel(label: string): number | undefined;
  /** bare numbers in brackets, links or <sup> count as note markers (the document has a notes list) */
  numbersAreMarkers: boolean;
  /** link targets met, for notes whose URL sits in a link */
  links?: string[];
}

const SPECIAL = /[\\`*_~[!<&↩\uFE0E\uFE0F]/g;
const MAX_SCAN = 2000;
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘',
  ldquo: '“', rdquo: '”', hellip: '…', copy: '©', reg: '®', shy: '',
};

/** Renders input[start, end) into `out`. */
export function renderInline(input: string, start: number, end: number, out: TextBuilder, ctx: InlineContext, depth = 0): void {
  let pos = start;
  while (pos < end) {
    SPECIAL.lastIndex = pos;
    const m = SPECIAL.exec(input);
    const at = m && m.index < end ? m.index : end;
    if (at > pos) out.copy(input, pos, at);
    if (at >= end) return;
    pos = handle(input, at, end, out, ctx, depth);
  }
}

function handle(input: string, at: number, end: number, out: TextBuilder, ctx: InlineContext, depth: number): number {
  const c = input[at];
  const next = input[at + 1] ?? '';
  switch (c) {
    case '\\':
      if (at + 1 < end && /[!-/:-@[-`{-~]/.test(next)) {
        out.copy(input, at + 1, at + 2);
        return at + 2;
      }
      out.copy(input, at, at + 1);
      return at + 1;
    case '`': {
      const run = runLength(input, at, end, '`');
      const close = input.indexOf('`'.repeat(run), at + run);
      if (close >= 0 && close < end && close - at < MAX_SCAN * 5) {
        out.copy(input, at + run, close);
        return close + run;
      }
      out.copy(input, at, at + run);
      return at + run;
    }
    case '*':
    case '_':
    case '~': {
      const run = runLength(input, at, end, c);
      const before = at > 0 ? input[at - 1] : ' ';
      const after = at + run < end ? input[at + run] : ' ';
      const flanking = /\S/.test(after) || /\S/.test(before);
      const wordy = /[\p{L}\p{N}]/u;
      const drop = c === '*' ? flanking
        : c === '_' ? flanking && !(wordy.test(before) && wordy.test(after))
          : run === 2;
      if (!drop) out.copy(input, at, at + run);
      return at + run;
    }
    case '!':
      if (next === '[') {
        const link = parseLink(input, at + 1, end);
        if (link) return link.end; // images are not text
      }
      out.copy(input, at, at + 1);
      return at + 1;
    case '[':
      return bracket(input, at, end, out, ctx, depth);
    case '<':
      return angle(input, at, end, out, ctx, depth);
    case '&': {
      const entity = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/i.exec(input.slice(at, Math.min(end, at + 12)));
      if (entity) {
        const name = entity[1];
        let text: string | undefined;
        if (name[0] === '#') {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          text = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
        } else {
          text = ENTITIES[name.toLowerCase()];
        }
        if (text !== undefined) {
          if (/^\s$/.test(text)) out.space(at);
          else out.synthetic(text, at);
          return at + entity[0].length;
        }
      }
      out.copy(input, at, at + 1);
      return at + 1;
    }
    default:
      // ↩ back-links and variation selectors left over from converted notes
      return at + 1;
  }
}

function runLength(input: string, at: number, end: number, c: string): number {
  let i = at;
  while (i < end && input[i] === c) i++;
  return i - at;
}

/** `[text](href)` or `[text][ref]` starting at `at` ('['): the text range, the href and where it ends. */
function parseLink(input: string, at: number, end: number): { textStart: number; textEnd: number; href?: string; end: number } | undefined {
  const close = matching(input, at, end, '[', ']');
  if (close < 0) return undefined;
  const after = input[close + 1];
  if (after === '(') {
    const paren = matching(input, close + 1, end, '(', ')');
    if (paren < 0) return undefined;
    let href = input.slice(close + 2, paren).trim();
    href = href.replace(/\s+["'(].*$/s, '').replace(/^<|>$/g, '');
    return { textStart: at + 1, textEnd: close, href, end: paren + 1 };
  }
  if (after === '[') {
    const ref = matching(input, close + 1, end, '[', ']');
    if (ref >= 0) return { textStart: at + 1, textEnd: close, end: ref + 1 };
  }
  return undefined;
}

/** Index of the bracket closing the one at `at`, within MAX_SCAN characters; -1 if none. */
function matching(input: string, at: number, end: number, open: string, close: string): number {
  let depth = 0;
  const limit = Math.min(end, at + MAX_SCAN);
  for (let i = at; i < limit; i++) {
    const c = input[i];
    if (c === '\\') { i++; continue; }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** The digits a marker-looking snippet holds: "12", "[12]", "<sup>12</sup>", "12, 13". */
function markerSpec(text: string): string | undefined {
  const bare = text.replace(/<\/?sup>|[[\]^\s]/gi, (s) => (s.trim() ? '' : ' ')).trim();
  return /^\d{1,4}(?:\s*[,;–-]\s*\d{1,4}){0,20}$/.test(bare) ? bare : undefined;
}

function bracket(input: string, at: number, end: number, out: TextBuilder, ctx: InlineContext, depth: number): number {
  // [^label]: a Markdown footnote reference
  const ref = /^\[\^([^\]\s]{1,100})\]/.exec(input.slice(at, Math.min(end, at + 104)));
  if (ref) {
    const n = ctx.footnoteLabel(ref[1]);
    if (n !== undefined) {
      out.marker(n, at, at + ref[0].length);
      return at + ref[0].length;
    }
  }
  const link = parseLink(input, at, end);
  if (link) {
    const inner = input.slice(link.textStart, link.textEnd);
    const spec = markerSpec(inner);
    if (spec && (ctx.numbersAreMarkers || (link.href ?? '').includes('#'))) {
      for (const n of markerNumbers(spec)) out.marker(n, at, link.end);
      return link.end;
    }
    if (/^\s*(?:↩\uFE0E?|\^|back)\s*$/i.test(inner)) return link.end; // back-link from a note to its marker
    if (link.href && ctx.links && /^(?:https?:|www\.)/i.test(link.href)) ctx.links.push(link.href);
    if (depth < 8) renderInline(input, link.textStart, link.textEnd, out, ctx, depth + 1);
    return link.end;
  }
  const close = matching(input, at, end, '[', ']');
  if (close > 0 && ctx.numbersAreMarkers && input[close + 1] !== ':') {
    const spec = markerSpec(input.slice(at + 1, close));
    if (spec) {
      for (const n of markerNumbers(spec)) out.marker(n, at, close + 1);
      return close + 1;
    }
  }
  out.copy(input, at, at + 1);
  return at + 1;
}

function angle(input: string, at: number, end: number, out: TextBuilder, ctx: InlineContext, depth: number): number {
  const head = input.slice(at, Math.min(end, at + 600));
  if (head.startsWith('<!--')) {
    const close = input.indexOf('-->', at + 4);
    return close >= 0 && close < end ? close + 3 : end;
  }
  const sup = /^<sup\b[^>]{0,200}>/i.exec(head);
  if (sup) {
    const closeAt = input.toLowerCase().indexOf('</sup>', at + sup[0].length);
    if (closeAt >= 0 && closeAt < end && closeAt - at < MAX_SCAN) {
      const inner = input.slice(at + sup[0].length, closeAt);
      const spec = markerSpec(inner.replace(/\]\([^)]*\)/g, ']').replace(/<[^>]{0,200}>/g, ''));
      if (spec && (ctx.numbersAreMarkers || /#/.test(inner))) {
        for (const n of markerNumbers(spec)) out.marker(n, at, closeAt + 6);
        return closeAt + 6;
      }
      if (depth < 8) renderInline(input, at + sup[0].length, closeAt, out, ctx, depth + 1);
      return closeAt + 6;
    }
  }
  const auto = /^<((?:https?|mailto):[^\s<>]{1,2000})>/i.exec(head.length < 600 ? head : input.slice(at, Math.min(end, at + 2100)));
  if (auto) {
    if (ctx.links && /^https?:/i.test(auto[1])) ctx.links.push(auto[1]);
    out.copy(input, at + 1, at + 1 + auto[1].length);
    return at + auto[0].length;
  }
  const tag = /^<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?\/?>/.exec(head);
  if (tag) {
    if (/^<br\b/i.test(tag[0])) out.space(at);
    return at + tag[0].length;
  }
  out.copy(input, at, at + 1);
  return at + 1;
}
