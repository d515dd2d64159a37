/**
 * Reports that cite by inline hyperlinks (web articles, CRS Insights) have no notes: each distinct linked URL
 * becomes a numbered source instead, in order of first use, cited where its link stands. The source's outlet
 * is the link's site, its title the link's text, its date one the URL spells out (/2025/08/05/).
 */
import type { Source } from '../model';
import type { DraftMarker, DraftNote, DraftSection } from './draft';

/** Numbers every distinct external link of the paragraphs as a note and marks each link's end as a citation of it. */
export function linkNotes(sections: readonly DraftSection[]): DraftNote[] {
  const numbers = new Map<string, number>();
  const notes: DraftNote[] = [];
  for (const section of sections) {
    for (const paragraph of section.paragraphs) {
      const markers: DraftMarker[] = [];
      for (const link of paragraph.links) {
        const url = citedUrl(link.href);
        if (!url) continue;
        const identity = urlIdentity(url);
        let n = numbers.get(identity);
        if (n === undefined) {
          n = notes.length + 1;
          numbers.set(identity, n);
          notes.push(linkNote(n, url, paragraph.text.slice(link.from, link.to).trim(), link.start, link.end));
        }
        markers.push({ at: link.to, n, start: link.start, end: link.end });
      }
      // links come in reading order; any markers the paragraph had stay in order with them
      paragraph.markers = [...paragraph.markers, ...markers].sort((a, b) => a.at - b.at || a.start - b.start);
    }
  }
  return notes;
}

/** An absolute web address that points away from the page: not an in-page anchor ("#…", "https://site#_Ref1"), not mail. */
export function citedUrl(href: string): string | undefined {
  const url = href.trim();
  const m = /^(https?:\/\/[^/?#\s]{1,253})([^#\s]*)(#\S*)?$/i.exec(url);
  if (!m) return undefined;
  const path = m[2];
  // the capture rewrote an in-page link ("Table 1", "Hide Overview") as the site's root plus an anchor
  if ((path === '' || path === '/') && m[3] !== undefined) return undefined;
  return url;
}

/** Same source whatever the scheme, "www." or trailing slash. */
function urlIdentity(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\/(?:www\.)?/, '')
    .replace(/[/#?]+$/, '');
}

/** "https://www.federalregister.gov/…" → "federalregister.gov". */
export function siteOf(url: string): string {
  const host = /^https?:\/\/([^/?#:\s]{1,253})/i.exec(url)?.[1] ?? url;
  return host.toLowerCase().replace(/^www\d?\./, '');
}

/** A date the URL's path spells out: /2025/08/05/ → 2025-08-05, /2026/03/ → 2026-03. */
export function dateInUrl(url: string): string | undefined {
  const m = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(?:(0[1-9]|[12]\d|3[01])\/)?/.exec(url);
  if (!m) return undefined;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

function linkNote(n: number, url: string, linkText: string, start: number, end: number): DraftNote {
  const site = siteOf(url);
  const date = dateInUrl(url);
  const source: Source = { authors: [], ...(linkText ? { title: linkText } : {}), container: site, ...(date ? { date } : {}), url };
  const text = [linkText && `“${linkText}”`, site, url].filter(Boolean).join(', ');
  return { n, text, url, kind: 'link', source, start, end };
}
