/**
 * A tiny horizontal bar chart as SVG text, small enough for a hover card: one figure among comparable
 * figures (same unit, same report), the figure itself highlighted. Pure string building; every label is
 * escaped, so report text can never become markup.
 */

export interface MiniBar {
  label: string;
  value: number;
  /** the figure the card is about */
  highlight?: boolean;
}

export interface MiniChartOptions {
  title?: string;
  /** how a value is written at the end of its bar ("US$845m", "29%") */
  format?: (value: number) => string;
  width?: number;
  /** most bars shown; the highlighted one is always kept */
  maxBars?: number;
  colors?: { bar: string; highlight: string; text: string };
}

const DEFAULT_COLORS = { bar: '#8a8f98', highlight: '#3794ff', text: '#888888' };

export function barChartSvg(bars: readonly MiniBar[], options: MiniChartOptions = {}): string {
  const width = options.width ?? 320;
  const colors = options.colors ?? DEFAULT_COLORS;
  const format = options.format ?? ((v: number) => String(v));
  const shown = pickBars(bars.filter(b => Number.isFinite(b.value)), options.maxBars ?? 8);
  const rowHeight = 18;
  const titleHeight = options.title ? 18 : 0;
  const height = titleHeight + shown.length * rowHeight + 4;
  const labelWidth = Math.round(width * 0.42);
  const valueWidth = 64;
  const barSpace = Math.max(10, width - labelWidth - valueWidth - 8);
  const max = Math.max(...shown.map(b => Math.abs(b.value)), 0) || 1;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title ?? 'bar chart')}" font-family="sans-serif" font-size="11">`);
  if (options.title) parts.push(`<text x="0" y="12" fill="${colors.text}" font-weight="bold">${escapeXml(truncate(options.title, 60))}</text>`);
  shown.forEach((bar, i) => {
    const y = titleHeight + i * rowHeight;
    const length = Math.max(1, Math.round((Math.abs(bar.value) / max) * barSpace));
    const fill = bar.highlight ? colors.highlight : colors.bar;
    parts.push(`<text x="${labelWidth - 4}" y="${y + 13}" text-anchor="end" fill="${colors.text}"${bar.highlight ? ' font-weight="bold"' : ''}>${escapeXml(truncate(bar.label, 34))}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 6}" rx="2" fill="${fill}"><title>${escapeXml(bar.label)}: ${escapeXml(format(bar.value))}</title></rect>`);
    parts.push(`<text x="${labelWidth + length + 4}" y="${y + 13}" fill="${colors.text}">${escapeXml(format(bar.value))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The largest bars, in their original order, always including the highlighted one. */
function pickBars(bars: readonly MiniBar[], max: number): MiniBar[] {
  if (bars.length <= max) return [...bars];
  const ranked = [...bars].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const keep = new Set(ranked.slice(0, max));
  const highlighted = bars.find(b => b.highlight);
  if (highlighted && !keep.has(highlighted)) {
    keep.delete(ranked[max - 1]!);
    keep.add(highlighted);
  }
  return bars.filter(b => keep.has(b));
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An SVG as a data: URI (base64 of its UTF-8), usable as a Markdown image in a hover. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${base64(new TextEncoder().encode(svg))}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}
