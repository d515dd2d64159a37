/**
 * `npm run eval:pdfs`: the PDF reader on every PDF at hand, one row each — pages, notes found of the notes
 * the report has, the headings of its table of contents found, figures, tables, date, authors and the time
 * to read it (pdf.js and the layout analysis). The PDFs: the test corpus (test/fixtures/reports), the PDF
 * fixtures (test/fixtures/pdf) and, when present, the shared corpus (../shared/corpus, or PDF_DIRS=a:b).
 * What a report has comes from the eval's gold (eval/gold: the PDF's own gold, else its web capture's) and,
 * for the fixtures, from the HTML they were printed from.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Report } from '../src/core/model';
import { loadGold, type Gold } from './gold';

const ROOT = path.join(__dirname, '..');
const DIRS = (process.env.PDF_DIRS?.split(':') ?? ['test/fixtures/reports', 'test/fixtures/pdf', '../shared/corpus']).map(d =>
  path.resolve(ROOT, d),
);

/** The fixtures printed from test/fixtures/pdf/src/*.html: 10 endnotes under three headings each. */
const FIXTURES: Record<string, { notes: number; headings: string[] }> = {
  'endnotes.pdf': { notes: 10, headings: ['Introduction', 'Where the Copper Comes From', 'Policy Options'] },
  'two-columns.pdf': { notes: 10, headings: ['Introduction', 'Where the Copper Comes From', 'Policy Options'] },
};

interface Row {
  file: string;
  pages: string;
  notes: string;
  headings: string;
  figures: string;
  tables: string;
  date: string;
  authors: string;
  ms: string;
}

async function main(): Promise<void> {
  const pdf = (await import(path.join(ROOT, 'src/lazy/pdf.ts'))) as typeof import('../src/lazy/pdf');
  const golds = loadGold();
  const goldFor = (file: string): Gold | undefined => {
    const id = /^[A-Z]{1,3}\d{4,6}/.exec(file)?.[0];
    if (!id) return undefined;
    return golds.find(g => g.id === `${id}.pdf`) ?? golds.find(g => g.id === id);
  };
  const seen = new Set<string>();
  const files: string[] = [];
  for (const dir of DIRS) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.toLowerCase().endsWith('.pdf') || seen.has(name)) continue;
      seen.add(name);
      files.push(path.join(dir, name));
    }
  }
  const rows: Row[] = [];
  for (const file of files) {
    const name = path.basename(file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    let report: Report;
    let pages: number;
    let ms: number;
    try {
      pages = (await pdf.readPdfContent(bytes)).pages.length;
      // timed after a first read: pdf.js is loaded and compiled once, as the extension keeps it
      const started = performance.now();
      report = (await pdf.readPdf(bytes, name)).report;
      ms = Math.round(performance.now() - started);
    } catch (error) {
      rows.push({
        file: name,
        pages: '',
        notes: '',
        headings: '',
        figures: '',
        tables: '',
        date: '',
        authors: String((error as Error).message),
        ms: '',
      });
      continue;
    }
    const gold = goldFor(name);
    const expected = gold ? { notes: gold.notes, headings: gold.headings } : FIXTURES[name];
    const titles = new Set(report.sections.map(s => s.title));
    rows.push({
      file: name,
      pages: String(pages),
      notes: `${report.footnotes.length}/${expected?.notes ?? '?'}`,
      headings: expected ? `${expected.headings.filter(h => titles.has(h)).length}/${expected.headings.length}` : String(titles.size),
      figures: String(report.figures.length),
      tables: `${report.tables?.length ?? 0}${report.tables?.length ? ` (${report.figures.filter(f => f.table).length} cell figures)` : ''}`,
      date: report.date ?? '–',
      authors: report.authors.join('; ') || '–',
      ms: `${ms} (${(ms / pages).toFixed(0)}/page)`,
    });
  }
  const header: Row = {
    file: 'PDF',
    pages: 'pages',
    notes: 'notes',
    headings: 'TOC headings',
    figures: 'figures',
    tables: 'tables',
    date: 'date',
    authors: 'authors',
    ms: 'parse ms',
  };
  const keys = Object.keys(header) as (keyof Row)[];
  const all = [header, ...rows];
  const widths = keys.map(k => Math.max(...all.map(r => r[k].length)));
  const line = (r: Row) => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log("\nnotes: found/the report has (eval gold, or the fixture's HTML); TOC headings: of the gold's, found as sections");
}

main().catch(err => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
