/** Hostile and odd input read right: line endings, markers inside figures, thousands of notes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseReport } from '../../src/core/parse';
import { renderReport } from '../../src/core/reader';
import { parseSource, resolveReferences } from '../../src/core/sources';
import type { Source } from '../../src/core/model';

const body = 'The program spent a great deal of money over the years, officials said [1].';
const crReport = `A Report Title\r\r${body}\r\rSecond Heading\r\rAnother paragraph here with several words in it for sure [2].\r\r[1] A note.\r[2] Another note.\r`;

test('CR-only line endings: paragraphs, headings and notes as with LF', () => {
  const lf = parseReport(crReport.replace(/\r/g, '\n'));
  const cr = parseReport(crReport);
  assert.deepEqual(cr.sections.map(s => [s.title, s.paragraphs.map(p => p.footnotes)]), [['Introduction', [[1]]], ['Second Heading', [[2]]]]);
  assert.deepEqual(cr.footnotes.map(f => f.text), ['A note.', 'Another note.']);
  assert.deepEqual(cr.sections, lf.sections);
});

test('mixed line endings (CRLF, CR, LF) split lines the same way', () => {
  const mixed = `A Report Title\r\n\r${body}\n\r\nSecond Heading\r\rAnother paragraph here with several words in it for sure [2].\r\n\n[1] A note.\r[2] Another note.\n`;
  assert.deepEqual(parseReport(mixed).sections, parseReport(crReport).sections);
});

test('a marker inside a figure ("over 600[1] attacks") is inside its reader highlight', () => {
  const report = parseReport('# T\n\nMilitants carried out over 600[^1] attacks in the province last year.\n\n[^1]: A note.\n');
  const { text, spans } = renderReport(report);
  const figure = spans.find(s => s.kind === 'figure')!;
  assert.equal(report.figures[0]!.text, '600 attacks');
  assert.equal(text.slice(figure.start, figure.end), '600[1] attacks');
});

test('a note source ending in a long run of punctuation keeps its URL and title', () => {
  assert.deepEqual(parseSource(`Jane Doe, “A Title,” Outlet, 2020, https://example.com/a${'.'.repeat(5000)}`), {
    authors: ['Jane Doe'], title: 'A Title', container: 'Outlet', date: '2020', url: 'https://example.com/a',
  });
  assert.equal(parseSource(`<https://example.com/b>>>>`).url, 'https://example.com/b');
});

/** The rule short forms follow, spelled out: the nearest earlier unresolved note whose title equals, extends or begins it. */
function plainRule(notes: { n: number; text: string; source: Source }[]): Map<number, number> {
  const norm = (t: string) => t.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const refers = new Map<number, number>();
  notes.forEach((note, index) => {
    if (/^(?:ibid|id)\b\.?/i.test(note.text.trim())) {
      if (index > 0) refers.set(note.n, refers.get(notes[index - 1]!.n) ?? notes[index - 1]!.n);
      return;
    }
    const s = note.source;
    if (s.url || s.date || !s.title) return;
    const title = norm(s.title);
    if (title.length < 6) return;
    for (let i = index - 1; i >= 0; i--) {
      const earlier = notes[i]!.source.title;
      if (!earlier || refers.has(notes[i]!.n)) continue;
      const other = norm(earlier);
      if (other === title || other.startsWith(title) || title.startsWith(other)) {
        refers.set(note.n, notes[i]!.n);
        return;
      }
    }
  });
  return refers;
}

test('short forms resolve as the plain rule says, for any list of notes', () => {
  const title = fc.array(fc.constantFrom('Trade', 'trade', ' ', 'Talks', 'and', 'Tariffs', '—', 'é', 'e', 'x'), { maxLength: 6 }).map(a => a.join(''));
  const note = fc.record({
    ibid: fc.boolean(),
    title: fc.option(title, { nil: undefined }),
    url: fc.option(fc.constant('https://example.com'), { nil: undefined, freq: 4 }),
  });
  fc.assert(fc.property(fc.array(note, { maxLength: 30 }), list => {
    const notes = list.map((x, i) => ({
      n: i + 1,
      text: x.ibid ? 'Ibid.' : `note ${i + 1}`,
      source: { authors: [], ...(x.title !== undefined ? { title: x.title } : {}), ...(x.url ? { url: x.url } : {}) },
    }));
    assert.deepEqual([...resolveReferences(notes)].sort(), [...plainRule(notes)].sort());
  }), { numRuns: 400 });
});
