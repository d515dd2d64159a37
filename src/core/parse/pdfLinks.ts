/**
 * Hyperlinks of a PDF as sources: a CRS Insight or In Focus brief cites by links, not notes. Each link
 * annotation's web address goes onto the text items it covers; a block's rendered text then knows which
 * of its words are linked, and the Markdown the PDF becomes carries them as `[text](url)` — read as link
 * sources by the same rule as a web capture's inline links (src/core/parse/links.ts).
 */
import type { PdfItem, PdfLink, PdfPage } from './pdfItems';

/** Points of slack around a link's area: annotation rectangles are drawn tight around the glyphs. */
const SLACK = 1;
/** Links looked at on one page: enough for any report, a bound for a crafted one. */
const MAX_LINKS = 1000;

/** Height of the bands links are filed under, so an item is compared with the links of its band only. */
const BAND = 12;
/** Bands one link is filed under at most (a link over a whole page is no citation). */
const MAX_BANDS = 8;
/** Links in one band at most: a line of text holds a few; the bound keeps a crafted page linear. */
const MAX_PER_BAND = 64;

/** Sets `href` on each item whose middle lies in a link's area. */
export function linkItems(page: PdfPage): void {
  const links = page.links?.slice(0, MAX_LINKS);
  if (!links?.length) return;
  const bands = new Map<number, PdfLink[]>();
  for (const link of links) {
    const first = Math.floor((link.y1 - SLACK) / BAND);
    const last = Math.floor((link.y2 + SLACK) / BAND);
    if (last - first >= MAX_BANDS) continue;
    for (let b = first; b <= last; b++) {
      const list = bands.get(b);
      if (!list) bands.set(b, [link]);
      else if (list.length < MAX_PER_BAND) list.push(link);
    }
  }
  for (const item of page.items) {
    const x = item.x + item.w / 2;
    // the middle of the glyphs: a little above the baseline
    const y = item.y + item.size * 0.3;
    const link = bands
      .get(Math.floor(y / BAND))
      ?.find(l => x >= l.x1 - SLACK && x <= l.x2 + SLACK && y >= l.y1 - SLACK && y <= l.y2 + SLACK);
    if (link) item.href = link.url;
  }
}

export interface LinkRange {
  from: number;
  to: number;
  url: string;
}

/**
 * Where the linked runs of a block's items stand in its rendered text. Runs are found in reading order by
 * their text (the rendering joins lines and squeezes spaces, so offsets are not carried through it): the whole
 * run, else from its first item's text to its last's (a word broken over the line).
 */
export function linkRanges(items: readonly PdfItem[], text: string): LinkRange[] {
  const runs: { url: string; parts: string[] }[] = [];
  let previous: string | undefined;
  for (const item of items) {
    const s = item.s.replace(/\s+/g, ' ').trim();
    if (!s) continue;
    if (item.href && item.href === previous) runs[runs.length - 1]!.parts.push(s);
    else if (item.href) runs.push({ url: item.href, parts: [s] });
    previous = item.href;
  }
  const ranges: LinkRange[] = [];
  let cursor = 0;
  for (const run of runs) {
    const whole = run.parts.join(' ');
    let from = text.indexOf(whole, cursor);
    let to = from + whole.length;
    if (from < 0) {
      // a compound broken after its hyphen ("U.S.-" "Mexico") keeps it; a word broken over the line loses it
      const first = run.parts[0]!;
      const heads = first.endsWith('-') ? [first, first.slice(0, -1)] : [first];
      const last = run.parts[run.parts.length - 1]!;
      let found = false;
      for (const head of heads) {
        from = text.indexOf(head, cursor);
        const end = from < 0 ? -1 : text.indexOf(last, from + head.length);
        // the last item must follow closely: a word broken over the line, not the same word further on
        if (end < 0 || end + last.length - from > whole.length + 8) continue;
        to = end + last.length;
        found = true;
        break;
      }
      if (!found) continue;
    }
    ranges.push({ from, to, url: run.url });
    cursor = to;
  }
  return ranges;
}
