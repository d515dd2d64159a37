/**
 * Entry of the lazy bundle dist/web.js: saved web pages and Word files → Markdown with front matter, which the
 * core's Markdown reader then reads like any report. Loaded with require() at the first .html/.docx report,
 * never on activation (see src/lazy/webReaders.ts).
 *
 * HTML: linkedom parses the page (no scripts run, nothing is fetched), Defuddle drops the site around the
 * article (navigation, share bars, newsletter boxes, related links, footers) and writes Markdown with its
 * footnotes normalised to `[^n]`. Notes kept in `<aside>` elements, which Defuddle drops as page furniture, are
 * first moved into an ordinary footnote list. Title, date and authors come from JSON-LD, then citation_* and
 * Open Graph / article: meta tags, then what Defuddle found.
 * Word: mammoth turns the .docx into HTML (footnotes and endnotes as linked lists), which takes the same path.
 */
import mammoth from 'mammoth';
import TurndownService from 'turndown';
import { splitNames } from '../core/parse/chrome';

// linkedom's types are declared for ES modules only; its CommonJS build is the one bundled (as Defuddle does)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseHTML } = require('linkedom') as { parseHTML(html: string): { document: unknown } };

/** What the converter made of a page: Markdown with front matter, and what the analyst should know. */
export interface Converted {
  markdown: string;
  warnings: string[];
}

interface PageMetadata {
  title?: string;
  date?: string;
  authors: string[];
  publisher?: string;
  url?: string;
}

/** A saved web page (HTML text) as Markdown with front matter. `url`: where the page came from, if known. */
export async function htmlToMarkdown(html: string, url?: string): Promise<Converted> {
  const { document } = parseHTML(html);
  const doc = document as Document;
  // the two DOM calls Defuddle makes that linkedom lacks (as Defuddle's own linkedom helper does)
  const dom = document as { styleSheets?: unknown; defaultView?: { getComputedStyle?: unknown } | null };
  dom.styleSheets ??= [];
  if (dom.defaultView && !dom.defaultView.getComputedStyle) dom.defaultView.getComputedStyle = () => ({ display: '' });
  const warnings: string[] = [];
  const metadata = pageMetadata(doc);
  // notes as a standard footnote list, which Defuddle turns into [^n] (and counts as part of the article)
  const notes = takeNotes(doc, n => `<sup><a href="#fn${n}" id="fnref${n}">${n}</a></sup>`);
  if (notes.length) {
    const section = doc.createElement('section');
    section.setAttribute('class', 'footnotes');
    section.innerHTML = `<ol>${notes.map(note => `<li id="fn${note.n}">${note.html}</li>`).join('')}</ol>`;
    (doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body).appendChild(section);
  }
  // a dynamic import: Defuddle's Node entry is published for `import` only (esbuild bundles it all the same)
  const { Defuddle } = await import('defuddle/node');
  const result = await Defuddle(doc, url ?? metadata.url, { markdown: true, useAsync: false });
  const authors = metadata.authors.length ? metadata.authors : result.author ? splitNames(result.author) : [];
  const front: PageMetadata = {
    title: metadata.title ?? (result.title || undefined),
    date: metadata.date ?? isoDay(result.published),
    authors,
    // not Defuddle's site name: without a publisher tag it falls back to the author
    publisher: metadata.publisher,
    url: url ?? metadata.url,
  };
  return { markdown: frontMatter(front) + withNotes(result.content ?? '', notes, markdownWriter()), warnings };
}

/**
 * Word's "Title" paragraph is the report's title (`#`); its headings move one level down so that "Heading 1"
 * stays a section rather than becoming the title.
 */
const WORD_STYLES = [
  "p[style-name='Title'] => h1:fresh",
  ...[1, 2, 3, 4, 5].map(level => `p[style-name='Heading ${level}'] => h${level + 1}:fresh`),
];

/**
 * A Word file as Markdown with front matter: its title, headings, paragraphs, and its footnotes and endnotes as
 * `[^n]` notes numbered as Word shows them. A Word file has no site around it, so Defuddle is not needed:
 * Turndown writes the Markdown directly.
 */
export async function docxToMarkdown(bytes: Uint8Array): Promise<Converted> {
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { styleMap: WORD_STYLES },
  );
  const properties = await docxProperties(bytes);
  const { document } = parseHTML(`<!doctype html><html><body>${result.value}</body></html>`);
  const doc = document as Document;
  const notes = takeNotes(doc, n => `⟦fn:${n}⟧`);
  const turndown = markdownWriter();
  const body = turndown.turndown(doc.body as unknown as HTMLElement);
  const front = frontMatter({ title: properties.title, authors: properties.creator ? [properties.creator] : [] });
  const warnings = result.messages.filter(m => m.type === 'error').map(m => `Word: ${m.message}`);
  return { markdown: front + withNotes(body, notes, turndown), warnings };
}

/** Stands for a note marker while Turndown writes Markdown (which would escape a literal `[^1]`). */
const NOTE_PLACEHOLDER = /⟦fn:(\d{1,5})⟧/g;
/** A marker takeNotes wrote, left as HTML when Defuddle dropped the list it points to. */
const OWN_MARKER = /<sup><a href="#fn(\d{1,5})">\d{1,5}<\/a><\/sup>/g;

/**
 * Title and author from docProps/core.xml, when the file has them. Not its dates: "created" is when the file
 * was made, which may be any draft's day, and a wrong date would go into every citation.
 */
async function docxProperties(bytes: Uint8Array): Promise<{ title?: string; creator?: string }> {
  try {
    // jszip comes with mammoth (which reads the .docx with it)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as {
      loadAsync(data: Uint8Array): Promise<{ file(name: string): { async(type: 'string'): Promise<string> } | null }>;
    };
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('docProps/core.xml')?.async('string');
    if (!xml) return {};
    const field = (tag: string) => {
      const m = new RegExp(`<${tag}(?:\\s[^>]{0,200})?>([^<]{1,500})</${tag}>`).exec(xml);
      return m ? decodeXml(m[1]).trim() || undefined : undefined;
    };
    return { title: field('dc:title'), creator: field('dc:creator') };
  } catch {
    return {};
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON-LD first (an Article's headline, datePublished, authors, publisher), then meta tags. */
function pageMetadata(doc: Document): PageMetadata {
  const meta = (...names: string[]): string[] => {
    const values: string[] = [];
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const key = (el.getAttribute('name') ?? el.getAttribute('property') ?? el.getAttribute('itemprop') ?? '').toLowerCase();
      const content = el.getAttribute('content')?.trim();
      if (content && names.includes(key)) values.push(content);
    }
    return values;
  };
  const ld = articleFromJsonLd(doc);
  const text = (v: Json | undefined): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const name = (v: Json | undefined): string | undefined =>
    text(v) ?? (v && typeof v === 'object' && !Array.isArray(v) ? text(v.name) : undefined);
  const ldAuthors = ld
    ? (Array.isArray(ld.author) ? ld.author : ld.author !== undefined ? [ld.author] : []).map(name).filter((a): a is string => !!a)
    : [];
  const metaAuthors = meta('citation_author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author');
  const plainAuthor = meta('author', 'article:author').filter(a => !/^https?:/i.test(a));
  return {
    title:
      text(ld?.headline) ??
      meta('citation_title', 'dc.title', 'og:title', 'twitter:title')[0] ??
      (doc.querySelector('title')?.textContent?.trim() || undefined),
    date: isoDay(
      text(ld?.datePublished) ??
        meta(
          'citation_publication_date',
          'citation_date',
          'article:published_time',
          'dc.date',
          'dcterms.date',
          'date',
          'pubdate',
          'publish-date',
        )[0] ??
        text(ld?.dateCreated),
    ),
    authors: ldAuthors.length ? ldAuthors : metaAuthors.length ? metaAuthors : plainAuthor.slice(0, 1),
    publisher: name(ld?.publisher) ?? meta('citation_publisher', 'dc.publisher', 'og:site_name')[0],
    url: meta('og:url')[0] ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined,
  };
}

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|AnalysisNewsArticle|OpinionNewsArticle|TechArticle|WebPage)$/;

/** The first article-like object in the page's JSON-LD blocks (inside @graph or arrays too). */
function articleFromJsonLd(doc: Document): Record<string, Json> | undefined {
  const found: Record<string, Json>[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const type = v['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (types.some(t => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(v);
    if (v['@graph'] !== undefined) visit(v['@graph'], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0);
    } catch {
      // a broken JSON-LD block is the page's problem: the meta tags still count
    }
  }
  // an Article beats the WebPage around it
  return found.find(f => f['@type'] !== 'WebPage') ?? found[0];
}

/**
 * Takes the notes out of the page before anything else reads it: every in-page link whose text is a number
 * ("1", "[1]") and whose target is a small block (a list item, paragraph, `<aside>` box, `<dd>`, or a `<div>`
 * with an id) is a note marker, whatever the site's markup: `<sup><a href="#fn1">`, Word and WordPress
 * `_ftn1`/`_ftnref1`, `<aside id="note-1">` boxes (which Defuddle drops as furniture), mammoth's
 * `footnote-1`/`endnote-1` lists. Each marker becomes a placeholder (Markdown `[^n]` at the end) and each note
 * its HTML without its own number and back-link.
 */
function takeNotes(doc: Document, marker: (n: string) => string): { n: string; html: string }[] {
  const notes: { n: string; html: string }[] = [];
  const numberOf = new Map<Element, string>();
  for (const anchor of Array.from(doc.querySelectorAll('a[href^="#"]'))) {
    // a back-link inside a note taken already, or a marker in a note
    if (!doc.body.contains(anchor) || anchor.closest('[data-dossier-note]')) continue;
    const shown = /^\[?(\d{1,4})\]?$/.exec((anchor.textContent ?? '').trim())?.[1];
    const id = (anchor.getAttribute('href') ?? '').slice(1);
    if (!shown || !id) continue;
    const target = doc.getElementById(id) ?? doc.querySelector(`a[name="${id.replace(/["\\]/g, '')}"]`);
    const note = target?.closest('li, aside, p, dd, div[id]');
    if (!note || note.contains(anchor) || anchor.contains(note) || !isNoteSized(note)) continue;
    let n = numberOf.get(note);
    if (n === undefined) {
      n = shown;
      numberOf.set(note, n);
      const body = note.cloneNode(true) as Element;
      // the note's own number and its way back are not its text
      for (const el of Array.from(body.querySelectorAll('a[href^="#"], sup'))) {
        if (/^\s*(?:\[?\d{1,4}\]?\.?|[↩↑]\uFE0E?|\^|back)\s*$/i.test(el.textContent ?? '')) el.remove();
      }
      notes.push({ n, html: body.innerHTML.replace(/^\s*\d{1,4}[.)]?\s+/, '').trim() });
      note.setAttribute('data-dossier-note', n);
    }
    // the marker's <sup>, if it holds nothing else, goes with it
    const sup = anchor.parentElement;
    const wrapper = sup && /^sup$/i.test(sup.tagName) && sup.textContent?.trim() === anchor.textContent?.trim() ? sup : anchor;
    const ref = doc.createElement('span');
    ref.innerHTML = marker(n);
    wrapper.replaceWith(...Array.from(ref.childNodes));
  }
  for (const note of Array.from(doc.querySelectorAll('[data-dossier-note]'))) {
    const list = note.parentElement;
    note.remove();
    if (list && /^(?:ol|ul|dl)$/i.test(list.tagName) && !list.children.length) list.remove();
  }
  return notes;
}

/** A note is a few sentences, never a section of the page. */
function isNoteSized(el: Element): boolean {
  return (el.textContent ?? '').length <= 4000 && !el.querySelector('h1, h2, h3, h4, h5, h6, article, section, main');
}

/**
 * Markdown placeholders back into `[^n]` markers, and the notes the Markdown does not define yet as
 * definitions after the text (Defuddle drops a footnote list it finds too long for the article it kept).
 */
function withNotes(markdown: string, notes: readonly { n: string; html: string }[], turndown: TurndownService): string {
  const body = markdown.replace(NOTE_PLACEHOLDER, '[^$1]').replace(OWN_MARKER, '[^$1]').trim();
  const defined = new Set(Array.from(body.matchAll(/^\[\^(\d{1,5})\]:/gm), m => m[1]));
  const missing = notes.filter(note => !defined.has(note.n));
  if (!missing.length) return body + '\n';
  const definitions = missing.map(
    note =>
      `[^${note.n}]: ${turndown
        .turndown(note.html)
        .replace(/\s*\n+\s*/g, ' ')
        .trim()}`,
  );
  return body + '\n\n' + definitions.join('\n\n') + '\n';
}

function markdownWriter(): TurndownService {
  return new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
}

/** "2025-02-11T10:00:00+05:00" → "2025-02-11" (the day as published, not shifted to UTC); other forms as given. */
function isoDay(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}(?:-\d{2})?)/.exec(value.trim());
  return m ? m[1] : value.trim();
}

/** YAML front matter with every value as a JSON string (valid YAML, nothing in it can become markup or a type). */
function frontMatter(m: PageMetadata): string {
  const lines = ['---'];
  if (m.title) lines.push(`title: ${JSON.stringify(m.title)}`);
  if (m.date) lines.push(`date: ${JSON.stringify(m.date)}`);
  if (m.authors.length) lines.push(`authors: [${m.authors.map(a => JSON.stringify(a)).join(', ')}]`);
  if (m.publisher) lines.push(`publisher: ${JSON.stringify(m.publisher)}`);
  if (m.url) lines.push(`source: ${JSON.stringify(m.url)}`);
  lines.push('---', '', '');
  return lines.join('\n');
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}
