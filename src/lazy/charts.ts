/**
 * The chart engine: Vega-Lite spec → SVG string, in Node (extension host or CLI), no DOM, no eval.
 * Bundled on its own to dist/charts.js and loaded with a runtime require at first use, so Vega never
 * lands in extension.js or on the activation path.
 *
 * Strict CSP and no `new Function`: Vega parses expressions to an AST and vega-interpreter evaluates them.
 */
import type * as Vega from 'vega';
import { measureItem } from './textWidth';
import { escapeXml } from '../core/xml';
import type { compile as Compile } from 'vega-lite' with { 'resolution-mode': 'import' };

// Imported dynamically: the packages are ESM with a top-level await (vega-canvas); esbuild aliases that
// to its canvas-free build, and under tsx (unit tests) the native ESM loader handles it.
interface Engines {
  vega: typeof Vega;
  compile: typeof Compile;
  interpreter: unknown;
}
let engines: Promise<Engines> | undefined;
function load(): Promise<Engines> {
  return (engines ??= Promise.all([import('vega'), import('vega-lite'), import('vega-interpreter')]).then(([vega, vl, vi]) => {
    (vega as unknown as { textMetrics: { width: unknown } }).textMetrics.width = measureItem;
    return { vega, compile: vl.compile, interpreter: vi.expressionInterpreter };
  }));
}

/** What dist/charts.js exports; the host and CLI type their require() with this. */
export interface ChartEngine {
  /** Renders a Vega-Lite spec to a standalone SVG document string (cached by spec). */
  renderSvg(spec: object): Promise<string>;
  /** Compiles a Vega-Lite spec to a Vega spec (for debugging and tests). */
  toVega(spec: object): Promise<object>;
}

const cache = new Map<string, Promise<string>>();
const CACHE_LIMIT = 200;

export async function toVega(spec: object): Promise<object> {
  const { compile } = await load();
  // vega-lite's own types are stricter than the JSON we build; the spec was built by src/core/charts.ts.
  return compile(spec as Parameters<typeof compile>[0]).spec as object;
}

export function renderSvg(spec: object): Promise<string> {
  const key = hash(JSON.stringify(spec));
  const hit = cache.get(key);
  if (hit) {
    // keep recently used entries at the end (least recently used is evicted first)
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rendered = render(spec);
  cache.set(key, rendered);
  rendered.catch(() => cache.delete(key));
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return rendered;
}

async function render(spec: object): Promise<string> {
  const { vega, interpreter } = await load();
  const vegaSpec = (await toVega(spec)) as Vega.Spec;
  const view = new vega.View(vega.parse(vegaSpec, undefined, { ast: true }), {
    renderer: 'none',
    expr: interpreter,
    logLevel: vega.Error,
  });
  try {
    // clip-path and gradient ids restart for every chart, so the same spec always gives the same SVG
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    return scopeIds(accessible(svg, spec), `c${hash(JSON.stringify(spec)).slice(0, 8)}-`);
  } finally {
    view.finalize();
  }
}

/**
 * Vega puts the spec's description in aria-label; add role="img" and <title>/<desc> children so screen
 * readers and image viewers name the chart even where aria-* on SVG is ignored.
 */
function accessible(svg: string, spec: object): string {
  const s = spec as { title?: unknown; description?: unknown };
  const text = typeof s.title === 'object' && s.title !== null ? (s.title as { text?: unknown }).text : s.title;
  const title = typeof text === 'string' ? text : Array.isArray(text) ? text.join(' ') : 'Chart';
  const description = typeof s.description === 'string' ? s.description : title;
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  let tag = open[0]
    .replace(/\srole="[^"]*"/, '')
    .replace(/\saria-label="[^"]*"/, '')
    .replace(/\saria-roledescription="[^"]*"/, '');
  tag = tag.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeXml(description)}"`);
  if (!/\sxmlns=/.test(tag)) tag = tag.replace(/^<svg\b/, '<svg xmlns="http://www.w3.org/2000/svg"');
  return `${tag}<title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>${svg.slice(open[0].length)}`;
}

/**
 * Vega numbers clip paths from 1 in every chart; several charts inline in one page would clip each other.
 * Prefix every id with one derived from the spec, so ids stay unique across charts and still deterministic.
 */
function scopeIds(svg: string, prefix: string): string {
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map(m => m[1] as string));
  if (ids.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) =>
    ids.has(id) ? `${lead}${prefix}${id}` : whole,
  );
}

/** FNV-1a, 53-bit: enough to tell specs apart in a cache of a few hundred. */
function hash(text: string): string {
  let h1 = 0x811c9dc5,
    h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}${text.length.toString(36)}`;
}
