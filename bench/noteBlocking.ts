/**
 * The longest time a 2 MB hostile note holds the extension host: the note's analysis, fact-check and charts
 * as one call each (how they ran before) against the same work in ~20 ms slices (runInSlices in src/core/steps.ts, as
 * the fact-check diagnostics and the chart preview run it now). A tick on every turn of the event loop: the
 * longest gap between two ticks is the longest stall. Reported, not asserted (`npm run bench`, or alone:
 * `node --import tsx bench/noteBlocking.ts`).
 */
import * as fs from 'fs';
import { createNoteChecker } from '../src/core/check';
import { chartsForNote, chartsForNoteSteps } from '../src/core/charts';
import { Library } from '../src/core/library';
import { analyseNote, analyseNoteSteps, MAX_NOTE_LENGTH } from '../src/core/note';
import { parseReportWithSpans } from '../src/core/parse';
import { runInSlices } from '../src/core/steps';
import { SEED_PATH } from './generate';
import { longestStall } from './stalls';

export interface NoteBlocking {
  shape: string;
  /** the three calls one after another, in one turn of the event loop (wall clock, processor time) */
  oneShotMs: number;
  oneShotCpuMs: number;
  /** the longest stall while the same work runs in slices (wall clock, processor time), and the whole of it */
  longestSliceMs: number;
  longestSliceCpuMs: number;
  /** the longest stall less the collector's pauses inside it */
  longestSliceWithoutGcMs: number;
  slicedMs: number;
}

/** Hostile notes of 2 MB: a long draft quoting the library's figures (some wrong), markers and citations, an open "[" and "@"s. */
export function hostileNotes(library: Library): Record<string, string> {
  const report = library.reports[0]!;
  const figures = report.figures;
  const fill = (unit: (i: number) => string) => {
    const parts: string[] = ['# Notes\n\n'];
    let length = 9;
    for (let i = 0; length < MAX_NOTE_LENGTH; i++) {
      const part = unit(i);
      parts.push(part);
      length += part.length;
    }
    return parts.join('').slice(0, MAX_NOTE_LENGTH);
  };
  return {
    'draft quoting figures': fill(i => {
      const f = figures[i % figures.length]!;
      const text = i % 5 === 0 ? f.text.replace(/\d/, d => String((Number(d) + 1) % 10)) : f.text;
      return `The report puts ${f.subject || 'it'} at ${text} [@${i % 7 ? report.key : 'nosuchkey'}, para. ${(i % 40) + 1}].[^${i}]\n\n`;
    }),
    'markers and citations': fill(() => '[^x] [@key] '),
    'open bracket and @': '# n\n\n[' + '@'.repeat(MAX_NOTE_LENGTH - 6),
  };
}

export async function measureNoteBlocking(library: Library): Promise<NoteBlocking[]> {
  const out: NoteBlocking[] = [];
  const checker = createNoteChecker(library);
  for (const [shape, note] of Object.entries(hostileNotes(library))) {
    // warm both paths once, so neither pays for compilation
    chartsForNote(note, library, [], analyseNote(note));
    const oneShot = await longestStall(async () => {
      const analysis = analyseNote(note);
      checker.check(note, analysis);
      chartsForNote(note, library, [], analysis);
    });
    const sliced = await longestStall(async () => {
      const analysis = await runInSlices(analyseNoteSteps(note));
      await runInSlices(checker.steps(note, analysis));
      await runInSlices(chartsForNoteSteps(note, library, [], analysis));
    });
    out.push({
      shape,
      oneShotMs: oneShot.longestMs,
      oneShotCpuMs: oneShot.longestCpuMs,
      longestSliceMs: sliced.longestMs,
      longestSliceCpuMs: sliced.longestCpuMs,
      longestSliceWithoutGcMs: sliced.longestWithoutGcMs,
      slicedMs: sliced.ms,
    });
  }
  return out;
}

export function describeNoteBlocking(measures: NoteBlocking[]): string[] {
  return measures.map(
    m =>
      `2 MB note (${m.shape}): analysis + fact-check + charts in one go hold the host ${Math.round(m.oneShotMs)} ms (${Math.round(m.oneShotCpuMs)} ms CPU); ` +
      `in slices the longest stall is ${Math.round(m.longestSliceMs)} ms (${Math.round(m.longestSliceCpuMs)} ms CPU; ${Math.round(m.longestSliceWithoutGcMs)} ms less the collector's pauses), ${Math.round(m.slicedMs)} ms in all`,
  );
}

if (require.main === module) {
  const seed = fs.readFileSync(SEED_PATH, 'utf8');
  const library = new Library([parseReportWithSpans(seed, { id: 'seed', source: 'seed.txt' })]);
  void measureNoteBlocking(library).then(m => describeNoteBlocking(m).forEach(line => console.log(line)));
}
