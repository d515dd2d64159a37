/**
 * Charts of a report's key figures: curated ones (data/charts/*.json, matched to figures by value, unit and
 * words, never by figure id), automatic ones for reports nobody curated (comparable figures: same unit, same
 * section), and charts a note declares in a ```dossier-chart block. `chartsForNote` decides which charts a
 * draft needs from the figures it cites or mentions. Pure: the adapter/CLI reads the files and passes them in.
 * The Vega-Lite specs themselves are built in chartSpec.ts.
 */
import { parseYaml } from './yaml';
import { allShares, comparable } from './comparable';
import type { Library } from './library';
import type { Figure, Report, Unit } from './model';
import { findQuantities, sameValue } from './quantities';
import { noteRepeatedBy } from './cite';
import { analyseNote, analyseNoteSteps, locatorParagraphs, type ChartBlockSource, type NoteAnalysis, type NoteRange } from './note';
import { Pace, runSteps, type Steps } from './steps';
import { dayMonthYear, foldForComparison as normalise, slug } from './text';
import { errorMessage } from './errors';

export type { NoteRange } from './note';

export type ChartMark = 'bar' | 'point' | 'line' | 'arc';
export const chartMarks: readonly ChartMark[] = ['bar', 'point', 'line', 'arc'];

/** One bar (slice, point) of a chart. */
export interface ChartDatum {
  label: string;
  value: number;
  unit: Unit;
  /** the figure as written ("US$845 million"); drawn beside the bar */
  text: string;
  reportId: string;
  /** absent for a computed part, e.g. "the rest" of a share */
  figureId?: string;
  notes: number[];
}

export interface Chart {
  /** stable and unique in a library: curated ids from data, `<report>-<section>-<unit>` for automatic ones */
  id: string;
  origin: 'curated' | 'auto' | 'declared';
  title: string;
  mark: ChartMark;
  scale: 'linear' | 'log';
  reportId: string;
  data: ChartDatum[];
  /** one line: report title, date and note numbers */
  source: string;
  /** a sentence for screen readers listing every value */
  description: string;
  categoryTitle?: string;
  valueTitle?: string;
  /** every value is a percentage of one whole: the value axis ends at 100 */
  shares?: boolean;
  /** where in the note the chart's figures are cited, mentioned or declared (chartsForNote fills it) */
  anchors?: NoteRange[];
}

/** A declared chart that could not be (fully) built; shown in the panel where the chart would be. */
export interface ChartError {
  /** the declared chart's id */
  chartId: string;
  message: string;
  /** the offending block in the note */
  range: NoteRange;
  /** 0-based line of the block's opening fence */
  line: number;
}

/** A report figure the note uses, and where. */
export interface FigureUse {
  reportId: string;
  figureId: string;
  how: ('mention' | 'citation' | 'declared')[];
  ranges: NoteRange[];
}

export interface NoteCharts {
  charts: Chart[];
  figuresUsed: FigureUse[];
  errors: ChartError[];
  /** charts left out to keep the panel readable (see MAX_NOTE_CHARTS) */
  omitted?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Curated charts: data files

/** How a curated chart names one of its figures: by value and unit, and/or by words of its text/sentence. */
export interface FigureCriteria {
  /** the bar's label; defaults to the figure's subject */
  label?: string;
  value?: number;
  unit?: string;
  /** every word must occur in the figure's text, subject or sentence (case-insensitive) */
  text?: string;
}

export interface CuratedChart {
  id: string;
  title: string;
  mark?: ChartMark;
  scale?: 'linear' | 'log';
  categoryTitle?: string;
  valueTitle?: string;
  /** a share of a whole (percent): adds the remainder to 100 under this label */
  restLabel?: string;
  figures: FigureCriteria[];
}

/** One data/charts/*.json file: which report it is for, and its charts. */
export interface CuratedChartFile {
  /** the report it curates: by id, or a case-insensitive part of the title */
  report: { id?: string; title?: string };
  charts: CuratedChart[];
}

/**
 * Checks a parsed data/charts/*.json file. Returns the file, or the reasons it is unusable (the adapter
 * logs them; one bad file never hides the others).
 */
export function readCuratedChartFile(json: unknown, name: string): { file?: CuratedChartFile; problems: string[] } {
  const problems: string[] = [];
  const bad = (why: string) => ({ problems: [`${name}: ${why}`] });
  if (!isObject(json)) return bad('expected an object with "report" and "charts"');
  const report = json.report;
  if (!isObject(report) || (typeof report.id !== 'string' && typeof report.title !== 'string'))
    return bad('"report" needs an "id" or a "title"');
  if (!Array.isArray(json.charts)) return bad('"charts" must be a list');
  const charts: CuratedChart[] = [];
  json.charts.forEach((raw: unknown, i: number) => {
    const where = `${name}: chart ${i + 1}`;
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.title !== 'string' || !Array.isArray(raw.figures)) {
      problems.push(`${where}: needs "id", "title" and "figures"`);
      return;
    }
    if (raw.mark !== undefined && !chartMarks.includes(raw.mark as ChartMark)) {
      problems.push(`${where}: mark "${String(raw.mark)}" is not one of ${chartMarks.join(', ')}`);
      return;
    }
    const figures: FigureCriteria[] = [];
    for (const f of raw.figures as unknown[]) {
      if (!isObject(f) || (typeof f.value !== 'number' && typeof f.text !== 'string')) {
        problems.push(`${where}: each figure needs a "value" (with "unit") or a "text"`);
        return;
      }
      figures.push({
        label: str(f.label),
        value: typeof f.value === 'number' ? f.value : undefined,
        unit: str(f.unit),
        text: str(f.text),
      });
    }
    charts.push({
      id: raw.id,
      title: raw.title,
      mark: raw.mark as ChartMark | undefined,
      scale: raw.scale === 'log' ? 'log' : raw.scale === 'linear' ? 'linear' : undefined,
      categoryTitle: str(raw.categoryTitle),
      valueTitle: str(raw.valueTitle),
      restLabel: str(raw.restLabel),
      figures,
    });
  });
  return { file: { report: { id: str(report.id), title: str(report.title) }, charts }, problems };
}

function curatesReport(file: CuratedChartFile, report: Report): boolean {
  if (file.report.id) return file.report.id === report.id;
  return !!file.report.title && report.title.toLowerCase().includes(file.report.title.toLowerCase());
}

/** True when a figure meets every given criterion. */
export function figureMatches(figure: Figure, criteria: FigureCriteria): boolean {
  if (criteria.value !== undefined && !sameValue(figure.value, criteria.value)) return false;
  if (criteria.unit !== undefined && figure.unit.toLowerCase() !== criteria.unit.toLowerCase()) return false;
  if (criteria.text !== undefined && !hasWords(`${figure.text} ${figure.subject} ${figure.sentence}`, criteria.text)) return false;
  return true;
}

/** The curated charts of every report in the library that a data file curates. */
export function curatedCharts(library: Library, files: readonly CuratedChartFile[]): Chart[] {
  const charts: Chart[] = [];
  for (const report of library.reports) {
    for (const file of files.filter(f => curatesReport(f, report))) {
      for (const curated of file.charts) {
        const chart = buildCurated(report, curated);
        if (chart) charts.push(chart);
      }
    }
  }
  return charts;
}

/** Figures a curated chart names but the report (as extracted) does not have; for a data check. */
export function unmatchedCriteria(library: Library, files: readonly CuratedChartFile[]): string[] {
  const missing: string[] = [];
  for (const report of library.reports) {
    for (const file of files.filter(f => curatesReport(f, report))) {
      for (const curated of file.charts) {
        for (const criteria of curated.figures) {
          if (!report.figures.some(f => figureMatches(f, criteria))) missing.push(`${curated.id}: ${describeCriteria(criteria)}`);
        }
      }
    }
  }
  return missing;
}

function buildCurated(report: Report, curated: CuratedChart): Chart | undefined {
  const used = new Set<string>();
  const data: ChartDatum[] = [];
  for (const criteria of curated.figures) {
    const figure = report.figures.find(f => !used.has(f.id) && figureMatches(f, criteria));
    if (!figure) continue;
    used.add(figure.id);
    data.push(datum(report, figure, criteria.label));
  }
  if (data.length === 0) return undefined;
  const mark = curated.mark ?? 'bar';
  if (curated.restLabel && data.every(d => d.unit === 'percent')) {
    const rest = 100 - data.reduce((sum, d) => sum + d.value, 0);
    if (rest > 0)
      data.push({
        label: curated.restLabel,
        value: rest,
        unit: 'percent',
        text: `${formatNumber(rest)} percent`,
        reportId: report.id,
        notes: [],
      });
  }
  return finish(
    {
      id: curated.id,
      origin: 'curated',
      title: curated.title,
      mark,
      scale: curated.scale ?? defaultScale(data),
      reportId: report.id,
      data,
      categoryTitle: curated.categoryTitle,
      valueTitle: curated.valueTitle,
    },
    report,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Automatic charts for reports nobody curated

/** Units whose figures are comparable across a whole section; counts only within one paragraph. */
const sectionWideUnits = new Set(['USD', 'percent', 'lb', 'oz', 'km2']);

/**
 * Comparable figures of a report: at least two with the same unit in one section (one paragraph for counts
 * and units Dossier does not know), at most eight to a chart.
 */
export function autoCharts(report: Report): Chart[] {
  const charts: Chart[] = [];
  for (const section of report.sections) {
    const inSection = new Set(section.paragraphs.map(p => p.id));
    const figures = report.figures.filter(f => inSection.has(f.paragraph) && f.unit !== 'years');
    const groups = new Map<string, Figure[]>();
    for (const figure of figures) {
      const key = sectionWideUnits.has(figure.unit) ? `${section.id}-${slug(figure.unit)}` : `${figure.paragraph}-${slug(figure.unit)}`;
      const group = groups.get(key);
      if (group) group.push(figure);
      else groups.set(key, [figure]);
    }
    for (const [key, group] of byKind(groups)) {
      if (group.length < 2 || new Set(group.map(f => f.value)).size < 2) continue;
      const chunks = group.length > 8 ? chunk(group, 8) : [group];
      chunks.forEach((part, i) => {
        if (part.length < 2) return;
        const data = part.map(f => datum(report, f));
        dedupeLabels(data, part);
        const unit = part[0]?.unit ?? '';
        charts.push(
          finish(
            {
              id: `${report.id}-${key}${chunks.length > 1 ? `-${i + 1}` : ''}`,
              origin: 'auto',
              title: `${section.title}: figures in ${unitWords(unit)}`,
              mark: 'bar',
              scale: allShares(part) ? 'linear' : defaultScale(data),
              reportId: report.id,
              data,
              ...(allShares(part) ? { shares: true } : {}),
            },
            report,
          ),
        );
      });
    }
  }
  return charts;
}

/** Most kinds of measure one unit's group of a section is split into; the rest are not charted. */
const MAX_KINDS = 24;

/**
 * Splits each same-unit group into figures that measure the same kind of thing (comparable.ts): each figure
 * joins the first kind whose first figure it compares with. Linear in the figures (at most MAX_KINDS kinds).
 */
function byKind(groups: Map<string, Figure[]>): Map<string, Figure[]> {
  const out = new Map<string, Figure[]>();
  for (const [key, group] of groups) {
    const kinds: Figure[][] = [];
    for (const figure of group) {
      const kind = kinds.find(k => comparable(k[0]!, figure));
      if (kind) kind.push(figure);
      else if (kinds.length < MAX_KINDS) kinds.push([figure]);
    }
    kinds.forEach((kind, i) => out.set(i === 0 ? key : `${key}-${i + 1}`, kind));
  }
  return out;
}

/** Every chart the library offers: curated charts, and automatic ones for reports without curation. */
export function libraryCharts(library: Library, curated: readonly CuratedChartFile[]): Chart[] {
  const charts = curatedCharts(library, curated);
  for (const report of library.reports) {
    if (!curated.some(f => curatesReport(f, report))) charts.push(...autoCharts(report));
  }
  return charts;
}

// ---------------------------------------------------------------------------------------------------------
// Charts declared in a note

/** A ```dossier-chart block as written, before its figures are resolved. */
export interface DeclaredChartBlock {
  range: NoteRange;
  line: number;
  /** the parsed body, or why it could not be parsed */
  body?: Record<string, unknown>;
  problem?: string;
}

/** Every fenced ```dossier-chart (or ~~~dossier-chart) block of the note, its body parsed as YAML or JSON. */
export function findChartBlocks(noteText: string, analysis: NoteAnalysis = analyseNote(noteText)): DeclaredChartBlock[] {
  return analysis.chartBlocks.map(found => readChartBlock(noteText, found));
}

function readChartBlock(noteText: string, found: ChartBlockSource): DeclaredChartBlock {
  const source = noteText.slice(found.body.start, found.body.end);
  const block: DeclaredChartBlock = { range: found.range, line: found.line };
  try {
    const body: unknown = source.trim() ? parseYaml(source) : undefined;
    if (isObject(body)) block.body = body;
    else block.problem = 'The chart block is empty or not a list of settings. Write title:, mark: and figures: [f1, f2].';
  } catch (error) {
    block.problem = `The chart block is not valid YAML or JSON: ${errorMessage(error).split('\n')[0]}`;
  }
  return block;
}

/** Resolves a declared block against the library: a chart (maybe partial) and/or an error to show. */
export function resolveDeclaredChart(
  block: DeclaredChartBlock,
  index: number,
  library: Library,
  defaultReport: Report | undefined,
): { chart?: Chart; error?: ChartError } {
  const fallbackId = `note-chart-${index + 1}`;
  const body = block.body;
  const fail = (chartId: string, message: string) => ({ error: { chartId, message, range: block.range, line: block.line } });
  if (!body) return fail(fallbackId, block.problem ?? 'The chart block could not be read.');
  const id = typeof body.id === 'string' && /^[\w-]{1,60}$/.test(body.id) ? body.id : fallbackId;
  const mark = body.mark ?? 'bar';
  if (typeof mark !== 'string' || !chartMarks.includes(mark as ChartMark)) {
    return fail(id, `Chart "${id}": mark "${String(mark)}" is not one of ${chartMarks.join(', ')}.`);
  }
  let report = defaultReport;
  if (body.report !== undefined) {
    const wanted = String(body.report);
    const target = library.byKey(wanted);
    report =
      library.report(wanted) ??
      (target ? target.report : undefined) ??
      library.reports.find(r => r.title.toLowerCase().includes(wanted.toLowerCase()));
    if (!report) return fail(id, `Chart "${id}": no report "${wanted}" in the library.`);
  }
  if (!report) return fail(id, `Chart "${id}": the library has no report to take figures from.`);
  const wanted = Array.isArray(body.figures) ? body.figures : typeof body.figures === 'string' ? body.figures.split(',') : undefined;
  if (!wanted || wanted.length === 0)
    return fail(id, `Chart "${id}" names no figures. Add figures: [f1, f2] or search terms such as "29 percent".`);

  const problems: string[] = [];
  const data: ChartDatum[] = [];
  const used = new Set<string>();
  for (const entry of wanted) {
    // a list or a setting is not a figure: never flatten it with String() (an alias bomb expands to gigabytes)
    if (typeof entry !== 'string' && typeof entry !== 'number') {
      problems.push('each entry of figures: is a figure id or search words, not a list or settings');
      continue;
    }
    const term = String(entry).trim();
    const figure = /^f\d+$/i.test(term) ? report.figures.find(f => f.id === term.toLowerCase()) : searchFigure(report, term, used);
    if (!figure) {
      problems.push(
        /^f\d+$/i.test(term)
          ? `no figure "${term}" in “${report.title}”${report.figures.length ? ` (its figures are f1–f${report.figures.length})` : ''}`
          : `no figure matches "${term}" in “${report.title}”`,
      );
      continue;
    }
    if (used.has(figure.id)) continue;
    used.add(figure.id);
    data.push(datum(report, figure));
  }
  dedupeLabels(
    data,
    data.map(d => report.figures.find(f => f.id === d.figureId) as Figure),
  );
  const title = typeof body.title === 'string' && body.title.trim() ? body.title.trim() : `Figures from ${report.title}`;
  const scale = body.scale === 'log' ? 'log' : body.scale === 'linear' ? 'linear' : defaultScale(data);
  const chart =
    data.length > 0
      ? finish({ id, origin: 'declared', title, mark: mark as ChartMark, scale, reportId: report.id, data }, report)
      : undefined;
  if (chart) chart.anchors = [block.range];
  const error = problems.length ? fail(id, `Chart "${id}": ${problems.join('; ')}.`).error : undefined;
  return { chart, error };
}

/** A search term: its amounts (value+unit) must match and its other words must occur near the figure. */
function searchFigure(report: Report, term: string, used: Set<string>): Figure | undefined {
  const amounts = findQuantities(term);
  let words = term;
  for (const q of [...amounts].reverse()) words = words.slice(0, q.start) + ' ' + words.slice(q.end);
  const candidates = report.figures.filter(
    f =>
      amounts.every(q => sameValue(f.value, q.value) && (!q.unit || q.unit === f.unit)) &&
      hasWords(`${f.text} ${f.subject} ${f.sentence}`, words),
  );
  return candidates.find(f => !used.has(f.id)) ?? candidates[0];
}

// ---------------------------------------------------------------------------------------------------------
// Which charts a note needs

/**
 * The charts a draft needs: curated and automatic charts holding a figure the note cites ([@key, para. N],
 * [@noteKey]) or mentions (an amount equal in value and unit), then the charts it declares; in the order
 * the note first uses them.
 */
export function chartsForNote(
  noteText: string,
  library: Library,
  curated: readonly CuratedChartFile[],
  analysis: NoteAnalysis = analyseNote(noteText),
): NoteCharts {
  return runSteps(chartsForNoteSteps(noteText, library, curated, analysis));
}

/**
 * Chart blocks drawn from one note: a memo holds a few. A crafted 2 MB note holds some 90,000, each a chart
 * (its SVG sent to the preview) or an error card, hundreds of megabytes for the preview to take in.
 */
export const MAX_CHART_BLOCKS = 100;

/** chartsForNote in steps (a few hundred figures looked at, or one chart block, each), for a host that must not be held long. */
export function* chartsForNoteSteps(
  noteText: string,
  library: Library,
  curated: readonly CuratedChartFile[],
  analysis?: NoteAnalysis,
): Steps<NoteCharts> {
  analysis ??= yield* analyseNoteSteps(noteText);
  const pace = new Pace(FIGURES_PER_STEP);
  const blocks: DeclaredChartBlock[] = [];
  for (const found of analysis.chartBlocks.slice(0, MAX_CHART_BLOCKS)) {
    yield;
    blocks.push(readChartBlock(noteText, found));
  }
  const uses = new Map<string, FigureUse>();
  /** where each figure is mentioned or cited in the prose (not in chart blocks) */
  const textAnchors = new Map<string, NoteRange[]>();
  const use = (report: Report, figure: Figure, how: FigureUse['how'][number], range: NoteRange) => {
    const key = `${report.id}\u0000${figure.id}`;
    const entry = uses.get(key) ?? { reportId: report.id, figureId: figure.id, how: [], ranges: [] };
    if (!entry.how.includes(how)) entry.how.push(how);
    entry.ranges.push(range);
    uses.set(key, entry);
    if (how !== 'declared') {
      const anchors = textAnchors.get(key);
      if (anchors) anchors.push(range);
      else textAnchors.set(key, [range]);
    }
  };

  // keys and amounts outside code (chart blocks included), citations, link destinations and footnote definitions
  const cited = analysis.keys;
  for (const quantity of analysis.figures) {
    if (pace.due()) yield;
    // a bare number ("845" alone) is no figure mention
    if (quantity.unit === 'count' && !quantity.counted) continue;
    for (const { report, figure } of library.figuresWithValue(quantity.value)) {
      if (figure.unit === quantity.unit && sameValue(figure.value, quantity.value))
        use(report, figure, 'mention', { start: quantity.start, end: quantity.end });
    }
  }
  for (const citation of cited) {
    if (pace.due()) yield;
    const target = library.byKey(citation.key);
    if (!target) continue;
    const report = target.report;
    if (pace.due(report.figures.length)) yield;
    if (target.kind === 'footnote') {
      for (const figure of report.figures)
        if (figure.footnotes.includes(target.footnote.n)) use(report, figure, 'citation', citation.group);
    } else if (citation.paragraphs.length) {
      for (const n of citation.paragraphs) {
        for (const figure of report.figures) if (figure.paragraph === `p${n}`) use(report, figure, 'citation', citation.group);
      }
    }
  }

  for (const cite of yield* footnoteCitationSteps(library, analysis)) {
    const report = library.report(cite.reportId);
    if (!report) continue;
    if (pace.due(report.figures.length)) yield;
    for (const figure of report.figures) {
      const cited = cite.paragraphs.length
        ? cite.paragraphs.some(n => figure.paragraph === `p${n}`)
        : cite.note !== undefined && figure.footnotes.includes(cite.note);
      if (cited) for (const range of cite.ranges) use(report, figure, 'citation', range);
    }
  }

  // declared charts take figures from the report a block names, else the first report the note cites
  let citedReport: Report | undefined;
  for (const c of cited) {
    if (pace.due()) yield;
    citedReport = library.byKey(c.key)?.report;
    if (citedReport) break;
  }
  const defaultReport = citedReport ?? library.reports[0];
  const errors: ChartError[] = [];
  const unread = analysis.chartBlocks[MAX_CHART_BLOCKS];
  if (unread)
    errors.push({
      chartId: `note-chart-${MAX_CHART_BLOCKS + 1}`,
      message: `The note has ${analysis.chartBlocks.length.toLocaleString('en-US')} chart blocks: only the first ${MAX_CHART_BLOCKS} are drawn.`,
      range: unread.range,
      line: unread.line,
    });
  const declared: Chart[] = [];
  for (const [i, block] of blocks.entries()) {
    yield;
    const { chart, error } = resolveDeclaredChart(block, i, library, defaultReport);
    if (error) errors.push(error);
    if (chart) {
      declared.push(chart);
      for (const d of chart.data) {
        const found = d.figureId ? library.figure(d.reportId, d.figureId) : undefined;
        if (found) use(found.report, found.figure, 'declared', block.range);
      }
    }
  }

  const figuresUsed = [...uses.values()].sort((a, b) => firstStart(a.ranges) - firstStart(b.ranges));
  const charts: Chart[] = [];
  for (const chart of cachedLibraryCharts(library, curated)) {
    // a figure used only inside a declared block is charted by that block, not by every chart holding it
    const anchors = chart.data.flatMap(d => (d.figureId ? textAnchors.get(`${d.reportId}\u0000${d.figureId}`) : undefined) ?? []);
    if (anchors.length === 0) continue;
    charts.push({ ...chart, anchors: anchors.sort((a, b) => a.start - b.start) });
  }
  charts.push(...declared);
  // ids are unique: a declared chart whose id clashes with a library chart gets a suffix
  const seen = new Set<string>();
  for (const chart of charts) {
    let id = chart.id;
    for (let n = 2; seen.has(id); n++) id = `${chart.id}-${n}`;
    seen.add(id);
    chart.id = id;
  }
  charts.sort((a, b) => firstStart(a.anchors ?? []) - firstStart(b.anchors ?? []));
  // a figure that many reports share (a common "10 percent") must not flood the panel: the charts the note
  // declares always stay, then the earliest used
  let others = 0;
  const kept = charts.filter(c => c.origin === 'declared' || ++others <= MAX_NOTE_CHARTS);
  return { charts: kept, figuresUsed, errors, omitted: charts.length - kept.length };
}

/** At most this many curated and automatic charts for one note (declared charts come on top). */
export const MAX_NOTE_CHARTS = 24;
/** A step of a note's charts: about this many figures looked at. */
const FIGURES_PER_STEP = 256;

/**
 * The chart to highlight for a cursor offset: the one with an anchor (mention, citation, block) nearest the
 * cursor, and the figure there. Undefined when the note uses no chart.
 */
export function nearestChart(noteCharts: NoteCharts, offset: number): { chartId: string; figureId?: string } | undefined {
  let best: { chart: Chart; anchor: NoteRange; distance: number } | undefined;
  for (const chart of noteCharts.charts) {
    for (const anchor of chart.anchors ?? []) {
      const distance = offset < anchor.start ? anchor.start - offset : offset > anchor.end ? offset - anchor.end : 0;
      if (!best || distance < best.distance) best = { chart, anchor, distance };
    }
  }
  if (!best) return undefined;
  // the figure is looked up once, for the nearest anchor (a note may cite one figure thousands of times)
  const { chart, anchor } = best;
  const figure = noteCharts.figuresUsed.find(
    u =>
      u.reportId === chart.reportId &&
      u.ranges.some(r => r.start === anchor.start && r.end === anchor.end) &&
      chart.data.some(d => d.figureId === u.figureId),
  );
  return { chartId: chart.id, figureId: figure?.figureId };
}

/** A Markdown footnote (`[^3]` … `[^3]: …`) whose definition cites a report paragraph or one of its notes. */
export interface FootnoteCitation {
  reportId: string;
  paragraphs: number[];
  /** the report's note the definition repeats */
  note?: number;
  /** the `[^label]` markers in the prose */
  ranges: NoteRange[];
}

/**
 * Citations written in the footnote style: a definition naming a report's title with a `para. N` locator
 * (as Dossier's footnote style writes them), or repeating one of the report's notes.
 */
export function footnoteCitations(noteText: string, library: Library, analysis: NoteAnalysis = analyseNote(noteText)): FootnoteCitation[] {
  return runSteps(footnoteCitationSteps(library, analysis));
}

function* footnoteCitationSteps(library: Library, analysis: NoteAnalysis): Steps<FootnoteCitation[]> {
  const found: FootnoteCitation[] = [];
  const pace = new Pace(FIGURES_PER_STEP);
  const markers = new Map<string, NoteRange[]>();
  for (const ref of analysis.footnoteRefs) {
    if (pace.due()) yield;
    const ranges = markers.get(ref.label);
    if (ranges) ranges.push({ start: ref.start, end: ref.end });
    else markers.set(ref.label, [{ start: ref.start, end: ref.end }]);
  }
  for (const def of analysis.footnoteDefinitions) {
    if (pace.due(library.reports.length)) yield;
    const ranges = markers.get(def.label);
    const text = normalise(def.text);
    if (!text || !ranges) continue;
    for (const report of library.reports) {
      const title = normalise(report.title);
      if (title.length >= 8 && text.includes(title)) {
        const paragraphs = locatorParagraphs(def.text);
        if (paragraphs.length) found.push({ reportId: report.id, paragraphs, ranges });
        break;
      }
      const repeated = noteRepeatedBy(report, def.text);
      if (repeated) {
        found.push({ reportId: report.id, paragraphs: [], note: repeated.n, ranges });
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// per-library caches: a note is re-read on every pause in typing, the library changes rarely

const chartsByLibrary = new WeakMap<Library, { curated: readonly CuratedChartFile[]; charts: Chart[] }>();

function cachedLibraryCharts(library: Library, curated: readonly CuratedChartFile[]): Chart[] {
  const hit = chartsByLibrary.get(library);
  if (hit && hit.curated === curated) return hit.charts;
  const charts = libraryCharts(library, curated);
  chartsByLibrary.set(library, { curated, charts });
  return charts;
}

// ---------------------------------------------------------------------------------------------------------
// helpers

function datum(report: Report, figure: Figure, label?: string): ChartDatum {
  return {
    label: label ?? shorten(figure.subject || figure.text, 36),
    value: figure.value,
    unit: figure.unit,
    text:
      figure.qualifier && !figure.text.toLowerCase().startsWith(figure.qualifier.toLowerCase())
        ? `${figure.qualifier} ${figure.text}`
        : figure.text,
    reportId: report.id,
    figureId: figure.id,
    notes: figure.footnotes,
  };
}

/** Fills in source line and description. */
function finish(chart: Omit<Chart, 'source' | 'description'>, report: Report): Chart {
  const notes = [...new Set(chart.data.flatMap(d => d.notes))].sort((a, b) => a - b);
  const noteText = notes.length === 0 ? '' : notes.length === 1 ? `, note ${notes[0]}` : `, notes ${notes.join(', ')}`;
  const date = report.date ? ` (${dayMonthYear(report.date) ?? report.date})` : '';
  const source = `Source: ${report.title}${date}${noteText}`;
  const kind =
    chart.mark === 'arc' ? 'Donut chart' : chart.mark === 'point' ? 'Dot chart' : chart.mark === 'line' ? 'Line chart' : 'Bar chart';
  const scale = chart.scale === 'log' ? ' on a logarithmic scale' : '';
  const values = chart.data.map(d => `${d.label}: ${d.text}`).join('; ');
  const title = chart.title.replace(/[.\s]+$/, '');
  const about = /^[A-Z][a-z]/.test(title) && !/^[A-Z][a-z]*'/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
  return { ...chart, source, description: `${kind} of ${about}${scale}. ${values}. ${source}.` };
}

/** Log scale when the largest positive value is more than 50 times the smallest (else small bars vanish). */
function defaultScale(data: ChartDatum[]): 'linear' | 'log' {
  const positive = data.map(d => d.value).filter(v => v > 0);
  if (positive.length < 2 || new Set(data.map(d => d.unit)).size > 1) return 'linear';
  let low = Infinity;
  let high = 0;
  for (const v of positive) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return high / low > 50 ? 'log' : 'linear';
}

function dedupeLabels(data: ChartDatum[], figures: Figure[]): void {
  const counts = new Map<string, number>();
  for (const d of data) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);
  data.forEach((d, i) => {
    if ((counts.get(d.label) ?? 0) > 1) d.label = shorten(`${d.label} (${figures[i]?.text ?? d.text})`, 48);
  });
}

function unitWords(unit: string): string {
  const words: Record<string, string> = {
    USD: 'US dollars',
    percent: 'percent',
    count: 'numbers',
    lb: 'pounds',
    oz: 'ounces',
    km2: 'square kilometres',
  };
  return words[unit] ?? unit;
}

function describeCriteria(c: FigureCriteria): string {
  return [c.label, c.value !== undefined ? `${c.value}` : '', c.unit ?? '', c.text ? `"${c.text}"` : ''].filter(Boolean).join(' ');
}

function hasWords(haystack: string, words: string): boolean {
  const text = normalise(haystack);
  return normalise(words)
    .split(' ')
    .filter(Boolean)
    .every(w => text.includes(w));
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : clean.slice(0, max - 1).trimEnd() + '…';
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

function firstStart(ranges: NoteRange[]): number {
  return ranges.reduce((min, r) => Math.min(min, r.start), Number.MAX_SAFE_INTEGER);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
