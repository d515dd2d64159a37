/**
 * Work in steps (src/core/steps.ts) run in slices (runInSlices, src/core/steps.ts), as the extension runs the fact-check
 * and the chart preview: the same answer as the one-shot call, and no more work once the note has changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNoteChecker } from '../../src/core/check';
import { chartsForNote, chartsForNoteSteps } from '../../src/core/charts';
import { Library } from '../../src/core/library';
import { analyseNote, analyseNoteSteps } from '../../src/core/note';
import { parseReportWithSpans } from '../../src/core/parse';
import { findQuantities, quantitySteps } from '../../src/core/quantities';
import type { Steps } from '../../src/core/steps';
import { runInSlices } from '../../src/core/steps';

const seed = readFileSync(join(__dirname, '..', '..', 'data', 'reports', 'us-pakistan-relations-in-flux.txt'), 'utf8');
const library = new Library([parseReportWithSpans(seed, { id: 'flux', source: 'flux.txt' })]);
const report = library.reports[0]!;

/** A long draft using the report: its figures right and wrong, citations good and bad, footnotes, code, a chart. */
function draft(paragraphs: number): string {
  const figures = report.figures;
  const out = ['---', 'title: Draft 12 percent', '---', '', '# Working notes', ''];
  for (let i = 0; i < paragraphs; i++) {
    const figure = figures[i % figures.length]!;
    const text = i % 5 === 0 ? figure.text.replace(/\d/, d => String((Number(d) + 1) % 10)) : figure.text;
    out.push(
      `The report puts ${figure.subject || 'it'} at ${text} [@${i % 7 === 0 ? 'nosuchkey' : report.key}, para. ${(i % 40) + 1}].[^${i % 9}] ` +
        `See [the page](https://example.com/${i}) and \`code ${i} percent\`.`,
      '',
    );
    if (i % 50 === 0) out.push('```dossier-chart', `title: Chart ${i}`, `figures: [${figure.id}]`, '```', '');
  }
  for (let n = 0; n < 12; n++) out.push(`[^${n}]: A note of my own, number ${n}.`);
  return out.join('\n') + '\n';
}

/** Runs steps in slices of one step each (the finest cut there is), counting the slices. */
async function finely<T>(steps: Steps<T>): Promise<{ value: T | undefined; slices: number }> {
  let slices = 0;
  const value = await runInSlices(steps, () => (slices++, false), 0);
  return { value, slices };
}

const note = draft(600);

test('the fact-check in slices finds exactly what the one-shot check finds', async () => {
  const checker = createNoteChecker(library);
  const once = checker.check(note);
  const sliced = await finely(checker.steps(note));
  assert.ok(once.some(f => f.code === 'contradicts-report') && once.some(f => f.code === 'unknown-citation'));
  assert.deepEqual(sliced.value, once);
  assert.ok(sliced.slices > 600, `${sliced.slices} slices: each amount is a step of its own`);
});

test('the note analysis and the charts in slices are those of the one-shot calls', async () => {
  const once = analyseNote(note);
  const sliced = (await finely(analyseNoteSteps(note))).value!;
  for (const field of ['code', 'links', 'linkTexts', 'keys', 'footnoteRefs', 'footnoteDefinitions', 'chartBlocks', 'notClaims'] as const)
    assert.deepEqual(sliced[field], once[field], field);
  assert.deepEqual(sliced.figures, once.figures);
  assert.equal(once.keys.length, 600);
  const charts = chartsForNote(note, library, []);
  assert.deepEqual((await finely(chartsForNoteSteps(note, library, [], sliced))).value, charts);
  assert.equal(charts.charts.filter(c => c.origin === 'declared').length, 12);
});

test('two notes read in turns, step by step, give what each gives alone (shared patterns keep their place)', () => {
  const other = 'Exports rose 12 percent to US$3.5 billion in 2024, and 40 percent of 1,200 firms said so. '.repeat(400);
  const a = quantitySteps(note);
  const b = quantitySteps(other);
  let ra: IteratorResult<void, ReturnType<typeof findQuantities>> | undefined;
  let rb: typeof ra;
  while (!ra?.done || !rb?.done) {
    if (!ra?.done) ra = a.next();
    if (!rb?.done) rb = b.next();
  }
  assert.deepEqual(ra.value, findQuantities(note));
  assert.deepEqual(rb.value, findQuantities(other));
  assert.equal(rb.value.length, 1600);
});

test('a check given up when the note changes stops at its next slice', async () => {
  const checker = createNoteChecker(library);
  let taken = 0;
  const steps = checker.steps(note);
  const counted: Steps<ReturnType<typeof checker.check>> = (function* () {
    for (let next = steps.next(); ; next = steps.next()) {
      if (next.done) return next.value;
      taken++;
      yield;
    }
  })();
  let changed = false;
  const result = runInSlices(counted, () => changed, 0);
  // the note changes after the first slice
  changed = true;
  assert.equal(await result, undefined);
  assert.equal(taken, 1);
  assert.equal(steps.next().done, false, 'the check itself was left where it stood');
  assert.equal(counted.next().done, true, 'the sliced run was closed');
});
