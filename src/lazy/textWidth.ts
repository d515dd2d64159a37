/**
 * Text widths without a canvas. Vega's own fallback guesses 0.8 em for every character, which truncates axis
 * labels at half their room and pads charts with blank space. These are advance widths of a humanist sans
 * (the UI fonts VS Code uses: Segoe UI, Ubuntu, DejaVu Sans, Helvetica), in em, rounded up a little so real
 * text never overflows the space Vega sets aside.
 */
const narrow = new Set("il.,:;|!'`ıj");
const semiNarrow = new Set('frtI-()[]/ ');
const wide = new Set('mwMW%@');
const upperWide = new Set('ABCDGHKNOQRUVXY&');

function charWidth(c: string): number {
  if (narrow.has(c)) return 0.28;
  if (semiNarrow.has(c)) return 0.36;
  if (wide.has(c)) return 0.92;
  if (c >= '0' && c <= '9') return 0.6;
  if (upperWide.has(c)) return 0.74;
  if (c >= 'A' && c <= 'Z') return 0.66;
  if (c >= 'a' && c <= 'z') return 0.57;
  if (c === '$' || c === '€' || c === '£') return 0.6;
  if (c === '…') return 0.9;
  return c.charCodeAt(0) > 0x2e80 ? 1 : 0.62; // CJK full width; other symbols average
}

export function textWidth(text: string, fontSize: number, bold: boolean): number {
  let em = 0;
  for (const c of text) em += charWidth(c);
  return em * fontSize * (bold ? 1.08 : 1);
}

/** The shape of Vega's `textMetrics.width(item, text)`. */
export function measureItem(item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
  const lines = Array.isArray(text) ? text : [text];
  const width = Math.max(0, ...lines.map(line => textWidth(line == null ? '' : String(line).trim(), size, bold)));
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
