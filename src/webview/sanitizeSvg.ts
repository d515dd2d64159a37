/**
 * Turns the host's chart SVG into a DOM node, keeping only plain drawing elements. The host renders it from
 * escaped data, so this is defence in depth: no scripts, no foreign HTML, no event handlers, no links out.
 */
const allowedElements = new Set([
  'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc',
  'defs', 'clippath', 'lineargradient', 'radialgradient', 'stop', 'pattern',
]);

export function sanitizeSvg(markup: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length) return undefined;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (!allowedElements.has(node.nodeName.toLowerCase())) {
      node.remove();
      continue;
    }
    cleanAttributes(node);
  }
  cleanAttributes(root);
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  svg.classList.add('chart-svg');
  return svg;
}

function cleanAttributes(node: Element): void {
  for (const attr of Array.from(node.attributes)) {
    const name = attr.name.toLowerCase();
    const isLink = name === 'href' || name.endsWith(':href');
    if (name.startsWith('on') || name === 'style' || (isLink && !attr.value.startsWith('#'))) node.removeAttribute(attr.name);
  }
}
