import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommand } from '../../src/cli/parse';
import { importCommand } from '../../src/cli/import';
import { figuresCommand } from '../../src/cli/figures';
import type { CliIO } from '../../src/cli/command';
import type { Report } from '../../src/core/model';

// CRS reports (public domain), as published: R48910 (19 pages, tagged, 45 page-foot notes) and IF11175 (a
// two-column In Focus brief).
const R48910 = 'test/fixtures/reports/R48910.2.pdf';
const IF11175 = 'test/fixtures/reports/IF11175.11.pdf';

async function run(command: { run(args: string[], io: CliIO): Promise<number> }, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pdf-'));
  fs.writeFileSync(path.join(dir, 'broken.pdf'), '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  fs.writeFileSync(path.join(dir, 'notes.pdf'), '# Water\n\nA Markdown file named .pdf is read as Markdown.[^1]\n\n[^1]: A note.\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dossier parse FILE.pdf', () => {
  let report: Report;
  let err = '';
  before(async () => {
    const result = await run(parseCommand, [R48910, '--json']);
    assert.equal(result.code, 0, result.err);
    report = JSON.parse(result.out) as Report;
    err = result.err;
  });

  test('title, date, author, number and publisher of the report', () => {
    assert.equal(report.title, 'Trump Accounts: Overview and Policy Considerations');
    assert.equal(report.date, '2026-04-16');
    assert.deepEqual(report.authors, ['Brendan McDermott']);
    assert.equal(report.number, 'R48910');
    assert.equal(report.publisher, 'Congressional Research Service');
  });

  test('all 45 notes, each cited by a paragraph, each with its page; no warning', () => {
    assert.deepEqual(
      report.footnotes.map(f => f.n),
      Array.from({ length: 45 }, (_, i) => i + 1),
    );
    assert.ok(report.footnotes.every(f => f.citedBy.length > 0 && typeof f.page === 'number'));
    assert.equal(report.footnotes[44].page, 18);
    assert.equal(err, '');
  });

  test('the headings of the table of contents (and the sub-headings it leaves out), nothing else', () => {
    assert.deepEqual(
      report.sections.map(s => s.title),
      [
        'Summary',
        'Introduction',
        'Description of Trump Accounts',
        'Contributions',
        'Ordinary Contributions',
        'Tax-Advantaged Contributions',
        'Federal Contribution Pilot Program',
        'Employer Contributions',
        'Qualified General Contributions',
        'Eligible Investments',
        'Qualified Withdrawals',
        'ABLE Account Rollovers',
        'Benefits of Trump Accounts and Comparison with Other Types of Accounts',
        'Potential Impact of Trump Accounts on Saving Behavior and Wealth',
        'Direct Effects of Tax Benefits',
        'Impact on Household Savings Rates',
        'Distributional Considerations',
        'Interactions with Federal Means-Tested Programs',
      ],
    );
  });

  test('a key figure with its page; the comparison table is a table, not paragraphs', () => {
    const limit = report.figures.find(f => f.text === '$5,000' && f.subject === 'combined total');
    assert.equal(limit?.page, 6, 'the $5,000 combined limit of ordinary contributions, printed on page 6');
    assert.equal(report.tables?.length, 1);
    assert.equal(report.tables![0].caption, 'Table 1. Parameters of Selected Savings Accounts for Children During Growth Period');
    assert.deepEqual(report.tables![0].rows[1].slice(0, 2), ['Annual account earnings taxed', 'No']);
    const paragraphs = report.sections.flatMap(s => s.paragraphs);
    assert.ok(paragraphs.every(p => typeof p.page === 'number'));
    assert.ok(!paragraphs.some(p => /^Annual account earnings taxed/.test(p.text)));
  });

  test('the summary names pages', async () => {
    const { code, out } = await run(parseCommand, [IF11175]);
    assert.equal(code, 0);
    assert.match(out, /^U\.S\.-Mexico Trade Relations$/m);
    assert.match(out, /date 2026-04-16 · by M\. Angeles Villarreal/);
    // its one paragraph, as in the web capture; the authors' lines and the disclaimer after it are not the section's
    assert.match(out, /Issues for Congress {2}\(1 ¶, p\d+, p\. 2\)/);
  });

  test('format by content: a Markdown file named .pdf is Markdown; a broken PDF is one clear line', async () => {
    const md = await run(parseCommand, [path.join(dir, 'notes.pdf'), '--json']);
    assert.equal(md.code, 0, md.err);
    assert.equal((JSON.parse(md.out) as Report).footnotes.length, 1);
    const broken = await run(parseCommand, [path.join(dir, 'broken.pdf')]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /^dossier parse: .*broken\.pdf: Not a readable PDF/);
    assert.equal(broken.out, '');
  });

  test('every command reads PDFs: figures of the report with their pages', async () => {
    const { code, out } = await run(figuresCommand, [R48910, '--json']);
    assert.equal(code, 0);
    const figures = JSON.parse(out) as { text: string; page?: number; subject: string }[];
    assert.equal(figures.find(f => f.text === '$5,000' && f.subject === 'combined total')?.page, 6);
  });

  test('--library takes the PDFs of a folder', async () => {
    const lib = path.join(dir, 'lib');
    fs.mkdirSync(lib, { recursive: true });
    fs.copyFileSync(IF11175, path.join(lib, 'IF11175.11.pdf'));
    const { code, out, err: e } = await run(figuresCommand, ['--library', lib, '--json']);
    assert.equal(code, 0, e);
    const reports = new Set((JSON.parse(out) as { report: string }[]).map(f => f.report));
    assert.equal(reports.size, 2, [...reports].join(', '));
  });
});

// Untagged PDFs printed by headless Chromium from test/fixtures/pdf/src/*.html (scripts/pdf-print.js): a running
// head and "Page N" in the margins, superscript markers, numbered endnotes under a Notes heading; the second
// sets the body in two columns, so a heading and a paragraph wrap across columns.
describe('dossier parse: untagged PDFs (geometry)', () => {
  const parse = async (name: string) => {
    const result = await run(parseCommand, [`test/fixtures/pdf/${name}`, '--json']);
    assert.equal(result.code, 0, result.err);
    return JSON.parse(result.out) as Report;
  };

  for (const name of ['endnotes.pdf', 'two-columns.pdf']) {
    test(`${name}: headings, byline, every endnote linked to its marker, no running head or page number`, async () => {
      const r = await parse(name);
      assert.equal(r.date, '2025-03-03');
      assert.deepEqual(r.authors, ['Jane Doe', 'Omar Khan']);
      assert.deepEqual(
        r.sections.map(s => s.title),
        ['Introduction', 'Where the Copper Comes From', 'Policy Options'],
      );
      assert.deepEqual(
        r.footnotes.map(f => f.n),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      const paragraphs = r.sections.flatMap(s => s.paragraphs);
      assert.deepEqual(
        paragraphs.map(p => p.footnotes),
        [[1, 2], [3], [4, 5], [6], [7], [8], [9], [10]],
      );
      assert.equal(r.footnotes[4].refersTo, 4);
      assert.equal(r.footnotes[3].source.url, 'https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-copper.pdf');
      for (const p of paragraphs) assert.doesNotMatch(p.text, /Page \d|Two Columns on Copper|Copper Supply and the Energy Transition/);
      assert.equal(
        paragraphs[1].text,
        'Prices followed: the benchmark contract averaged $9,150 per tonne over the year, about 8 percent above the year before, with the largest rise in the second quarter when stocks in exchange warehouses fell to their lowest level since 2008. Analysts disagree on how much of the rise reflects demand from the energy transition and how much reflects speculative positions taken in expectation of shortages that may not arrive until the end of the decade.',
      );
    });
  }
});

test('a scanned PDF (a page of pixels, printed from test/fixtures/pdf/src/scanned.html) says to run OCR, not an empty report', async () => {
  const { code, out, err } = await run(parseCommand, ['test/fixtures/pdf/scanned.pdf']);
  assert.equal(code, 2);
  assert.equal(out, '');
  assert.match(err, /scanned\.pdf: The PDF has no text layer \(a scanned document\?\): run OCR first/);
});

describe('dossier import', () => {
  test('writes the PDF as Markdown that reads back to the same notes, headings and metadata', async () => {
    const out = path.join(dir, 'imported');
    const { code, out: said } = await run(importCommand, [R48910, '--out', out]);
    assert.equal(code, 0);
    const file = path.join(out, 'R48910.2.md');
    assert.equal(said, `${R48910} → ${file}`);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(
      text,
      /^---\ntitle: "Trump Accounts: Overview and Policy Considerations"\ndate: 2026-04-16\nauthors:\n {2}- "Brendan McDermott"\n/,
    );
    assert.match(text, /^## Introduction$/m);
    assert.match(text, /^\[\^45\]: /m);
    const back = await run(parseCommand, [file, '--json']);
    const report = JSON.parse(back.out) as Report;
    assert.equal(report.footnotes.length, 45);
    assert.equal(report.sections.length, 18);
    assert.equal(report.date, '2026-04-16');
  });

  test('refuses to overwrite without --force, and needs --out', async () => {
    const out = path.join(dir, 'imported');
    const again = await run(importCommand, [R48910, '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.err, /exists \(use --force to overwrite\)/);
    assert.equal((await run(importCommand, [R48910, '--out', out, '--force'])).code, 0);
    const usage = await run(importCommand, [R48910]);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /give --out DIR/);
  });
});
