/**
 * Turns the host's chart SVG into a DOM node, keeping only plain drawing elements. The host renders it from
 * escaped data, so this is defence in depth: no scripts, no foreign HTML, no event handlers, no links out.
 */
const allowedElements = new Set([
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

let charts = 0;

export function sanitizeSvg(markup: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length) return undefined;
  // each chart's ids get their own prefix, so they can neither clash with nor clobber the page's
  const prefix = `chart${++charts}-`;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (!allowedElements.has(node.nodeName.toLowerCase())) {
      node.remove();
      continue;
    }
    cleanAttributes(node, prefix);
  }
  cleanAttributes(root, prefix);
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  svg.classList.add('chart-svg');
  return svg;
}

function cleanAttributes(node: Element, prefix: string): void {
  for (const attr of Array.from(node.attributes)) {
    const value = cleanAttribute(attr.name, attr.value, prefix);
    if (value === undefined) node.removeAttribute(attr.name);
    else if (value !== attr.value) node.setAttribute(attr.name, value);
  }
}

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
