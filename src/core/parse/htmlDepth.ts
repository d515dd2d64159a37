/**
 * How deep a page nests its elements, found by one linear pass over the markup before the web engine sees it.
 * The engine's DOM and Markdown conversion take time that grows with the square of the nesting depth
 * (800 nested <div>s: ~5 s of processor time), so a crafted page could freeze the extension host; real report
 * pages nest a few dozen deep.
 */

/** Elements that never have content: they open nothing. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/**
 * Elements whose end tag may be left out (`<p>`, `<li>`, table cells): the parser closes them itself, so an
 * unclosed run of them is no nesting. They are not counted, which errs towards reading a page.
 */
const IMPLIED_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'colgroup',
  'caption',
]);

/** Elements whose content is text, not markup: their "tags" are skipped up to the end tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'noscript',
  'template',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
]);

const isNameChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58;

/** The deepest element nesting of `html`, counting only elements that need an end tag; stops early past `limit`. */
export function htmlNestingDepth(html: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const closing = html.charCodeAt(lt + 1) === 47; // "/"
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // the tag runs to the next ">" (attribute values may not hold one unquoted; a quoted ">" only ends a tag early, never late)
    const gt = html.indexOf('>', j);
    const tagEnd = gt < 0 ? n : gt;
    i = tagEnd + 1;
    if (!name || VOID.has(name) || IMPLIED_END.has(name)) continue;
    if (closing) {
      if (depth > 0) depth--;
      continue;
    }
    if (html.charCodeAt(tagEnd - 1) === 47) continue; // <x/>: self-closed (SVG, MathML)
    if (RAW_TEXT.has(name)) {
      i = rawTextEnd(html, name, i);
      continue;
    }
    depth++;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
  }
  return deepest;
}

/** Where the raw-text element `name` ends (its "</name"), searched forward only, so the whole pass stays linear. */
function rawTextEnd(html: string, name: string, from: number): number {
  for (let k = html.indexOf('</', from); k >= 0; k = html.indexOf('</', k + 2)) {
    if (html.slice(k + 2, k + 2 + name.length).toLowerCase() === name) return k;
  }
  return html.length;
}
