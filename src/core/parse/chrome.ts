/** Recognises the page furniture around a report's content: captions, share links, topic lists, notes headings. */
import { parseDate, squeeze } from '../text';

const CHROME =
  /^(?:(?:[\w-]+\s+){0,2}(?:image|photo|photograph|picture|illustration)|related(?:\s+(?:topics|content|articles|reading|posts|publications))?|topics|tags|share(?:\s+this(?:\s+\w+)?)?|print|download(?:\s+pdf)?|subscribe|advertisement|read\s+more|more\s+from\s+[\w\s]{1,30}|back\s+to\s+top|table\s+of\s+contents|contents|(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the)\s+[\w-]{1,20}(?:\s+[\w-]{1,20}){0,2}|(?:get|join)\s+our\s+(?:[\w-]{1,20}\s+){0,2}(?:newsletter|emails?|updates)|newsletter(?:\s+sign[\s-]?up)?|stay\s+(?:informed|connected|up\s+to\s+date)|follow\s+us(?:\s+on\s+[\w-]{1,20})?|most\s+(?:read|popular|viewed)|recommended(?:\s+(?:reading|for\s+you))?|popular\s+(?:posts|articles|now))\s*:?$/i;

const CAPTION = /^(?:photo|image|photograph|credit|source|caption|picture)\s*(?:credit)?\s*:/i;

/** "12", "Page 3", "Page 3 of 12", "- 4 -": page numbers left by a PDF copy. */
const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$/i;

export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line.trim());
}

/** A line that is page furniture, never content. */
export function isChrome(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && (CHROME.test(t) || CAPTION.test(t) || PAGE_NUMBER.test(t));
}

/** "Related Topics" and similar: everything after it is navigation, not content. */
export function endsContent(line: string): boolean {
  return /^related(?:\s+(?:topics|content|articles|reading|posts|publications))?\s*:?$/i.test(line.trim());
}

// `\s*(?::\s*)?` rather than `\s*:?\s*`: two adjacent `\s*` made "Notes" + a long run of spaces quadratic
const NOTES_HEADING =
  /^(?:#{1,6}\s*)?\**(?:notes?|end\s?notes|foot\s?notes|references|sources|bibliography|works\s+cited|citations)\**\s*(?::\s*)?#*$/i;

/** "Notes", "Endnotes", "## Footnotes", "References" … */
export function isNotesHeading(line: string): boolean {
  const t = line.trim();
  return t.length <= 100 && NOTES_HEADING.test(t);
}

/** A line that is only a date ("19 May 2025", "Published: May 19, 2025"). */
export function dateLine(line: string): string | undefined {
  const t = line.trim().replace(/^(?:published|posted|updated|date)\s*:?\s*(?:on\s+)?/i, '');
  return t.length <= 40 ? parseDate(t, true) : undefined;
}

/** "By Madiha Afzal and Jane Doe" → ["Madiha Afzal", "Jane Doe"]. */
export function bylineAuthors(line: string): string[] | undefined {
  const t = line.trim();
  // a byline is short; the cap keeps `\s+(.{2,200})$` from retrying 200 characters after every space of a long run
  if (t.length > 300) return undefined;
  const m = /^(?:by|authors?\s*:|written\s+by)\s+(.{2,200})$/i.exec(t);
  if (!m) return undefined;
  return splitNames(m[1]);
}

export function splitNames(text: string): string[] {
  // whitespace squeezed first: the separator's `\s*` would otherwise rescan a long run from every position in it
  return squeeze(text)
    .split(/\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|;\s*|,\s*)/)
    .map(s => s.trim().replace(/\.$/, ''))
    .filter(s => s.length > 1);
}
