/**
 * A tiny horizontal bar chart as SVG text, small enough for a hover card: one figure among comparable
 * figures (same unit, same report), the figure itself highlighted. Pure string building; every label is
 * escaped, so report text can never become markup.
 */
import type { Figure, Report } from './model';
import { escapeXml } from './xml';
import { comparable as sameKind } from './comparable';

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
  /** 'auto' (default) draws bar lengths on a log scale when the values span more than two orders of magnitude */
  scale?: 'linear' | 'log' | 'auto';
}

const DEFAULT_COLORS = { bar: '#8a8f98', highlight: '#3794ff', text: '#888888' };

export function barChartSvg(bars: readonly MiniBar[], options: MiniChartOptions = {}): string {
  const width = options.width ?? 320;
  const colors = options.colors ?? DEFAULT_COLORS;
  const format = options.format ?? ((v: number) => String(v));
  const shown = pickBars(
    bars.filter(b => Number.isFinite(b.value)),
    options.maxBars ?? 8,
  );
  const rowHeight = 14;
  const positive = shown.map(b => Math.abs(b.value)).filter(v => v > 0);
  const spread = positive.length ? Math.max(...positive) / Math.min(...positive) : 1;
  const log = options.scale === 'log' || ((options.scale ?? 'auto') === 'auto' && spread > 100);
  const title = options.title && log ? `${options.title} (log scale)` : options.title;
  const titleHeight = title ? 15 : 0;
  const height = titleHeight + shown.length * rowHeight + 4;
  const labelWidth = Math.round(width * 0.42);
  const valueWidth = 64;
  const barSpace = Math.max(10, width - labelWidth - valueWidth - 8);
  const max = Math.max(...shown.map(b => Math.abs(b.value)), 0) || 1;
  // on a log scale the smallest value still gets a fifth of the space, so every bar shows
  const floor = positive.length ? Math.log10(Math.min(...positive)) - Math.max(0.5, 0.25 * Math.log10(spread)) : 0;
  const lengthOf = (value: number) =>
    log ? (Math.abs(value) > 0 ? (Math.log10(Math.abs(value)) - floor) / (Math.log10(max) - floor || 1) : 0) : Math.abs(value) / max;
  // about 5.5 px a character at 10 px: labels are cut to fit their column rather than run off the left edge
  const labelChars = Math.max(6, Math.floor((labelWidth - 8) / 5.5));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title ?? 'bar chart')}" font-family="sans-serif" font-size="10">`,
  );
  if (title)
    parts.push(
      `<text x="0" y="11" fill="${colors.text}" font-weight="bold"><title>${escapeXml(title)}</title>${escapeXml(truncate(title, 60))}</text>`,
    );
  shown.forEach((bar, i) => {
    const y = titleHeight + i * rowHeight;
    const length = Math.max(1, Math.round(lengthOf(bar.value) * barSpace));
    const fill = bar.highlight ? colors.highlight : colors.bar;
    parts.push(
      `<text x="${labelWidth - 4}" y="${y + 11}" text-anchor="end" fill="${colors.text}"${bar.highlight ? ' font-weight="bold"' : ''}>${escapeXml(truncate(bar.label, labelChars))}<title>${escapeXml(bar.label)}</title></text>`,
    );
    parts.push(
      `<rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${rowHeight - 5}" rx="2" fill="${fill}"><title>${escapeXml(bar.label)}: ${escapeXml(format(bar.value))}</title></rect>`,
    );
    parts.push(`<text x="${labelWidth + length + 4}" y="${y + 11}" fill="${colors.text}">${escapeXml(format(bar.value))}</text>`);
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

/**
 * The bars of a figure's small chart: the figure among the report's figures that measure the same kind of
 * thing (comparable.ts: same unit, shares of the same whole, a common measure), the ones
 * closest in order of magnitude (so the chart stays small), largest first. Empty when the figure stands
 * alone, or counts things (counts of different things do not compare).
 */
export function comparableFigures(report: Report, figure: Figure, others = 3): Figure[] {
  if (figure.unit === 'count') return [];
  const distance = (f: Figure) => Math.abs(Math.log10(Math.abs(f.value) || 1) - Math.log10(Math.abs(figure.value) || 1));
  const comparable = report.figures
    .filter(f => f.id !== figure.id && !(f.value === figure.value && f.text === figure.text) && sameKind(figure, f))
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, others);
  return comparable.length ? [figure, ...comparable].sort((a, b) => b.value - a.value) : [];
}
