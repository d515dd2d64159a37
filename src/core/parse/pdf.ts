/**
 * PDF layout analysis, step 2: blocks → the report as an analyst reads it. The cover, the table of contents,
 * running heads and title repeats are metadata or furniture, not body; a paragraph broken by a page (and the
 * notes printed between) is joined again; notes continue across pages; tables stay tables. The result is
 * written as Markdown (front matter, `[^n]` markers and notes, pipe tables) and read by the Markdown parser,
 * so a PDF report gets the same notes, sources and figures as any other — and `dossier import` writes that
 * Markdown as an editable copy. Every paragraph, note and figure keeps its page.
 */
import { ReportError } from '../errors';
import type { Report, Table } from '../model';
import { squeeze } from '../text';
import { looksLikePlainHeading } from './capture';
import { bylineAuthors, dateLine, isNotesHeading, splitNames } from './chrome';
import { parseReportWithSpans, type ParsedReport } from './index';
import { bodySize, pageBlocks, renderBlock, type Block, type Rendered } from './pdfLayout';
import type { PdfContent } from './pdfItems';
import { linkItems, type LinkRange } from './pdfLinks';
import { printedPageLabels } from './pdfPages';
import { spanArray } from './spans';
import { tableFigures, tableUnit } from '../tables';

export interface PdfParsed extends ParsedReport {
  /** the report as Markdown with front matter: what `dossier import` writes, and what the spans point into */
  markdown: string;
}

type Part =
  | { kind: 'heading'; text: string; level: number; page: number }
  /** `box`: text in a box beside the running text (a sidebar), which a broken paragraph continues past */
  /** `turns`: where in the text the paragraph goes on to a later page (a figure there is on that page) */
  | {
      kind: 'paragraph';
      r: Rendered;
      page: number;
      bullet?: boolean;
      box?: boolean;
      subtitle?: string;
      turns?: { at: number; page: number }[];
    }
  | { kind: 'note'; n: number; r: Rendered; page: number }
  | { kind: 'table'; table: Omit<Table, 'id'>; subtitle?: string };

interface Meta {
  title?: string;
  date?: string;
  authors: string[];
  publisher?: string;
  number?: string;
}

const CONTENTS = /^(?:table\s+of\s+)?contents$/i;
const REPORT_NUMBER = /^(?:CRS\s+(?:Report\s+)?)?([A-Z]{1,3}\d{4,6})$/;
// "Figure 1. Estimated …", "Table 2 Sources" — but "Figure 1 includes …" is a sentence about the figure
const CAPTION = /^(?:Table|Figure)\s+[A-Z]?\d{1,3}(?:\.\d{1,2})?(?:[.:]\s|\s*$|\s+(?=[^\s\p{Ll}]))/u;
const TERMINAL = /[.!?:;”"’)\]]$/;

/** Reads the text items of a PDF (from src/lazy/pdf.ts) into Dossier's model. Throws ReportError for a PDF without text. */
export function parsePdfContent(content: PdfContent, options: { source?: string; id?: string } = {}): PdfParsed {
  const chars = content.pages.reduce((n, p) => n + p.items.reduce((m, i) => m + i.s.trim().length, 0), 0);
  if (chars < 40) {
    throw new ReportError(
      content.pages.length
        ? 'The PDF has no text layer (a scanned document?): run OCR first, then open the PDF it produces.'
        : 'The PDF has no pages.',
    );
  }
  for (const page of content.pages) linkItems(page);
  const body = bodySize(content);
  const blocks = pageBlocks(content, body);
  const meta: Meta = { authors: [] };
  const parts = readParts(content, blocks, body, meta);
  const { markdown, pageAt } = toMarkdown(parts, meta);
  const parsed = parseReportWithSpans(markdown, { source: options.source, id: options.id, format: 'markdown' });
  const report = parsed.report;
  placePages(parsed, pageAt);
  // the tables as the layout read them (with their page and the line under the caption), not as re-read from the Markdown
  const tableParts = parts.filter((p): p is Extract<Part, { kind: 'table' }> => p.kind === 'table');
  const tables = tableParts.map((p, i) => ({ id: `t${i + 1}`, ...p.table }));
  delete report.tables;
  report.figures = report.figures.filter(f => f.table === undefined);
  if (tables.length) report.tables = tables;
  tables.forEach((table, i) => report.figures.push(...tableFigures(table, report.figures.length + 1, tableParts[i]!.subtitle)));
  if (meta.number) report.number = meta.number;
  const labels = printedPageLabels(content);
  if (labels) report.pageLabels = labels;
  const warnings = [...parsed.warnings];
  const unmarked = report.footnotes.filter(f => f.citedBy.length === 0).map(f => f.n);
  if (report.footnotes.length && unmarked.length === report.footnotes.length) {
    warnings.push(`${unmarked.length} notes were found but no note markers in the text: notes are not linked to paragraphs.`);
  } else if (unmarked.length) {
    warnings.push(
      `${unmarked.length} note${unmarked.length === 1 ? ' has' : 's have'} no marker in the text: ${unmarked.slice(0, 12).join(', ')}${unmarked.length > 12 ? ', …' : ''}.`,
    );
  }
  return { ...parsed, warnings, markdown };
}

function readParts(content: PdfContent, blocks: Block[], body: number, meta: Meta): Part[] {
  const info = content.info;
  const norm = (t: string) => squeeze(t).toLowerCase();
  const pages = content.pages.length;
  // a cover page: page 1 of a longer report with no block of prose on it
  const words = (b: Block) => b.items.reduce((m, i) => m + (i.s.match(/\S+/g)?.length ?? 0), 0);
  const cover = pages >= 3 && !blocks.some(b => b.page === 1 && b.kind !== 'note' && words(b) > 14);
  const title = usableTitle(info.title) ?? largestOnFirstPage(blocks, body);
  meta.title = title;
  const titleKey = title ? norm(title) : undefined;
  if (info.author) meta.authors = splitNames(info.author).filter(a => !/^(?:admin|user|owner|microsoft|crs)/i.test(a));
  const summaryPages = new Set(content.pages.filter(p => p.items.some(i => /^summary$/i.test(i.s.trim()) && i.size > body)).map(p => p.n));

  // the table of contents (and its lists of figures, tables, contacts) fills whole pages
  const contentsCount = new Map<number, number>();
  for (const b of blocks) if (b.kind === 'contents') contentsCount.set(b.page, (contentsCount.get(b.page) ?? 0) + 1);
  const parts: Part[] = [];
  let sawHeading = false;
  let sawBody = false;
  let pendingSummary = false;
  let inSummary = false;
  let headingMarkers: Rendered['markers'] = [];
  // under a Notes / Endnotes heading, numbered paragraphs are the notes
  let endnotes = false;
  // the authors' lines and the disclaimer at the end: metadata, not a section of the report
  let backMatter = false;
  const back: Part[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'furniture' || b.kind === 'figure' || b.kind === 'contents') continue;
    if ((contentsCount.get(b.page) ?? 0) >= 3 && b.kind !== 'note') continue;
    if (b.kind === 'cell') {
      const cells: Block[] = [];
      while (i < blocks.length && blocks[i].kind === 'cell' && blocks[i].table === b.table) cells.push(blocks[i++]);
      i--;
      readTable(cells, body, parts, meta, cover && !sawHeading && b.page <= 2);
      continue;
    }
    const r = renderBlock(b.items, body, b.kind === 'note');
    const text = r.text;
    if (!text) continue;
    // metadata lines: on the cover, and before the report's first heading on its first two pages
    if ((cover && b.page === 1) || (!sawHeading && !sawBody && b.page <= 2 && b.kind !== 'note')) {
      if (readMeta(text, meta) || (cover && b.page === 1)) continue;
    }
    if (titleKey && norm(text) === titleKey) continue;
    if (b.kind !== 'note' && isFurniture(text)) {
      if (b.page === 1) readMeta(text, meta);
      // a CRS brief prints its number only at the foot of its last page
      else meta.number ??= REPORT_NUMBER.exec(text)?.[1];
      continue;
    }
    if (b.kind === 'heading' && !CAPTION.test(text + ' ')) {
      if (CONTENTS.test(text) || blocks[i + 1]?.kind === 'contents') continue;
      if (/^summary$/i.test(text) && !sawHeading) {
        pendingSummary = true;
        continue;
      }
      endnotes = isNotesHeading(text);
      backMatter = BACK_MATTER.test(text);
      if (endnotes || backMatter) continue;
      sawHeading = true;
      parts.push({ kind: 'heading', text, level: Math.max(1, b.level ?? 1), page: b.page });
      // a marker on a heading cites the section: it goes to the section's first paragraph
      headingMarkers = r.markers.map(m => ({ at: 0, n: m.n }));
      continue;
    }
    const numbered = endnotes && b.kind === 'paragraph' ? /^(\d{1,4})[.)]?\s+(?=\S)/.exec(text) : null;
    if (numbered) {
      const cut = numbered[0].length;
      parts.push({ kind: 'note', n: Number(numbered[1]), r: { text: text.slice(cut), markers: [] }, page: b.page });
      continue;
    }
    if (b.kind === 'note' || (endnotes && b.kind === 'paragraph')) {
      // a small line between a table's caption and the table is its subtitle (often the unit), not a note
      const last = parts[parts.length - 1];
      if (r.lead === undefined && last?.kind === 'paragraph' && CAPTION.test(last.r.text) && blocks[i + 1]?.kind === 'cell') {
        last.subtitle = last.subtitle ? `${last.subtitle} ${text}` : text;
        continue;
      }
      if (r.lead !== undefined) parts.push({ kind: 'note', n: r.lead, r, page: b.page });
      else {
        // a note continued from the previous page
        const last = findLast(parts, p => p.kind === 'note');
        if (last && last.kind === 'note') last.r = appendRendered(last.r, r);
      }
      continue;
    }
    // the summary page of a report: its paragraphs before the first heading
    if (!sawHeading && !sawBody && (pendingSummary || summaryPages.has(b.page))) {
      parts.push({ kind: 'heading', text: 'Summary', level: 1, page: b.page });
      pendingSummary = false;
      inSummary = true;
    } else if (inSummary && !sawHeading && isSummarySubheading(b, r, parts[parts.length - 1], blocks[i + 1])) {
      parts.push({ kind: 'heading', text, level: 2, page: b.page });
      continue;
    }
    sawBody = true;
    if (headingMarkers.length) {
      r.markers.unshift(...headingMarkers);
      headingMarkers = [];
    }
    if (backMatter || (sawBody && (isAuthorLine(text) || /^Disclaimer\b/.test(text)))) {
      backMatter = true;
      back.push({ kind: 'paragraph', r, page: b.page });
      continue;
    }
    const { r: rr, bullet } = unbullet(r);
    // a paragraph broken by the page: the last paragraph before has no closing punctuation
    const prev = findLast(parts, p => (p.kind === 'paragraph' && !p.box) || p.kind === 'heading');
    const captionLike = (t: string) => CAPTION.test(t) || /^(?:sources?|notes?)\s*:/i.test(t);
    // (or by a column: the part in the next column goes on in lower case)
    const continues = prev && prev.kind === 'paragraph' && (prev.page < b.page || /^[a-z]/.test(text));
    if (continues && !bullet && !TERMINAL.test(prev.r.text) && !captionLike(prev.r.text) && !captionLike(text)) {
      const lastPage = prev.turns?.[prev.turns.length - 1]?.page ?? prev.page;
      prev.r = appendRendered(prev.r, rr);
      if (b.page > lastPage) (prev.turns ??= []).push({ at: prev.r.text.length - rr.text.length, page: b.page });
      continue;
    }
    parts.push({ kind: 'paragraph', r: rr, page: b.page, ...(bullet ? { bullet: true } : {}) });
  }
  if (!meta.authors.length) meta.authors = authorLines([...parts, ...back]);
  return parts;
}

/**
 * A subheading of a CRS summary page ("Issues for Congress"): the summary prints it at body size on a line
 * of its own, title-cased and unpunctuated, after a finished paragraph and before the next one on its page.
 */
function isSummarySubheading(b: Block, r: Rendered, prev: Part | undefined, next: Block | undefined): boolean {
  return (
    b.kind === 'paragraph' &&
    !r.markers.length &&
    r.text.length <= 100 &&
    new Set(b.items.filter(i => i.s.trim()).map(i => Math.round(i.y))).size === 1 &&
    looksLikePlainHeading(r.text) &&
    prev?.kind === 'paragraph' &&
    TERMINAL.test(prev.r.text) &&
    next?.kind === 'paragraph' &&
    next.page === b.page
  );
}

const BACK_MATTER = /^(?:author\s+(?:contact\s+)?information|contacts?|disclaimer)$/i;

/** "M. Angeles Villarreal, Specialist in International Trade and Finance" (the disclaimer may run on after it) */
function isAuthorLine(text: string): boolean {
  const comma = /^([^,]{3,60}),\s+(.{3,200})$/.exec(text.split(/\s+Disclaimer\b/)[0]!);
  return !!comma && NAME.test(comma[1]!) && AUTHOR_TITLE.test(comma[2]!);
}

const AUTHOR_TITLE =
  /^(?:senior\s+)?(?:analyst|specialist|legislative attorney|coordinator|section research manager|research librarian|economist)\b/i;
const NAME = /^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4}$/;

/** CRS "Author Information": "M. Angeles Villarreal, Specialist in …", or the name above the title. */
function authorLines(parts: Part[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind !== 'paragraph') continue;
    const line = p.r.text.split(/\s+Disclaimer\b/)[0]!;
    if (line.length > 160) continue;
    const comma = /^([^,]{3,60}),\s+(.+)$/.exec(line);
    if (comma && NAME.test(comma[1]) && AUTHOR_TITLE.test(comma[2])) {
      names.push(comma[1]);
      continue;
    }
    const next = parts[i + 1];
    if (NAME.test(p.r.text) && next?.kind === 'paragraph' && AUTHOR_TITLE.test(next.r.text)) names.push(p.r.text);
  }
  return [...new Set(names)];
}

/** "• text" → a list item */
function unbullet(r: Rendered): { r: Rendered; bullet: boolean } {
  const bullet = /^[•▪◦●■]\s*/.exec(r.text);
  if (!bullet) return { r, bullet: false };
  const cut = bullet[0].length;
  const links = r.links?.map(l => ({ ...l, from: Math.max(0, l.from - cut), to: l.to - cut })).filter(l => l.to > l.from);
  return {
    r: { ...r, text: r.text.slice(cut), markers: r.markers.map(m => ({ ...m, at: Math.max(0, m.at - cut) })), links },
    bullet: true,
  };
}

function findLast(parts: Part[], test: (p: Part) => boolean): Part | undefined {
  for (let i = parts.length - 1; i >= 0; i--) if (test(parts[i])) return parts[i];
  return undefined;
}

function appendRendered(a: Rendered, b: Rendered): Rendered {
  const joined = a.text.endsWith('-') ? a.text + b.text : `${a.text} ${b.text}`;
  const shift = joined.length - b.text.length;
  const links = [...(a.links ?? []), ...(b.links ?? []).map(l => ({ ...l, from: l.from + shift, to: l.to + shift }))];
  return {
    ...a,
    text: joined,
    markers: [...a.markers, ...b.markers.map(m => ({ at: m.at + shift, n: m.n }))],
    ...(links.length ? { links } : {}),
  };
}

/** Lines of a cover or a page foot left in the text: the publisher, its web address, the report number. */
function isFurniture(text: string): boolean {
  return (
    text.length <= 60 &&
    (REPORT_NUMBER.test(text) || /^Congressional Research Service$/i.test(text) || /^https?:\/\/[^\s/]+\/?$/.test(text))
  );
}

/** Date ("Updated April 22, 2026"), report number ("R48910"), publisher and byline lines of a cover. */
function readMeta(text: string, meta: Meta): boolean {
  const t = text.trim();
  // "By Jane Doe and Omar Khan · March 3, 2025"
  const pieces = t.length <= 300 ? t.split(/\s+[·|•]\s+/) : [t];
  if (pieces.length > 1) {
    const read = pieces.map(piece => readMeta(piece, meta));
    return read.every(Boolean);
  }
  const by = bylineAuthors(t);
  if (by && t.length <= 200) {
    if (!meta.authors.length) meta.authors = by;
    return true;
  }
  const date = t.length <= 60 ? dateLine(t) : undefined;
  if (date) {
    meta.date ??= date;
    return true;
  }
  const number = REPORT_NUMBER.exec(t);
  if (number) {
    meta.number ??= number[1];
    return true;
  }
  if (/^Congressional Research Service$/i.test(t)) {
    meta.publisher ??= 'Congressional Research Service';
    return true;
  }
  if (/^https?:\/\/\S+$/.test(t) || /^(?:prepared for members and committees of congress|www\.\S+)$/i.test(t)) return true;
  return false;
}

/**
 * The data panel of a CRS summary page: report number, date, then each author's name above their title
 * ("Analyst in Public Finance").
 */
function readFrontPanel(lines: string[], meta: Meta): void {
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (readMeta(lines[i], meta)) continue;
    if (AUTHOR_TITLE.test(lines[i + 1] ?? '') && NAME.test(lines[i])) names.push(lines[i++]);
  }
  if (names.length && !meta.authors.length) meta.authors = names;
}

function readTable(cells: Block[], body: number, parts: Part[], meta: Meta, front: boolean): void {
  const byCell = new Map<string, string[]>();
  const rows: { key: string; header: boolean; cells: string[] }[] = [];
  for (const c of cells) {
    const text = renderBlock(c.items, body).text;
    const cellKey = c.cell ?? c.key;
    if (!byCell.has(cellKey)) {
      byCell.set(cellKey, []);
      let row = rows[rows.length - 1];
      if (!row || row.key !== c.row) rows.push((row = { key: c.row ?? cellKey, header: !!c.header, cells: [] }));
      row.cells.push(cellKey);
    }
    if (text) byCell.get(cellKey)!.push(text);
  }
  const page = cells[0].page;
  if (byCell.size === 1) {
    // one cell: a box of text (a sidebar), or on the front pages the report's data panel
    const lines = cells.map(c => renderBlock(c.items, body)).filter(r => r.text);
    if (front) {
      readFrontPanel(
        lines.map(r => r.text),
        meta,
      );
      return;
    }
    for (const line of lines) {
      const { r, bullet } = unbullet(line);
      parts.push({ kind: 'paragraph', r, page, box: true, ...(bullet ? { bullet } : {}) });
    }
    return;
  }
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), -Infinity);
  // an empty cell has no text to place it: it is the row-header column (the top-left corner, mostly)
  const grid = rows.map(r => [...Array<string>(width - r.cells.length).fill(''), ...r.cells.map(k => byCell.get(k)!.join(' '))]);
  if (grid.every(r => r.every(c => !c))) return;
  // a table continued on the next page repeats its header: one table
  const before = parts[parts.length - 1];
  if (before && before.kind === 'table' && before.table.rows[0]?.join('|') === grid[0].join('|')) {
    for (const row of grid.slice(before.table.headerRows || 1)) before.table.rows.push(row);
    return;
  }
  // the caption is the paragraph just before the table ("Table 1. …")
  let caption: string | undefined;
  let subtitle: string | undefined;
  const last = parts[parts.length - 1];
  if (last && last.kind === 'paragraph' && CAPTION.test(last.r.text)) {
    caption = last.r.text;
    subtitle = last.subtitle;
    parts.pop();
  }
  const headerRows =
    Math.max(
      rows.findIndex(r => !r.header),
      0,
    ) || (grid.length > 1 ? 1 : 0);
  const unit = tableUnit(caption, subtitle, grid.slice(0, headerRows));
  parts.push({
    kind: 'table',
    table: { ...(caption ? { caption } : {}), ...(unit ? { unit } : {}), page, rows: grid, headerRows },
    ...(subtitle ? { subtitle } : {}),
  });
}

/** The PDF's own title, unless it is a file name or a word processor's placeholder. */
function usableTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  const t = squeeze(title);
  if (t.length < 4 || /\.(?:docx?|pdf|indd|pptx?|tex|html?)$/i.test(t) || /^(?:microsoft word|untitled|title|document\d*)\b/i.test(t))
    return undefined;
  return t;
}

function largestOnFirstPage(blocks: Block[], body: number): string | undefined {
  let best: Block | undefined;
  let size = body;
  for (const b of blocks) {
    if (b.page > 1 || b.kind === 'note' || b.kind === 'cell') continue;
    const s = b.items.reduce((m, i) => Math.max(m, i.size), -Infinity);
    if (s > size) {
      size = s;
      best = b;
    }
  }
  return best ? renderBlock(best.items, body).text || undefined : undefined;
}

/** Backslash-escapes what Markdown would read as markup, and what would open a block at a line start. */
function escapeMd(text: string): string {
  const inline = text.replace(/[\\`*_~[\]<>&!|]/g, c => '\\' + c);
  return inline.replace(/^(#{1,6}\s|[-+]\s|\d{1,9}[.)]\s|=+\s*$|>)/, m => '\\' + m);
}

/** A block's text as Markdown: its note markers as `[^n]`, its linked runs as `[text](url)`. */
function withMarkers(
  r: Rendered,
  turns: readonly { at: number; page: number }[] = [],
): { text: string; turns: { at: number; page: number }[] } {
  const links = r.links ?? [];
  // a marker inside a linked run goes after it (a note reference cannot stand inside a link's text)
  const markers = r.markers
    .map(m => {
      const around = links.find(l => m.at > l.from && m.at < l.to);
      return around ? { ...m, at: around.to } : m;
    })
    .sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  let li = 0;
  // the page turns, moved from the text to where they fall in the Markdown
  const moved: { at: number; page: number }[] = [];
  let ti = 0;
  const plain = (to: number) => {
    for (; ti < turns.length && turns[ti]!.at < to; ti++)
      moved.push({ at: out.length + escapeMd(r.text.slice(pos, Math.max(pos, turns[ti]!.at))).length, page: turns[ti]!.page });
    out += escapeMd(r.text.slice(pos, to));
  };
  const link = (l: LinkRange) => {
    plain(l.from);
    for (; ti < turns.length && turns[ti]!.at < l.to; ti++) moved.push({ at: out.length, page: turns[ti]!.page });
    out += markdownLink(r.text.slice(l.from, l.to), l.url);
    pos = l.to;
  };
  for (const m of markers) {
    for (; li < links.length && links[li]!.from < m.at; li++) link(links[li]!);
    plain(m.at);
    out += `[^${m.n}]`;
    pos = m.at;
  }
  for (; li < links.length; li++) link(links[li]!);
  plain(r.text.length);
  for (; ti < turns.length; ti++) moved.push({ at: out.length, page: turns[ti]!.page });
  return { text: out, turns: moved };
}

/** `[text](url)`, the address with what would end or break a Markdown link percent-encoded. */
function markdownLink(text: string, url: string): string {
  const address = url.replace(/[\s()<>\\]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMd(text)}](${address})`;
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function toMarkdown(parts: Part[], meta: Meta): { markdown: string; pageAt: { at: number; page: number }[] } {
  const out: string[] = ['---'];
  if (meta.title) out.push(`title: ${yamlString(meta.title)}`);
  if (meta.date) out.push(`date: ${meta.date}`);
  if (meta.authors.length) out.push('authors:', ...meta.authors.map(a => `  - ${yamlString(a)}`));
  if (meta.publisher) out.push(`publisher: ${yamlString(meta.publisher)}`);
  if (meta.number) out.push(`number: ${yamlString(meta.number)}`);
  out.push('---', '');
  let length = out.join('\n').length + 1;
  const pageAt: { at: number; page: number }[] = [];
  const push = (text: string, page?: number) => {
    if (page !== undefined) pageAt.push({ at: length, page });
    out.push(text, '');
    length += text.length + 2;
  };
  const minLevel = parts.reduce((m, p) => Math.min(m, p.kind === 'heading' ? p.level : 9), Infinity);
  for (const p of parts) {
    if (p.kind === 'heading') push(`${'#'.repeat(Math.min(6, p.level - Math.min(minLevel, 9) + 2))} ${escapeMd(p.text)}`, p.page);
    else if (p.kind === 'paragraph') {
      const lead = p.bullet ? '- ' : '';
      const written = withMarkers(p.r, p.turns);
      const start = length;
      push(lead + written.text, p.page);
      for (const turn of written.turns) pageAt.push({ at: start + lead.length + turn.at, page: turn.page });
    } else if (p.kind === 'table') {
      const t = p.table;
      if (t.caption) push(`<!-- ${t.caption.replace(/--+/g, '–')} -->`);
      const width = t.rows.reduce((w, r) => Math.max(w, r.length), -Infinity);
      const row = (cells: string[]) =>
        `| ${Array.from({ length: width }, (_, i) => (cells[i] ?? '').replace(/[\\|]/g, c => '\\' + c)).join(' | ')} |`;
      const lines = [row(t.rows[0]), `|${' --- |'.repeat(width)}`, ...t.rows.slice(1).map(row)];
      push(lines.join('\n'), t.page);
    }
  }
  // a note writes out its addresses: its links are not sources of their own
  for (const p of parts) if (p.kind === 'note') push(`[^${p.n}]: ${withMarkers({ ...p.r, markers: [], links: [] }).text}`, p.page);
  return { markdown: out.join('\n'), pageAt };
}

/** Pages onto paragraphs, notes and figures, from where each sits in the Markdown. */
function placePages(parsed: ParsedReport, pageAt: { at: number; page: number }[]): void {
  const pageOf = (offset: number) => {
    let lo = 0;
    let hi = pageAt.length - 1;
    let found: number | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pageAt[mid].at <= offset) {
        found = pageAt[mid].page;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const report: Report = parsed.report;
  const paragraphs = new Map(report.sections.flatMap(s => s.paragraphs).map(p => [p.id, p]));
  const notes = new Map(report.footnotes.map(f => [String(f.n), f]));
  for (const span of parsed.spans) {
    const page = pageOf(span.start);
    if (page === undefined) continue;
    if (span.kind === 'paragraph') {
      const p = paragraphs.get(span.id);
      if (p) p.page = page;
    }
    if (span.kind === 'footnote') {
      const f = notes.get(span.id);
      if (f && f.page === undefined) f.page = page;
    }
  }
  // a figure is on the page that prints it, which is not its paragraph's first page when the paragraph runs on
  const figureStarts = new Map(
    spanArray(parsed.spans)
      .filter(s => s.kind === 'figure')
      .map(s => [s.id, s.start]),
  );
  for (const f of report.figures) {
    const start = figureStarts.get(f.id);
    const page = (start !== undefined ? pageOf(start) : undefined) ?? paragraphs.get(f.paragraph)?.page;
    if (page !== undefined) f.page = page;
  }
}
