/**
 * A memo as it leaves the editor: its citations formatted in the analyst's style, the bibliography of what
 * it cites, its charts as SVG and the numbers the fact-check flags. One reading (`buildMemo`) serves VS
 * Code's Markdown preview, the HTML and Word exports and the CLI; `memoMarkdown.ts` renders it.
 */
import { citationItems, cslForKey, cslLocator, noteFromSource, type CitationItem, type CslItem } from './cite';
import type { Chart, NoteCharts } from './charts';
import type { CheckFinding } from './check';
import type { Library } from './library';
import { analyseNote, type CitedKey, type NoteAnalysis } from './note';
import { cleanSvg } from './svgClean';
import { lineIndexAt } from './text';

/** One citation bracket's keys and locators as a string: the same bracket gives the same id wherever it is read. */
export function citationId(keys: readonly Pick<CitedKey, 'key' | 'locator'>[]): string {
  return keys.map(k => `${k.key}\u0000${k.locator ?? ''}`).join('\u0001');
}

/** What a style does with a citation: numbered notes at the end of the memo, or text in the sentence. */
export type MemoStyleClass = 'note' | 'in-text';

/** Formats citations and the bibliography in one style (the CSL engine, or the notes as reports print them). */
export interface CitationFormatter {
  readonly styleClass: MemoStyleClass;
  /** one citation bracket, plain text (escaped by whoever renders it) */
  citation(keys: readonly Pick<CitedKey, 'key' | 'locator'>[]): string;
  /** the bibliography entries of the cited keys, plain text, in the style's order */
  bibliography(keys: readonly string[]): string[];
}

/** The part of the CSL engine (src/lazy/cslEngine.ts) a formatter needs. */
export interface CslFormatting {
  citation(style: string, items: readonly CslItem[], cites: readonly { id: string; locator?: string; label?: string }[]): string;
  bibliography(style: string, items: readonly CslItem[]): string[];
}

/** Citations through the CSL engine in `style` (Chicago notes, APA, an analyst's .csl). */
export function cslFormatter(library: Library, engine: CslFormatting, style: string, styleClass: MemoStyleClass): CitationFormatter {
  const items = (keys: readonly string[]) =>
    [...new Set(keys)].map(key => cslForKey(library, key)).filter((item): item is CslItem => item !== undefined);
  return {
    styleClass,
    citation: keys =>
      engine.citation(
        style,
        items(keys.map(k => k.key)),
        keys.map(k => ({ id: k.key, ...cslLocator(k.locator) })),
      ),
    bibliography: keys => engine.bibliography(style, items(keys)),
  };
}

/**
 * The footnote style: each note as the report printed its source (authors, title, outlet, date, address),
 * with the locator; the bibliography is those sources once each, by their first words. No CSL engine.
 */
export function printedNotesFormatter(library: Library): CitationFormatter {
  let byKey: Map<string, CitationItem> | undefined;
  const item = (key: string) => {
    byKey ??= new Map(citationItems(library).map(i => [i.key, i]));
    return byKey.get(key);
  };
  const text = (key: string) => {
    const found = item(key);
    return found ? noteFromSource(found.source) || (found.footnote?.text ?? key) : key;
  };
  return {
    styleClass: 'note',
    citation: keys =>
      keys
        .map((k, i) => {
          let note = text(k.key).replace(/\.$/, '');
          if (k.locator) note += `, ${k.locator}`;
          return i === keys.length - 1 ? `${note}.` : note;
        })
        .join('; '),
    bibliography: keys => [...new Set(keys)].map(text).sort((a, b) => a.localeCompare(b)),
  };
}

/** A `dossier-chart` block as the memo shows it: the chart, or why there is none. */
export interface MemoChart {
  title: string;
  /** cleaned SVG */
  svg?: string;
  problem?: string;
}

/** A number the fact-check flags, where it is. */
export interface FlaggedFigure {
  /** 0-based line of the note */
  line: number;
  /** the number as written */
  text: string;
  message: string;
}

/** Everything the memo's renderers need beyond the Markdown itself; plain data, built once per note version. */
export interface Memo {
  styleClass: MemoStyleClass;
  /** formatted citation of each bracket, by citationId; a bracket with an unknown key is absent */
  citations: ReadonlyMap<string, string>;
  /** the bibliography of the sources cited */
  bibliography: readonly string[];
  /** keys cited that no report or note source has */
  unknownKeys: readonly string[];
  /** each dossier-chart block by the 0-based line of its opening fence */
  chartBlocks: ReadonlyMap<number, MemoChart>;
  /** SVG files the note links as images, cleaned, by the link destination as written */
  images: ReadonlyMap<string, string>;
  flagged: readonly FlaggedFigure[];
}

/** What a host gives buildMemo: the library, the style, and the engines it has loaded. */
export interface MemoSources {
  library: Library;
  formatter: CitationFormatter;
  findings(text: string, analysis: NoteAnalysis): CheckFinding[];
  chartsForNote(text: string): Promise<NoteCharts>;
  /** a chart's SVG (the preview's theme, or the light one for exports) */
  chartSvg(chart: Chart): Promise<string>;
  /** the text of an SVG file the note links, as written (relative to the note); undefined when it cannot be read */
  readImage?(destination: string): Promise<string | undefined>;
}

/** Only SVG images of the memo's own folder are inlined: no address with a scheme, no absolute path. */
export function isLocalSvgLink(destination: string): boolean {
  return /\.svg$/i.test(destination) && !/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(destination) && !destination.includes('..');
}

/** Reads a memo once for its renderers. */
export async function buildMemo(text: string, sources: MemoSources, analysis: NoteAnalysis = analyseNote(text)): Promise<Memo> {
  const { library, formatter } = sources;
  const groups = new Map<number, CitedKey[]>();
  for (const cited of analysis.keys) {
    const group = groups.get(cited.group.start);
    if (group) group.push(cited);
    else groups.set(cited.group.start, [cited]);
  }
  const citations = new Map<string, string>();
  const unknown = new Set<string>();
  const cited: string[] = [];
  for (const keys of groups.values()) {
    const missing = keys.filter(k => !library.byKey(k.key));
    for (const k of missing) unknown.add(k.key);
    if (missing.length) continue;
    for (const k of keys) cited.push(k.key);
    const id = citationId(keys);
    if (!citations.has(id)) citations.set(id, formatter.citation(keys));
  }
  const bibliography = cited.length ? formatter.bibliography([...new Set(cited)]) : [];

  const lines = lineStarts(text);
  const flagged = sources
    .findings(text, analysis)
    .filter(f => f.code === 'contradicts-report')
    .map(f => ({ line: lineIndexAt(lines, f.start), text: text.slice(f.start, f.end), message: f.message }));

  const chartBlocks = new Map<number, MemoChart>();
  if (analysis.chartBlocks.length) {
    const noteCharts = await sources.chartsForNote(text);
    let n = 0;
    for (const chart of noteCharts.charts) {
      if (chart.origin !== 'declared' || !chart.anchors?.[0]) continue;
      const line = lineIndexAt(lines, chart.anchors[0].start);
      const svg = cleanSvg(await sources.chartSvg(chart), `dossier-chart${++n}-`);
      chartBlocks.set(line, svg ? { title: chart.title, svg } : { title: chart.title, problem: 'The chart could not be drawn.' });
    }
    for (const error of noteCharts.errors) {
      const shown = chartBlocks.get(error.line);
      chartBlocks.set(error.line, { title: shown?.title ?? error.chartId, svg: shown?.svg, problem: error.message });
    }
  }

  const images = new Map<string, string>();
  if (sources.readImage) {
    let n = 0;
    for (const link of analysis.links) {
      const destination = linkDestination(text.slice(link.start, link.end));
      if (!destination || images.has(destination) || !isLocalSvgLink(destination)) continue;
      const svg = await sources.readImage(destination);
      const clean = svg === undefined ? undefined : cleanSvg(svg, `dossier-image${++n}-`);
      if (clean) images.set(destination, clean);
    }
  }
  return {
    styleClass: formatter.styleClass,
    citations,
    bibliography,
    unknownKeys: [...unknown],
    chartBlocks,
    images,
    flagged,
  };
}

/** `(charts/a.svg "Title")` → `charts/a.svg`; `(<a b.svg>)` → `a b.svg`. */
function linkDestination(inParens: string): string | undefined {
  const inner = inParens.replace(/^\(/, '').replace(/\)$/, '').trim();
  if (inner.startsWith('<')) return inner.slice(1, inner.indexOf('>') < 0 ? undefined : inner.indexOf('>'));
  return inner.split(/\s/, 1)[0] || undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The CSL style a memo is formatted in, for each citation style of the settings: pandoc's own citeproc
 * default is author-date, so a memo in pandoc citations shows as APA; the footnote style prints each source
 * as the report printed it ('printed', no CSL engine).
 */
export function memoCslStyle(style: 'pandoc' | 'footnote' | 'chicago' | 'apa' | 'csl-file'): 'printed' | 'chicago' | 'apa' | 'csl-file' {
  if (style === 'footnote') return 'printed';
  if (style === 'pandoc') return 'apa';
  return style;
}

/** One file of an export that is a folder (the pandoc bundle), by its name in that folder. */
export interface ExportFile {
  name: string;
  text: string;
}

/**
 * The pandoc bundle: the memo as written, `references.json` (CSL-JSON of what it cites), the .csl style,
 * and a README with the exact `pandoc --citeproc` command. pandoc reads `[@key]` citations and `[^label]`
 * footnotes natively; the memo is not changed.
 */
export function pandocBundle(memoName: string, text: string, references: string, style: { name: string; xml: string }): ExportFile[] {
  const base = memoName.replace(/\.(md|markdown|mdown|mkd)$/i, '') || 'memo';
  const markdown = `${base}.md`;
  const csl = `${style.name}.csl`;
  const command = `pandoc ${shellWord(markdown)} --citeproc --bibliography=references.json --csl=${shellWord(csl)} -o ${shellWord(`${base}.docx`)}`;
  const readme = [
    `# ${base}: the memo for pandoc`,
    '',
    `- \`${markdown}\`: the memo as written in Dossier`,
    '- `references.json`: the sources it cites, as CSL-JSON',
    `- \`${csl}\`: the citation style`,
    '',
    'In this folder, make a Word file (or `-o memo.html`, `-o memo.pdf`) with:',
    '',
    '```sh',
    command,
    '```',
    '',
  ].join('\n');
  return [
    { name: markdown, text },
    { name: 'references.json', text: references },
    { name: csl, text: style.xml },
    { name: 'README.md', text: readme },
  ];
}

/** A file name as one shell word: quoted when it holds anything but letters, digits and `._-`. */
function shellWord(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/** "2 numbers disagree with the report", "1 citation key resolves to nothing": what to know before exporting. */
export function exportWarnings(findings: readonly CheckFinding[]): string[] {
  const count = (code: CheckFinding['code']) => findings.filter(f => f.code === code).length;
  const numbers = count('contradicts-report');
  const keys = count('unknown-citation');
  const out: string[] = [];
  if (numbers) out.push(`${numbers} ${numbers === 1 ? 'number disagrees' : 'numbers disagree'} with the report`);
  if (keys) out.push(`${keys} ${keys === 1 ? 'citation key resolves' : 'citation keys resolve'} to nothing`);
  return out;
}

/** The memo's title for an exported file: its first `# heading`, else `fallback` (the file's name). */
export function memoTitle(text: string, fallback: string): string {
  const heading = /^#[ \t]+(.{1,200})$/m.exec(text)?.[1];
  return heading?.replace(/[ \t]#+[ \t]*$/, '').trim() || fallback;
}
