import type { Figure, Report } from './model';

const numbered = new WeakMap<Report, ReadonlyMap<string, number>>();

/**
 * The one numbering of paragraphs an analyst sees ("¶12" in the reader, "para. 12" in a citation): 1, 2, …
 * through the whole report, across sections. By paragraph id; computed once per report object.
 */
export function paragraphNumbers(report: Report): ReadonlyMap<string, number> {
  let numbers = numbered.get(report);
  if (!numbers) {
    const map = new Map<string, number>();
    for (const section of report.sections) for (const paragraph of section.paragraphs) map.set(paragraph.id, map.size + 1);
    numbered.set(report, (numbers = map));
  }
  return numbers;
}

const figureIndex = new WeakMap<Report, ReadonlyMap<string, readonly Figure[]>>();

/** A report's figures by paragraph id, in reading order; built once per report (big reports have tens of thousands). */
export function figuresByParagraph(report: Report): ReadonlyMap<string, readonly Figure[]> {
  let map = figureIndex.get(report);
  if (!map) {
    const byParagraph = new Map<string, Figure[]>();
    for (const figure of report.figures) {
      const list = byParagraph.get(figure.paragraph);
      if (list) list.push(figure);
      else byParagraph.set(figure.paragraph, [figure]);
    }
    figureIndex.set(report, (map = byParagraph));
  }
  return map;
}
