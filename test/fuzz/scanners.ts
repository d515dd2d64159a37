/**
 * Every parser and scanner over untrusted text, as one-argument functions, and the adversarial shapes the
 * fuzz suite feeds them: long runs of one character or token at line starts and ends, deep nesting, many
 * markers, notes and figures. Shared by `npm test` (test/unit/fuzz.test.ts, small budget) and `npm run fuzz`.
 */
import fc from 'fast-check';
import { ReportError } from '../../src/core/errors';
import { parseReport, parseReportWithSpans } from '../../src/core/parse';
import { parseSource } from '../../src/core/sources';
import { findQuantities } from '../../src/core/quantities';
import { excerpt, highlightRanges } from '../../src/core/search';
import { renderReport } from '../../src/core/reader';
import { parseYaml, YamlTooLargeError } from '../../src/core/yaml';
import { findChartBlocks } from '../../src/core/charts';
import { analyseNote } from '../../src/core/note';
import { createNoteChecker, type NoteChecker } from '../../src/core/check';
import { Library } from '../../src/core/library';
import { readFileSync } from 'node:fs';

let checker: NoteChecker | undefined;
/** The fact-check against the bundled report, built at first use. */
function check(text: string): unknown {
  checker ??= createNoteChecker(
    new Library([
      parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'us-pakistan-relations-in-flux.txt' }),
    ]),
  );
  return checker.check(text);
}

export interface Scanner {
  name: string;
  run(text: string): unknown;
}

/** Only ReportError may escape a scanner: it carries the one-line message the user sees. */
export function runGuarded(scanner: Scanner, text: string): void {
  try {
    scanner.run(text);
  } catch (error) {
    if (error instanceof ReportError) return;
    throw error;
  }
}

export const scanners: Scanner[] = [
  { name: 'text report parser', run: text => parseReportWithSpans(text, { format: 'text' }) },
  { name: 'Markdown report parser', run: text => parseReportWithSpans(text, { format: 'markdown' }) },
  { name: 'note source reader', run: text => parseSource(text) },
  { name: 'quantities', run: text => findQuantities(text) },
  {
    name: 'search highlights and excerpt',
    run: text => excerpt(text, highlightRanges(text, new Set(['zebra', 'notes', 'style'])), 120),
  },
  { name: 'reader', run: text => renderReport(parseReport(text, { format: 'markdown' })) },
  { name: 'chart blocks (YAML)', run: text => findChartBlocks(text) },
  { name: 'note analysis', run: text => analyseNote(text) },
  { name: 'fact-check of a note', run: check },
  {
    name: 'YAML',
    run: text => {
      try {
        parseYaml(text);
      } catch (error) {
        // js-yaml's YAMLException is the "invalid YAML" answer callers turn into a message
        if (!(error instanceof YamlTooLargeError) && !(error instanceof Error && error.name === 'YAMLException')) throw error;
      }
    },
  },
];

/** Characters and tokens whose long runs broke a scanner once, or could. */
export const runUnits = [
  ' ',
  '\t',
  '.',
  '>',
  ';',
  ',',
  ':',
  '[',
  ']',
  '@',
  '*',
  '#',
  '`',
  '~',
  '-',
  '_',
  '"',
  '“',
  '‘',
  '(',
  '\\',
  '<',
  '!',
  '\r',
  '\n',
  '\r\n',
  '\u200b',
  '\u00a0',
  '[1]',
  '[^1]',
  '[@k]',
  '[^x]: ',
  '$1 ',
  '1,',
  '600 ',
  'US$8\u200b45 ',
  '<style ',
  'zebra ',
  'http://a.b/',
  'Notes ',
  'by ',
  '&a ',
  '*a ',
  '- ',
  '1. ',
  '| ',
  '[[',
  '](',
  '<sup>1</sup>',
];

/** Line openings and endings a run is put between. */
export const contexts = [
  'Notes',
  '## Notes',
  'By',
  'Published',
  '# T',
  'Photo:',
  '[1] See https://example.com/',
  '[1] A note about things',
  '```dossier-chart\nfigures: ',
  '---\ntitle: "T',
  'Related',
  'Page 3',
  '[^1]: Smith, “Title',
  'It cost $',
  'over 600',
  'The program spent money [1].',
  '',
];

export interface Shape {
  before: string;
  unit: string;
  after: string;
  /** how many lines carry the run */
  lines: number;
}

/** A report-like text holding `size` repetitions of the shape's unit. */
export function render(shape: Shape, size: number): string {
  const per = Math.max(1, Math.floor(size / shape.lines));
  const line = shape.before + shape.unit.repeat(per) + shape.after;
  const body = Array.from({ length: shape.lines }, () => line).join('\n\n');
  return `A Report Title\n\nThe program spent a great deal of money over the years, officials said [1].\n\n${body}\n\n[1] A note, “Title,” Outlet, 2020.\n`;
}

export const shapes: fc.Arbitrary<Shape> = fc.record({
  before: fc.constantFrom(...contexts),
  unit: fc.oneof(
    fc.constantFrom(...runUnits),
    fc.array(fc.constantFrom(...runUnits), { minLength: 2, maxLength: 3 }).map(a => a.join('')),
  ),
  after: fc.oneof(fc.constantFrom('x', '', ' x', ':', '#', ']', '"', '\n---', '\n```', '.'), fc.string({ maxLength: 4 })),
  lines: fc.constantFrom(1, 1, 3, 50),
});

/** Deep nesting: brackets, emphasis, quotes, lists and YAML flow collections. */
export const nestings = ['[', '(', '*', '_', '> ', '  - ', '{a: ', '[[', '<sup>', '“'];

/**
 * Median CPU time of `runs` calls, in ms. CPU time, not wall time: on a machine shared with other jobs the
 * wall clock also counts the time this process waited for a core.
 */
export function medianTime(run: () => void, runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Time on 2n over time on n, with n grown until one run takes long enough to measure (timer noise and
 * JIT warm-up swamp a sub-millisecond run). A linear scanner gives about 2, a quadratic one about 4. n stops
 * growing at maxN: past a few megabytes the collector, not the scanner, sets the pace, and on a busy machine its
 * helper threads' time lands in this process's CPU time; a run still too quick there is repeated until it is
 * long enough instead. The two sizes run in turns and each time is the median of its runs, so a burst of load
 * on a shared machine falls on both.
 */
export function scalingRatio(
  scanner: Scanner,
  input: (n: number) => string,
  start = 2000,
  minMs = 15,
  maxN = 1 << 19,
  runs = 5,
): { n: number; ratio: number; ms: number } {
  let n = start;
  let text = input(n);
  runGuarded(scanner, text); // warm up the JIT before measuring
  // the fastest of three decides the size: a burst of load can only make a run slower, never faster
  const fastest = () => Math.min(...[0, 1, 2].map(() => medianTime(() => runGuarded(scanner, text), 1)));
  let small = fastest();
  while (small < minMs && 2 * n <= maxN) {
    n *= 2;
    text = input(n);
    small = fastest();
  }
  // too quick to time even at maxN: several calls make one measurement (0 when a call is below the timer)
  if (small < 0.01) return { n, ratio: 0, ms: small };
  const repeats = Math.max(1, Math.ceil(minMs / small));
  const double = input(2 * n);
  const timed = (at: string) =>
    medianTime(() => {
      for (let i = 0; i < repeats; i++) runGuarded(scanner, at);
    }, 1);
  const smalls: number[] = [];
  const larges: number[] = [];
  for (let i = 0; i < runs; i++) {
    smalls.push(timed(text));
    larges.push(timed(double));
  }
  const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return { n, ratio: median(larges) / Math.max(median(smalls), 0.5), ms: median(larges) };
}
