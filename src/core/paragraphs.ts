import type { Report } from './model';

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
