/**
 * Which parts of a chart's SVG Dossier shows: plain drawing elements, no scripts, no foreign HTML, no event
 * handlers, no links out. The chart panel applies it to a DOM (src/webview/sanitizeSvg.ts); the Markdown
 * preview and the exports inline SVG as text, so `cleanSvg` applies the same rule to the markup itself.
 */

export const allowedSvgElements: ReadonlySet<string> = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'clippath',
  'lineargradient',
  'radialgradient',
  'stop',
  'pattern',
]);

/**
 * An attribute's value as kept, or undefined to drop it: no event handlers or style, links and `url(…)`
 * only to `#local` ids (a presentation attribute such as fill="url(https://…)" would fetch), ids and
 * references to them prefixed. CSS escapes could spell `url(` some other way: a value with a backslash goes.
 */
export function cleanAttribute(name: string, value: string, prefix: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on') || lower === 'style' || value.includes('\\')) return undefined;
  if (lower === 'id') return prefix + value;
  if (lower === 'href' || lower.endsWith(':href')) return value.startsWith('#') ? `#${prefix}${value.slice(1)}` : undefined;
  const calls = value.match(/url\s*\(/gi)?.length ?? 0;
  if (calls === 0) return value;
  let understood = 0;
  let local = true;
  // `[^()]*` stops at the next parenthesis, so many unclosed "url(" cannot make this quadratic
  const kept = value.replace(/url\s*\(([^()]*)\)/gi, (_, argument: string) => {
    understood++;
    const target = argument.trim().replace(/^(['"])(.*)\1$/, '$2');
    if (!target.startsWith('#')) local = false;
    return `url(#${prefix}${target.slice(1)})`;
  });
  // a url( not understood is dropped rather than guessed at
  return local && understood === calls ? kept : undefined;
}

const NAME = /^[A-Za-z_][\w.:-]{0,60}$/;
/** One attribute at the start of the rest of a tag: `name="value"` or `name='value'` (no unquoted values). */
const ATTRIBUTE = /\s+([A-Za-z_:][\w.:-]{0,60})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

/**
 * The SVG markup with only what `allowedSvgElements` and `cleanAttribute` keep, ids prefixed with
 * `prefix`; undefined when it is not one well-formed `<svg>` element. One pass over the markup: each tag
 * is read once and its attributes one after the other, so the time is linear in the length.
 */
export function cleanSvg(markup: string, prefix: string): string | undefined {
  let out = '';
  const open: string[] = [];
  /** depth of the dropped element being skipped (0: keeping) */
  let skipping = 0;
  let rootClosed = false;
  let pos = 0;
  while (pos < markup.length) {
    const lt = markup.indexOf('<', pos);
    const text = markup.slice(pos, lt < 0 ? markup.length : lt);
    if (text.trim()) {
      if (open.length === 0) return undefined;
      // text is already escaped in well-formed XML; a stray ">" or "&" is escaped again, not trusted
      if (!skipping) out += text.replace(/>/g, '&gt;').replace(/&(?!(?:#\d{1,7}|#x[\da-fA-F]{1,6}|[A-Za-z]{1,10});)/g, '&amp;');
    } else if (!skipping && open.length) out += text;
    if (lt < 0) break;
    if (markup.startsWith('<!--', lt)) {
      const end = markup.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      pos = end + 3;
      continue;
    }
    if (markup.startsWith('<?', lt) || markup.startsWith('<!', lt)) {
      // the XML declaration may come first; a DOCTYPE, CDATA or entity declaration is not a chart's
      if (!markup.startsWith('<?xml', lt) || open.length || out) return undefined;
      const end = markup.indexOf('?>', lt);
      if (end < 0) return undefined;
      pos = end + 2;
      continue;
    }
    const gt = markup.indexOf('>', lt);
    if (gt < 0) return undefined;
    const tag = markup.slice(lt + 1, gt);
    pos = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (open.pop() !== name) return undefined;
      if (skipping) skipping--;
      else out += `</${name}>`;
      if (open.length === 0) rootClosed = true;
      continue;
    }
    if (rootClosed) return undefined;
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = /^[^\s/]+/.exec(body)?.[0] ?? '';
    if (!NAME.test(name)) return undefined;
    if (open.length === 0 && name !== 'svg') return undefined;
    if (!selfClosing) open.push(name);
    if (skipping || !allowedSvgElements.has(name.toLowerCase())) {
      if (!selfClosing) skipping++;
      continue;
    }
    let attributes = '';
    // sticky: each attribute is read where the last one ended, never by slicing the rest again
    ATTRIBUTE.lastIndex = name.length;
    let read = name.length;
    for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
      const quote = m[2] === undefined ? "'" : '"';
      const value = cleanAttribute(m[1]!, m[2] ?? m[3] ?? '', prefix);
      if (value !== undefined) attributes += ` ${m[1]}=${quote}${value}${quote}`;
      read = ATTRIBUTE.lastIndex;
    }
    if (body.slice(read).trim()) return undefined;
    out += `<${name}${attributes}${selfClosing ? '/' : ''}>`;
    if (open.length === 0 && selfClosing) rootClosed = true;
  }
  return rootClosed && open.length === 0 ? out : undefined;
}
