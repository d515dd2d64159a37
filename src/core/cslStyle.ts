/**
 * An analyst's .csl file checked before the CSL engine sees it: its size, well-formed XML, a `<style>` root
 * in the CSL namespace, no DOCTYPE (entity declarations are how XML bombs and external entities get in).
 * Hand scans, linear in the file: a regex over a 420 KB file of repeated `<style ` once took 17 s.
 */

/** The largest style read: real CSL styles are 10–100 KB. */
export const CSL_MAX_CHARS = 1_000_000;

const CSL_NAMESPACE = 'http://purl.org/net/xbiblio/csl';

/** Why the text is not a usable CSL style, in words for the analyst; undefined when it is one. */
export function cslStyleProblem(xml: string): string | undefined {
  const tooBig = cslSizeProblem(xml.length);
  if (tooBig) return tooBig;
  const root = rootTag(xml);
  if (typeof root === 'string') return root;
  if (root.name !== 'style' || !root.tag.includes(CSL_NAMESPACE)) return 'not a CSL style (no <style> element in the CSL namespace)';
  // every CSL style says how to cite (CSL 1.0.2): without it the engine fails with an exception, not a reason
  if (!root.children.has('citation')) return 'not a usable CSL style (its <style> has no <citation> element)';
  return undefined;
}

/** Why a style file of `size` bytes (or characters) is not read; checked before decoding it. */
export function cslSizeProblem(size: number): string | undefined {
  return size > CSL_MAX_CHARS ? `it is ${(size / 1e6).toFixed(1)} MB; a CSL style is read only up to ${CSL_MAX_CHARS / 1e6} MB` : undefined;
}

/** 'note' when the style's root says class="note" (footnote styles), else 'in-text'. */
export function cslStyleClass(xml: string): 'note' | 'in-text' {
  const root = rootTag(xml);
  return typeof root !== 'string' && /\sclass\s*=\s*["']note["']/.test(root.tag) ? 'note' : 'in-text';
}

/** The root element's name, start tag and the names of its children, or why the XML is malformed. */
function rootTag(xml: string): { name: string; tag: string; children: Set<string> } | string {
  const open: string[] = [];
  let root: { name: string; tag: string; children: Set<string> } | undefined;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) break;
    const line = () => lineOf(xml, lt);
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return `malformed XML: a comment opened on line ${line()} is not closed`;
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return `malformed XML: a CDATA section opened on line ${line()} is not closed`;
      pos = end + 3;
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) return `malformed XML: a processing instruction on line ${line()} is not closed`;
      pos = end + 2;
    } else if (xml.startsWith('<!', lt)) {
      return `a CSL style has no DOCTYPE or entity declarations (line ${line()})`;
    } else {
      const end = tagEnd(xml, lt + 1);
      if (end < 0) return `malformed XML: the tag on line ${line()} is not closed`;
      const tag = xml.slice(lt, end + 1);
      const name = /^<\/?([A-Za-z_][\w.:-]*)/.exec(tag)?.[1];
      if (!name) return `malformed XML: "<" on line ${line()} does not start a tag`;
      if (tag[1] === '/') {
        const expected = open.pop();
        if (expected !== name) return `malformed XML: </${name}> on line ${line()} closes ${expected ? `<${expected}>` : 'nothing'}`;
      } else {
        if (open.length === 0) {
          if (root) return `malformed XML: a second root element <${name}> on line ${line()}`;
          root = { name, tag, children: new Set() };
        } else if (open.length === 1) root?.children.add(name);
        if (tag[tag.length - 2] !== '/') open.push(name);
      }
      pos = end + 1;
    }
  }
  if (open.length) return `malformed XML: <${open[open.length - 1]}> is not closed`;
  return root ?? 'not a CSL style (no XML element in it)';
}

/** The `>` ending a tag that starts at `from`, skipping quoted attribute values; -1 when there is none. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    } else if (c === '<') {
      return -1;
    }
  }
  return -1;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
