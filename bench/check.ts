/**
 * Fact-check time on a 5,000-line Markdown note: headings, prose quoting the library's figures (some with
 * the wrong number), pandoc citations (some unresolvable), footnote references and definitions.
 * Runs the fact-check core (src/core/check.ts), as the diagnostics do on each change of the note.
 */
import { performance } from 'perf_hooks';
import { createNoteChecker } from '../src/core/check';
import type { Library } from '../src/core/library';
import { Rng } from './rng';

export interface CheckMeasure {
  ms: number;
  coldMs: number;
  lines: number;
  findings: number;
}

/** A long analyst's note against the library, the same on every run. */
export function longNote(library: Library, lines = 5000): string {
  const rng = new Rng(5000);
  const figures = library.allFigures();
  const keys = library.reports.flatMap(r => [r.key, ...r.footnotes.map(f => f.key)]);
  const out: string[] = ['# Working notes', ''];
  let footnote = 0;
  while (out.length < lines - 2) {
    const roll = rng.next();
    if (roll < 0.05) out.push('', `## ${rng.pick(['Trade', 'Security', 'Minerals', 'Aid', 'Outlook'])} ${out.length}`, '');
    else if (roll < 0.45 && figures.length) {
      const { figure } = rng.pick(figures);
      // One in five quotes the figure wrong (a digit changed), as drafts do.
      const text = rng.chance(0.2) ? figure.text.replace(/\d/, d => String((Number(d) + 1) % 10)) : figure.text;
      out.push(`The report puts ${figure.subject || 'it'} at ${text} [@${rng.pick(keys)}].`);
    } else if (roll < 0.55) {
      out.push(`See the discussion in [@${rng.chance(0.9) ? rng.pick(keys) : 'nosuchkey2031'}, para. ${rng.int(1, 60)}].`);
    } else if (roll < 0.62) {
      footnote++;
      out.push(`A point worth checking later.[^${footnote}]`);
    } else {
      out.push(
        rng.pick([
          'Context matters here, and the sources disagree on timing.',
          'Follow up with the desk officer.',
          '',
          '> Quote to verify.',
          '- open question',
        ]),
      );
    }
  }
  for (let n = 1; n <= footnote + 3; n++) out.push(`[^${n}]: A note of my own, number ${n}.`);
  return out.slice(0, lines).join('\n') + '\n';
}

export function measureCheck(library: Library): CheckMeasure {
  const note = longNote(library);
  // Cold: building the checker's figure index for the library, then the first check.
  const t0 = performance.now();
  const checker = createNoteChecker(library);
  const findings = checker.check(note);
  const coldMs = performance.now() - t0;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    checker.check(note);
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[1], coldMs, lines: note.split('\n').length - 1, findings: findings.length };
}
