import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { parseReport } from '../../src/core/parse';
import { createCslEngine } from '../../src/lazy/cslEngine';
import { Library } from '../../src/core/library';
import { keysCitedBy } from '../../src/core/check';
import {
  bibliographyItems,
  citationItems,
  citationKeyAt,
  cslLocator,
  distinctSources,
  footnoteText,
  fullNote,
  itemForTarget,
  noteFromSource,
  pandocCitation,
  pandocInsertion,
  reportToCsl,
  sourceToCsl,
  splitName,
  toCslJson,
  toRis,
} from '../../src/core/cite';

const report = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});
const library = new Library([report]);
const items = citationItems(library);

test('the seed has 21 distinct note sources: Ibid. (17) and the short forms (19, 20) are not separate', () => {
  const sources = distinctSources(library);
  assert.equal(sources.length, 21);
  assert.ok(!sources.some(s => [17, 19, 20].includes(s.footnote.n)));
  assert.equal(fullNote(report, 17)?.n, 16);
  assert.equal(fullNote(report, 19)?.n, 3);
  assert.equal(fullNote(report, 20)?.n, 1);
});

test('citable items: the report, 21 note sources, every section and paragraph with locators', () => {
  assert.equal(items.filter(i => i.target.kind === 'report').length, 1);
  assert.equal(items.filter(i => i.target.kind === 'footnote').length, 21);
  assert.equal(items.filter(i => i.target.kind === 'paragraph').length, 31);
  const p12 = items.find(i => i.target.kind === 'paragraph' && i.target.id === 'p12')!;
  assert.equal(p12.key, report.key);
  assert.equal(p12.locator, 'para. 12');
  const sections = items.filter(i => i.target.kind === 'section');
  assert.deepEqual(
    sections.map(s => s.locator),
    ['paras. 1–4', 'paras. 5–12', 'paras. 13–28', 'paras. 29–31'],
  );
});

test('a repeated note (Ibid., short form) cites the note it repeats', () => {
  const ibid = itemForTarget(items, { reportId: report.id, kind: 'footnote', id: '17' });
  assert.equal(ibid?.key, 'diplomat2025');
  assert.equal(ibid?.target.id, '16');
  const short = itemForTarget(items, { reportId: report.id, kind: 'footnote', id: '20' });
  assert.equal(short?.key, 'afzal2025');
  assert.match(
    footnoteText(short!),
    /^Madiha Afzal, “The New, and Low, Normal in U\.S\.-Pakistan Relations,” Lawfare, January 2025, https:/,
  );
});

test('filter text carries author, title, outlet and words', () => {
  const afzal = items.find(i => i.key === 'afzal2025' && i.target.kind === 'footnote')!;
  for (const word of ['Madiha Afzal', 'Lawfare', 'Normal', '2025-01']) assert.ok(afzal.filterText.includes(word), word);
});

test('pandoc citations: single, locator, multi', () => {
  assert.equal(pandocCitation([{ key: 'afzal2025' }]), '[@afzal2025]');
  assert.equal(pandocCitation([{ key: 'usPakistanFlux2025', locator: 'para. 12' }]), '[@usPakistanFlux2025, para. 12]');
  assert.equal(pandocCitation([{ key: 'a' }, { key: 'b', locator: 'para. 3' }]), '[@a; @b, para. 3]');
});

test('footnote text with a locator, and a note built from the report itself', () => {
  const p12 = items.find(i => i.target.kind === 'paragraph' && i.target.id === 'p12')!;
  assert.equal(footnoteText(p12), '“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, para. 12.');
  assert.equal(
    noteFromSource({ authors: ['A B', 'C D', 'E F'], title: 'T', container: 'O', date: '2025-04-23', url: 'https://x' }),
    'A B, C D, and E F, “T,” O, April 23, 2025, https://x.',
  );
  assert.equal(noteFromSource({ authors: [], title: 'T' }), '“T.”');
  assert.equal(noteFromSource({ authors: ['A B'], container: 'O' }), 'A B, O.');
});

test('author names split into family and given; organisations stay literal', () => {
  assert.deepEqual(splitName('Madiha Afzal'), { family: 'Afzal', given: 'Madiha' });
  assert.deepEqual(splitName('Baqir Sajjad Syed'), { family: 'Syed', given: 'Baqir Sajjad' });
  assert.deepEqual(splitName('Arun K. Singh'), { family: 'Singh', given: 'Arun K.' });
  assert.deepEqual(splitName('Ludwig van Beethoven'), { family: 'van Beethoven', given: 'Ludwig' });
  assert.deepEqual(splitName('Afzal, Madiha'), { family: 'Afzal', given: 'Madiha' });
  assert.deepEqual(splitName('Policy Research and Advisory Council'), { literal: 'Policy Research and Advisory Council' });
  assert.deepEqual(splitName('Reuters'), { literal: 'Reuters' });
});

test('CSL-JSON of sources and of the report: types, names, dates, URLs kept whole (a document name’s spaces encoded)', () => {
  const note1 = sourceToCsl('afzal2025', report.footnotes[0].source);
  assert.equal(note1.type, 'webpage');
  assert.deepEqual(note1.author, [{ family: 'Afzal', given: 'Madiha' }]);
  assert.deepEqual(note1.issued, { 'date-parts': [[2025, 1]] });
  assert.equal(note1['container-title'], 'Lawfare');
  assert.equal(note1.URL, 'https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations');
  const note4 = sourceToCsl('profit2025', report.footnotes[3].source);
  assert.equal(note4.type, 'article-newspaper');
  assert.deepEqual(note4.issued, { 'date-parts': [[2025, 2, 4]] });
  const note22 = sourceToCsl('policyResearch2025', report.footnotes[21].source);
  assert.equal(note22.type, 'report');
  assert.equal(
    note22.URL,
    'https://prac.org.pk/uploads/An%20Analysis%20of%20U.S.%20Tariff%20Barriers%20Impacting%20Pakistan’s%20Trade.pdf',
  );
  assert.equal(note22.publisher, 'Policy Research and Advisory Council KCCI');
  const own = reportToCsl(report);
  assert.equal(own.type, 'report');
  assert.deepEqual(own.issued, { 'date-parts': [[2025, 5, 19]] });
});

test('CSL-JSON export: the report first, then its 21 note sources, ids the citation keys', () => {
  const json = JSON.parse(toCslJson(bibliographyItems(library)));
  assert.equal(json.length, 22);
  assert.equal(new Set(json.map((e: { id: string }) => e.id)).size, 22);
  assert.deepEqual(json.map((e: { id: string }) => e.id).slice(0, 5), [
    'usPakistanFlux2025',
    'afzal2025',
    'nationalSecurity2025',
    'iiss2024',
    'profit2025',
  ]);
  assert.deepEqual(json[0], {
    id: 'usPakistanFlux2025',
    type: 'report',
    'citation-key': 'usPakistanFlux2025',
    title: 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints',
    issued: { 'date-parts': [[2025, 5, 19]] },
  });
});

test('a report with authors, publisher, number and URL exports each of them', () => {
  const front = [
    '---',
    'title: Water Security in the Indus Basin',
    'date: 2024-11-05',
    'authors: [Jane Doe, Omar Khan]',
    'publisher: Example Institute',
    'number: EI-2024-07',
    '---',
    '',
    'The basin supports 200 million people.[^1]',
    '',
    '[^1]: Sara Lin, “Storage,” Water Review, 3 March 2024, https://example.org/storage.',
    '',
  ].join('\n');
  const water = parseReport(front, { source: 'https://example.org/indus-report' });
  const [own, note] = bibliographyItems(new Library([water]));
  assert.deepEqual(own, {
    id: water.key,
    type: 'report',
    'citation-key': water.key,
    title: 'Water Security in the Indus Basin',
    author: [
      { family: 'Doe', given: 'Jane' },
      { family: 'Khan', given: 'Omar' },
    ],
    publisher: 'Example Institute',
    number: 'EI-2024-07',
    issued: { 'date-parts': [[2024, 11, 5]] },
    URL: 'https://example.org/indus-report',
  });
  assert.equal(note.title, 'Storage');
  const ris = toRis([own]);
  assert.match(ris, /^TY {2}- RPRT$/m);
  assert.match(ris, /^SN {2}- EI-2024-07$/m);
  assert.match(ris, /^PB {2}- Example Institute$/m);
  assert.match(ris, /^UR {2}- https:\/\/example\.org\/indus-report$/m);
});

test('only what a note cites: its pandoc keys and the sources its footnotes repeat, one entry each', () => {
  const memo = [
    'Aid was cut [@profit2025] and cut again [@profit2025, para. 3].',
    'The report says so [@usPakistanFlux2025, paras. 14–17; @nosuchkey2025].',
    '`[@afzal2025]` in code is not a citation.',
    'A footnote repeats a note of the report.[^1]',
    '',
    `[^1]: ${footnoteText({ source: fullNote(report, 5)!.source, footnote: fullNote(report, 5) })}`,
  ].join('\n');
  const keys = keysCitedBy(library, memo);
  assert.deepEqual(keys, ['profit2025', 'usPakistanFlux2025', 'nosuchkey2025', 'axios2025']);
  // in the library's order, each once; the unknown key has no entry
  assert.deepEqual(
    bibliographyItems(library, { cited: new Set(keys) }).map(i => i.id),
    ['usPakistanFlux2025', 'profit2025', 'axios2025'],
  );
});

test('RIS export: 22 records (the report and 21 note sources), no folded lines, and it parses back with a RIS reader', () => {
  const ris = toRis(bibliographyItems(library));
  assert.equal((ris.match(/^TY {2}- /gm) ?? []).length, 22);
  assert.equal((ris.match(/^ER {2}- /gm) ?? []).length, 22);
  for (const line of ris.split('\n')) if (line) assert.match(line, /^[A-Z][A-Z0-9] {2}- /, line);
  const parsed = new Cite(ris, { forceType: '@ris/file' });
  assert.equal(parsed.data.length, 22);
  assert.ok(parsed.data.some(e => e.title === 'The New, and Low, Normal in U.S.-Pakistan Relations'));
});

test('BibTeX (via citation-js) of the seed yields 22 entries that parse back', async () => {
  await import('@citation-js/plugin-bibtex');
  const bib = new Cite(bibliographyItems(library)).format('bibtex', { format: 'text' }) as string;
  assert.equal((bib.match(/^@\w+\{/gm) ?? []).length, 22);
  const back = new Cite(bib);
  assert.equal(back.data.length, 22);
  assert.ok(back.data.some(e => e['citation-key'] === 'afzal2025'));
});

test('CSL locators from pandoc locators', () => {
  assert.deepEqual(cslLocator('para. 12'), { locator: '12', label: 'paragraph' });
  assert.deepEqual(cslLocator('paras. 5–12'), { locator: '5–12', label: 'paragraph' });
  assert.deepEqual(cslLocator('p. 4'), { locator: '4', label: 'page' });
  assert.deepEqual(cslLocator(undefined), {});
});

test('completion context: after [@, ; @ and -@ in a citation bracket, not in emails or footnotes', () => {
  assert.deepEqual(citationKeyAt('Aid [@'), { start: 6, query: '' });
  assert.deepEqual(citationKeyAt('Aid [@afz'), { start: 6, query: 'afz' });
  assert.deepEqual(citationKeyAt('[@a, para. 3; @pro'), { start: 15, query: 'pro' });
  assert.deepEqual(citationKeyAt('[see -@x'), { start: 7, query: 'x' });
  assert.equal(citationKeyAt('mail me@example'), undefined);
  assert.equal(citationKeyAt('[write to me@exa'), undefined);
  assert.equal(citationKeyAt('[@a] and then @'), undefined);
  assert.equal(citationKeyAt('[^note @'), undefined);
});

test('pandoc insertion joins an open citation bracket instead of nesting one', () => {
  const refs = [{ key: 'b' }];
  assert.equal(pandocInsertion('Aid was cut ', '', refs), '[@b]');
  assert.equal(pandocInsertion('Aid [@a', ']', refs), '; @b');
  assert.equal(pandocInsertion('Aid [@a, para. 3;', '] more', refs), ' @b');
  assert.equal(pandocInsertion('Aid [@a; ', ']', refs), '@b');
  assert.equal(pandocInsertion('Aid [', ']', refs), '@b');
  assert.equal(pandocInsertion('Aid [@', ']', [{ key: 'b', locator: 'para. 2' }, { key: 'c' }]), 'b, para. 2; @c');
  assert.equal(pandocInsertion('See [link', '](x)', refs), '[@b]');
  assert.equal(pandocInsertion('Note[^', ']', refs), '[@b]');
});

// ---- Hostile notes: every export and the footnote style write report text as data ----------------------

const HOSTILE_URL = 'https://example.com/a}}@preamble{"\\immediate\\write18{touch /tmp/pwned}"}@misc{x,title={y}}';
const hostileReport = parseReport(
  [
    '---',
    'title: "Injection"',
    'date: 2025-01-02',
    '---',
    '',
    '# Findings',
    '',
    'A paragraph that reports US$123 million in funding.[^1] Another claim.[^2] A third.[^3]',
    '',
    '# Notes',
    '',
    `[^1]: Mallory, "Plain title," Evil Outlet, January 5, 2025, ${HOSTILE_URL}`,
    '[^2]: Eve, "Title with }} braces @misc{z, and \\input{x} 100% & #hash," Outlet, March 2025, https://example.org/b?q={x}',
    '[^3]: Trent, "![](https://tracker.example/p.png) <img src=x onerror=alert(1)> [x](command:workbench.action.quit)," Outlet, May 2025.',
  ].join('\n'),
  { source: 'injection.md' },
);
const hostileLibrary = new Library([hostileReport]);
/** BibTeX as the export writes it: the lazy engine's bibtex(), which prepares items with forBibtex. */
const bibtexEngine = createCslEngine({});

/** Top-level BibTeX entries and whether the braces balance (BibTeX counts braces whatever precedes them). */
function bibtexShape(text: string): { entries: string[]; balanced: boolean } {
  const entries: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return { entries, balanced: false };
    else if (c === '@' && depth === 0) entries.push(/^@\w*/.exec(text.slice(i, i + 40))![0]);
  }
  return { entries, balanced: depth === 0 };
}

test('BibTeX: a note URL ending in }}@preamble{…}@misc{…} adds no entry and no @preamble', () => {
  // the report itself comes first, then its three note sources
  const items = bibliographyItems(hostileLibrary).slice(1);
  assert.equal(items[0].URL, 'https://example.com/a%7D%7D@preamble%7B%22%5Cimmediate%5Cwrite18%7Btouch');
  assert.equal(items[1].URL, 'https://example.org/b?q=%7Bx%7D');
  const bib = bibtexEngine.bibtex(items);
  assert.deepEqual(bibtexShape(bib), { entries: ['@article', '@misc', '@misc'], balanced: true });
  assert.doesNotMatch(bib, /\\immediate|\\input/);
});

test('BibTeX stays one entry per source with balanced braces whatever the fields hold (property)', () => {
  const hostile = fc.string({
    unit: fc.constantFrom('{', '}', '@', '"', '\\', '%', '#', ',', '=', ' ', '\n', 'a', 'https://x.org/'),
    maxLength: 30,
  });
  fc.assert(
    fc.property(hostile, hostile, hostile, hostile, (title, author, container, url) => {
      // "Council" keeps the name whole (a CSL literal), which citation-js writes unescaped
      const item = sourceToCsl('k2025', {
        authors: [author, `${author} Council`],
        title,
        container,
        date: '2025-01-02',
        url: `https://example.org/${url}`,
      });
      const { entries, balanced } = bibtexShape(bibtexEngine.bibtex([item]));
      assert.equal(entries.length, 1);
      assert.ok(balanced);
    }),
    { numRuns: 150 },
  );
});

test('RIS: a line break in a field cannot end the record or start a tag', () => {
  const ris = toRis([
    sourceToCsl('k2025', { authors: ['A\nER  - \nTY  - JOUR'], title: 'T\r\nID  - evil\u2028x\u001b[31m', date: '2025' }),
  ]);
  assert.equal(ris, 'TY  - GEN\nID  - k2025\nAU  - A ER - TY - JOUR\nTI  - T ID  - evil x\nPY  - 2025\nDA  - 2025///\nER  - \n');
});

test('the footnote style inserts the formatted source, never the note as printed', () => {
  const cite = (n: number) =>
    footnoteText(citationItems(hostileLibrary).find(i => i.target.kind === 'footnote' && i.target.id === String(n))!);
  assert.equal(
    cite(1),
    'Mallory, “Plain title,” Evil Outlet, January 5, 2025, https://example.com/a%7D%7D@preamble%7B%22%5Cimmediate%5Cwrite18%7Btouch.',
  );
  const note3 = cite(3);
  assert.doesNotMatch(note3, /!\[|<img|\]\(command:|(^|[^\\])\[/);
  // a note that names no source is quoted as text, escaped
  const comment = footnoteText({
    source: { authors: [] },
    footnote: { ...hostileReport.footnotes[2], text: 'See ![](https://t.example/x.png) <b>here</b>' },
  });
  assert.equal(comment, 'See !\\[\\](https://t.example/x.png) \\<b\\>here\\</b\\>');
});
