/**
 * Hover lookup latency: the figure under the cursor in a line of a Markdown note, matched to the library's
 * figures. Uses the hover's own pure lookup when the BROWSE feature exposes one; until then the path the
 * hover must take anyway: findQuantities on the line, then figures with that value and unit from an index
 * built once per library (never a scan of every figure per hover).
 */
import { performance } from 'perf_hooks';
import type { Library } from '../src/core/library';
import type { Figure, Report } from '../src/core/model';
import { findQuantities } from '../src/core/quantities';
import { Rng } from './rng';
import { percentile } from './stats';

export interface HoverMeasure {
  p50: number;
  p95: number;
  lookups: number;
  how: string;
  notes: string[];
}

/** Lines of a note as an analyst writes them, each with the cursor on a figure. */
function hoverCases(library: Library, count: number): { line: string; offset: number }[] {
  const figures = library.allFigures();
  const rng = new Rng(4242);
  const cases: { line: string; offset: number }[] = [];
  for (let i = 0; i < count && figures.length; i++) {
    const { figure } = rng.pick(figures);
    const prefix = rng.pick(['As the report notes, ', 'Draft: ', '- ', 'Compare this with ', '']);
    const line = `${prefix}${figure.sentence}`;
    const at = figure.sentence.indexOf(figure.text);
    cases.push({ line, offset: prefix.length + Math.max(0, at) + Math.floor(figure.text.length / 2) });
  }
  return cases;
}

/** The fallback lookup: the quantity under the cursor, then figures with the same value and unit. */
function fallbackLookup(library: Library): (line: string, offset: number) => { report: Report; figure: Figure }[] {
  const byValue = new Map<string, { report: Report; figure: Figure }[]>();
  for (const entry of library.allFigures()) {
    const key = `${entry.figure.unit}:${entry.figure.value}`;
    const list = byValue.get(key);
    if (list) list.push(entry);
    else byValue.set(key, [entry]);
  }
  return (line, offset) => {
    const q = findQuantities(line).find(q => q.start <= offset && offset <= q.end);
    return q ? byValue.get(`${q.unit}:${q.value}`) ?? [] : [];
  };
}

export function measureHover(library: Library): HoverMeasure {
  const notes: string[] = [];
  const lookup = fallbackLookup(library);
  const how = 'findQuantities on the line + figures by value/unit index (fallback: no pure hover lookup exported yet)';
  const cases = hoverCases(library, 3000);
  if (cases.length === 0) throw new Error('the library has no figures (extractFigures not landed?)');
  for (const c of cases.slice(0, 200)) lookup(c.line, c.offset);
  const times: number[] = [];
  let matched = 0;
  for (const c of cases) {
    const t0 = performance.now();
    const found = lookup(c.line, c.offset);
    times.push(performance.now() - t0);
    if (found.length) matched++;
  }
  if (matched < cases.length * 0.9) notes.push(`hover: only ${matched} of ${cases.length} hovers found their figure`);
  return { p50: percentile(times, 50), p95: percentile(times, 95), lookups: cases.length, how, notes };
}
