import { noteRepeatedBy } from './cite';
import { sameAmount } from './quantities';
import type { Library } from './library';
import type { Figure, Footnote, Report } from './model';

export interface FigureRef {
  report: Report;
  figure: Figure;
}

/**
 * The library's figures with this value and the same unit (a bare number, with no unit and nothing counted,
 * matches any unit), figures written the same way first.
 */
export function figuresMatching(
  library: Library,
  quantity: { value: number; unit?: string; text?: string; counted?: string },
): FigureRef[] {
  const compatible = library.figuresWithValue(quantity.value).filter(c => sameAmount(quantity, c.figure));
  const written = (quantity.text ?? '').toLowerCase();
  return [...compatible].sort((a, b) => Number(b.figure.text.toLowerCase() === written) - Number(a.figure.text.toLowerCase() === written));
}

/** The library note a Markdown footnote definition repeats (see noteRepeatedBy). */
export function footnoteForDefinition(library: Library, text: string): { report: Report; footnote: Footnote } | undefined {
  for (const report of library.reports) {
    const footnote = noteRepeatedBy(report, text);
    if (footnote) return { report, footnote };
  }
  return undefined;
}
