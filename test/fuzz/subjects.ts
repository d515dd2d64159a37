/**
 * What `npm run fuzz` runs: every parser and reader of untrusted input, each with its generated cases, the
 * errors that are its documented answer to input it cannot read, and (for most) the inputs of its scaling
 * check. The text scanners come from ./scanners (shared with `npm test`'s small budget).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ReportError } from '../../src/core/errors';
import { parseReport } from '../../src/core/parse';
import { parsePdfContent } from '../../src/core/parse/pdf';
import { extractFigures } from '../../src/core/figures';
import { Library } from '../../src/core/library';
import { createSearchIndex } from '../../src/core/search';
import { bibliographyItems, toCslJson, toRis } from '../../src/core/cite';
import { cslStyleClass, cslStyleProblem } from '../../src/core/cslStyle';
import { createCslEngine, CslStyleError, type CslEngine } from '../../src/lazy/cslEngine';
import { DEFAULT_READ_SECONDS, workerReaders } from '../../src/lazy/loadPdf';
import { readHtml } from '../../src/lazy/webReaders';
import { pdfPages } from './pdfPages';
import { render, scalingRatio, scanners, shapes, type Shape } from './scanners';
import { asyncScalingRatio } from './asyncReads';
import { damaged, pdfDamage, type Damage } from './damagedPdf';

/** One generated input of a shape-based subject: the shape and how many repetitions of its unit. */
export interface ShapeCase {
  shape: Shape;
  size: number;
}

/** A scaling measurement: time on the larger size over time on the smaller, and the limit it must stay under. */
export interface Scaling {
  n: number;
  ratio: number;
  limit: number;
}

export interface Subject {
  name: string;
  /** the generated cases */
  cases: fc.Arbitrary<unknown>;
  /** reads one case (synchronously or not) */
  run(input: unknown): unknown;
  /** whether an error is the subject's documented answer to input it refuses (default: a ReportError) */
  refuses?(error: unknown): boolean;
  /** processor time (ms) over which one case is a failure: linear work on these sizes takes a fraction of it */
  slowMs: number;
  /** tens of milliseconds a case whatever its size (a whole engine per read): these share the processes of their own */
  heavy?: boolean;
  /** the scaling of the subject on a generated shape's input; none for inputs without a size (damaged files) */
  scale?(shape: Shape): Scaling | Promise<Scaling>;
  /** known hostile inputs whose scaling is checked too */
  hostile?: { label: string; scale(): Scaling | Promise<Scaling> }[];
}

/**
 * Sizes from 1 to `max`, as many of each order of magnitude (log-uniform): most failures show at small
 * sizes, and 10,000 cases of mostly large inputs would take hours on a shared machine. Large sizes are the
 * scaling check's job, which doubles them until time is measurable.
 */
const sizes = (max: number) => fc.integer({ min: 0, max: 1000 }).map(k => Math.max(1, Math.round(max ** (k / 1000))));
const shapeCases = (maxSize: number): fc.Arbitrary<ShapeCase> => fc.record({ shape: shapes, size: sizes(maxSize) });
const text = (input: unknown) => {
  const { shape, size } = input as ShapeCase;
  return render(shape, size);
};
/** A subject reading the text of a shape; its scaling is time(2n)/time(n) < 3, as in `npm test` (./scanners). */
const shapeSubject = (name: string, read: (text: string) => unknown, more: Partial<Subject> = {}): Subject => {
  const guarded = (body: string) => {
    try {
      read(body);
    } catch (error) {
      if (!more.refuses?.(error)) throw error;
    }
  };
  return {
    name,
    cases: shapeCases(4000),
    run: input => read(text(input)),
    slowMs: 1000,
    scale: shape => ({ ...scalingRatio({ name, run: guarded }, n => render(shape, n)), limit: 3 }),
    ...more,
  };
};

/** Time(4n)/time(n) < 8 of an asynchronous reader (test/fuzz/asyncReads.ts). */
const asyncScaling = async (read: (n: number) => Promise<unknown>, from: number, maxN: number): Promise<Scaling> => ({
  ...(await asyncScalingRatio(read, from, maxN)),
  limit: 8,
});

/** A page holding the text's paragraphs, as markup: hostile tags are part of the shapes. */
export const htmlPage = (body: string) =>
  `<!doctype html><html><head><title>T</title></head><body><article><h1>A Report Title</h1>${body
    .split('\n\n')
    .map(p => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

let cslEngine: CslEngine | undefined;
/** A .csl file an analyst chose: checked first, then registered with the engine (which formats a probe citation). */
function readCslStyle(xml: string): void {
  cslStyleClass(xml);
  if (cslStyleProblem(xml)) return;
  cslEngine ??= createCslEngine({});
  cslEngine.addStyle('fuzz', xml);
}
const cslStyle = (title: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info><title>${title}</title></info><citation><layout><text variable="title"/></layout></citation></style>\n`;

let bibtexEngine: CslEngine | undefined;
/** The bibliography of a report read from the text, in the three export formats. */
function exportBibliography(body: string): void {
  const items = bibliographyItems(new Library([parseReport(body, { format: 'text', source: 'f.txt' })]));
  toCslJson(items);
  toRis(items);
  bibtexEngine ??= createCslEngine({});
  bibtexEngine.bibtex(items);
}

/** A search of a report read from the text, for a query made of the shape's unit. */
function searchReport(input: ShapeCase | { shape: Shape; body: string }): void {
  const { shape } = input;
  const body = 'body' in input ? input.body : render(shape, input.size);
  const index = createSearchIndex(new Library([parseReport(body, { format: 'text', source: 'f.txt' })]));
  index.search(shape.unit.repeat(Math.min('size' in input ? input.size : 200, 200)));
  index.search(`zebra ${shape.unit} notes`);
}

/** The extension's and the CLI's PDF reader: pdf.js in a worker thread, stopped at the default time limit. */
const pdfReports = workerReaders().pdf;
const pdfFile = new Uint8Array(readFileSync('test/fixtures/pdf/endnotes.pdf'));
const damage = pdfDamage(pdfFile);

export const subjects: Subject[] = [
  ...scanners.map(scanner => shapeSubject(scanner.name, scanner.run)),
  shapeSubject('key figures', body => extractFigures([{ id: 'p1', text: body, markers: [] }])),
  shapeSubject('PDF layout analysis', body => parsePdfContent(pdfPages(body), { source: 'f.pdf' })),
  {
    name: 'web page (HTML) reader',
    heavy: true,
    cases: shapeCases(2000),
    run: input => readHtml(htmlPage(text(input)), 'f.html'),
    slowMs: 3000,
    scale: shape => asyncScaling(n => readHtml(htmlPage(render(shape, n)), 'f.html'), 250, 16000),
    hostile: [
      {
        label: 'thousands of note references and notes',
        scale: () =>
          asyncScaling(
            n =>
              readHtml(
                htmlPage(
                  Array.from({ length: n }, (_, i) => `Claim ${i}.<sup><a href="#fn${i}">${i}</a></sup>`).join('\n\n') +
                    `<ol>${Array.from({ length: n }, (_, i) => `<li id="fn${i}">Source ${i}, “Title,” 2024.</li>`).join('')}</ol>`,
                ),
                'notes.html',
              ),
            250,
            4000,
          ),
      },
      {
        label: 'an attribute and a text run 100,000 characters long',
        scale: () =>
          asyncScaling(
            n => readHtml(htmlPage(`<span title="${'a'.repeat(n)}">${'zebra '.repeat(n / 6)}</span>`), 'long.html'),
            4000,
            256000,
          ),
      },
    ],
  },
  {
    name: 'damaged PDF files (pdf.js)',
    heavy: true,
    cases: damage,
    run: input => pdfReports.read(damaged(pdfFile, input as Damage), 'damaged.pdf'),
    // the reader stops a file at the limit (processor time of its thread, counted here too) with a
    // ReportError; past it and the worker's start, the limit did not work
    slowMs: (DEFAULT_READ_SECONDS + 5) * 1000,
  },
  shapeSubject('CSL style', body => readCslStyle(cslStyle(body)), {
    refuses: error => error instanceof CslStyleError,
    slowMs: 3000,
  }),
  shapeSubject('bibliography export (CSL-JSON, RIS, BibTeX)', exportBibliography, { slowMs: 3000 }),
  {
    ...shapeSubject('search of a report', () => undefined),
    run: input => searchReport(input as ShapeCase),
    scale: shape => ({
      ...scalingRatio({ name: 'search of a report', run: body => searchReport({ shape, body }) }, n => render(shape, n)),
      limit: 3,
    }),
  },
];

/** Whether an error a subject threw is its documented answer (a ReportError unless it says otherwise). */
export function refused(subject: Subject, error: unknown): boolean {
  return error instanceof ReportError || (subject.refuses?.(error) ?? false);
}
