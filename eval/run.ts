/**
 * `npm run eval`: how right Dossier is on real reports, the accuracy counterpart of `npm run bench`.
 * Reads the gold in eval/gold/*.json (written by reading each report: its metadata, headings, notes and
 * their sources, key figures with what they measure, and fact-check sentence pairs), runs the parser, the
 * library and the fact-check on the reports, prints a table and writes eval/results.json.
 * Rates are reported, not asserted: the exact counts (headings, notes) are tests in test/unit/eval-gold.test.ts.
 *
 * Environment knobs:
 *   EVAL_SRC=/tmp/other/src   measure another checkout's src (e.g. an earlier main); its modules must resolve
 *   EVAL_OUT=/tmp/r.json      write the results elsewhere
 *   EVAL_MIN_SCORE=5          check with another fact-check threshold (the word-overlap score a number needs
 *                             to be about a figure); several ("3,4,5,6") or "sweep" (2 to 8 by 0.5) print the
 *                             fact-check at each, to calibrate it, and write the sweep into the results
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Figure, Report } from '../src/core/model';
import { loadGold, type Gold, type GoldFigure, type GoldSource } from './gold';

type ParseReport = (text: string, options?: { source?: string }) => Report;
interface Finding {
  code: string;
  start: number;
  end: number;
  figure?: { reportId: string; figureId: string; text: string };
  replacement?: string;
}
type ReadPdf = (bytes: Uint8Array, name: string) => Promise<{ report: Report }>;
interface Engine {
  parseReport: ParseReport;
  readPdf: ReadPdf;
  Library: new (reports: Report[]) => { reports: readonly Report[] };
  createNoteChecker: (library: unknown, options?: { minScore?: number }) => { check(text: string): Finding[] };
}

const SRC = process.env.EVAL_SRC ? path.resolve(process.env.EVAL_SRC) : path.join(__dirname, '..', 'src');
const OUT = process.env.EVAL_OUT ?? path.join(__dirname, 'results.json');

async function loadEngine(): Promise<Engine> {
  const parse = (await import(path.join(SRC, 'core/parse/index.ts'))) as { parseReport: ParseReport };
  const library = (await import(path.join(SRC, 'core/library.ts'))) as { Library: Engine['Library'] };
  const check = (await import(path.join(SRC, 'core/check.ts'))) as { createNoteChecker: Engine['createNoteChecker'] };
  // the PDF reader (pdf.js inside), as the extension loads it at the first PDF
  const pdf = (await import(path.join(SRC, 'lazy/pdf.ts'))) as { readPdf: ReadPdf };
  return { parseReport: parse.parseReport, readPdf: pdf.readPdf, Library: library.Library, createNoteChecker: check.createNoteChecker };
}

/** Same number to a relative billionth: 1.7e9 written "$1.7 billion" or "1,700 million". */
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);

const norm = (s: string | undefined) =>
  (s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d"]/g, '')
    .replace(/[\s.,;:]+$/g, '')
    .replace(/^[\s"']+|[\s"']+$/g, '')
    .replace(/\s+/g, ' ');

/** The words a reader would use for a figure are in its subject: each gold word (or an alternative a|b) as a word start. */
function subjectHas(subject: string, words: readonly string[]): boolean {
  const s = subject.toLowerCase();
  return words.every(word =>
    word
      .toLowerCase()
      .split('|')
      .some(w => new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(w)}`).test(s)),
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The extracted figure a gold figure is: same unit and value, and the gold's words of its sentence when several are. */
function findFigure(report: Report, gold: GoldFigure, taken: Set<Figure>): Figure | undefined {
  const candidates = report.figures.filter(f => !taken.has(f) && f.unit === gold.unit && sameNumber(f.value, gold.value));
  if (!gold.near) return candidates[0];
  const near = norm(gold.near);
  return candidates.find(f => norm(f.sentence).includes(near));
}

interface Counter {
  right: number;
  total: number;
}
const counter = (): Counter => ({ right: 0, total: 0 });
const rate = (c: Counter) => (c.total ? Math.round((c.right / c.total) * 1000) / 1000 : null);
const add = (c: Counter, right: boolean) => {
  c.total++;
  if (right) c.right++;
};

interface ReportResult {
  id: string;
  format: 'pdf' | 'text';
  /** ms to read the report (a PDF: pdf.js and the layout analysis) */
  parseMs: number;
  metadata: Record<string, boolean>;
  headings: { expected: number; found: number; exact: boolean };
  notes: { expected: number; found: number };
  sourceFields: Record<string, Counter>;
  sourceMisses: string[];
  figures: {
    gold: number;
    found: number;
    subjectRight: number;
    /** gold figures found with no subject: Dossier was unsure and said nothing rather than something wrong */
    subjectSilent: number;
    /** gold figures that give a page, and of those found, how many on that page */
    paged: number;
    pageRight: number;
    extracted: number;
    precision?: { right: number; total: number };
    misses: string[];
    wrongSubjects: string[];
    junk: string[];
  };
  factCheck: FactCheck;
}

interface FactCheck {
  pairs: number;
  wrongFlagged: number;
  wrongFlaggedRightFigure: number;
  trueFlagged: number;
  wrongFixes: number;
  dependsOnLibrary: number;
  details: string[];
}

const SOURCE_FIELDS = ['authors', 'title', 'container', 'date', 'url'] as const;

/** A gold string may give acceptable alternatives, "a|b" ("|x": absent or x). */
function sameText(got: string | undefined, want: string | undefined): boolean {
  return (want ?? '').split('|').some(w => norm(got) === norm(w));
}

function compareSource(field: (typeof SOURCE_FIELDS)[number], got: Report['footnotes'][number]['source'], want: GoldSource): boolean {
  if (field === 'authors') {
    const authors = got.authors ?? [];
    const wanted = want.authors ?? [];
    return authors.length === wanted.length && wanted.every((w, i) => sameText(authors[i], w));
  }
  return sameText(got[field], want[field]);
}

function evalReport(
  gold: Gold,
  report: Report,
  library: { check(text: string): Finding[] },
  alone: { check(text: string): Finding[] },
  reports: readonly Report[],
): ReportResult {
  const metadata: Record<string, boolean> = {};
  for (const [field, want] of Object.entries(gold.metadata)) {
    const got = (report as unknown as Record<string, unknown>)[field];
    metadata[field] = Array.isArray(want) ? JSON.stringify(got) === JSON.stringify(want) : sameText(String(got ?? ''), String(want));
  }
  const titles = report.sections.map(s => norm(s.title));
  const headingsFound = gold.headings.filter(h => titles.includes(norm(h))).length;
  const sourceFields: Record<string, Counter> = Object.fromEntries(SOURCE_FIELDS.map(f => [f, counter()]));
  const sourceMisses: string[] = [];
  for (const want of gold.sources ?? []) {
    const note = report.footnotes.find(f => f.n === want.n);
    for (const field of SOURCE_FIELDS) {
      if (!(field in want)) continue;
      const right = note ? compareSource(field, note.source, want) : false;
      add(sourceFields[field], right);
      if (!right) sourceMisses.push(`note ${want.n} ${field}: ${JSON.stringify(note?.source[field])} ≠ ${JSON.stringify(want[field])}`);
    }
  }
  const taken = new Set<Figure>();
  const misses: string[] = [];
  const wrongSubjects: string[] = [];
  let subjectRight = 0;
  let subjectSilent = 0;
  let paged = 0;
  let pageRight = 0;
  for (const g of gold.figures) {
    if (g.page !== undefined) paged++;
    const f = findFigure(report, g, taken);
    if (!f) {
      misses.push(`${g.text} (${g.unit}) ${g.subject}`);
      continue;
    }
    taken.add(f);
    if (g.page !== undefined) {
      if (f.page === g.page) pageRight++;
      else wrongSubjects.push(`${g.text}: on page ${f.page ?? '–'}, not ${g.page}`);
    }
    if (!f.subject.trim()) {
      subjectSilent++;
      wrongSubjects.push(`${g.text}: no subject (${g.subject})`);
    } else if (subjectHas(f.subject, g.words)) subjectRight++;
    else wrongSubjects.push(`${g.text}: "${f.subject}" lacks ${g.words.join(', ')} (${g.subject})`);
  }
  let precision: ReportResult['figures']['precision'];
  const junk: string[] = [];
  if (gold.figuresComplete) {
    // every figure of the report is in the gold: an extracted figure that is none of them is junk
    const all = [...gold.figures, ...(gold.otherFigures ?? [])];
    const matched = new Set<Figure>();
    for (const g of all) {
      const f = findFigure(report, g, matched);
      if (f) matched.add(f);
    }
    for (const f of report.figures) if (!matched.has(f)) junk.push(`${f.text} ${f.unit} (${f.subject})`);
    precision = { right: matched.size, total: report.figures.length };
  }
  const factCheck = evalPairs(gold, library, alone, reports);
  return {
    id: gold.id,
    format: gold.path.toLowerCase().endsWith('.pdf') ? 'pdf' : 'text',
    parseMs: 0,
    metadata,
    headings: {
      expected: gold.headings.length,
      found: headingsFound,
      exact: JSON.stringify(titles) === JSON.stringify(gold.headings.map(norm)),
    },
    notes: { expected: gold.notes, found: report.footnotes.length },
    sourceFields,
    sourceMisses,
    figures: {
      gold: gold.figures.length,
      found: gold.figures.length - misses.length,
      subjectRight,
      subjectSilent,
      paged,
      pageRight,
      extracted: report.figures.length,
      precision,
      misses,
      wrongSubjects,
      junk,
    },
    factCheck,
  };
}

/** The figure a finding points at, and its value. */
function findingValue(reports: readonly Report[], finding: Finding): number | undefined {
  const report = reports.find(r => r.id === finding.figure?.reportId);
  return report?.figures.find(f => f.id === finding.figure?.figureId)?.value;
}

/** The number a quick fix writes ("US$845m", "29%", "over 600"), as a value in the written number's scale. */
function writtenNumber(text: string): number | undefined {
  const literal = /\d[\d,]*(?:\.\d+)?/.exec(text);
  return literal ? Number(literal[0].replace(/,/g, '')) : undefined;
}

function evalPairs(
  gold: Gold,
  checker: { check(text: string): Finding[] },
  alone: { check(text: string): Finding[] },
  reports: readonly Report[],
): FactCheck {
  const out: FactCheck = {
    pairs: 0,
    wrongFlagged: 0,
    wrongFlaggedRightFigure: 0,
    trueFlagged: 0,
    wrongFixes: 0,
    dependsOnLibrary: 0,
    details: [],
  };
  const contradictions = (c: { check(text: string): Finding[] }, text: string) =>
    c.check(text).filter(f => f.code === 'contradicts-report');
  for (const pair of gold.pairs) {
    out.pairs++;
    const onTrue = contradictions(checker, pair.true);
    if (onTrue.length) {
      out.trueFlagged++;
      out.details.push(
        `true sentence flagged: "${pair.true}" → ${onTrue.map(f => `"${pair.true.slice(f.start, f.end)}" vs ${f.figure?.text}`).join('; ')}`,
      );
      out.wrongFixes += onTrue.filter(f => f.replacement !== undefined).length;
    }
    const onFalse = contradictions(checker, pair.false);
    const at = pair.false.indexOf(pair.wrong);
    const wrongSpan = onFalse.filter(f => at >= 0 && f.start < at + pair.wrong.length && f.end > at);
    if (wrongSpan.length) out.wrongFlagged++;
    const right = wrongSpan.find(f => {
      const value = findingValue(reports, f);
      return value !== undefined && sameNumber(value, pair.right.value);
    });
    if (right) out.wrongFlaggedRightFigure++;
    else
      out.details.push(
        `wrong number ${wrongSpan.length ? 'flagged against ' + wrongSpan.map(f => f.figure?.text).join(', ') : 'not flagged'}: "${pair.false}" (${pair.wrong} should be ${pair.right.text})`,
      );
    for (const f of onFalse) {
      if (f.replacement === undefined) continue;
      const rightFix =
        f === right && pair.right.text.replace(/[^\d.]/g, '') !== '' && writtenNumber(f.replacement) === writtenNumber(pair.right.text);
      if (!rightFix) {
        out.wrongFixes++;
        out.details.push(`quick fix would write "${f.replacement}" for "${pair.false.slice(f.start, f.end)}" in "${pair.false}"`);
      }
    }
    // the same sentence checked against its own report alone must find the same
    const key = (fs: Finding[]) => fs.map(f => `${f.start}-${f.end}-${f.replacement ?? ''}`).join('|');
    if (key(contradictions(alone, pair.true)) !== key(onTrue) || key(contradictions(alone, pair.false)) !== key(onFalse))
      out.dependsOnLibrary++;
  }
  return out;
}

function pct(right: number, total: number): string {
  return total ? `${((100 * right) / total).toFixed(1)}% (${right}/${total})` : 'n/a';
}

async function main(): Promise<void> {
  const engine = await loadEngine();
  const golds = loadGold();
  const parsed: { report: Report; ms: number }[] = [];
  for (const gold of golds) {
    const started = performance.now();
    const report = gold.path.toLowerCase().endsWith('.pdf')
      ? (await engine.readPdf(new Uint8Array(fs.readFileSync(gold.path)), path.basename(gold.path))).report
      : engine.parseReport(fs.readFileSync(gold.path, 'utf8'), { source: path.basename(gold.path) });
    parsed.push({ report, ms: performance.now() - started });
  }
  // the PDFs are a library of their own: a report beside its own web capture would change what the fact-check finds
  const isPdf = (g: Gold) => g.path.toLowerCase().endsWith('.pdf');
  const web = evalGroup(
    'Web captures and Markdown',
    engine,
    golds.filter(g => !isPdf(g)),
    parsed.filter((_, i) => !isPdf(golds[i]!)),
  );
  const pdfGroup = evalGroup(
    "PDF (pdf.js and the layout analysis; the web capture's gold where the content is the same, with pages)",
    engine,
    golds.filter(isPdf),
    parsed.filter((_, i) => isPdf(golds[i]!)),
  );
  const scores = minScores(process.env.EVAL_MIN_SCORE);
  const sweep =
    scores.length > 1
      ? sweepMinScore(
          engine,
          golds.filter(g => !isPdf(g)),
          parsed.filter((_, i) => !isPdf(golds[i]!)).map(p => p.report),
          scores,
        )
      : undefined;
  fs.writeFileSync(
    OUT,
    JSON.stringify(
      {
        src: path.relative(path.join(__dirname, '..'), SRC) || 'src',
        summary: web.summary,
        pdfSummary: pdfGroup.summary,
        ...(sweep ? { sweep } : {}),
        reports: [...web.results, ...pdfGroup.results],
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwrote ${OUT}`);
}

/** One library of reports scored against their gold: a table of the reports and the group's rates. */
function evalGroup(title: string, engine: Engine, golds: Gold[], parsed: { report: Report; ms: number }[]) {
  console.log(`\n## ${title}\n`);
  const library = new engine.Library(parsed.map(p => p.report));
  const scores = minScores(process.env.EVAL_MIN_SCORE);
  // one threshold asked for: the whole eval at it; several: the sweep, and the rest at the default
  const options = scores.length === 1 ? { minScore: scores[0]! } : undefined;
  const checker = engine.createNoteChecker(library, options);
  const results: ReportResult[] = golds.map((gold, i) => {
    const report = library.reports[i];
    const alone = engine.createNoteChecker(new engine.Library([parsed[i]!.report]), options);
    return { ...evalReport(gold, report, checker, alone, library.reports), parseMs: Math.round(parsed[i]!.ms) };
  });
  const total = {
    figureRecall: counter(),
    figurePrecision: counter(),
    subjectAccuracy: counter(),
    pages: counter(),
    subjectSilence: counter(),
    metadata: counter(),
    headings: counter(),
    notes: counter(),
    sourceFields: Object.fromEntries(SOURCE_FIELDS.map(f => [f, counter()])) as Record<string, Counter>,
    pairs: 0,
    wrongFlagged: 0,
    wrongFlaggedRightFigure: 0,
    trueFlagged: 0,
    wrongFixes: 0,
    dependsOnLibrary: 0,
  };
  const rows: string[][] = [
    [
      'report',
      'metadata',
      'headings',
      'notes',
      'figures found',
      'subjects',
      'silent',
      'precision',
      'source fields',
      'wrong → right fig',
      'true flagged',
      'wrong fixes',
      'pages',
      'parse ms',
    ],
  ];
  for (const r of results) {
    const meta = Object.values(r.metadata);
    total.metadata.total += meta.length;
    total.metadata.right += meta.filter(Boolean).length;
    total.headings.total += r.headings.expected;
    total.headings.right += r.headings.found;
    total.notes.total++;
    if (r.notes.expected === r.notes.found) total.notes.right++;
    total.figureRecall.total += r.figures.gold;
    total.figureRecall.right += r.figures.found;
    total.subjectAccuracy.total += r.figures.gold;
    total.subjectAccuracy.right += r.figures.subjectRight;
    total.pages.total += r.figures.paged;
    total.pages.right += r.figures.pageRight;
    total.subjectSilence.total += r.figures.found;
    total.subjectSilence.right += r.figures.subjectSilent;
    if (r.figures.precision) {
      total.figurePrecision.total += r.figures.precision.total;
      total.figurePrecision.right += r.figures.precision.right;
    }
    let fieldsRight = 0,
      fieldsTotal = 0;
    for (const [field, c] of Object.entries(r.sourceFields)) {
      total.sourceFields[field].total += c.total;
      total.sourceFields[field].right += c.right;
      fieldsRight += c.right;
      fieldsTotal += c.total;
    }
    for (const k of ['pairs', 'wrongFlagged', 'wrongFlaggedRightFigure', 'trueFlagged', 'wrongFixes', 'dependsOnLibrary'] as const)
      total[k] += r.factCheck[k];
    rows.push([
      r.id,
      `${meta.filter(Boolean).length}/${meta.length}`,
      `${r.headings.found}/${r.headings.expected}${r.headings.exact ? '' : '*'}`,
      `${r.notes.found}/${r.notes.expected}`,
      `${r.figures.found}/${r.figures.gold}`,
      `${r.figures.subjectRight}/${r.figures.gold}`,
      `${r.figures.subjectSilent}/${r.figures.found}`,
      r.figures.precision ? `${r.figures.precision.right}/${r.figures.precision.total}` : '–',
      fieldsTotal ? `${fieldsRight}/${fieldsTotal}` : '–',
      `${r.factCheck.wrongFlaggedRightFigure}/${r.factCheck.pairs}`,
      `${r.factCheck.trueFlagged}/${r.factCheck.pairs}`,
      String(r.factCheck.wrongFixes),
      r.figures.paged ? `${r.figures.pageRight}/${r.figures.paged}` : '–',
      String(r.parseMs),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log('(* headings not in the gold order or with extra sections)\n');
  const summary = {
    figureRecall: rate(total.figureRecall),
    figurePrecision: rate(total.figurePrecision),
    subjectAccuracy: rate(total.subjectAccuracy),
    ...(total.pages.total ? { figurePages: rate(total.pages) } : {}),
    /** share of the found gold figures given no subject (unsure, so silent); silent counts as not right in subjectAccuracy */
    subjectSilence: rate(total.subjectSilence),
    /** subject accuracy over the figures that were given a subject: how often a subject shown is right */
    subjectAccuracyWhenGiven: rate({
      right: total.subjectAccuracy.right,
      total: total.subjectSilence.total - total.subjectSilence.right,
    }),
    metadata: rate(total.metadata),
    headings: rate(total.headings),
    notesCountRight: rate(total.notes),
    sourceFields: Object.fromEntries(Object.entries(total.sourceFields).map(([f, c]) => [f, rate(c)])),
    factCheck: {
      pairs: total.pairs,
      wrongFlaggedRightFigure: rate({ right: total.wrongFlaggedRightFigure, total: total.pairs }),
      wrongFlagged: rate({ right: total.wrongFlagged, total: total.pairs }),
      trueFlagged: rate({ right: total.trueFlagged, total: total.pairs }),
      wrongFixes: total.wrongFixes,
      dependsOnLibrary: total.dependsOnLibrary,
    },
  };
  console.log(`figure recall          ${pct(total.figureRecall.right, total.figureRecall.total)}`);
  console.log(
    `figure precision       ${pct(total.figurePrecision.right, total.figurePrecision.total)} (reports whose every figure is in the gold)`,
  );
  console.log(`subject accuracy       ${pct(total.subjectAccuracy.right, total.subjectAccuracy.total)} (gold words in the subject)`);
  console.log(
    `subject silence        ${pct(total.subjectSilence.right, total.subjectSilence.total)} (found figures given no subject); right when given ${pct(total.subjectAccuracy.right, total.subjectSilence.total - total.subjectSilence.right)}`,
  );
  if (total.pages.total) console.log(`figure pages           ${pct(total.pages.right, total.pages.total)} (found on the gold's page)`);
  console.log(`metadata               ${pct(total.metadata.right, total.metadata.total)}`);
  console.log(`headings               ${pct(total.headings.right, total.headings.total)}`);
  for (const [f, c] of Object.entries(total.sourceFields)) console.log(`note source ${f.padEnd(11)}${pct(c.right, c.total)}`);
  console.log(
    `fact-check: wrong number flagged against the right figure ${pct(total.wrongFlaggedRightFigure, total.pairs)}, flagged at all ${pct(total.wrongFlagged, total.pairs)}`,
  );
  console.log(
    `fact-check: true sentences flagged ${pct(total.trueFlagged, total.pairs)}; quick fixes that would write a wrong number ${total.wrongFixes}; pairs whose findings change with the other reports loaded ${total.dependsOnLibrary}`,
  );
  return { results, summary };
}

/** EVAL_MIN_SCORE: one threshold, a list ("3,4.5,6"), "sweep" (2 to 8 by 0.5), or none. */
function minScores(setting: string | undefined): number[] {
  if (!setting?.trim()) return [];
  if (setting.trim() === 'sweep') return Array.from({ length: 13 }, (_, i) => 2 + i / 2);
  const scores = setting.split(',').map(Number);
  if (scores.some(n => !Number.isFinite(n) || n < 0))
    throw new Error(`EVAL_MIN_SCORE: "${setting}" is not a number, a list of numbers or "sweep"`);
  return scores;
}

interface SweepRow {
  minScore: number;
  pairs: number;
  wrongFlaggedRightFigure: number;
  wrongFlagged: number;
  trueFlagged: number;
  wrongFixes: number;
  dependsOnLibrary: number;
}

/** The fact-check on every pair at each threshold: what catching more costs in true sentences flagged. */
function sweepMinScore(engine: Engine, golds: Gold[], parsed: Report[], scores: number[]): SweepRow[] {
  const library = new engine.Library(parsed);
  const rows: SweepRow[] = scores.map(minScore => {
    const checker = engine.createNoteChecker(library, { minScore });
    const row: SweepRow = {
      minScore,
      pairs: 0,
      wrongFlaggedRightFigure: 0,
      wrongFlagged: 0,
      trueFlagged: 0,
      wrongFixes: 0,
      dependsOnLibrary: 0,
    };
    golds.forEach((gold, i) => {
      const alone = engine.createNoteChecker(new engine.Library([parsed[i]!]), { minScore });
      const r = evalPairs(gold, checker, alone, library.reports);
      for (const k of ['pairs', 'wrongFlaggedRightFigure', 'wrongFlagged', 'trueFlagged', 'wrongFixes', 'dependsOnLibrary'] as const)
        row[k] += r[k];
    });
    return row;
  });
  console.log('\nfact-check by minimum score (EVAL_MIN_SCORE):');
  console.log('min score  wrong → right fig  flagged at all  true flagged  wrong fixes  library-dependent');
  for (const r of rows)
    console.log(
      [
        String(r.minScore).padEnd(9),
        pct(r.wrongFlaggedRightFigure, r.pairs).padEnd(17),
        pct(r.wrongFlagged, r.pairs).padEnd(14),
        pct(r.trueFlagged, r.pairs).padEnd(12),
        String(r.wrongFixes).padEnd(11),
        String(r.dependsOnLibrary),
      ].join('  '),
    );
  return rows;
}

main().catch(err => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
