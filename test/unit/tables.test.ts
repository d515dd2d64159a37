import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Figure, Table } from '../../src/core/model';
import { headerRowCount, statedUnit, tableFigures } from '../../src/core/tables';
import { parseReport } from '../../src/core/parse';
import { parsePdfContent } from '../../src/core/parse/pdf';
import type { PdfContent } from '../../src/core/parse/pdfItems';
import { assertLinear } from './linear';

const table = (rows: string[][], extra: Partial<Table> = {}): Table => ({ id: 't1', rows, headerRows: 1, ...extra });
const brief = (fs: Figure[]) => fs.map(f => `${f.subject} = ${f.text} (${f.value} ${f.unit})`);

describe('Table cells are figures of their row and column, in the unit the table states', () => {
  test('unit in the caption: (billions of dollars) makes 1,185.5 $1,185.5 billion, never 1,185.5 dollars', () => {
    const t = table(
      [
        ['Trade flow', '2023', '2024'],
        ['U.S. goods exports to China', '1,147.3', '1,185.5'],
      ],
      { caption: 'Table 1. U.S. Trade with China (billions of dollars)' },
    );
    const figures = tableFigures(t, 1);
    assert.deepEqual(brief(figures), [
      'U.S. goods exports to China, 2023 = $1,147.3 billion (1147300000000 USD)',
      'U.S. goods exports to China, 2024 = $1,185.5 billion (1185500000000 USD)',
    ]);
    assert.equal(figures[1]!.table, 't1');
    assert.equal(figures[1]!.id, 'f2');
  });

  test('unit in the column header: each column its own ("Value ($ millions)", "Share (%)")', () => {
    const t = table([
      ['Partner', 'Value ($ millions)', 'Share (%)', 'Rank'],
      ['Mexico', '839,900', '15.8', '1'],
    ]);
    assert.deepEqual(brief(tableFigures(t, 1)), [
      'Mexico, Value = $839,900 million (839900000000 USD)',
      'Mexico, Share = 15.8 percent (15.8 percent)',
    ]);
  });

  test('unit in the row label: "Exports (billions of dollars)" and "Tariff rate (percent)" rows', () => {
    const t = table([
      ['', '2024', '2025'],
      ['Exports (billions of dollars)', '334.0', '338.2'],
      ['Average tariff rate (percent)', '2.4', '17.9'],
      ['Firms', '120', '118'],
    ]);
    assert.deepEqual(brief(tableFigures(t, 1)), [
      'Exports, 2024 = $334.0 billion (334000000000 USD)',
      'Exports, 2025 = $338.2 billion (338200000000 USD)',
      'Average tariff rate, 2024 = 2.4 percent (2.4 percent)',
      'Average tariff rate, 2025 = 17.9 percent (17.9 percent)',
    ]);
  });

  test('no unit anywhere: no figure (silent), and a cell that writes its own unit still is one', () => {
    const t = table([
      ['Country', '2024', 'Notes'],
      ['Mexico', '839.9', '$7,500 cap'],
      ['Canada', '712.0', '12.5%'],
    ]);
    assert.deepEqual(brief(tableFigures(t, 1)), ['Canada, Notes = 12.5% (12.5 percent)']);
  });

  test('two units in the caption: neither is taken for every cell', () => {
    const t = table(
      [
        ['Partner', 'Total'],
        ['Mexico', '839.9'],
      ],
      { caption: 'Table 2. Trade (billions of dollars) and Growth (percent)' },
    );
    assert.deepEqual(tableFigures(t, 1), []);
  });

  test('"Number of Facilities …" counts facilities; "~53" is about 53; dashes, zeros and prose cells are no figures', () => {
    const t = table([
      ['', 'A', 'B'],
      ['Facility Type', 'Number of Facilities Reporting', 'Number of Facilities Subject'],
      ['Natural gas processing', '444', '~53'],
      ['Liquefied natural gas storage', '—', '0'],
      ['Total Number of Facilitiesa', '2,112', 'about half of them'],
    ]);
    const figures = tableFigures(t, 1);
    assert.deepEqual(brief(figures), [
      'Natural gas processing, Number of Facilities Reporting = 444 facilities (444 count)',
      'Natural gas processing, Number of Facilities Subject = 53 facilities (53 count)',
      'Total Number of Facilities, Number of Facilities Reporting = 2,112 facilities (2112 count)',
    ]);
    assert.equal(figures[1]!.qualifier, 'about');
  });

  test('a header of years and letters is a header, however many rows; a row of dates is data', () => {
    assert.equal(
      headerRowCount(
        table(
          [
            ['', 'A', 'B'],
            ['Type', 'Count', 'Share'],
            ['Gas', '1', '2'],
          ],
          { headerRows: 0 },
        ),
      ),
      2,
    );
    assert.equal(
      headerRowCount(
        table(
          [
            ['Action', 'Steel (2017-2018)'],
            ['Initiated', 'April 19, 2017'],
            ['Days', '338 days'],
          ],
          { headerRows: 0 },
        ),
      ),
      1,
    );
  });

  test('a number in a header or label is not a unit: "Households under 200% of poverty" says nothing of its cells', () => {
    assert.equal(statedUnit('Households under 200% of poverty'), undefined);
    assert.equal(statedUnit('Income over $50,000'), undefined);
    assert.equal(statedUnit('(in millions of 2024 dollars)')?.suffix, ' million');
    assert.equal(
      statedUnit('Estimated Annual Emissions in Million Metric Tons of Carbon-Dioxide-Equivalent (MMTCO2e)')?.suffix,
      ' million metric tons',
    );
  });

  test('linear in the size of a header (no backtracking on long cells)', () => {
    assertLinear('statedUnit', n => statedUnit(`${'billions of '.repeat(n)}${'$ '.repeat(n)}${'1 '.repeat(n)}(${'x'.repeat(n)}%`), 200);
    assertLinear(
      'tableFigures',
      n => tableFigures(table([['', 'Share (%)'], ...Array.from({ length: n }, (_, i) => [`Row ${i}`, `${i}.5`])]), 1),
      200,
    );
  });
});

describe('Tables in the model: Markdown and PDF reports', () => {
  test('a Markdown table with its caption and the unit line under it: report.tables and figures of its cells', () => {
    const md = [
      '# Trade Report',
      '',
      'Trade with China grew in 2024, as the table shows.',
      '',
      'Table 1. U.S. Trade with China',
      '',
      'Billions of Dollars',
      '',
      '| Flow | 2023 | 2024 |',
      '| --- | --- | --- |',
      '| U.S. goods exports to China | 147.8 | 143.5 |',
      '| U.S. goods imports from China | 426.9 | 438.9 |',
      '',
      'The deficit widened.',
    ].join('\n');
    const r = parseReport(md, { source: 'trade.md' });
    assert.equal(r.tables?.length, 1);
    assert.equal(r.tables![0]!.caption, 'Table 1. U.S. Trade with China');
    assert.equal(r.tables![0]!.unit, 'Billions of Dollars');
    assert.deepEqual(
      r.figures.filter(f => f.table === 't1').map(f => `${f.subject}: ${f.value}`),
      [
        'U.S. goods exports to China, 2023: 147800000000',
        'U.S. goods exports to China, 2024: 143500000000',
        'U.S. goods imports from China, 2023: 426900000000',
        'U.S. goods imports from China, 2024: 438900000000',
      ],
    );
    // the table is not a paragraph
    assert.ok(r.sections.flatMap(s => s.paragraphs).every(p => !/147\.8/.test(p.text)));
  });

  test('CRS R48906 (PDF, p. 11): Table 1 counts facilities, on its page; its unit line is no note', () => {
    const content = JSON.parse(readFileSync('test/fixtures/pdf/r48906-p10-12.json', 'utf8')) as PdfContent;
    const { report: r } = parsePdfContent(content, { source: 'R48906.2.pdf' });
    const cells = r.figures.filter(f => f.table === 't1');
    const f = cells.find(x => x.value === 459)!;
    assert.equal(f.subject, 'Onshore petroleum and natural gas production, Number of Facilities Reporting Subpart W Emissions');
    assert.equal(f.text, '459 facilities');
    assert.equal(f.page, 11);
    assert.equal(
      cells.find(x => x.value === 2112)?.subject,
      'Total Number of Facilities, Number of Facilities Reporting Subpart W Emissions',
    );
    assert.ok(r.footnotes.every(n => !/Data from EPA 2024 Regulatory Impact Analysis/.test(n.text)));
  });

  test('CRS R48906 (web capture): Table 2 in million metric tons from the line under its caption', () => {
    const r = parseReport(readFileSync('test/fixtures/captures/R48906v2-inflation-reduction-act-methane-emissions-charge.md', 'utf8'), {
      source: 'R48906v2.md',
    });
    assert.equal(r.tables?.length, 3);
    const total = r.figures.find(f => f.table === 't2' && f.value === 19.9e6)!;
    assert.equal(total.unit, 't');
    assert.equal(total.text, '19.9 million metric tons');
    assert.equal(total.subject, 'Total Emissions, WEC Emissions After "Netting"');
    assert.equal(r.figures.find(f => f.table === 't3' && f.value === 188e6)?.subject, 'Total of above facility types, Methane Emissions');
  });
});
