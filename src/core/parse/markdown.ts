/**
 * Markdown reports: YAML front matter (title, date, authors), `#` and setext headings, `[^n]`/`[^label]`
 * footnotes with `[^n]: text` definitions, and converted reports whose markers are linked numbers
 * (`[12](…#fn12)`, `<sup>12</sup>`) with the notes under a Notes / Footnotes / Endnotes / References heading
 * as a numbered list, lines starting with the number, or table rows. Tables of contents, link lists, images,
 * tables and code are not body paragraphs.
 */
import { parseYaml } from '../yaml';
import { parseDate } from '../text';
import {
  type CaptureMetadata,
  isCaption,
  isMasthead,
  isSourceLine,
  looksLikePlainHeading,
  metadataField,
  readMetadata,
  startsBoilerplate,
} from './capture';
import { bylineAuthors, dateLine, endsContent, isChrome, isNotesHeading, splitNames } from './chrome';
import { type Draft, type DraftNote, type DraftParagraph, type DraftSection, type DraftTable, TextBuilder } from './draft';
import { type InlineContext, renderInline } from './inline';
import { type Line, capLines, isBlank, splitLines } from './lines';
import { linkNotes } from './links';
import { errorMessage } from '../errors';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})(?:[ \t]+(.*))?$/; // closing #s are trimmed by atxText, not here (no backtracking)
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;
const FOOTNOTE_DEF = /^\s{0,3}\[\^([^\]\s]{1,100})\]:[ \t]?/;
const LINK_DEF = /^\s{0,3}\[[^\]^]{1,200}\]:\s*\S+/;
const LIST_ITEM = /^(\s{0,6})(?:[-*+]|\d{1,4}[.)])[ \t]+/;
/** a table row; captures often drop the closing pipe */
const TABLE_ROW = /^\s{0,3}\|/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/** A note line of a converted document: "[1] text", or a linked number back to the marker "[[1]](#_ftnref1) text" */
const BRACKET_NOTE = /^\s{0,3}(?:\[\d{1,4}\][ \t]+\S|\[\[\d{1,4}\]\]\(#[^)\s]{0,200}\)|\[\d{1,4}\]\(#[^)\s]{0,200}\)[ \t]*\S)/;
const CONTENTS_HEADING =
  /^(?:table\s+of\s+)?contents$|^in\s+this\s+(?:report|article|issue)$|^(?:list\s+of\s+)?(?:figures|tables|boxes|appendix(?:es)?)$/i;
/** a list item that is one link and nothing else ("- [April 23, 2026 (Version 3)](…)") */
const LINK_ITEM = /^\s{0,6}(?:[-*+]|\d{1,4}[.)])[ \t]+\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)\s*$/;

/** Content hints: front matter, `#` headings, Markdown footnotes, or linked note numbers. */
export function looksLikeMarkdown(text: string): boolean {
  const head = text.slice(0, 200000);
  return (
    /^\uFEFF?---[ \t]*(?:\r\n?|\n)/.test(head) ||
    /^#{1,6}[ \t]+\S/m.test(head) ||
    /\[\^[^\]\s]{1,100}\]/.test(head) ||
    /\]\([^)\s]{0,200}#[^)\s]{0,100}\)/.test(head)
  );
}

interface FrontMatter {
  title?: string;
  date?: string;
  authors: string[];
  publisher?: string;
  number?: string;
  /** offset where the body starts */
  bodyStart: number;
}

function readFrontMatter(text: string, warnings: string[]): FrontMatter {
  const open = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/.exec(text);
  const none: FrontMatter = { authors: [], bodyStart: 0 };
  if (!open) return none;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return none;
  const yamlText = rest.slice(0, m.index);
  const bodyStart = open[0].length + m.index + m[0].length;
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    warnings.push(`The front matter is not valid YAML and was ignored: ${errorMessage(error).split('\n')[0]}`);
    return { authors: [], bodyStart };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { authors: [], bodyStart };
  const d = data as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : undefined);
  const fm: FrontMatter = { authors: [], bodyStart };
  fm.title = str(d.title);
  const date = d.date ?? d.publication_date ?? d.publicationDate ?? d.published ?? d.issued;
  if (date instanceof Date && !isNaN(date.getTime())) fm.date = date.toISOString().slice(0, 10);
  else if (str(date)) fm.date = parseDate(str(date)!);
  const rawAuthors = d.authors ?? d.author;
  const list = Array.isArray(rawAuthors) ? rawAuthors : rawAuthors === undefined ? [] : [rawAuthors];
  for (const a of list) {
    if (typeof a === 'string') for (const name of Array.isArray(rawAuthors) ? [a.trim()] : splitNames(a)) fm.authors.push(name);
    else if (a && typeof a === 'object' && typeof (a as Record<string, unknown>).name === 'string')
      fm.authors.push(String((a as Record<string, unknown>).name).trim());
  }
  fm.authors = fm.authors.filter(Boolean);
  fm.publisher = str(d.publisher) ?? str(d.organization) ?? str(d.organisation);
  fm.number = str(d.number) ?? str(d['report-number']);
  return fm;
}

interface Heading {
  level: number;
  text: string;
  start: number;
  end: number;
}

export function parseMarkdown(input: string): Draft {
  const warnings: string[] = [];
  const fm = readFrontMatter(input, warnings);
  const lines = capLines(splitLines(input), warnings, fm.bodyStart).filter(l => l.start >= fm.bodyStart);
  const hasNotesHeading = lines.some(l => {
    const h = ATX.exec(l.text);
    return (h && isNotesHeading(atxText(h[2] ?? ''))) || isNotesHeading(l.text.replace(/^\*\*|\*\*$/g, ''));
  });

  // Pass 1: footnote references in order of first use, so `[^label]` get numbers like pandoc gives them.
  const labels = collectLabels(input, fm.bodyStart);
  // plain-text style notes ("[1] Author, “Title,” …" lines) make bracketed numbers markers too
  const hasBracketNotes = lines.some(l => BRACKET_NOTE.test(l.text));
  const ctx: InlineContext = { footnoteLabel: label => labels.get(label), numbersAreMarkers: hasNotesHeading || hasBracketNotes };

  // A page saved as Markdown (a metadata table or header fields) lost its heading markup: short title-like
  // lines are headings, and the site around the report is dropped.
  const capture = isCapture(lines);
  const metadata: CaptureMetadata = {};

  let title = fm.title;
  let date = fm.date;
  let authors = fm.authors;
  const sections: DraftSection[] = [];
  const notes: DraftNote[] = [];
  const tables: DraftTable[] = [];
  /** the caption just read ("Table 2. …") and the line under it, for the table that follows */
  let caption: { text: string; subtitle?: string } | undefined;
  let section: DraftSection | undefined;
  // 'contents': under a Contents heading, lists are navigation until prose resumes
  let mode: 'body' | 'notes' | 'contents' | 'skip' = 'body';
  let sawParagraph = false;
  let i = 0;

  /** Header fields (`**Publication Date:** …`, `| **Author:** | … |`): read before the text starts, never paragraphs. */
  const takeFields = (block: Line[]): boolean => {
    if (sawParagraph) return false;
    const fields = block.map(l => metadataField(l.text));
    if (!fields.every(f => f !== undefined)) return false;
    readMetadata(fields as { name: string; value: string }[], metadata);
    // a heading over the page's metadata ("CRS PRODUCT (LIBRARY OF CONGRESS)") names the site, not a section
    if (section && !section.paragraphs.length) section = undefined;
    return true;
  };
  // A table's caption may be followed by a subtitle before the table, and the table by lettered notes ("a. …").
  let float: 'none' | 'caption' | 'after' = 'none';
  const startSection = (heading: Heading) => {
    if (section && section.paragraphs.length) sections.push(section);
    section = { title: heading.text, start: heading.start, end: heading.end, paragraphs: [] };
  };
  const addParagraph = (p: DraftParagraph | undefined) => {
    if (!p || !p.text) return;
    if (!sawParagraph && p.markers.length === 0) {
      // Lines before the first paragraph: a date, a byline, a caption.
      if (isChrome(p.text)) return;
      const d = dateLine(p.text);
      if (d) {
        date ??= d;
        return;
      }
      const by = bylineAuthors(p.text);
      if (by) {
        if (!authors.length) authors = by;
        return;
      }
    } else if (isChrome(p.text) || (title && p.text === title)) return;
    sawParagraph = true;
    section ??= { start: p.start, end: p.end, paragraphs: [] };
    section.paragraphs.push(p);
    section.end = p.end;
  };

  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = FENCE.exec(line.text);
    if (fence) {
      i++;
      while (i < lines.length && !lines[i].text.trimStart().startsWith(fence[1])) i++;
      i++;
      continue;
    }
    const def = FOOTNOTE_DEF.exec(line.text);
    if (def) {
      const end = continuation(lines, i + 1, true);
      const n = labels.get(def[1]);
      if (n !== undefined) notes.push(noteFrom(input, lines.slice(i, end), line.start + def[0].length, n, ctx));
      i = end;
      continue;
    }
    const heading = headingAt(lines, i);
    if (heading) {
      i = heading.next;
      const h = heading.heading;
      if (isNotesHeading(h.text)) {
        mode = 'notes';
        continue;
      }
      if (CONTENTS_HEADING.test(h.text)) {
        mode = 'contents';
        continue;
      }
      if (endsContent(h.text) || isChrome(h.text)) {
        mode = 'skip';
        continue;
      }
      mode = 'body';
      if (title !== undefined && h.text.toLowerCase() === title.toLowerCase()) continue; // the title repeated
      if (title === undefined && (h.level === 1 || (!sawParagraph && !section && sections.length === 0))) {
        title = h.text;
        continue;
      }
      startSection(h);
      continue;
    }
    if (mode === 'skip' || LINK_DEF.test(line.text) || RULE.test(line.text)) {
      i++;
      continue;
    }

    if (mode === 'notes' || (BRACKET_NOTE.test(line.text) && (i === 0 || isBlank(lines[i - 1])))) {
      mode = 'notes';
      i = readNoteItem(input, lines, i, notes, ctx);
      continue;
    }
    if (TABLE_ROW.test(line.text)) {
      const start = i;
      // in a capture, a cell's text runs on over lines without pipes until the blank line
      while (i < lines.length && !isBlank(lines[i]) && (capture || TABLE_ROW.test(lines[i].text) || TABLE_RULE.test(lines[i].text))) i++;
      const block = lines.slice(start, i);
      if (takeFields(block)) continue;
      const table = dataTable(block, float === 'caption' ? caption : undefined);
      if (table) tables.push(table);
      caption = undefined;
      float = 'after';
      if (capture) for (const p of boxParagraphs(input, block, ctx)) addParagraph(p);
      continue;
    }
    if (LIST_ITEM.test(line.text)) {
      const items: Line[][] = [];
      while (i < lines.length && !isBlank(lines[i]) && !headingAt(lines, i)) {
        // a line run on after a one-link item (a version list) starts the next block, not the item's text
        if (
          items.length &&
          !LIST_ITEM.test(lines[i].text) &&
          !/^\s/.test(lines[i].text) &&
          items[items.length - 1].length === 1 &&
          LINK_ITEM.test(items[items.length - 1][0].text)
        )
          break;
        if (LIST_ITEM.test(lines[i].text) || items.length === 0) items.push([lines[i]]);
        else items[items.length - 1].push(lines[i]);
        i++;
      }
      const rendered = items.map(item => inlineBlock(input, item, ctx, LIST_ITEM));
      // A table of contents or a list of links is navigation, not prose.
      if (mode === 'contents' || rendered.every(r => r.linkOnly)) continue;
      for (const r of rendered) addParagraph(r.paragraph);
      continue;
    }
    // a paragraph: lines up to a blank line or another block
    const start = i;
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i)) i++;
    const quote = /^\s{0,3}>\s?/;
    const block = lines.slice(start, i);
    if (takeFields(block)) continue;
    const r = inlineBlock(input, block, ctx, quote.test(line.text) ? quote : undefined);
    if (r.linkOnly || r.navigation) continue;
    const text = r.paragraph?.text ?? '';
    if (startsBoilerplate(text)) {
      mode = 'skip';
      continue;
    }
    if (capture && !sawParagraph && block.length > 1) {
      // the masthead line, then the lines after it as a block of their own ("Jump to Main Text")
      const head = inlineBlock(input, [line], ctx);
      if (head.paragraph && isMasthead(head.paragraph.text, title)) {
        i = start + 1;
        continue;
      }
    }
    if (isCaption(text)) {
      float = 'caption';
      caption = { text };
      continue;
    }
    if (isSourceLine(text) || (capture && isMasthead(text, title))) continue;
    if (float === 'caption' && block.length === 1 && looksLikePlainHeading(text) && TABLE_ROW.test(nextNonBlank(lines, i)?.text ?? '')) {
      if (caption) caption.subtitle = text;
      continue;
    }
    if (float === 'after' && /^[a-z]\.\s/.test(text)) continue;
    float = 'none';
    if (capture && block.length === 1 && !r.paragraph?.markers.length && looksLikePlainHeading(text) && i < lines.length) {
      const heading = { level: 2, text, start: line.start, end: line.end };
      if (isNotesHeading(text)) {
        mode = 'notes';
        continue;
      }
      if (CONTENTS_HEADING.test(text)) {
        mode = 'contents';
        continue;
      }
      mode = 'body';
      if (title !== undefined && text.toLowerCase() === title.toLowerCase()) continue;
      startSection(heading);
      continue;
    }
    mode = 'body';
    addParagraph(r.paragraph);
  }
  if (section && (section as DraftSection).paragraphs.length) sections.push(section);

  // no notes and no markers: an article that cites by its links
  // (a loop, not push(...): an article of 200,000 links would overflow the call stack as arguments)
  if (!notes.length && sections.every(s => s.paragraphs.every(p => !p.markers.length)))
    for (const note of linkNotes(sections)) notes.push(note);
  date ??= metadata.date;
  if (!authors.length && metadata.authors?.length) authors = metadata.authors;
  return {
    title,
    date,
    authors,
    publisher: fm.publisher,
    number: fm.number ?? metadata.number,
    sections,
    notes,
    ...(tables.length ? { tables } : {}),
    warnings,
  };
}

/**
 * A block of table rows as a data table: at least two rows of two cells with text, not a box or a figure's
 * frame. The rows above a `| --- |` rule are its header; without one, the header is told by its cells.
 */
function dataTable(block: Line[], caption: { text: string; subtitle?: string } | undefined): DraftTable | undefined {
  if (caption && !/^table\b/i.test(caption.text)) return undefined;
  const rows: string[][] = [];
  let headerRows = 0;
  for (const line of block) {
    if (TABLE_RULE.test(line.text)) {
      headerRows ||= rows.length;
      continue;
    }
    if (!TABLE_ROW.test(line.text)) continue;
    rows.push(splitRow(line.text).map(c => (c.text ? stripInline(c.text) : '')));
  }
  if (rows.filter(r => r.filter(Boolean).length >= 2).length < 2) return undefined;
  return { ...(caption ? { caption: caption.text, ...(caption.subtitle ? { subtitle: caption.subtitle } : {}) } : {}), rows, headerRows };
}

/** At least two header fields (`**Publication Date:** …` lines or `| **Author:** | … |` rows) near the top: a saved web page. */
function isCapture(lines: readonly Line[]): boolean {
  let fields = 0;
  for (const line of lines.slice(0, 200)) if (metadataField(line.text) && ++fields >= 2) return true;
  return false;
}

/**
 * A capture's box (a one-cell table whose text runs over lines): its lines are paragraphs, without the box's
 * title row, source and note lines. A box captioned "Figure 2." or "Table 1." holds a figure or a table: nothing.
 * Data tables (rows of several cells) are not paragraphs either.
 */
function boxParagraphs(input: string, block: Line[], ctx: InlineContext): DraftParagraph[] {
  const first = splitRow(block[0].text);
  const rows = block.filter(l => TABLE_ROW.test(l.text));
  if (first.length !== 1 || rows.some(r => splitRow(r.text).filter(c => c.text).length > 1)) return [];
  if (isCaption(first[0].text) || isCaption(first[0].text + ' ')) return [];
  const out: DraftParagraph[] = [];
  for (const line of block) {
    if (TABLE_ROW.test(line.text) || isSourceLine(line.text)) continue;
    const r = inlineBlock(input, [line], ctx);
    if (r.paragraph?.text && !r.linkOnly) out.push(r.paragraph);
  }
  return out;
}

function nextNonBlank(lines: Line[], from: number): Line | undefined {
  let i = from;
  while (i < lines.length && isBlank(lines[i])) i++;
  return lines[i];
}

function startsBlock(lines: Line[], i: number): boolean {
  const t = lines[i].text;
  return (
    FENCE.test(t) ||
    FOOTNOTE_DEF.test(t) ||
    ATX.test(t) ||
    LIST_ITEM.test(t) ||
    TABLE_ROW.test(t) ||
    RULE.test(t) ||
    (i + 1 < lines.length && SETEXT.test(lines[i + 1].text) && /^=+\s*$/.test(lines[i + 1].text.trim()))
  );
}

function headingAt(lines: Line[], i: number): { heading: Heading; next: number } | undefined {
  const line = lines[i];
  const atx = ATX.exec(line.text);
  if (atx) {
    const text = stripInline(atxText(atx[2] ?? ''));
    return text ? { heading: { level: atx[1].length, text, start: line.start, end: line.end }, next: i + 1 } : undefined;
  }
  const under = lines[i + 1];
  if (
    under &&
    SETEXT.test(under.text) &&
    !isBlank(line) &&
    !LIST_ITEM.test(line.text) &&
    !TABLE_ROW.test(line.text) &&
    (i === 0 || isBlank(lines[i - 1])) &&
    line.text.trim().length <= 200
  ) {
    const level = under.text.trim()[0] === '=' ? 1 : 2;
    return { heading: { level, text: stripInline(line.text.trim()), start: line.start, end: under.end }, next: i + 2 };
  }
  // "Notes" alone on a line works as a heading in converted documents
  if ((i === 0 || isBlank(lines[i - 1])) && (i + 1 >= lines.length || isBlank(lines[i + 1])) && isNotesHeading(line.text)) {
    return { heading: { level: 2, text: line.text.trim(), start: line.start, end: line.end }, next: i + 1 };
  }
  // **Notes** on a line of its own works as a heading in converted documents
  const bold = /^\s*\*\*([^*]{1,60})\*\*\s*$/.exec(line.text);
  if (bold && isNotesHeading(bold[1]) && (i === 0 || isBlank(lines[i - 1]))) {
    return { heading: { level: 2, text: bold[1].trim(), start: line.start, end: line.end }, next: i + 1 };
  }
  return undefined;
}

/** Heading text without the optional closing run of #s. */
function atxText(raw: string): string {
  let t = raw.trimEnd();
  let i = t.length;
  while (i > 0 && t[i - 1] === '#') i--;
  if (i < t.length && (i === 0 || t[i - 1] === ' ' || t[i - 1] === '\t')) t = t.slice(0, i);
  return t.trim();
}

function stripInline(text: string): string {
  const b = new TextBuilder();
  // markers in a heading are dropped (label 0, and the builder's markers are ignored)
  renderInline(text, 0, text.length, b, { footnoteLabel: () => 0, numbersAreMarkers: false });
  return b.finish(0, text.length).text;
}

/** Lines belonging to the block that starts before `from`: indented lines, and with `lazy` unindented ones too until a blank line. */
function continuation(lines: Line[], from: number, lazy: boolean): number {
  let i = from;
  while (i < lines.length) {
    const t = lines[i].text;
    if (isBlank(lines[i])) {
      // a blank line continues the note only when the next line is indented
      let j = i;
      while (j < lines.length && isBlank(lines[j])) j++;
      if (j < lines.length && /^(?: {2,}|\t)\S/.test(lines[j].text)) {
        i = j;
        continue;
      }
      return i;
    }
    if (/^(?: {2,}|\t)/.test(t)) {
      i++;
      continue;
    }
    if (lazy && !FOOTNOTE_DEF.test(t) && !ATX.test(t) && !LIST_ITEM.test(t) && !TABLE_ROW.test(t)) {
      i++;
      continue;
    }
    return i;
  }
  return i;
}

interface Rendered {
  paragraph?: DraftParagraph;
  linkOnly: boolean;
  /** a run of links with a few words between them (a breadcrumb, a share bar) */
  navigation: boolean;
}

/** Renders lines as one paragraph; `prefix` (a list bullet, "> ") is removed from the first line (from every line for "> "). */
function inlineBlock(input: string, lines: Line[], ctx: InlineContext, prefix?: RegExp): Rendered {
  const b = new TextBuilder();
  let links = 0;
  let plain = false;
  let plainLetters = 0;
  let linkLetters = 0;
  const everyLine = prefix?.source.includes('>') ?? false;
  if (!everyLine) {
    // one range, so links and emphasis may span lines
    const m = prefix?.exec(lines[0].text);
    const summary = renderInline(input, lines[0].start + (m ? m[0].length : 0), lines[lines.length - 1].end, b, ctx);
    ({ links, plain, plainLetters, linkLetters } = summary);
  } else {
    lines.forEach((line, index) => {
      const m = prefix!.exec(line.text);
      if (index > 0) b.space(line.start);
      const summary = renderInline(input, line.start + (m ? m[0].length : 0), line.end, b, ctx);
      links += summary.links;
      plain ||= summary.plain;
      plainLetters += summary.plainLetters;
      linkLetters += summary.linkLetters;
    });
  }
  const paragraph = b.finish(lines[0].start, lines[lines.length - 1].end);
  // navigation: nothing but links (and separators)
  return { paragraph, linkOnly: links > 0 && !plain, navigation: links >= 3 && plainLetters * 5 < linkLetters };
}

function noteFrom(input: string, lines: Line[], firstStart: number, n: number, ctx: InlineContext): DraftNote {
  const b = new TextBuilder();
  const links: string[] = [];
  const local: InlineContext = { footnoteLabel: ctx.footnoteLabel, numbersAreMarkers: false, links };
  lines.forEach((line, index) => {
    if (index > 0) b.space(line.start);
    renderInline(input, index === 0 ? firstStart : line.start, line.end, b, local);
  });
  const p = b.finish(lines[0].start, lines[lines.length - 1].end);
  const text = p.text.replace(/\s*[↩]\uFE0E?\s*$/, '').trim();
  const note: DraftNote = { n, text, start: lines[0].start, end: lines[lines.length - 1].end };
  // A URL that lives only in a link target ([Title](https://…)) is still the note's URL.
  if (links.length && !/\bhttps?:\/\//i.test(text)) note.url = links[0];
  return note;
}

/** One note under a Notes heading: `1. text`, `12 text`, `[12] text`, `| 12 | text |`, or `[^12]: text`. */
function readNoteItem(input: string, lines: Line[], i: number, notes: DraftNote[], ctx: InlineContext): number {
  const line = lines[i];
  if (TABLE_RULE.test(line.text)) return i + 1;
  if (TABLE_ROW.test(line.text)) {
    const cells = splitRow(line.text);
    const first = cells[0];
    if (first) {
      const num = /^\s*(?:\[|<sup>)?\[?(\d{1,4})\]?(?:\([^)]*\))?(?:<\/sup>)?\]?\.?\s*$/i.exec(first.text.replace(/<[^>]{0,100}>/g, ''));
      const body = cells.slice(1).filter(c => c.text.trim());
      if (num && body.length) {
        const start = line.start + body[0].offset;
        const end = line.start + body[body.length - 1].offset + body[body.length - 1].text.length;
        notes.push(noteFrom(input, [{ text: input.slice(start, end), start, end }], start, Number(num[1]), ctx));
      }
    }
    return i + 1;
  }
  const m =
    /^\s{0,3}(?:\[\[(\d{1,4})\]\]\([^)\s]{0,500}\)|\[(\d{1,4})\]\([^)\s]{0,500}\)|\[\^?(\d{1,4})\]:?|(\d{1,4})[.)]|<sup>\s*(\d{1,4})\s*<\/sup>|(\d{1,4})(?=\s))\s*/i.exec(
      line.text,
    );
  if (!m) return i + 1; // stray text under the notes heading
  const n = Number(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6]);
  const end = continuationOfItem(lines, i + 1);
  notes.push(noteFrom(input, lines.slice(i, end), line.start + m[0].length, n, ctx));
  return end;
}

function continuationOfItem(lines: Line[], from: number): number {
  let i = from;
  const startsNote = /^\s{0,3}(?:\[\[?\^?\d{1,4}\]|\d{1,4}[.)]?\s|<sup>|\|)/i;
  while (i < lines.length && !isBlank(lines[i]) && !startsNote.test(lines[i].text) && !ATX.test(lines[i].text)) i++;
  // indented paragraphs after a blank line still belong to the item
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && isBlank(lines[j])) j++;
    if (j > i && j < lines.length && /^(?: {3,}|\t)\S/.test(lines[j].text)) {
      i = j + 1;
      while (i < lines.length && !isBlank(lines[i]) && !startsNote.test(lines[i].text)) i++;
    } else break;
  }
  return i;
}

function splitRow(text: string): { text: string; offset: number }[] {
  const cells: { text: string; offset: number }[] = [];
  let i = text.indexOf('|') + 1;
  while (i > 0 && i < text.length) {
    let j = i;
    while (j < text.length && text[j] !== '|') j += text[j] === '\\' ? 2 : 1;
    const raw = text.slice(i, j);
    if (j >= text.length && !raw.trim()) break;
    const lead = raw.length - raw.trimStart().length;
    cells.push({ text: raw.trim(), offset: i + lead });
    i = j + 1;
  }
  return cells;
}

/** `[^label]` references in order of first use; numeric labels keep their number when all labels are numeric. */
function collectLabels(input: string, from: number): Map<string, number> {
  const order: string[] = [];
  const seen = new Set<string>();
  const defs: string[] = [];
  const re = /\[\^([^\]\s]{1,100})\](:?)/g;
  re.lastIndex = from;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const label = m[1];
    if (m[2] === ':') {
      defs.push(label);
      continue;
    }
    if (!seen.has(label)) {
      seen.add(label);
      order.push(label);
    }
  }
  for (const d of defs)
    if (!seen.has(d)) {
      seen.add(d);
      order.push(d);
    }
  const map = new Map<string, number>();
  if (order.every(l => /^\d{1,6}$/.test(l))) for (const l of order) map.set(l, Number(l));
  else order.forEach((l, index) => map.set(l, index + 1));
  return map;
}
