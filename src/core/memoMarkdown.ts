/**
 * The markdown-it plugin that renders an analyst's memo: VS Code's Markdown preview loads it through
 * `extendMarkdownIt`, and the HTML and Word exports parse with it. Citations `[@key, para. 12]` become the
 * style's text in the sentence, or numbered notes gathered at the end (Chicago notes, the footnote style);
 * `[^label]` footnotes are numbered with them; the bibliography of the sources cited follows; `dossier-chart`
 * blocks and linked `charts/….svg` images show as the charts (SVG inline, cleaned); numbers the fact-check
 * flags are marked. Everything comes from a `Memo` (memo.ts) built beforehand: rendering is synchronous,
 * escapes every text it writes, and emits no script.
 *
 * Typed structurally: only the parts of markdown-it used here, so src/core needs no markdown-it types.
 */
import { citationId, type Memo, type MemoChart } from './memo';
import { analyseNote } from './note';
import { escapeXml } from './xml';

/** The parts of a markdown-it Token used here. */
export interface MdToken {
  type: string;
  tag: string;
  nesting: number;
  content: string;
  info: string;
  map: [number, number] | null;
  children: MdToken[] | null;
  meta: unknown;
  attrGet(name: string): string | null;
}

interface MdTokenClass {
  new (type: string, tag: string, nesting: number): MdToken;
}

interface CoreState {
  src: string;
  env: MemoEnv;
  tokens: MdToken[];
  inlineMode: boolean;
  Token: MdTokenClass;
}

interface InlineState {
  src: string;
  pos: number;
  posMax: number;
  env: MemoEnv;
  push(type: string, tag: string, nesting: number): MdToken;
}

interface BlockState {
  src: string;
  env: MemoEnv;
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  blkIndent: number;
  line: number;
  push(type: string, tag: string, nesting: number): MdToken;
}

type RenderRule = (tokens: MdToken[], idx: number, options: unknown, env: MemoEnv, self: unknown) => string;

interface Ruler<Rule> {
  push(name: string, rule: Rule, options?: { alt?: string[] }): void;
  before(before: string, name: string, rule: Rule, options?: { alt?: string[] }): void;
}

/** The parts of a MarkdownIt instance the plugin uses. */
export interface MarkdownItLike {
  core: { ruler: Ruler<(state: CoreState) => void> };
  block: { ruler: Ruler<(state: BlockState, startLine: number, endLine: number, silent: boolean) => boolean> };
  inline: { ruler: Ruler<(state: InlineState, silent: boolean) => boolean> };
  renderer: {
    rules: Record<string, RenderRule | undefined>;
    render(tokens: MdToken[], options: unknown, env: object): string;
    renderInline(tokens: MdToken[], options: unknown, env: object): string;
  };
  options: unknown;
  renderInline(src: string, env?: object): string;
  parseInline(src: string, env: object): MdToken[];
}

/** What the plugin keeps in markdown-it's env while one document renders. */
export interface MemoEnv {
  [key: string]: unknown;
  dossierMemo?: Memo;
  /** footnote definitions by label, as read by the block rule */
  dossierFootnotes?: Map<string, string>;
  /** set while a note's own text is rendered inline: no memo rules inside it */
  dossierInner?: boolean;
  /** the notes in their numbered order, once the document is parsed (the Word export writes them as footnotes) */
  dossierNotes?: MemoNote[];
}

/** One numbered note of the memo: a citation in a note style, or a `[^label]` footnote. */
export interface MemoNote {
  number: number;
  /** plain text (a footnote's Markdown without its markup) */
  text: string;
  html: string;
}

export interface MemoPluginOptions {
  /** The memo of the text being parsed, if one is ready; undefined leaves it as plain Markdown. */
  memoFor(src: string, env: MemoEnv): Memo | undefined;
  /**
   * Called when a text parsed without a memo is rendered (`env` is the render's: VS Code gives the document
   * there, not at parse time): the host prepares the memo then. Parsing alone never asks for one, so the
   * Markdown extension's outline and folding of a note cost nothing.
   */
  prepare?(src: string, env: MemoEnv): void;
  /** Heading of the bibliography; "Bibliography" unless a translation is given. */
  bibliographyTitle?: string;
  notesTitle?: string;
}

/** A citation bracket is read only up to this many characters: every "[" costs a bounded scan. */
const MAX_BRACKET = 1000;

export function memoMarkdownIt(md: MarkdownItLike, options: MemoPluginOptions): void {
  /** the token lists parsed without a memo, with their text */
  const unprepared = new WeakMap<MdToken[], string>();
  md.core.ruler.before('block', 'dossier_memo', state => {
    if (state.inlineMode || state.env.dossierInner) return;
    state.env.dossierFootnotes = new Map();
    state.env.dossierMemo = options.memoFor(state.src, state.env);
    if (!state.env.dossierMemo) unprepared.set(state.tokens, state.src);
  });
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, opts, env) => {
    const src = unprepared.get(tokens);
    if (src !== undefined) options.prepare?.(src, env as MemoEnv);
    return render(tokens, opts, env);
  };
  md.block.ruler.before('reference', 'dossier_footnote_definition', footnoteDefinition, { alt: ['paragraph', 'reference'] });
  md.inline.ruler.before('link', 'dossier_citation', citation);
  md.core.ruler.push('dossier_notes', state => {
    if (state.inlineMode || state.env.dossierInner || !state.env.dossierMemo) return;
    numberNotes(state, md, options);
  });

  md.renderer.rules.dossier_footnote_definition = () => '';
  // VS Code renders tokens it parsed earlier with a new env: what a renderer needs is in the token itself
  md.renderer.rules.dossier_citation = (tokens, idx) => {
    const meta = tokens[idx]!.meta as CitationMeta;
    if (meta.number !== undefined) return noteMarker(meta.number);
    if (meta.formatted === undefined)
      return `<span class="dossier-citation dossier-unknown" title="${escapeXml(meta.problem ?? '')}">${escapeXml(meta.text)}</span>`;
    return `<span class="dossier-citation">${escapeXml(meta.formatted)}</span>`;
  };
  md.renderer.rules.dossier_footnote_ref = (tokens, idx) => noteMarker((tokens[idx]!.meta as FootnoteMeta).number ?? 0);
  md.renderer.rules.dossier_flag_open = (tokens, idx) =>
    `<mark class="dossier-flagged" title="${escapeXml((tokens[idx]!.meta as { message: string }).message)}">`;
  md.renderer.rules.dossier_flag_close = () => '</mark>';

  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const chart = (tokens[idx]!.meta as { dossierChart?: MemoChart } | null)?.dossierChart;
    if (chart) return chartFigure(chart.title, chart.svg, chart.problem);
    return fence ? fence(tokens, idx, opts, env, self) : `<pre><code>${escapeXml(tokens[idx]!.content)}</code></pre>\n`;
  };
  const image = md.renderer.rules.image;
  md.renderer.rules.image = (tokens, idx, opts, env, self) => {
    const svg = (tokens[idx]!.meta as { dossierSvg?: string } | null)?.dossierSvg;
    if (svg) return `<span class="dossier-chart-image">${svg}</span>`;
    return image ? image(tokens, idx, opts, env, self) : '';
  };
}

interface CitationMeta {
  id: string;
  text: string;
  keys: string[];
  /** note number, for note styles */
  number?: number;
  /** the citation in the style, for in-text styles */
  formatted?: string;
  /** why it is shown as written */
  problem?: string;
}

interface FootnoteMeta {
  label: string;
  number?: number;
}

function noteMarker(n: number): string {
  return `<sup class="dossier-note-ref"><a href="#dossier-note-${n}" id="dossier-ref-${n}">${n}</a></sup>`;
}

function unknownTitle(meta: CitationMeta, memo: Memo): string {
  const unknown = meta.keys.filter(k => memo.unknownKeys.includes(k));
  return unknown.length ? `No report or note source has the key ${unknown.map(k => `@${k}`).join(', ')}` : 'Not formatted yet';
}

function chartFigure(title: string, svg: string | undefined, problem: string | undefined): string {
  return (
    `<figure class="dossier-chart">${svg ?? ''}` +
    (problem ? `<p class="dossier-chart-problem">${escapeXml(problem)}</p>` : '') +
    `<figcaption>${escapeXml(title)}</figcaption></figure>\n`
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}

/** `[^label]: text` at the start of a line, with its indented continuation lines: kept for the notes. */
function footnoteDefinition(state: BlockState, startLine: number, endLine: number, silent: boolean): boolean {
  if (!state.env.dossierMemo || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]);
  const m = /^\[\^([^\]\s]{1,100})\]:[ \t]*/.exec(line);
  if (!m) return false;
  if (silent) return true;
  let text = line.slice(m[0].length);
  let next = startLine + 1;
  while (next < endLine && state.sCount[next]! >= state.blkIndent + 4) {
    text += ' ' + state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]).trim();
    next++;
  }
  const notes = (state.env.dossierFootnotes ??= new Map());
  if (!notes.has(m[1]!)) notes.set(m[1]!, text.trim());
  const token = state.push('dossier_footnote_definition', '', 0);
  token.map = [startLine, next];
  state.line = next;
  return true;
}

/** `[^label]` with a definition, or a citation bracket `[see @a, para. 3; @b]` (not a link's text). */
function citation(state: InlineState, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b /* [ */ || !state.env.dossierMemo) return false;
  const limit = Math.min(state.posMax, pos + MAX_BRACKET);
  let end = -1;
  for (let i = pos + 1; i < limit; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5b /* [ */) return false;
    if (c === 0x5d /* ] */) {
      end = i;
      break;
    }
  }
  if (end < 0) return false;
  if (src[pos + 1] === '^') {
    const label = src.slice(pos + 2, end);
    if (!state.env.dossierFootnotes?.has(label)) return false;
    if (!silent) state.push('dossier_footnote_ref', '', 0).meta = { label } satisfies FootnoteMeta;
    state.pos = end + 1;
    return true;
  }
  if (src[end + 1] === '(' || !src.slice(pos, end).includes('@')) return false;
  const text = src.slice(pos, end + 1);
  const keys = analyseNote(text).keys.filter(k => k.group.start === 0 && k.group.end === text.length);
  if (keys.length === 0) return false;
  if (!silent)
    state.push('dossier_citation', '', 0).meta = { id: citationId(keys), text, keys: keys.map(k => k.key) } satisfies CitationMeta;
  state.pos = end + 1;
  return true;
}

/** Numbers the notes in reading order, marks flagged numbers, and appends the notes and the bibliography. */
function numberNotes(state: CoreState, md: MarkdownItLike, options: MemoPluginOptions): void {
  const memo = state.env.dossierMemo!;
  const definitions = state.env.dossierFootnotes ?? new Map<string, string>();
  const notes: MemoNote[] = [];
  const byLabel = new Map<string, number>();
  const flagsByLine = new Map<number, { text: string; message: string }[]>();
  for (const flag of memo.flagged) {
    const list = flagsByLine.get(flag.line) ?? [];
    list.push(flag);
    flagsByLine.set(flag.line, list);
  }
  for (const block of state.tokens) {
    if (block.type === 'fence' && block.map && /^dossier-chart\b/.test(block.info.trim())) {
      const chart = memo.chartBlocks.get(block.map[0]);
      if (chart) block.meta = { ...(block.meta as object | null), dossierChart: chart };
    }
    if (block.type !== 'inline' || !block.children) continue;
    for (const token of block.children) {
      if (token.type === 'dossier_citation') {
        const meta = token.meta as CitationMeta;
        const text = memo.citations.get(meta.id);
        if (text === undefined) meta.problem = unknownTitle(meta, memo);
        else if (memo.styleClass === 'note') {
          meta.number = notes.length + 1;
          notes.push({ number: meta.number, text, html: escapeXml(text) });
        } else meta.formatted = text;
      } else if (token.type === 'image') {
        const src = token.attrGet('src') ?? '';
        const svg = memo.images.get(src) ?? memo.images.get(safeDecode(src));
        if (svg) token.meta = { ...(token.meta as object | null), dossierSvg: svg };
      } else if (token.type === 'dossier_footnote_ref') {
        const meta = token.meta as FootnoteMeta;
        let number = byLabel.get(meta.label);
        if (number === undefined) {
          number = notes.length + 1;
          byLabel.set(meta.label, number);
          const definition = definitions.get(meta.label) ?? '';
          notes.push({ number, text: plainText(md, definition), html: inlineHtml(md, definition) });
        }
        meta.number = number;
      }
    }
    if (block.map && flagsByLine.size) {
      const flags: { text: string; message: string }[] = [];
      for (let line = block.map[0]; line < block.map[1]; line++) flags.push(...(flagsByLine.get(line) ?? []));
      if (flags.length) block.children = markFlagged(block.children, flags, state.Token);
    }
  }
  state.env.dossierNotes = notes;
  let html = '';
  if (notes.length) {
    html += `<section class="dossier-notes" aria-label="${escapeXml(options.notesTitle ?? 'Notes')}"><hr><ol>`;
    for (const note of notes)
      html += `<li id="dossier-note-${note.number}" value="${note.number}">${note.html} <a href="#dossier-ref-${note.number}" class="dossier-back" aria-label="Back to the text">↩</a></li>`;
    html += '</ol></section>\n';
  }
  if (memo.bibliography.length) {
    html += `<section class="dossier-bibliography"><h2>${escapeXml(options.bibliographyTitle ?? 'Bibliography')}</h2>`;
    for (const entry of memo.bibliography) html += `<p class="dossier-bibliography-entry">${escapeXml(entry)}</p>`;
    html += '</section>\n';
  }
  if (html) {
    const token = new state.Token('html_block', '', 0);
    token.content = html;
    state.tokens.push(token);
  }
}

/**
 * A footnote's Markdown as HTML, through the renderer itself: other extensions may wrap `md.renderInline`
 * (VS Code's Mermaid preview adds its configuration to every call).
 */
function inlineHtml(md: MarkdownItLike, markdown: string): string {
  const env = { dossierInner: true };
  const tokens = md.parseInline(markdown, env);
  return md.renderer.renderInline(tokens[0]?.children ?? [], md.options, env);
}

/** Inline Markdown as the text it shows: emphasis, code and link markup dropped. */
export function plainText(md: Pick<MarkdownItLike, 'parseInline'>, markdown: string): string {
  const out: string[] = [];
  const walk = (tokens: readonly MdToken[]) => {
    for (const token of tokens) {
      if (token.type === 'text' || token.type === 'code_inline') out.push(token.content);
      else if (token.type === 'softbreak' || token.type === 'hardbreak') out.push(' ');
      if (token.children) walk(token.children);
    }
  };
  walk(md.parseInline(markdown, { dossierInner: true }));
  return out.join('');
}

/** Wraps the first occurrence of each flagged number in the text tokens of one paragraph. */
function markFlagged(children: MdToken[], flags: { text: string; message: string }[], Token: MdTokenClass): MdToken[] {
  let out = children;
  for (const flag of flags) {
    const next: MdToken[] = [];
    let done = false;
    for (const token of out) {
      const at = done || token.type !== 'text' ? -1 : token.content.indexOf(flag.text);
      if (at < 0) {
        next.push(token);
        continue;
      }
      done = true;
      const text = (content: string) => {
        const t = new Token('text', '', 0);
        t.content = content;
        return t;
      };
      const open = new Token('dossier_flag_open', 'mark', 1);
      open.meta = { message: flag.message };
      if (at > 0) next.push(text(token.content.slice(0, at)));
      next.push(open, text(flag.text), new Token('dossier_flag_close', 'mark', -1));
      if (at + flag.text.length < token.content.length) next.push(text(token.content.slice(at + flag.text.length)));
    }
    out = next;
  }
  return out;
}
