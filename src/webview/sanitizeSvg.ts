/**
 * Turns the host's chart SVG into a DOM node, keeping only plain drawing elements. The host renders it from
 * escaped data, so this is defence in depth: no scripts, no foreign HTML, no event handlers, no links out.
 */
import { allowedSvgElements, cleanAttribute } from '../core/svgClean';

export { cleanAttribute };

let charts = 0;

export function sanitizeSvg(markup: string): SVGSVGElement | undefined {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== 'svg' || doc.getElementsByTagName('parsererror').length) return undefined;
  // each chart's ids get their own prefix, so they can neither clash with nor clobber the page's
  const prefix = `chart${++charts}-`;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (!allowedSvgElements.has(node.nodeName.toLowerCase())) {
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
