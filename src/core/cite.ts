/**
 * Citations: what can be cited (the report, its notes' distinct sources, sections, paragraphs, figures),
 * citation text for the styles that need no CSL engine (pandoc, Markdown footnotes), CSL-JSON for the
 * engine and for export, and RIS export. Pure: BibTeX and CSL-formatted text come from src/lazy/csl.ts.
 */
import type { Figure, Footnote, Report, Source } from './model';
import type { Library } from './library';
import { memoText, plainLine, safeWebUrl } from './escape';
import { MONTH_NAMES, foldForComparison } from './text';

export type CitationStyle = 'pandoc' | 'footnote' | 'chicago' | 'apa' | 'csl-file';
export const CITATION_STYLES: readonly CitationStyle[] = ['pandoc', 'footnote', 'chicago', 'apa', 'csl-file'];

/** What a citation points at, in the same shape as src/shared/targets.ts `ReportTarget`. */
export interface CitedTarget {
  reportId: string;
  kind: 'report' | 'section' | 'paragraph' | 'footnote' | 'figure';
  id: string;
}

/** One thing the analyst can cite: a source key, perhaps with a locator ("para. 12"). */
export interface CitationItem {
  target: CitedTarget;
  /** citation key of the source cited: a note's source or the report itself */
  key: string;
  /** pandoc locator, e.g. "para. 12" or "paras. 5–12" */
  locator?: string;
  /** picker/completion label */
  label: string;
  /** one line under the label: what kind of thing, where it is */
  detail: string;
  /** every word the fuzzy filter should match: author, title, outlet, date, words, numbers */
  filterText: string;
  /** the report the item belongs to */
  report: Report;
  /** the source the key names (the report's own, built from its fields, for report-keyed items) */
  source: Source;
  /** the note the key names, if it is a note source (Ibid./short forms resolved to the full note) */
  footnote?: Footnote;
  /** for figures: the figure as written */
  figure?: Figure;
}

/** A key with an optional locator: the unit every style formats. */
export interface CitationRef {
  key: string;
  locator?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Sources and keys

/** The note whose source a note names: Ibid. and short forms point back (followed through chains). */
export function fullNote(report: Report, n: number): Footnote | undefined {
  const note = report.footnotes.find(f => f.n === n);
  return note && resolveFootnote(report, note);
}

/**
 * The report note a Markdown footnote definition repeats: the one with the same URL, else the one whose
 * title it quotes, else the one whose text it starts with (as Dossier's footnote style writes a note).
 */
export function noteRepeatedBy(report: Report, definition: string): Footnote | undefined {
  const quoted = definition.toLowerCase();
  const folded = foldForComparison(definition);
  return (
    report.footnotes.find(
      f => f.source.url && (definition.includes(f.source.url) || definition.includes(safeWebUrl(f.source.url) ?? '\0')),
    ) ??
    report.footnotes.find(f => f.source.title && f.source.title.length >= 12 && quoted.includes(f.source.title.toLowerCase())) ??
    report.footnotes.find(f => {
      const opening = foldForComparison(f.text).slice(0, 60);
      return opening.length >= 20 && folded.startsWith(opening);
    })
  );
}

/**
 * The key of the source a Markdown footnote definition cites: a report whose title it quotes (Dossier's
 * footnote style writes the report as `“Title,” Publisher, date, para. 12.`), else the note it repeats.
 */
export function keyRepeatedBy(library: Library, definition: string): string | undefined {
  const quoted = definition.toLowerCase();
  const report = library.reports.find(r => r.title.length >= 12 && quoted.includes(r.title.toLowerCase()));
  if (report) return report.key;
  for (const r of library.reports) {
    const note = noteRepeatedBy(r, definition);
    if (note) return resolveFootnote(r, note).key;
  }
  return undefined;
}

/** The note a footnote stands for: itself, or for Ibid. and short forms the note they repeat. */
export function resolveFootnote(report: Report, footnote: Footnote): Footnote {
  let note = footnote;
  const seen = new Set<number>();
  while (note.refersTo !== undefined && !seen.has(note.n)) {
    seen.add(note.n);
    const earlier = report.footnotes.find(f => f.n === note.refersTo);
    if (!earlier) break;
    note = earlier;
  }
  return note;
}

/** The report as a Source, so it formats like any other. */
export function reportSource(report: Report): Source {
  return {
    authors: report.authors,
    title: report.title,
    container: report.publisher,
    date: report.date,
    url: safeWebUrl(report.source),
  };
}

/** Each distinct note source of every report, in reading order: Ibid. and short forms are not separate. */
export function distinctSources(library: Library): { report: Report; footnote: Footnote }[] {
  const seen = new Set<string>();
  const result: { report: Report; footnote: Footnote }[] = [];
  for (const report of library.reports) {
    for (const note of report.footnotes) {
      if (note.refersTo !== undefined) continue;
      if (seen.has(note.key)) continue;
      seen.add(note.key);
      result.push({ report, footnote: note });
    }
  }
  return result;
}

/** 1-based number of each paragraph in its report ("para. 12"). */
function paragraphNumbers(report: Report): Map<string, number> {
  const numbers = new Map<string, number>();
  let n = 0;
  for (const section of report.sections) for (const p of section.paragraphs) numbers.set(p.id, ++n);
  return numbers;
}

/** One page as an analyst cites it: "p. 1" as printed, else "PDF p. 3" where other pages print numbers. */
export function pageName(labels: readonly string[] | undefined, page: number): string {
  const label = labels ? labels[page - 1] : String(page);
  return label ? `p. ${label}` : `PDF p. ${page}`;
}

/**
 * "p. 12" or "pp. 12–14": the page locator of a PDF report, which an analyst checks against the printed
 * page (reports of other formats have no pages, and cite by paragraph). Pages are the numbers printed on
 * them where the report prints others than the physical ones ("p. 1" on the 4th page); a page that prints
 * none, in such a report, is named by its place in the PDF ("PDF p. 2").
 */
export function pagesLocator(
  report: Pick<Report, 'pageLabels'>,
  first: number | undefined,
  last: number | undefined = first,
): string | undefined {
  if (first === undefined) return undefined;
  if (last === undefined || last === first) return pageName(report.pageLabels, first);
  const labels = report.pageLabels;
  if (!labels) return `pp. ${first}\u2013${last}`;
  const [a, b] = [labels[first - 1], labels[last - 1]];
  return a && b ? `pp. ${a}\u2013${b}` : `PDF pp. ${first}\u2013${last}`;
}

export function paragraphLocator(number: number): string {
  return `para. ${number}`;
}

function sectionLocator(first: number, last: number): string {
  return first === last ? paragraphLocator(first) : `paras. ${first}\u2013${last}`;
}

/** "Afzal, The New, and Low, Normal …" — short, for labels. */
export function shortSourceLabel(source: Source): string {
  const who = source.authors.length ? familyName(source.authors[0]) + (source.authors.length > 1 ? ' et al.' : '') : source.container;
  const title = source.title ?? '(untitled)';
  return who ? `${who}, ${title}` : title;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '\u2026';
}

function sourceWords(source: Source): string {
  return [source.authors.join(' '), source.title ?? '', source.container ?? '', source.date ?? ''].join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Items

/** Every citable thing in the library: report, its note sources, sections, paragraphs, figures. */
export function citationItems(library: Library): CitationItem[] {
  const items: CitationItem[] = [];
  // one by one: spreading a report with 130,000 notes into push() overflows the call stack
  for (const report of library.reports) for (const item of reportItems(report)) items.push(item);
  return items;
}

function reportItems(report: Report): CitationItem[] {
  const items: CitationItem[] = [];
  const own = reportSource(report);
  const ownWords = sourceWords(own);
  const numbers = paragraphNumbers(report);
  items.push({
    target: { reportId: report.id, kind: 'report', id: report.id },
    key: report.key,
    label: report.title,
    detail: ['report', report.publisher, report.date].filter(Boolean).join(' \u00b7 '),
    filterText: `${report.key} ${ownWords} report`,
    report,
    source: own,
  });
  const seen = new Set<string>();
  for (const note of report.footnotes) {
    const full = resolveFootnote(report, note);
    if (full.kind === 'comment' || seen.has(full.key)) continue;
    seen.add(full.key);
    const repeats = report.footnotes.filter(f => f.n !== full.n && fullNote(report, f.n)?.n === full.n).map(f => f.n);
    items.push({
      target: { reportId: report.id, kind: 'footnote', id: String(full.n) },
      key: full.key,
      label: shortSourceLabel(full.source),
      detail: [`note ${[full.n, ...repeats].join(', ')}`, full.source.container, full.source.date].filter(Boolean).join(' \u00b7 '),
      filterText: `${full.key} ${sourceWords(full.source)} ${full.text}`,
      report,
      source: full.source,
      footnote: full,
    });
  }
  for (const section of report.sections) {
    if (section.paragraphs.length === 0) continue;
    const first = numbers.get(section.paragraphs[0].id)!;
    const last = numbers.get(section.paragraphs[section.paragraphs.length - 1].id)!;
    const locator =
      pagesLocator(report, section.paragraphs[0].page, section.paragraphs[section.paragraphs.length - 1].page) ??
      sectionLocator(first, last);
    items.push({
      target: { reportId: report.id, kind: 'section', id: section.id },
      key: report.key,
      locator,
      label: section.title,
      detail: `section \u00b7 ${locator} \u00b7 ${clip(report.title, 40)}`,
      filterText: `${report.key} ${section.title} section ${section.paragraphs.map(p => p.text).join(' ')}`,
      report,
      source: own,
    });
  }
  for (const section of report.sections) {
    for (const paragraph of section.paragraphs) {
      const number = numbers.get(paragraph.id)!;
      const page = pagesLocator(report, paragraph.page);
      items.push({
        target: { reportId: report.id, kind: 'paragraph', id: paragraph.id },
        key: report.key,
        locator: page ?? paragraphLocator(number),
        label: `${paragraphLocator(number)}${page ? ` (${page})` : ''}: ${clip(paragraph.text, 60)}`,
        detail: `${section.title} \u00b7 ${clip(report.title, 40)}`,
        filterText: `${report.key} para ${number}${page ? ` ${page.replace('p. ', 'page ')}` : ''} ${section.title} ${paragraph.text}`,
        report,
        source: own,
      });
    }
  }
  for (const figure of report.figures) {
    const item = figureItem(report, figure, numbers);
    if (item) items.push(item);
  }
  return items;
}

/** A figure cites the source of its note (resolved through Ibid.), else the report at its paragraph. */
function figureItem(report: Report, figure: Figure, numbers: Map<string, number>): CitationItem | undefined {
  const note = figure.footnotes.length ? fullNote(report, figure.footnotes[0]) : undefined;
  const number = numbers.get(figure.paragraph);
  const base = {
    target: { reportId: report.id, kind: 'figure' as const, id: figure.id },
    label: figure.subject ? `${figure.text} \u2014 ${clip(figure.subject, 50)}` : figure.text,
    filterText: `${figure.text} ${figure.value} ${figure.subject} ${figure.sentence}`,
    report,
    figure,
  };
  if (note) {
    return {
      ...base,
      key: note.key,
      detail: `figure \u00b7 note ${note.n}: ${shortSourceLabel(note.source)}`,
      source: note.source,
      footnote: note,
      filterText: `${base.filterText} ${note.key} ${sourceWords(note.source)}`,
    };
  }
  // a table's cell has no paragraph: it is cited by its page, where the report has pages
  const locator = pagesLocator(report, figure.page) ?? (number === undefined ? undefined : paragraphLocator(number));
  if (locator === undefined) return undefined;
  return {
    ...base,
    key: report.key,
    locator,
    detail: `figure \u00b7 ${locator} of the report`,
    source: reportSource(report),
    filterText: `${base.filterText} ${report.key}`,
  };
}

/** The item a command target names (outline, pickers and hovers cite through these). */
export function itemForTarget(items: readonly CitationItem[], target: CitedTarget): CitationItem | undefined {
  const exact = items.find(i => i.target.reportId === target.reportId && i.target.kind === target.kind && i.target.id === target.id);
  if (exact || target.kind !== 'footnote') return exact;
  // A note that repeats another (Ibid., short form) cites the note it repeats.
  const report = items.find(i => i.target.reportId === target.reportId)?.report;
  const full = report ? fullNote(report, Number(target.id)) : undefined;
  return full
    ? items.find(i => i.target.reportId === target.reportId && i.target.kind === 'footnote' && i.target.id === String(full.n))
    : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Pandoc and footnote text

/** `[@a]`, `[@a, para. 12]`, `[@a; @b]`. */
export function pandocCitation(refs: readonly CitationRef[]): string {
  return `[${refs.map(r => `@${r.key}${r.locator ? `, ${r.locator}` : ''}`).join('; ')}]`;
}

/**
 * The text of a Markdown footnote definition for a citation, ready for the memo: the source formatted from
 * its fields (authors, title, outlet, date, web address; for Ibid. and short forms the full source), never
 * the note as the report printed it, which could carry images, links or HTML into the memo. A note with no
 * source fields (a comment) falls back to its text, escaped. A locator is appended. No CSL engine needed.
 */
export function footnoteText(item: Pick<CitationItem, 'source' | 'footnote' | 'locator'>): string {
  let text = memoText(noteFromSource(item.source) || (item.footnote?.text ?? ''));
  if (item.locator) text = `${text.replace(/\.$/, '')}, ${item.locator}.`;
  return text;
}

/** A Chicago-like note from Source fields: `Author, “Title,” Outlet, 19 May 2025, URL.` */
export function noteFromSource(source: Source): string {
  const rest = [source.container, source.date ? humanDate(source.date) : undefined, safeWebUrl(source.url)].filter(Boolean) as string[];
  let text = source.authors.length ? joinNames(source.authors) : '';
  if (source.title) text += (text ? ', ' : '') + (rest.length ? `\u201c${source.title},\u201d` : `\u201c${source.title}.\u201d`);
  if (rest.length) text += (text ? (source.title ? ' ' : ', ') : '') + rest.join(', ') + '.';
  else if (text && !source.title) text += '.';
  return text;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
}

/** "2025-05-19" → "May 19, 2025"; "2025-01" → "January 2025". */
export function humanDate(iso: string): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!month) return m[1];
  return m[3] ? `${month} ${Number(m[3])}, ${m[1]}` : `${month} ${m[1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// CSL-JSON

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
}

export interface CslItem {
  id: string;
  type: string;
  'citation-key'?: string;
  title?: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  /** a report's number ("R48903") */
  number?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  note?: string;
}

/** Words that mark an organisation ("Council", "Institute"), which CSL must keep whole (literal). */
const ORGANISATION =
  /\b(council|institute|centre|center|agency|department|ministry|office|house|bank|fund|university|foundation|association|commission|committee|group|press|news|times|post|review|archive|initiative|program|programme|project|organization|organisation|society|service|board|bureau|corporation|company|inc|ltd|llc)\b/i;
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'ibn',
  'ter',
  'ten',
]);
const SUFFIX = /^(jr\.?|sr\.?|ii|iii|iv)$/i;

/** "Madiha Afzal" → {family: "Afzal", given: "Madiha"}; "Afzal, Madiha" too; organisations stay literal. */
export function splitName(name: string): CslName {
  const n = name.replace(/\s+/g, ' ').trim();
  if (!n) return { literal: n };
  if (n.includes(',')) {
    const [family, given] = n.split(',', 2).map(s => s.trim());
    if (family && given && !SUFFIX.test(given)) return { family, given };
  }
  const words = n.split(' ');
  if (words.length < 2 || ORGANISATION.test(n) || words.length > 5) return { literal: n };
  let end = words.length;
  if (SUFFIX.test(words[end - 1]) && end > 2) end--;
  let start = end - 1;
  while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start--;
  const family = words.slice(start, end).join(' ') + (end < words.length ? ` ${words.slice(end).join(' ')}` : '');
  return { family, given: words.slice(0, start).join(' ') };
}

function familyName(name: string): string {
  const split = splitName(name);
  return split.family ?? split.literal ?? name;
}

export function dateParts(iso: string | undefined): { 'date-parts': number[][] } | undefined {
  const m = iso ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso) : null;
  if (!m) return undefined;
  const parts = [Number(m[1])];
  if (m[2]) parts.push(Number(m[2]));
  if (m[2] && m[3]) parts.push(Number(m[3]));
  return { 'date-parts': [parts] };
}

/**
 * A note source as CSL-JSON. The type is a guess from what the note gives: a PDF is a report, an outlet
 * with a day-precise date reads as a news article, anything else online as a web page.
 */
export function sourceToCsl(key: string, source: Source): CslItem {
  const hasDay = !!source.date && /^\d{4}-\d{2}-\d{2}/.test(source.date);
  const type =
    source.url && /\.pdf(?:$|[?#])/i.test(source.url)
      ? 'report'
      : source.container && hasDay
        ? 'article-newspaper'
        : source.url
          ? 'webpage'
          : 'document';
  const item: CslItem = { id: key, type, 'citation-key': key };
  const title = field(source.title);
  if (title) item.title = title;
  const authors = source.authors.map(field).filter(Boolean);
  if (authors.length) item.author = authors.map(splitName);
  const container = field(source.container);
  if (container) {
    if (type === 'report') item.publisher = container;
    else item['container-title'] = container;
  }
  const issued = dateParts(source.date);
  if (issued) item.issued = issued;
  const url = safeWebUrl(source.url);
  if (url) item.URL = url;
  return item;
}

/**
 * A CSL field from report text: one line without control characters. Every export (CSL-JSON, BibTeX, RIS)
 * and every CSL-formatted citation is built from these items, so this and safeWebUrl are their whole input.
 */
function field(text: string | undefined): string {
  return text ? plainLine(text) : '';
}

/** A report as CSL-JSON: type report, with its title, date, authors, publisher, number and URL where known. */
export function reportToCsl(report: Report): CslItem {
  const item: CslItem = { id: report.key, type: 'report', 'citation-key': report.key, title: field(report.title) };
  const authors = report.authors.map(field).filter(Boolean);
  if (authors.length) item.author = authors.map(splitName);
  const publisher = field(report.publisher);
  if (publisher) item.publisher = publisher;
  const number = field(report.number);
  if (number) item.number = number;
  const issued = dateParts(report.date);
  if (issued) item.issued = issued;
  const url = safeWebUrl(report.source);
  if (url) item.URL = url;
  return item;
}

/** CSL-JSON of whatever a key names (report or note source), or undefined. */
export function cslForKey(library: Library, key: string): CslItem | undefined {
  const target = library.byKey(key);
  if (!target) return undefined;
  if (target.kind === 'report') return reportToCsl(target.report);
  const full = resolveFootnote(target.report, target.footnote);
  return sourceToCsl(key, full.source);
}

/**
 * The bibliography export: everything Dossier can cite, one entry per distinct source, in reading order —
 * each report (so `[@reportKey, para. 12]` resolves), then its note sources (Ibid. and short forms are not
 * entries). With `cited`, only the entries whose keys are in it (what a note cites: see keysCitedBy).
 */
export function bibliographyItems(library: Library, options: { cited?: ReadonlySet<string> } = {}): CslItem[] {
  const notes = new Map<Report, CslItem[]>();
  for (const { report, footnote } of distinctSources(library)) {
    const list = notes.get(report) ?? [];
    list.push(sourceToCsl(footnote.key, footnote.source));
    notes.set(report, list);
  }
  const items = library.reports.flatMap(report => [reportToCsl(report), ...(notes.get(report) ?? [])]);
  const cited = options.cited;
  return cited ? items.filter(item => cited.has(item.id)) : items;
}

/** A pandoc locator ("para. 12", "paras. 5–12", "p. 4", "sec. 2") as CSL's locator and label. */
export function cslLocator(locator: string | undefined): { locator?: string; label?: string } {
  if (!locator) return {};
  const m = /^\s*(paras?\.?|paragraphs?|pp?\.?|pages?|secs?\.?|sections?|ch(?:ap)?s?\.?|chapters?)\s*(.+)$/i.exec(locator);
  if (!m) return { locator: locator.trim() };
  const word = m[1].toLowerCase();
  const label = word.startsWith('para') ? 'paragraph' : word.startsWith('p') ? 'page' : word.startsWith('s') ? 'section' : 'chapter';
  return { locator: m[2].trim(), label };
}

/** LaTeX's spelling of the characters that are markup in a BibTeX field, written the way citation-js writes them. */
const LATEX_SPECIAL: Record<string, string> = {
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '\\': '\\textbackslash{}',
  '%': '\\%',
  '&': '\\&',
  '#': '\\#',
  $: '\\textdollar{}',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/**
 * An item ready for citation-js's BibTeX output, which escapes titles and person names but writes an
 * organisation's name (a CSL literal) as it is: a "}" there would close the field and let the rest of the
 * name become entries of its own (`@preamble{…}`). URLs are safe already (see safeWebUrl).
 */
export function forBibtex(item: CslItem): CslItem {
  if (!item.author?.some(a => a.literal !== undefined)) return item;
  return {
    ...item,
    author: item.author.map(a =>
      a.literal === undefined ? a : { ...a, literal: a.literal.replace(/[{}\\%&#$_^~]/g, c => LATEX_SPECIAL[c]) },
    ),
  };
}

export function toCslJson(items: readonly CslItem[]): string {
  return JSON.stringify(items, null, 2) + '\n';
}

const RIS_TYPE: Record<string, string> = {
  'article-newspaper': 'NEWS',
  'article-magazine': 'MGZN',
  'article-journal': 'JOUR',
  webpage: 'ELEC',
  report: 'RPRT',
  book: 'BOOK',
  document: 'GEN',
};

/**
 * RIS, one record per item. Written here rather than by citation-js, whose RIS output folds long
 * lines (URLs) into untagged continuation lines that RIS readers take as garbage.
 */
export function toRis(items: readonly CslItem[]): string {
  const out: string[] = [];
  const line = (tag: string, value: string | undefined) => {
    // one line per tag: a line break in a title could otherwise start a record of its own ("ER  - ")
    const v = value === undefined ? undefined : plainLine(value);
    if (v) out.push(`${tag}  - ${v}`);
  };
  for (const item of items) {
    out.push(`TY  - ${RIS_TYPE[item.type] ?? 'GEN'}`);
    line('ID', item.id);
    for (const a of item.author ?? [])
      line('AU', a.literal ?? [a['non-dropping-particle'], a.family].filter(Boolean).join(' ') + (a.given ? `, ${a.given}` : ''));
    line('TI', item.title);
    line('T2', item['container-title']);
    line('PB', item.publisher);
    const parts = item.issued?.['date-parts'][0];
    if (parts) {
      line('PY', String(parts[0]));
      line('DA', `${parts[0]}/${parts[1] ? String(parts[1]).padStart(2, '0') : ''}/${parts[2] ? String(parts[2]).padStart(2, '0') : ''}/`);
    }
    line('SN', item.number);
    line('UR', item.URL);
    line('N1', item.note);
    out.push('ER  - ', '');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Completion context

/**
 * Whether the cursor is typing a citation key: after `[@`, `; @` or `-@` inside a citation bracket.
 * `linePrefix` is the line up to the cursor; returns where the key being typed starts (after `@`) and it.
 */
export function citationKeyAt(linePrefix: string): { start: number; query: string } | undefined {
  const m = /\[(?:[^\[\]]*;)?[^\[\];@]*?-?@([^\s;\[\]@,]*)$/.exec(linePrefix);
  if (!m) return undefined;
  // `[^` opens a footnote, not a citation; a link's `](` is not a bracket we are inside.
  if (/\[\^[^\]]*$/.test(linePrefix)) return undefined;
  const at = m.index + m[0].length - m[1].length;
  // "me@example.org" inside brackets is an address, not a citation.
  if (/[\p{L}\p{N}_]/u.test(linePrefix[at - 2] ?? '')) return undefined;
  return { start: at, query: m[1] };
}

/**
 * Whether the cursor sits in an open citation bracket: after the line's last `[` (no `]` since, no `[^`),
 * which holds an `@` or is still empty (`[`, `[-`), and with a `]` ahead before any other `[`. Index
 * look-ups, not a pattern: a 100,000-character line costs one pass.
 */
function insideCitationBracket(linePrefix: string, lineSuffix: string): boolean {
  const open = linePrefix.lastIndexOf('[');
  const close = linePrefix.lastIndexOf(']');
  if (open < 0 || open < close) return false;
  if (linePrefix.indexOf('[^', close + 1) >= 0) return false;
  const inner = linePrefix.slice(open + 1);
  if (!(inner.includes('@') || inner === '' || inner === '-')) return false;
  const ahead = lineSuffix.indexOf(']');
  const nextOpen = lineSuffix.indexOf('[');
  return ahead >= 0 && (nextOpen < 0 || ahead < nextOpen);
}

/**
 * The pandoc text to insert at a cursor: a whole `[@a; @b]`, or — when the cursor is already inside a
 * citation bracket (`[@a, para. 3; |]`, `[@a|]`) — only the keys, joined to what is there with `; `.
 */
export function pandocInsertion(linePrefix: string, lineSuffix: string, refs: readonly CitationRef[]): string {
  if (!insideCitationBracket(linePrefix, lineSuffix)) return pandocCitation(refs);
  const keys = refs.map(r => `@${r.key}${r.locator ? `, ${r.locator}` : ''}`).join('; ');
  const before = linePrefix.trimEnd();
  if (/\[-?@?$/.test(before) || before.endsWith(';')) {
    // right after "[" / "[@" / ";": the "@" may already be typed
    const typedAt = before.endsWith('@');
    return (before.endsWith(';') && !linePrefix.endsWith(' ') ? ' ' : '') + (typedAt ? keys.slice(1) : keys);
  }
  return `; ${keys}`;
}

/**
 * The web page a target cites: a note's URL (through Ibid. and short forms), the first note with one of a
 * figure or paragraph, or the address the report itself came from.
 */
export function sourceUrl(library: Library, target: CitedTarget): string | undefined {
  const report = library.report(target.reportId);
  if (!report) return undefined;
  const noteUrl = (n: number | undefined, depth = 0): string | undefined => {
    const note = n === undefined ? undefined : report.footnotes.find(f => f.n === n);
    if (!note) return undefined;
    return note.source.url ?? (note.refersTo !== undefined && depth < 5 ? noteUrl(note.refersTo, depth + 1) : undefined);
  };
  switch (target.kind) {
    case 'footnote':
      return noteUrl(Number(target.id));
    case 'figure':
      return report.figures
        .find(f => f.id === target.id)
        ?.footnotes.map(n => noteUrl(n))
        .find(Boolean);
    case 'paragraph':
      return library
        .paragraph(report.id, target.id)
        ?.paragraph.footnotes.map(n => noteUrl(n))
        .find(Boolean);
    default:
      return report.source && /^https?:/i.test(report.source) ? report.source : undefined;
  }
}
