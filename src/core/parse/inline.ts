/**
 * Markdown inline syntax → plain text with offsets: emphasis and code marks dropped, links keep their text,
 * images and HTML tags dropped, entities decoded, and note markers (`[^n]`, `[12](#fn12)`, `<sup>12</sup>`,
 * `[12]`) recorded as markers. Every scan is bounded, so hostile input stays linear.
 */
import type { TextBuilder } from './draft';
import { markerNumbers, unitExponent } from './text';

export interface InlineContext {
  /** the note number of a `[^label]` reference, if the label is defined or numeric */
  footnoteLabel(label: string): number | undefined;
  /** bare numbers in brackets, links or <sup> count as note markers (the document has a notes list) */
  numbersAreMarkers: boolean;
  /** link targets met, for notes whose URL sits in a link */
  links?: string[];
}

/** What one top-level render learns and caches, so every scan happens once (linear on hostile input). */
interface State {
  ctx: InlineContext;
  /** the top-level range as its own string: searches run on it so they never scan past its end */
  piece: string;
  /** lower-cased piece, for </sup> */
  lower?: string;
  base: number;
  /** index of each `[` / `(` → its closing bracket, from one stack pass */
  pairs: Map<number, number>;
  /** next `</sup>` at or after a position, cached while scanning forward */
  supClose: { from: number; at: number };
  /** next backtick run of a length, cached per length */
  ticks: Map<number, { from: number; at: number }>;
  links: number;
  /** letters or digits emitted outside links */
  plain: boolean;
  /** how many letters and digits were emitted outside links and inside them */
  plainLetters: number;
  linkLetters: number;
  inLink: number;
  /** bare web addresses of the piece ([start, end) in the input, in order): no emphasis inside them */
  urls?: { start: number; end: number }[];
}

/** Whether the last renderInline call produced only link text (a navigation line). */
export interface InlineSummary {
  links: number;
  plain: boolean;
  plainLetters: number;
  linkLetters: number;
}

function pairBrackets(input: string, start: number, end: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const square: number[] = [];
  const round: number[] = [];
  for (let i = start; i < end; i++) {
    const c = input.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c === 91 /* [ */) square.push(i);
    else if (c === 93 /* ] */) {
      const o = square.pop();
      if (o !== undefined) pairs.set(o, i);
    } else if (c === 40 /* ( */) round.push(i);
    else if (c === 41 /* ) */) {
      const o = round.pop();
      if (o !== undefined) pairs.set(o, i);
    }
  }
  return pairs;
}

const SPECIAL = /[\\`*_~[!<&↩\uFE0E\uFE0F]/g;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/iy;
const FOOTNOTE_REF = /\[\^([^\]\s]{1,100})\]/y;
const SUP_OPEN = /<sup\b[^<>]{0,200}>/iy;
const AUTOLINK = /<((?:https?|mailto):[^\s<>]{1,2000})>/iy;
/** `<a href="#fn3" …>3</a>`: an HTML anchor whose text is a note number */
const ANCHOR_MARKER = /<a\s([^<>]{0,600})>\s*(?:<sup>)?\[?(\d{1,4})\]?(?:<\/sup>)?\s*<\/a>/iy;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:\s[^<>]{0,500})?\/?>/y;
const BACKLINK = /^\s*(?:↩\uFE0E?|\^|back)\s*$/i;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  copy: '©',
  reg: '®',
  shy: '',
};

/** Renders input[start, end) into `out`; says how much of it was link text. */
export function renderInline(input: string, start: number, end: number, out: TextBuilder, ctx: InlineContext): InlineSummary {
  const state: State = {
    ctx,
    piece: input.slice(start, end),
    base: start,
    pairs: pairBrackets(input, start, end),
    supClose: { from: -1, at: -1 },
    ticks: new Map(),
    links: 0,
    plain: false,
    plainLetters: 0,
    linkLetters: 0,
    inLink: 0,
  };
  render(input, start, end, out, state, 0);
  return { links: state.links, plain: state.plain, plainLetters: state.plainLetters, linkLetters: state.linkLetters };
}

function render(input: string, start: number, end: number, out: TextBuilder, state: State, depth: number): void {
  let pos = start;
  while (pos < end) {
    SPECIAL.lastIndex = pos - state.base;
    const m = SPECIAL.exec(state.piece);
    const at = m && m.index + state.base < end ? m.index + state.base : end;
    if (at > pos) emit(input, pos, at, out, state);
    if (at >= end) return;
    pos = handle(input, at, end, out, state, depth);
  }
}

function emit(input: string, start: number, end: number, out: TextBuilder, state: State): void {
  out.copy(input, start, end);
  const letters = input.slice(start, end).match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  if (state.inLink === 0) {
    state.plainLetters += letters;
    if (letters) state.plain = true;
  } else state.linkLetters += letters;
}

const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/gi;

/** Whether `at` lies inside a bare web address of the piece (found once per piece, in one linear pass). */
function inBareUrl(state: State, at: number): boolean {
  state.urls ??= Array.from(state.piece.matchAll(BARE_URL), m => ({
    start: m.index + state.base,
    end: m.index + state.base + m[0].length,
  }));
  const urls = state.urls;
  let lo = 0;
  let hi = urls.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (urls[mid]!.end <= at) lo = mid + 1;
    else if (urls[mid]!.start > at) hi = mid - 1;
    else return true;
  }
  return false;
}

function handle(input: string, at: number, end: number, out: TextBuilder, state: State, depth: number): number {
  const c = input[at];
  const next = input[at + 1] ?? '';
  switch (c) {
    case '\\':
      if (at + 1 < end && /[!-/:-@[-`{-~]/.test(next)) {
        emit(input, at + 1, at + 2, out, state);
        return at + 2;
      }
      out.copy(input, at, at + 1);
      return at + 1;
    case '`': {
      const run = runLength(input, at, end, '`');
      let cached = state.ticks.get(run);
      if (!cached || (cached.at >= 0 && cached.at < at + run)) {
        const found = state.piece.indexOf('`'.repeat(run), at + run - state.base);
        cached = { from: at + run, at: found < 0 ? -1 : found + state.base };
        state.ticks.set(run, cached);
      }
      const close = cached.at;
      if (close >= 0 && close < end) {
        emit(input, at + run, close, out, state);
        return close + run;
      }
      out.copy(input, at, at + run);
      return at + run;
    }
    case '*':
    case '_':
    case '~': {
      const run = runLength(input, at, end, c);
      // "…052925#_ftn7" in a printed address is part of the address, not the start of emphasis
      if (c !== '~' && inBareUrl(state, at)) {
        emit(input, at, at + run, out, state);
        return at + run;
      }
      const before = at > 0 ? input[at - 1] : ' ';
      const after = at + run < end ? input[at + run] : ' ';
      const flanking = /\S/.test(after) || /\S/.test(before);
      const wordy = /[\p{L}\p{N}]/u;
      const drop = c === '*' ? flanking : c === '_' ? flanking && !(wordy.test(before) && wordy.test(after)) : run === 2;
      if (!drop) emit(input, at, at + run, out, state);
      return at + run;
    }
    case '!':
      if (next === '[') {
        const link = parseLink(input, at + 1, end, state);
        if (link) return link.end; // images are not text
      }
      out.copy(input, at, at + 1);
      return at + 1;
    case '[':
      return bracket(input, at, end, out, state, depth);
    case '<':
      return angle(input, at, end, out, state, depth);
    case '&': {
      ENTITY.lastIndex = at;
      const entity = ENTITY.exec(input);
      if (entity && entity.index + entity[0].length <= end) {
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
function parseLink(
  input: string,
  at: number,
  end: number,
  state: State,
): { textStart: number; textEnd: number; href?: string; end: number } | undefined {
  const close = matching(state, at, end);
  if (close < 0) return undefined;
  const after = input[close + 1];
  if (after === '(') {
    const paren = matching(state, close + 1, end);
    if (paren < 0) return undefined;
    let href = input.slice(close + 2, paren).trim();
    const space = href.search(/\s/);
    if (space >= 0) href = href.slice(0, space); // drop a link title: (url "title")
    href = href.replace(/^<|>$/g, '');
    return { textStart: at + 1, textEnd: close, href, end: paren + 1 };
  }
  if (after === '[') {
    const ref = matching(state, close + 1, end);
    if (ref >= 0) return { textStart: at + 1, textEnd: close, end: ref + 1 };
  }
  return undefined;
}

/** Index of the bracket closing the one at `at` (before `end`), or -1. */
function matching(state: State, at: number, end: number): number {
  const close = state.pairs.get(at);
  return close !== undefined && close < end ? close : -1;
}

/** The digits a marker-looking snippet holds: "12", "[12]", "<sup>12</sup>", "12, 13". */
function markerSpec(text: string): string | undefined {
  const bare = text.replace(/<\/?sup>|[[\]^\s]/gi, s => (s.trim() ? '' : ' ')).trim();
  return /^\d{1,4}(?:\s*[,;–-]\s*\d{1,4}){0,20}$/.test(bare) ? bare : undefined;
}

function bracket(input: string, at: number, end: number, out: TextBuilder, state: State, depth: number): number {
  const ctx = state.ctx;
  // [^label]: a Markdown footnote reference
  FOOTNOTE_REF.lastIndex = at;
  const ref = FOOTNOTE_REF.exec(input);
  if (ref && at + ref[0].length <= end) {
    const n = ctx.footnoteLabel(ref[1]);
    if (n !== undefined) {
      out.marker(n, at, at + ref[0].length);
      return at + ref[0].length;
    }
  }
  const link = parseLink(input, at, end, state);
  if (link) {
    const inner = input.slice(link.textStart, link.textEnd);
    const spec = inner.length <= 60 ? markerSpec(inner) : undefined;
    if (spec && (ctx.numbersAreMarkers || (link.href ?? '').includes('#'))) {
      for (const n of markerNumbers(spec)) out.marker(n, at, link.end);
      return link.end;
    }
    if (BACKLINK.test(inner)) return link.end; // back-link from a note to its marker
    if (link.href && ctx.links && /^(?:https?:|www\.)/i.test(link.href)) ctx.links.push(link.href);
    state.links++;
    state.inLink++;
    const from = out.size;
    if (depth < 8) render(input, link.textStart, link.textEnd, out, state, depth + 1);
    state.inLink--;
    if (link.href) out.link(link.href, from, at, link.end);
    return link.end;
  }
  const close = matching(state, at, end);
  if (close > 0 && close - at <= 60 && ctx.numbersAreMarkers && input[close + 1] !== ':') {
    const spec = markerSpec(input.slice(at + 1, close));
    if (spec) {
      for (const n of markerNumbers(spec)) out.marker(n, at, close + 1);
      return close + 1;
    }
  }
  out.copy(input, at, at + 1);
  return at + 1;
}

function angle(input: string, at: number, end: number, out: TextBuilder, state: State, depth: number): number {
  const ctx = state.ctx;
  if (input.startsWith('<!--', at)) {
    const found = state.piece.indexOf('-->', at + 4 - state.base);
    const close = found < 0 ? -1 : found + state.base;
    return close >= 0 && close < end ? close + 3 : end;
  }
  SUP_OPEN.lastIndex = at;
  const sup = SUP_OPEN.exec(input);
  if (sup) {
    const innerStart = at + sup[0].length;
    if (state.supClose.at !== -2 && state.supClose.at < innerStart) {
      state.lower ??= state.piece.toLowerCase();
      const found = state.lower.indexOf('</sup>', innerStart - state.base);
      state.supClose = { from: innerStart, at: found < 0 ? -2 : found + state.base };
    }
    const closeAt = state.supClose.at;
    if (closeAt >= innerStart && closeAt + 6 <= end) {
      const inner = input.slice(innerStart, closeAt);
      // "km<sup>2</sup>": the unit squared, not note 2
      const exponent = unitExponent(out.tail(), inner.trim());
      if (exponent) {
        out.synthetic(exponent, innerStart);
        return closeAt + 6;
      }
      const spec = inner.length <= 300 ? markerSpec(inner.replace(/\]\([^)]{0,200}\)/g, ']').replace(/<[^<>]{0,200}>/g, '')) : undefined;
      if (spec && (ctx.numbersAreMarkers || inner.includes('#'))) {
        for (const n of markerNumbers(spec)) out.marker(n, at, closeAt + 6);
        return closeAt + 6;
      }
      if (depth < 8) render(input, innerStart, closeAt, out, state, depth + 1);
      return closeAt + 6;
    }
    return innerStart; // an unclosed <sup>: drop the tag
  }
  AUTOLINK.lastIndex = at;
  const auto = AUTOLINK.exec(input);
  if (auto && at + auto[0].length <= end) {
    if (ctx.links && /^https?:/i.test(auto[1])) ctx.links.push(auto[1]);
    const from = out.size;
    emit(input, at + 1, at + 1 + auto[1].length, out, state);
    out.link(auto[1], from, at, at + auto[0].length);
    return at + auto[0].length;
  }
  ANCHOR_MARKER.lastIndex = at;
  const anchor = ANCHOR_MARKER.exec(input);
  if (anchor && at + anchor[0].length <= end && /\bhref\s*=\s*["']?#/i.test(anchor[1])) {
    out.marker(Number(anchor[2]), at, at + anchor[0].length);
    return at + anchor[0].length;
  }
  TAG.lastIndex = at;
  const tag = TAG.exec(input);
  if (tag && at + tag[0].length <= end) {
    if (/^<br\b/i.test(tag[0])) out.space(at);
    return at + tag[0].length;
  }
  out.copy(input, at, at + 1);
  return at + 1;
}
