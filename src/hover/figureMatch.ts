import type { Library } from '../core/library';
import type { Figure, Footnote, Report } from '../core/model';
import { numberToken } from '../core/search';

export interface FigureRef {
  report: Report;
  figure: Figure;
}

const byValue = new WeakMap<Library, Map<string, FigureRef[]>>();

/**
 * The library's figures with this value and the same unit (a bare number, with no unit and nothing counted,
 * matches any unit), figures written the same way first. One map lookup per hover; the map is built once
 * per library.
 */
export function figuresMatching(library: Library, quantity: { value: number; unit?: string; text?: string; counted?: string }): FigureRef[] {
  let map = byValue.get(library);
  if (!map) {
    map = new Map();
    for (const { report, figure } of library.allFigures()) {
      const token = numberToken(figure.value);
      if (!token) continue;
      const list = map.get(token) ?? [];
      list.push({ report, figure });
      map.set(token, list);
    }
    byValue.set(library, map);
  }
  const token = numberToken(quantity.value);
  const candidates = (token && map.get(token)) || [];
  const unit = quantity.unit;
  const bare = !unit || (unit === 'count' && !quantity.counted);
  const compatible = candidates.filter(c => bare || c.figure.unit === unit);
  const written = (quantity.text ?? '').toLowerCase();
  return [...compatible].sort((a, b) => Number(b.figure.text.toLowerCase() === written) - Number(a.figure.text.toLowerCase() === written));
}

/** The library note a Markdown footnote definition repeats: same URL, else same title. */
export function footnoteForDefinition(library: Library, text: string): { report: Report; footnote: Footnote } | undefined {
  const lower = text.toLowerCase();
  for (const report of library.reports) {
    for (const footnote of report.footnotes) {
      const url = footnote.source.url;
      if (url && text.includes(url)) return { report, footnote };
    }
  }
  for (const report of library.reports) {
    for (const footnote of report.footnotes) {
      const title = footnote.source.title;
      if (title && title.length >= 12 && lower.includes(title.toLowerCase())) return { report, footnote };
    }
  }
  return undefined;
}
