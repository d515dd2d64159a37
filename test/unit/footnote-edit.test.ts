import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, applyFootnoteCitation } from '../../src/core/footnotes';
import { analyseNote } from '../../src/core/note';

/** Applies a footnote citation at the `|` in `marked` and returns the new text. */
function cite(marked: string, text: string, key?: string): { out: string; label: string; reused: boolean } {
  const cursor = marked.indexOf('|');
  const note = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const result = applyFootnoteCitation(note, cursor, { text, key });
  return { out: applyEdits(note, result.edits), label: result.label, reused: result.reused };
}

test('first footnote in a note without notes: marker at the cursor, definition after a blank line', () => {
  const { out, label } = cite('The U.S. suspended aid.| More text.\n', 'Profit, February 4, 2025.');
  assert.equal(label, '1');
  assert.equal(out, 'The U.S. suspended aid.[^1] More text.\n\n[^1]: Profit, February 4, 2025.\n');
});

test('a file without a final newline gets one blank line before the definition', () => {
  const { out } = cite('Aid was cut|', 'Profit.');
  assert.equal(out, 'Aid was cut[^1]\n\n[^1]: Profit.\n');
});

test('an empty file', () => {
  const { out } = cite('|', 'Profit.');
  assert.equal(out, '[^1]\n\n[^1]: Profit.\n');
});

test('a new note after existing ones continues the numbering and joins the block of definitions', () => {
  const note = 'One.[^1] Two.|\n\n[^1]: First.\n';
  const { out, label } = cite(note, 'Second.');
  assert.equal(label, '2');
  assert.equal(out, 'One.[^1] Two.[^2]\n\n[^1]: First.\n[^2]: Second.\n');
});

test('a new note before existing ones takes their number and shifts them (digits only)', () => {
  const note = 'Zero.| One.[^1] Two.[^2]\n\n[^1]: First.\n[^2]: Second.\n';
  const { out, label } = cite(note, 'New.');
  assert.equal(label, '1');
  assert.equal(out, 'Zero.[^1] One.[^2] Two.[^3]\n\n[^1]: New.\n[^2]: First.\n[^3]: Second.\n');
});

test('a new note between two existing ones', () => {
  const note = 'One.[^1] Mid.| Two.[^2]\n\n[^1]: First.\n[^2]: Second.\n';
  const { out } = cite(note, 'Middle.');
  assert.equal(out, 'One.[^1] Mid.[^2] Two.[^3]\n\n[^1]: First.\n[^2]: Middle.\n[^3]: Second.\n');
});

test('the same note again reuses its definition (same text, whitespace and case aside)', () => {
  const note = 'One.[^1] Again.|\n\n[^1]: Madiha Afzal,  “The New” Lawfare.\n';
  const { out, label, reused } = cite(note, 'Madiha Afzal, “The New” Lawfare.');
  assert.equal(label, '1');
  assert.equal(reused, true);
  assert.equal(out, 'One.[^1] Again.[^1]\n\n[^1]: Madiha Afzal,  “The New” Lawfare.\n');
});

test('a definition labelled with the source key is reused by key', () => {
  const note = 'One.[^afzal2025] Again.|\n\n[^afzal2025]: Afzal.\n';
  const { out, label } = cite(note, 'Different text', 'afzal2025');
  assert.equal(label, 'afzal2025');
  assert.equal(out, 'One.[^afzal2025] Again.[^afzal2025]\n\n[^afzal2025]: Afzal.\n');
});

test('reusing a note whose first use comes later moves it up in the numbering', () => {
  const note = 'Start.| One.[^1] Two.[^2]\n\n[^1]: First.\n[^2]: Second.\n';
  const { out, label } = cite(note, 'Second.');
  assert.equal(label, '1');
  assert.equal(out, 'Start.[^1] One.[^2] Two.[^1]\n\n[^2]: First.\n[^1]: Second.\n');
});

test('reusing a note already used before the cursor just adds a marker', () => {
  const note = 'One.[^1] Two.[^2] Again.|\n\n[^1]: First.\n[^2]: Second.\n';
  const { out } = cite(note, 'First.');
  assert.equal(out, 'One.[^1] Two.[^2] Again.[^1]\n\n[^1]: First.\n[^2]: Second.\n');
});

test('a defined but unreferenced note keeps its number when it fits the order', () => {
  const note = 'One.[^1] Two.|\n\n[^1]: First.\n[^2]: Orphan.\n';
  const { out } = cite(note, 'Orphan.');
  assert.equal(out, 'One.[^1] Two.[^2]\n\n[^1]: First.\n[^2]: Orphan.\n');
});

test('named labels are left alone while numbering', () => {
  const note = 'A.[^note] B.| C.[^1]\n\n[^note]: Named.\n[^1]: First.\n';
  const { out } = cite(note, 'New.');
  assert.equal(out, 'A.[^note] B.[^1] C.[^2]\n\n[^note]: Named.\n[^1]: New.\n[^2]: First.\n');
});

test('markers inside code are neither counted nor renumbered', () => {
  const note = 'See `[^1]` and\n\n```\n[^1]: not a note\n```\n\nText.|\n';
  const { out, label } = cite(note, 'Real.');
  assert.equal(label, '1');
  assert.equal(out, 'See `[^1]` and\n\n```\n[^1]: not a note\n```\n\nText.[^1]\n\n[^1]: Real.\n');
});

test('CRLF files get CRLF definitions', () => {
  const { out } = cite('Text.|\r\n', 'Note.');
  assert.equal(out, 'Text.[^1]\r\n\r\n[^1]: Note.\r\n');
});

test('definitions in the middle of the file: the new one goes to the end', () => {
  const note = 'A.[^1]\n\n[^1]: First.\n\nMore prose.|\n';
  const { out } = cite(note, 'Second.');
  assert.equal(out, 'A.[^1]\n\n[^1]: First.\n\nMore prose.[^2]\n\n[^2]: Second.\n');
});

test('multi-line note text is written on one line', () => {
  const { out } = cite('X|\n', 'Line one\nline two.');
  assert.equal(out, 'X[^1]\n\n[^1]: Line one line two.\n');
});

test('the note analysis finds markers and definitions, not definitions as markers', () => {
  const scan = analyseNote('A[^1] b[^x].\n\n[^1]: One [^x] inside.\n[^x]: Ex.\n');
  assert.deepEqual(
    scan.footnoteRefs.map(r => r.label),
    ['1', 'x', 'x'],
  );
  assert.deepEqual(
    scan.footnoteDefinitions.map(d => [d.label, d.text]),
    [
      ['1', 'One [^x] inside.'],
      ['x', 'Ex.'],
    ],
  );
});

test('property: citing never deletes user text — removing inserted markers/definitions and undoing renumbering gives the original back', () => {
  const word = fc.constantFrom('Aid', 'tariff', 'rose.', '[^1]', '[^2]', '[^3]', '\n', '\n\n', ' ', 'text');
  fc.assert(
    fc.property(fc.array(word, { maxLength: 25 }), fc.nat(), fc.constantFrom('New note.', 'First.'), (parts, pos, noteText) => {
      const body = parts.join(' ');
      const defs = '\n\n[^1]: First.\n[^2]: Second.\n[^3]: Third.\n';
      const text = body + defs;
      const cursor = pos % (body.length + 1);
      const { edits } = applyFootnoteCitation(text, cursor, { text: noteText });
      // Edits only insert, or replace digits of a label with digits.
      for (const e of edits) {
        if (e.end > e.start) {
          assert.match(text.slice(e.start, e.end), /^\d+$/);
          assert.match(e.newText, /^\d+$/);
        }
      }
      const out = applyEdits(text, edits);
      const strip = (t: string) => t.replace(/\[\^\d+\]/g, '[^n]');
      // Everything the user wrote is still there, in the same order.
      const original = strip(text).split('');
      let i = 0;
      for (const ch of strip(out)) if (ch === original[i]) i++;
      assert.equal(i, original.length);
      // Numbering stays in order of first use when it was in order before.
      const order = (t: string) => {
        const firstUse: number[] = [];
        for (const r of analyseNote(t).footnoteRefs) if (!firstUse.includes(Number(r.label))) firstUse.push(Number(r.label));
        return firstUse;
      };
      const sorted = (xs: number[]) => xs.every((x, k) => k === 0 || xs[k - 1] < x);
      // Markers in an indented code block (a body starting with four spaces) are not references, and an
      // insertion at its start ends the block; the numbering rule speaks of references only.
      const markers = (body.match(/\[\^\d+\]/g) ?? []).length;
      const seenAsReferences = analyseNote(text).footnoteRefs.length === markers;
      if (seenAsReferences && sorted(order(text)))
        assert.ok(sorted(order(out)), `${JSON.stringify(text)} @${cursor} → ${JSON.stringify(out)}`);
    }),
    { numRuns: 300 },
  );
});
