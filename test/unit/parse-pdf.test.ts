import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePdfContent } from '../../src/core/parse/pdf';
import { renderBlock } from '../../src/core/parse/pdfLayout';
import type { PdfContent, PdfItem, PdfPage } from '../../src/core/parse/pdfItems';
import { ReportError } from '../../src/core/errors';
import type { Report } from '../../src/core/model';
import { Library } from '../../src/core/library';
import { citationItems, pandocCitation } from '../../src/core/cite';
import { renderReport } from '../../src/core/reader';
import { assertLinear } from './linear';

// Recorded with scripts/pdf-fixture.ts from CRS reports (public domain): the text items of a few pages each.
const recorded = (name: string) => JSON.parse(readFileSync(`test/fixtures/pdf/${name}`, 'utf8')) as PdfContent;
const paras = (r: Report) => r.sections.flatMap(s => s.paragraphs);

describe('PDF (tagged): CRS R48910, pages 1–6 (cover, summary, contents, body with page-foot notes)', () => {
  const { report: r, warnings, markdown } = parsePdfContent(recorded('r48910-p1-6.json'), { source: 'R48910.2.pdf' });

  test('metadata from the cover, the summary page panel and the PDF info', () => {
    assert.equal(r.title, 'Trump Accounts: Overview and Policy Considerations');
    assert.equal(r.date, '2026-04-16');
    assert.deepEqual(r.authors, ['Brendan McDermott']);
    assert.equal(r.number, 'R48910');
    assert.equal(r.publisher, 'Congressional Research Service');
  });

  test('headings as in the table of contents; no running head, no contents lines, no title repeat', () => {
    assert.deepEqual(
      r.sections.map(s => s.title),
      [
        'Summary',
        'Introduction',
        'Description of Trump Accounts',
        'Contributions',
        'Ordinary Contributions',
        'Tax-Advantaged Contributions',
      ],
    );
    for (const p of paras(r)) {
      assert.doesNotMatch(p.text, /\.{5}|Congressional Research Service|^Contents$|^Figures$|^R48910$/);
      assert.notEqual(p.text, r.title);
    }
  });

  test('every note of the page feet, with its page and the paragraph whose marker cites it', () => {
    assert.deepEqual(
      r.footnotes.map(f => f.n),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(
      r.footnotes.map(f => f.page),
      [4, 4, 4, 4, 4, 4, 5, 5, 6, 6],
    );
    assert.equal(r.footnotes[2].text, 'IRAs also allow workers with employer plans to roll over their savings and retain tax advantages.');
    const cites = paras(r).find(p => p.text.startsWith('Traditional tax-deferred IRAs'))!;
    assert.deepEqual(cites.footnotes, [5, 6]);
    assert.deepEqual(r.footnotes[4].citedBy, [cites.id]);
    assert.equal(cites.page, 4);
    assert.deepEqual(warnings, []);
  });

  test('markers leave the text; the marker sits after its word in the Markdown copy', () => {
    const p = paras(r).find(x => x.footnotes.includes(5))!;
    assert.match(p.text, /subject to the income tax\. Traditional/);
    assert.match(markdown, /subject to the income tax\.\[\^5\] Traditional/);
  });

  test('a URL broken over two lines of a note is one URL again', () => {
    assert.match(
      r.footnotes[5].text,
      /https:\/\/www\.irs\.gov\/retirement-plans\/plan-participant-employee\/retirement-topics-exceptions-to-tax-on-early-distributions\./,
    );
  });

  test('a paragraph broken by the page (and by a box and the notes between) is one paragraph, on the page it starts', () => {
    const p = paras(r).find(x => x.text.startsWith('Contributions to Trump Accounts can come from several sources'))!;
    assert.match(p.text, /the treatment of ordinary contributions \(i\.e\., those not subject to unique rules\)/);
    assert.equal(p.page, 5);
  });

  test('a box beside the text keeps its paragraphs, bullets dropped', () => {
    assert.ok(paras(r).some(p => p.text === 'Beneficiary – the child for whom the Trump Account has been opened.'));
  });

  test('citations of a PDF report carry the printed page: [@key, p. 1] on the 4th page, a section its pages', () => {
    const items = citationItems(new Library([r]));
    const item = (kind: string, test: (i: (typeof items)[number]) => boolean) => items.find(i => i.target.kind === kind && test(i))!;
    const paragraph = item('paragraph', i => i.target.id === paras(r).find(p => p.text.startsWith('Traditional tax-deferred IRAs'))!.id);
    assert.equal(pandocCitation([paragraph]), '[@trumpAccounts2026, p. 1]');
    assert.match(paragraph.label, /^para\. 11 \(p\. 1\): Traditional tax-deferred/);
    assert.equal(item('section', i => i.label === 'Description of Trump Accounts').locator, 'pp. 1\u20132');
    assert.equal(item('section', i => i.label === 'Introduction').locator, 'p. 1');
    // the summary's page prints no number: it is named by its place in the PDF
    assert.equal(item('section', i => i.label === 'Summary').locator, 'PDF p. 2');
  });

  test('printed page numbers from the running foot ("Congressional Research Service 1" on the 4th page)', () => {
    assert.deepEqual(r.pageLabels, ['', '', '', '1', '2', '3']);
  });

  test('the reader marks each page break on a line of its own, outside every paragraph', () => {
    const reader = renderReport(r);
    assert.match(reader.text, /\n\u2014 PDF p\. 2 \u2014\n\n¶1 /);
    assert.match(reader.text, /\n\u2014 p\. 1 \(PDF page 4\) \u2014\n\n¶\d+ The 2025 reconciliation law/);
    const breaks = [...reader.text.matchAll(/^\u2014 .* \u2014$/gm)];
    assert.deepEqual(
      breaks.map(m => m[0]),
      ['\u2014 PDF p. 2 \u2014', '\u2014 p. 1 (PDF page 4) \u2014', '\u2014 p. 2 (PDF page 5) \u2014', '\u2014 p. 3 (PDF page 6) \u2014'],
    );
    // no paragraph span holds a page-break line, and each paragraph's span is its text
    for (const span of reader.spans.filter(s => s.kind === 'paragraph')) {
      assert.doesNotMatch(reader.text.slice(span.start, span.end), /\u2014 (?:PDF )?p\. /);
      assert.match(reader.text.slice(span.start, span.end), /^¶\d+ /);
    }
  });

  test('figures carry the page of their paragraph', () => {
    const f = r.figures.find(x => x.text === '$2,500')!;
    assert.equal(f.page, 2);
    assert.ok(r.figures.every(x => typeof x.page === 'number'));
  });
});

describe('PDF (tagged): CRS R48906, pages 10–12 (a table)', () => {
  const { report: r } = parsePdfContent(recorded('r48906-p10-12.json'), { source: 'R48906.2.pdf' });

  test('the table is a table with its caption, page and rows; its numbers are not paragraphs', () => {
    assert.equal(r.tables?.length, 1);
    const t = r.tables![0];
    assert.equal(
      t.caption,
      'Table 1. EPA’s Analysis of Number of Subpart W Reporting Facilities and Facilities with Emissions Subject to WEC After Applying Thresholds and Netting',
    );
    assert.equal(t.page, 11);
    assert.deepEqual(t.rows[2], ['Onshore petroleum and natural gas production', '459', '393', '226', '202']);
    assert.equal(t.rows.length, 12);
    for (const p of paras(r)) assert.doesNotMatch(p.text, /^Table 1\.|459 393/);
  });
});

/** An untagged page: items as pdf.js gives them (baseline y from the bottom). */
function page(n: number, items: Partial<PdfItem>[]): PdfPage {
  return { n, width: 612, height: 792, items: items.map(i => ({ s: '', x: 72, y: 700, w: 100, size: 11, ...i })) };
}
const line = (s: string, y: number, extra: Partial<PdfItem> = {}): Partial<PdfItem> => ({ s, y, w: s.length * 5, eol: true, ...extra });

describe('PDF (untagged): geometry', () => {
  const head = (n: number) => [line('A Report on Water Storage', 760, { size: 8 }), line(`Page ${n}`, 30, { size: 8 })];
  const content: PdfContent = {
    tagged: false,
    info: {},
    pages: [
      page(1, [
        ...head(1),
        line('Water Storage in the Basin', 700, { size: 20 }),
        line('May 19, 2025', 670),
        line('Introduction', 630, { size: 15 }),
        { s: 'Dams hold less than a tenth of the annual flow, a share that has fallen since the', y: 600, w: 400 },
        { s: '1', x: 472, y: 604, w: 4, size: 7 },
        { s: 'seventies.', y: 586, w: 60, eol: true },
        line('Storage per person is low by any mea-', 562),
        line('sure and new capacity is costly.', 549),
        { s: '1', x: 72, y: 104, w: 4, size: 6 },
        { s: ' Water Agency, “Annual Review,” 2024, https://example.org/reports/', x: 76, y: 100, w: 300, size: 9, eol: true },
        line('annual-review-2024.pdf.', 89, { size: 9 }),
      ]),
      page(2, [
        ...head(2),
        line('Storage', 700, { size: 15 }),
        { s: 'Reservoirs lose 1 percent of capacity a year to silt.', y: 680, w: 300 },
        { s: '2', x: 372, y: 684, w: 4, size: 7, eol: true },
        { s: '2', x: 72, y: 104, w: 4, size: 6 },
        { s: ' Ibid.', x: 76, y: 100, w: 30, size: 9, eol: true },
      ]),
      page(3, [...head(3), line('Closing words of the report.', 700)]),
    ],
  };
  const { report: r } = parsePdfContent(content, { source: 'water.pdf' });

  test('headings by size, title and date from the first page, running head and page numbers dropped', () => {
    assert.equal(r.title, 'Water Storage in the Basin');
    assert.equal(r.date, '2025-05-19');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Storage'],
    );
    for (const p of paras(r)) assert.doesNotMatch(p.text, /A Report on Water Storage|Page \d/);
  });

  test('raised small digits are markers, small type at the foot opening with a number is a note', () => {
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1], [], [2], []],
    );
    assert.equal(paras(r)[0].text, 'Dams hold less than a tenth of the annual flow, a share that has fallen since the seventies.');
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.page]),
      [
        [1, 1],
        [2, 2],
      ],
    );
    assert.equal(r.footnotes[0].source.url, 'https://example.org/reports/annual-review-2024.pdf');
    assert.equal(r.footnotes[1].refersTo, 1);
  });

  test('a hyphen at a line end is kept and the word joined ("mea-sure" stays as printed)', () => {
    assert.equal(paras(r)[1].text, 'Storage per person is low by any mea-sure and new capacity is costly.');
  });
});

describe('PDF (tagged): CRS R47324, pages 1–4 (a summary with subheadings of its own)', () => {
  const { report: r } = parsePdfContent(recorded('r47324-p1-4.json'), { source: 'R47324.18.pdf' });

  test("the summary's body-size subheadings are headings under Summary, as the web capture has them", () => {
    assert.deepEqual(
      r.sections.map(s => [s.title, s.paragraphs.length]),
      [
        ['Summary', 1],
        ['International and U.S. Context for Seabed Mining in ABNJ', 2],
        ['Issues for Congress', 2],
        ['Introduction', 2],
      ],
    );
    for (const p of paras(r)) assert.notEqual(p.text, 'Issues for Congress');
  });
});

describe('PDF: a paragraph that runs on to the next page', () => {
  const head = (n: number) => [line('A Report on Water Storage', 760, { size: 8 }), line(`Page ${n}`, 30, { size: 8 })];
  const { report: r } = parsePdfContent(
    {
      tagged: false,
      info: {},
      pages: [
        page(1, [...head(1), line('Water Storage in the Basin', 700, { size: 20 }), line('May 19, 2025', 670)]),
        page(2, [
          ...head(2),
          line('Introduction', 630, { size: 15 }),
          line('Figure 1 shows that dams hold 40% of the annual flow, a share that has fallen since the seventies, and', 600),
          line('the basin has lost', 586),
        ]),
        page(3, [...head(3), line('12 reservoirs to silt since 1990.', 700), line('Closing words of the report.', 680)]),
      ],
    },
    { source: 'water.pdf' },
  );

  test('is one paragraph on the page it starts (also when it opens "Figure 1 shows"), each figure on the page that prints it', () => {
    const p = paras(r).find(x => x.text.startsWith('Figure 1 shows'))!;
    assert.match(p.text, /the basin has lost 12 reservoirs to silt since 1990\.$/);
    assert.equal(p.page, 2);
    assert.deepEqual(
      r.figures.map(f => [f.text, f.page]),
      [
        ['40%', 2],
        ['12 reservoirs', 3],
      ],
    );
  });
});

describe('PDF: what cannot be read', () => {
  test('a scanned PDF (no text layer) says to run OCR', () => {
    const scanned: PdfContent = { tagged: false, info: {}, pages: [page(1, []), page(2, [])] };
    assert.throws(
      () => parsePdfContent(scanned),
      (e: Error) => e instanceof ReportError && /no text layer.*OCR/.test(e.message),
    );
  });

  test('a subscript is not a marker (CO2), a raised number is', () => {
    const items: PdfItem[] = [
      { s: 'Emissions of CO', x: 72, y: 700, w: 80, size: 11 },
      { s: '2', x: 152, y: 697, w: 4, size: 7 },
      { s: ' rose.', x: 156, y: 700, w: 30, size: 11 },
      { s: '3', x: 186, y: 704, w: 4, size: 7 },
    ];
    const out = renderBlock(items, 11);
    assert.equal(out.text, 'Emissions of CO2 rose.');
    assert.deepEqual(out.markers, [{ at: 22, n: 3 }]);
  });

  test('a raised 2 after a unit of length squares it (km²), a raised number after a word stays a marker', () => {
    // as CRS R47324 draws "75,000 square kilometers (km²) … 3,000 km² consisting of 150 blocks": the 2 raised and small
    const items: PdfItem[] = [
      { s: 'not exceed 75,000 square kilometers (km', x: 108, y: 702.3, w: 200, size: 9 },
      { s: '2', x: 308, y: 704.3, w: 3, size: 6 },
      { s: ') for nodules, 3,000 km', x: 311, y: 702.3, w: 90, size: 9 },
      { s: '2', x: 401, y: 704.3, w: 3, size: 6 },
      { s: ' ', x: 404, y: 704.3, w: 2.5, size: 6 },
      { s: 'of crusts and 20 m', x: 406.5, y: 702.3, w: 70, size: 9 },
      { s: '3', x: 476.5, y: 704.3, w: 3, size: 6 },
      { s: ' of water in the program', x: 479.5, y: 702.3, w: 90, size: 9 },
      { s: '2', x: 569.5, y: 704.3, w: 3, size: 6 },
      { s: '.', x: 572.5, y: 702.3, w: 2, size: 9 },
    ];
    const out = renderBlock(items, 9);
    assert.equal(out.text, 'not exceed 75,000 square kilometers (km²) for nodules, 3,000 km² of crusts and 20 m³ of water in the program.');
    assert.deepEqual(out.markers, [{ at: out.text.length - 1, n: 2 }]);
  });

  test('joining lines is linear', () => {
    const block = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ s: `word${i} https://x.org/a-`, x: 72, y: 700 - i * 12, w: 100, size: 11, eol: true }));
    assertLinear('renderBlock', n => renderBlock(block(n), 11), 2000);
  });
});
