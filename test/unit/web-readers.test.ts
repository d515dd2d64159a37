// Saved web pages and Word files, through the lazy web engine (defuddle on linkedom, mammoth) and the Markdown reader.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importCommand } from '../../src/cli/import';
import { parseReportWithSpans } from '../../src/core/parse';
import { Document as WordDocument, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { createDossier } from '../../src/core/dossier';
import { ReportError } from '../../src/core/errors';
import type { Report } from '../../src/core/model';
import { memorySource } from '../../src/core/reportSource';
import { decodeHtml, readDocx, readHtml, webReaders } from '../../src/lazy/webReaders';

const fixture = (name: string) => readFileSync(`test/fixtures/web/${name}`);
const paras = (r: Report) => r.sections.flatMap(s => s.paragraphs);
/** What a think-tank page wraps around an article: none of it may become a paragraph or a section. */
const CHROME =
  /Subscribe|Share (?:this|on|via)|Related|newsletter|inbox|Sign up|Donate|Privacy|©|\bHome\b|\bEvents\b|\bExperts\b|Twitter|Facebook|LinkedIn|\bPrint\b|powered by|^By |Posted on/i;

function noChrome(r: Report): void {
  for (const s of r.sections) assert.doesNotMatch(s.title, CHROME, `section "${s.title}" is page chrome`);
  for (const p of paras(r)) assert.doesNotMatch(p.text, CHROME, `${p.id} is page chrome: ${p.text}`);
}

/** Every note is cited by a paragraph, and every marker has its note. */
function notesLinked(r: Report, warnings: string[]): void {
  for (const f of r.footnotes) assert.ok(f.citedBy.length > 0, `note ${f.n} is cited by no paragraph`);
  assert.deepEqual(
    warnings.filter(w => /has no note|defined twice/.test(w)),
    [],
  );
}

describe('Saved web pages (.html): one footnote style per fixture, with think-tank chrome around them', () => {
  test('<sup><a href="#fn1"> notes, <meta> tags and JSON-LD with two authors', async () => {
    const { report: r, warnings } = await readHtml(fixture('meta-jsonld.html'), 'meta-jsonld.html');
    assert.equal(r.title, 'Tariffs and the Gulf');
    assert.equal(r.date, '2025-03-14');
    assert.deepEqual(r.authors, ['Jane Doe', 'John Roe']);
    assert.equal(r.publisher, 'Example Institute');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Background'],
    );
    assert.deepEqual(
      paras(r).map(p => [p.text, p.footnotes]),
      [
        ['Exports rose to US$845 million in 2024. Imports fell by 12 percent.', [1, 2]],
        ['The agreement was signed in 2019 after long talks between the parties, and it has been renewed twice since then.', [3]],
      ],
    );
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.text, f.citedBy]),
      [
        [1, 'Ministry of Trade, “Annual Trade Report 2024,” March 2025, https://trade.example.gov/report.', ['p1']],
        [2, 'Jane Smith, “Imports Fall,” Daily News, January 5, 2025.', ['p1']],
        [3, 'Ibid.', ['p2']],
      ],
    );
    assert.equal(r.footnotes[2].refersTo, 2);
    assert.ok(r.figures.some(f => f.value === 845e6 && f.unit === 'USD'));
    noChrome(r);
    notesLinked(r, warnings);
  });

  test('Word "Save as Web Page": _ftn1/_ftnref1 anchors, MsoFootnoteReference spans, footnote-list div', async () => {
    const { report: r, warnings } = await readHtml(fixture('word-ftn.html'), 'word-ftn.html');
    assert.equal(r.title, 'Water Storage in the Indus Basin');
    assert.equal(r.date, '2024-11-05');
    assert.deepEqual(r.authors, ['Omar Khan']);
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1, 2], [3]],
    );
    assert.deepEqual(
      r.footnotes.map(f => f.text),
      [
        'World Bank, “Indus Basin Water Security,” 2023, https://www.worldbank.org/indus.',
        'Ayesha Siddiqa, “Dams and Delays,” Dawn, March 3, 2022.',
        'Ibid.',
      ],
    );
    assert.equal(r.footnotes[0].source.url, 'https://www.worldbank.org/indus');
    noChrome(r);
    notesLinked(r, warnings);
  });

  test('WordPress: [1] links to _ftn1 paragraphs at the end, share buttons, related posts, newsletter, footer', async () => {
    const { report: r, warnings } = await readHtml(fixture('wordpress-ftn.html'), 'wordpress-ftn.html');
    assert.equal(r.title, 'The Copper Question');
    assert.equal(r.date, '2025-09-30');
    assert.deepEqual(r.authors, ['Lena Park']);
    assert.equal(r.publisher, 'Policy Blog');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'What it costs'],
    );
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [[1, 2], [3]],
    );
    assert.deepEqual(
      r.footnotes.map(f => f.source.title),
      [
        'Mineral Commodity Summaries 2026: Copper',
        'Adjusting Imports of Copper into the United States',
        'Section 232 National Security Tariffs on Copper Imports',
      ],
    );
    noChrome(r);
    notesLinked(r, warnings);
  });

  test('an Endnotes list with plain <sup>n</sup> markers; JSON-LD NewsArticle date keeps the day as published', async () => {
    const { report: r, warnings } = await readHtml(fixture('endnotes-list.html'), 'endnotes-list.html');
    assert.equal(r.title, 'Reko Diq and the Balochistan Economy');
    assert.equal(r.date, '2025-02-11');
    assert.deepEqual(r.authors, ['Sana Mir', 'David Cole']);
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Revenue for the province'],
    );
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [
        [1, 2],
        [3, 4],
      ],
    );
    assert.deepEqual(
      r.footnotes.map(f => f.n),
      [1, 2, 3, 4],
    );
    assert.equal(r.footnotes[1].refersTo, 1);
    assert.equal(r.footnotes[2].source.container, 'Express Tribune');
    noChrome(r);
    notesLinked(r, warnings);
  });

  test('<aside> side notes next to their paragraphs (Defuddle alone would drop them)', async () => {
    const { report: r, warnings } = await readHtml(fixture('aside-notes.html'), 'aside-notes.html');
    assert.equal(r.title, 'Tariffs on Textiles');
    assert.deepEqual(r.authors, ['Madiha Afzal']);
    assert.deepEqual(
      paras(r).map(p => [p.text, p.footnotes]),
      [
        [
          "Pakistan faces a reciprocal tariff rate of 29 percent, while Bangladesh faces 39 percent. Textiles are 60 percent of Pakistan's exports to the United States.",
          [1, 2],
        ],
        ['Talks on a trade deal began in May 2025 and covered tariffs on about US$5 billion of exports.', [3]],
      ],
    );
    assert.deepEqual(
      r.footnotes.map(f => f.text),
      [
        'White House, “Regulating Imports with a Reciprocal Tariff,” April 2, 2025, https://www.whitehouse.gov/presidential-actions/2025/04/regulating-imports/.',
        'Pakistan Bureau of Statistics, “External Trade Statistics 2024,” 2025.',
        'Ibid.',
      ],
    );
    noChrome(r);
    notesLinked(r, warnings);
  });

  test('a page that cites by links gets numbered link sources, as a web capture does', async () => {
    const html = `<!doctype html><html><head><title>Copper Brief</title></head><body><nav><a href="/">Home</a></nav><article><h1>Copper Brief</h1>
      <p>The United States imposed <a href="https://www.federalregister.gov/documents/2025/08/05/2025-14893/copper">50% tariffs</a> on copper in August 2025, after a long investigation by the Commerce Department into imports.</p>
      <p>Analysts at <a href="https://www.csis.org/analysis/rethinking-copper-tariffs">CSIS</a> warned that costs could rise for manufacturers, and the <a href="https://www.federalregister.gov/documents/2025/08/05/2025-14893/copper">proclamation</a> left refined copper out.</p>
      </article></body></html>`;
    const { report: r } = await readHtml(html, 'copper.html');
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.kind, f.source.container, f.citedBy]),
      [
        [1, 'link', 'federalregister.gov', ['p1', 'p2']],
        [2, 'link', 'csis.org', ['p2']],
      ],
    );
  });
});

describe('Word files (.docx) through mammoth', () => {
  const makeDocx = async (): Promise<Uint8Array> => {
    const doc = new WordDocument({
      title: 'Dams and Storage on the Indus',
      creator: 'Omar Khan',
      footnotes: {
        1: { children: [new Paragraph('World Bank, “Indus Basin Water Security,” 2023, https://www.worldbank.org/indus.')] },
        2: { children: [new Paragraph('Ayesha Siddiqa, “Dams and Delays,” Dawn, March 3, 2022.')] },
      },
      endnotes: { 1: { children: [new Paragraph('Planning Commission, “Water Sector Plan,” 2024.')] } },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Dams and Storage on the Indus', heading: HeadingLevel.TITLE }),
            new Paragraph({
              children: [
                new TextRun('The basin supports over 200 million people.'),
                new FootnoteReferenceRun(1),
                new TextRun(' Dams hold about 30 days of flow.'),
                new FootnoteReferenceRun(2),
              ],
            }),
            new Paragraph({ text: 'Options', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ children: [new TextRun('A new dam would cost US$14 billion.'), new EndnoteReferenceRun(1)] }),
          ],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  };

  test('title and author from the document, Heading 1 as a section, footnotes then endnotes as notes 1–3', async () => {
    const { report: r, warnings, markdown } = await readDocx(await makeDocx(), 'indus.docx');
    // the Markdown `dossier import` writes: front matter, the title, [^n] markers and definitions
    assert.match(
      markdown,
      /^---\ntitle: "Dams and Storage on the Indus"\nauthors: \["Omar Khan"\]\n---\n\n# Dams and Storage on the Indus\n/,
    );
    assert.match(markdown, /^\[\^3\]: Planning Commission, “Water Sector Plan,” 2024\.$/m);
    assert.equal(r.title, 'Dams and Storage on the Indus');
    assert.deepEqual(r.authors, ['Omar Khan']);
    assert.equal(r.date, undefined);
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'Options'],
    );
    assert.deepEqual(
      paras(r).map(p => [p.text, p.footnotes]),
      [
        ['The basin supports over 200 million people. Dams hold about 30 days of flow.', [1, 2]],
        ['A new dam would cost US$14 billion.', [3]],
      ],
    );
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.text, f.citedBy]),
      [
        [1, 'World Bank, “Indus Basin Water Security,” 2023, https://www.worldbank.org/indus.', ['p1']],
        [2, 'Ayesha Siddiqa, “Dams and Delays,” Dawn, March 3, 2022.', ['p1']],
        [3, 'Planning Commission, “Water Sector Plan,” 2024.', ['p2']],
      ],
    );
    notesLinked(r, warnings);
  });

  test('the dossier loads .html and .docx reports from a folder once the readers are registered', async () => {
    const dossier = createDossier({
      source: memorySource({
        '/ws/reports/indus.docx': await makeDocx(),
        '/ws/reports/aside-notes.html': fixture('aside-notes.html'),
        '/ws/reports/notes.txt.bak': 'x',
      }),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      settings: { bundledReports: [], reports: ['reports'], baseFolder: '/ws' },
    });
    for (const reader of webReaders) dossier.readers.register(reader);
    const loaded = await dossier.load();
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(
      loaded.reports.map(r => [r.format, r.report.title, r.report.footnotes.length]),
      [
        ['html', 'Tariffs on Textiles', 3],
        ['docx', 'Dams and Storage on the Indus', 3],
      ],
    );
  });
});

describe('dossier import of a saved page', () => {
  test('writes page.md with front matter and [^n] notes, which reads back to the same report', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-import-web-'));
    try {
      const said: string[] = [];
      const io = { out: (t: string) => said.push(t), err: (t: string) => said.push(t) };
      assert.equal(await importCommand.run(['test/fixtures/web/wordpress-ftn.html', '--out', out], io), 0, said.join('\n'));
      const file = path.join(out, 'wordpress-ftn.md');
      assert.deepEqual(said, [`test/fixtures/web/wordpress-ftn.html → ${file}`]);
      const text = fs.readFileSync(file, 'utf8');
      assert.match(
        text,
        /^---\ntitle: "The Copper Question"\ndate: "2025-09-30"\nauthors: \["Lena Park"\]\npublisher: "Policy Blog"\n---\n/,
      );
      assert.match(text, /semi-finished products\.\[\^2\]/);
      assert.match(text, /^\[\^3\]: Kyla H\. Kitamura, “Section 232 National Security Tariffs on Copper Imports,”/m);
      const back = parseReportWithSpans(text, { source: 'wordpress-ftn.md' }).report;
      const page = (await readHtml(fixture('wordpress-ftn.html'), 'wordpress-ftn.html')).report;
      assert.deepEqual(
        [back.title, back.date, back.authors, back.sections.map(s => s.title), back.footnotes.map(f => [f.text, f.citedBy])],
        [page.title, page.date, page.authors, page.sections.map(s => s.title), page.footnotes.map(f => [f.text, f.citedBy])],
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('bad pages and files: one clear message, no markup from the page', () => {
  test('empty, markup-free, note-less and broken inputs', async () => {
    await assert.rejects(readHtml(new Uint8Array(), 'empty.html'), (e: Error) => e instanceof ReportError && /empty/.test(e.message));
    await assert.rejects(
      readHtml('just words, no markup', 'plain.html'),
      (e: Error) => e instanceof ReportError && /no HTML markup/.test(e.message),
    );
    await assert.rejects(
      readHtml('<html><body><nav><a href="/">Home</a></nav></body></html>', 'nav.html'),
      (e: Error) => e instanceof ReportError && /No paragraphs/.test(e.message),
    );
    await assert.rejects(
      readDocx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.docx'),
      (e: Error) => e instanceof ReportError && /not a Word document Dossier can read/.test(e.message),
    );
    assert.throws(() => decodeHtml(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x3c])), /not valid UTF-8 text/);
    assert.equal(
      decodeHtml(new Uint8Array([...Buffer.from('<meta charset="windows-1252"><p>caf'), 0xe9])),
      '<meta charset="windows-1252"><p>café',
    );
  });

  test('scripts, event handlers and injected markup never reach the report text', async () => {
    const html = `<!doctype html><html><head><title>Hostile &lt;img src=x onerror=alert(1)&gt;</title><script>document.write('<p>injected</p>')</script></head>
      <body><article><h1>Hostile page</h1><p onclick="alert(1)">Exports rose to US$5 million in 2024, according to the ministry, and imports fell.<script>alert(2)</script><img src=x onerror="alert(3)"></p>
      <p>A second paragraph mentions <a href="javascript:alert(4)">a link</a> and <a href="command:workbench.action.terminal.new">a command</a> in its text.</p></article></body></html>`;
    const { report: r } = await readHtml(html, 'hostile.html');
    for (const p of paras(r)) assert.doesNotMatch(p.text, /<|alert|injected|onerror/);
    assert.ok(r.footnotes.every(f => !/javascript:|command:/.test(f.source.url ?? '')));
  });
});
