/**
 * The fact-check on what a number is about: its own noun phrase, its unit and time frame, the citation that
 * points at it, and what is not the analyst's claim at all (alt text, link text, charts, Dossier's output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createNoteChecker, locatorPages, type CheckFinding } from '../../src/core/check';
import { amountScopes } from '../../src/core/amountScopes';
import { findQuantities } from '../../src/core/quantities';
import { timeFrames } from '../../src/core/timeFrames';
import { Library } from '../../src/core/library';
import type { Figure, Report } from '../../src/core/model';
import { parseReport } from '../../src/core/parse';
import { loadGold } from '../../eval/gold';
import { assertLinear } from './linear';

const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});
const checker = createNoteChecker(new Library([seed]));

/** [code, text of the finding, replacement] for each finding of `text` but dangling-key ones. */
function found(text: string, check = checker): [string, string, string | undefined][] {
  return check
    .check(text)
    .filter(f => f.code === 'contradicts-report' || f.code === 'wrong-locator')
    .map(f => [f.code, text.slice(f.start, f.end), f.replacement]);
}

// ---- What is not the analyst's claim ------------------------------------------------------------------

test('image alt text, link text, comments, chart blocks and front matter are not checked', () => {
  const wrong = 'The textile industry makes up 67 percent of Pakistan’s total exports to the U.S.';
  assert.deepEqual(found(wrong), [['contradicts-report', '67 percent', '77 percent']], 'the control is flagged');
  for (const text of [
    // the image link Export as SVG inserts: its alt text is the chart's title
    '![Reciprocal tariffs on two textile competitors: 67 percent of Pakistan’s total exports to the U.S.](charts/tariffs.svg)',
    `See [the textile industry at 67 percent of Pakistan’s total exports to the U.S.](https://example.org/textiles).`,
    `<!-- ${wrong} -->`,
    ['```dossier-chart', `title: ${wrong}`, '```'].join('\n'),
    ['---', `summary: ${wrong}`, '---', '', 'Body.'].join('\n'),
  ])
    assert.deepEqual(found(text), [], text);
});

test('Dossier’s exported chart link under a claim: the claim is checked, the link is not', () => {
  const text = [
    'Vietnam faces 46 percent and Bangladesh 39 percent, three key textile competitors.',
    '',
    '![Reciprocal tariff rates: two textile competitors at 64 and 93 percent](charts/rates.svg)',
  ].join('\n');
  assert.deepEqual(found(text), []);
});

// ---- Time frames ---------------------------------------------------------------------------------------

test('a number of another year is no contradiction; of the same time frame it is', () => {
  // the report (May 2025): "over 600 attacks against Pakistan last year"
  assert.deepEqual(found('In 2023 the TTP carried out over 300 attacks against Pakistan.'), []);
  assert.deepEqual(found('The TTP carried out over 300 attacks against Pakistan in the third quarter of 2024.'), []);
  assert.deepEqual(found('The TTP carried out over 300 attacks against Pakistan in 2024.'), [
    ['contradicts-report', 'over 300 attacks', undefined],
  ]);
  assert.deepEqual(found('The TTP carried out over 300 attacks against Pakistan last year.'), [
    ['contradicts-report', 'over 300 attacks', undefined],
  ]);
});

test('time frames: years, quarters, fiscal years, relative years; not amounts or laws', () => {
  const frames = (text: string, year?: number) => [...timeFrames(text, year)];
  assert.deepEqual(frames('In 2023 the TTP carried out over 300 attacks'), ['2023']);
  assert.deepEqual(frames('over 600 attacks against Pakistan last year', 2025), ['last year', '2024']);
  assert.deepEqual(frames('over 600 attacks last year'), ['last year']);
  assert.deepEqual(frames('in the third quarter of 2024, Q1 2025 and FY2024'), ['2024Q3', '2025Q1', 'FY2024']);
  assert.deepEqual(frames('under the Trade Act of 1974 in 2025'), ['2025']);
  assert.deepEqual(frames('$2025 million, 2025% and 2,025 and 2025.5 and S-2025'), []);
  assert.deepEqual(frames('between 1999 and 2024'), ['1999', '2024']);
});

// ---- Each number its own noun phrase -------------------------------------------------------------------

test('two figures in one sentence: each number is checked against its own noun phrase', () => {
  assert.deepEqual(found('Vietnam faces a 46 percent rate, and Bangladesh a 39 percent rate.'), []);
  assert.deepEqual(found('Vietnam faces a 46 percent rate, and Bangladesh a 37 percent rate.'), [
    ['contradicts-report', '37 percent', '39 percent'],
  ]);
  assert.deepEqual(found('Bangladesh faces 39 percent and Vietnam 64 percent.'), [['contradicts-report', '64 percent', '46 percent']]);
});

test('"exports rose 12% while imports fell 3%": 12% is about exports, 3% about imports', () => {
  const report = handMade([
    figure('x', '12%', 12, 'exports', 'Exports rose 12% in 2024.'),
    figure('m', '5%', 5, 'imports', 'Imports fell 5% in 2024, the report finds.'),
  ]);
  const check = createNoteChecker(new Library([report]));
  const findings = check.check('In 2024 exports rose 12% while imports fell 3%.').filter(f => f.code === 'contradicts-report');
  assert.deepEqual(
    findings.map(f => f.figure?.figureId),
    ['m'],
  );
  // 3% belongs to imports: with no imports figure, it is not compared with the exports one
  const exportsOnly = createNoteChecker(new Library([handMade([report.figures[0]!])]));
  assert.deepEqual(found('In 2024 exports rose 12% while imports fell 3%.', exportsOnly), []);
});

test('amount scopes: the sentence divides at its clause breaks between amounts', () => {
  const scopes = (text: string) => amountScopes(text, findQuantities(text), 0, text.length).map(s => text.slice(s.from, s.to).trim());
  assert.deepEqual(scopes('Exports rose 12% while imports fell 3%.'), ['Exports rose 12%', 'while imports fell 3%.']);
  assert.deepEqual(scopes('Vietnam faces a 46 percent rate, and Bangladesh a 37 percent rate.'), [
    'Vietnam faces a 46 percent rate',
    ', and Bangladesh a 37 percent rate.',
  ]);
  assert.deepEqual(scopes('Imports grew from $198.2 billion in 2006 to $534.8 billion in 2025.'), [
    'Imports grew from $198.2 billion in 2006',
    'to $534.8 billion in 2025.',
  ]);
});

test('the other amounts of a sentence point at the report sentence that states them too', () => {
  const sentence = 'EPA estimated the facilities subject to the charge would decrease from 2,112 facilities to 364 facilities.';
  const report = handMade([
    figure('all', '2,112 facilities', 2112, 'facilities', sentence),
    figure('left', '364 facilities', 364, 'facilities', sentence),
    figure('offshore', '20 facilities', 20, 'facilities subject to the charge', 'The charge would still apply to 20 facilities offshore.'),
    figure(
      'onshore',
      '459 facilities',
      459,
      'onshore facilities subject to the charge',
      'Onshore facilities subject to the charge were 459.',
    ),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('The facilities subject to the charge fall from 2,112 facilities to 364 facilities.', check), []);
  const findings = check.check('The facilities subject to the charge fall from 2,112 facilities to 463 facilities.');
  assert.deepEqual(
    findings.map(f => [f.figure?.figureId, f.replacement]),
    [['left', '364 facilities']],
  );
});

test('a closing parenthesis ends the aside its amount stands in: "… 20% from Canada) and $9.0 billion"', () => {
  const text = 'imported $7.2 billion of copper (25% from the EU and 20% from Canada) and $9.0 billion of derivatives.';
  const scopes = amountScopes(text, findQuantities(text), 0, text.length).map(s => text.slice(s.from, s.to).trim());
  assert.deepEqual(scopes, [
    'imported $7.2 billion of copper',
    '(25% from the EU',
    'and 20% from Canada)',
    'and $9.0 billion of derivatives.',
  ]);
});

test('"about" is as loose as the number’s last stated digit: about $89 billion is not the report’s about $98 billion', () => {
  const report = handMade([
    figure(
      'tvl',
      '$98 billion',
      98e9,
      'total value locked in defi protocols',
      'Total value locked in defi protocols is about $98 billion.',
      {
        qualifier: 'about',
      },
    ),
  ]);
  const check = createNoteChecker(new Library([report]));
  for (const close of ['about $97 billion', 'about $100 billion', 'roughly $95 billion', '$98 billion'])
    assert.deepEqual(found(`Total value locked in defi protocols is ${close}.`, check), [], close);
  assert.deepEqual(found('Total value locked in defi protocols is about $89 billion.', check), [
    ['contradicts-report', 'about $89 billion', 'about $98 billion'],
  ]);
  assert.deepEqual(
    found('Total value locked in defi protocols is about $80 billion.', check).map(f => f[1]),
    ['about $80 billion'],
  );
});

test('a threshold misstated is flagged though both allow the same values: "at least 80%" for "at least 90%"', () => {
  const report = handMade([
    figure('index', '90%', 90, 'share of the index in U.S. companies', 'At least 90% of the index must be in U.S. companies.', {
      qualifier: 'at least',
    }),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('At least 90% of the index must be in U.S. companies.', check), []);
  // a description, not the rule's threshold: "more than 85%" says no less than the report
  assert.deepEqual(found('More than 85% of the index is in U.S. companies.', check), []);
  assert.deepEqual(found('At least 80% of the index must be in U.S. companies.', check), [
    ['contradicts-report', 'At least 80%', 'At least 90%'],
  ]);
});

test('words of another amount’s part of a figure’s sentence say little of it: 85% is checked against the 95% threshold', () => {
  const sentence =
    'Derivative products pay 25% on their full value (10% if at least 95% of the copper, steel, and aluminum in the product is U.S.-sourced).';
  const report = handMade([
    figure('full', '25%', 25, 'tariff on the full value of derivative products', sentence),
    figure('reduced', '10%', 10, 'reduced tariff on derivative products', sentence),
    figure('sourced', '95%', 95, 'share of copper, steel, and aluminum that is U.S.-sourced', sentence, { qualifier: 'at least' }),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(
    found(
      'Derivative products pay 25% on their full value, or 10% if at least 95% of the copper, steel and aluminum is U.S.-sourced.',
      check,
    ),
    [],
  );
  const findings = check
    .check('Derivative products pay 25% on their full value, or 10% if at least 85% of the copper, steel and aluminum is U.S.-sourced.')
    .filter(f => f.code === 'contradicts-report');
  assert.deepEqual(
    findings.map(f => f.figure?.figureId),
    ['sourced'],
  );
});

test('a count counts what the figure counts: "seven ISA exploration contracts" is not the report’s "three contracts for nodules"', () => {
  const report = handMade([
    figure(
      'isa',
      'five ISA exploration contracts',
      5,
      'China’s ISA exploration contracts',
      'Members point to China’s five ISA exploration contracts.',
    ),
    figure(
      'nodules',
      'three contracts',
      3,
      'China’s contracts for polymetallic nodules',
      'China holds three contracts for polymetallic nodules.',
      {
        paragraph: 'p2',
      },
    ),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('China holds five ISA exploration contracts.', check), []);
  const [f] = check.check('China holds seven ISA exploration contracts.').filter(f => f.code === 'contradicts-report');
  assert.equal(f?.figure?.figureId, 'isa');
  // 7 for 5 is no telltale slip: the report's figure is named, not written in
  assert.equal(f?.replacement, undefined);
  // the sentence's other amount takes the figure it states: the seven is not about the ISA's 17
  const withIssued = handMade([
    ...report.figures,
    figure(
      'issued',
      '17 exploration contracts',
      17,
      'ISA exploration contracts for polymetallic nodules',
      'The ISA has issued 17 exploration contracts for polymetallic nodules.',
      {
        paragraph: 'p3',
      },
    ),
  ]);
  const [g] = createNoteChecker(new Library([withIssued]))
    .check('The ISA has issued 17 exploration contracts for polymetallic nodules, and China holds seven ISA exploration contracts.')
    .filter(f => f.code === 'contradicts-report');
  assert.equal(g?.figure?.figureId, 'isa');
});

test('among equally plausible figures, one digit changed of five is the slip of the one it changes ($75,995 for $70,995)', () => {
  const sentence =
    'Trading for 1 Bitcoin closed at approximately $63,844 that day; on March 5, trading for 1 Bitcoin closed at approximately $70,995.';
  const report = handMade([
    figure('then', '$63,844', 63844, 'Bitcoin’s closing price', sentence, { qualifier: 'approximately' }),
    figure('march', '$70,995', 70995, 'Bitcoin’s closing price', sentence, { qualifier: 'approximately' }),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('On March 5, trading for 1 Bitcoin closed at approximately $70,995.', check), []);
  assert.deepEqual(found('On March 5, trading for 1 Bitcoin closed at approximately $75,995.', check), [
    ['contradicts-report', 'approximately $75,995', 'approximately $70,995'],
  ]);
});

// ---- Same unit, same order of size ---------------------------------------------------------------------

test('a number is compared only with figures of its unit and order of size', () => {
  // the report: "imposed a 29 percent reciprocal tariff on imports from Pakistan"
  assert.deepEqual(found('Washington raised the reciprocal tariff on imports from Pakistan by 92 percentage points.'), []);
  // money of another order of size measures something else, unless its digits slipped scale
  assert.deepEqual(found('The Trump administration has already suspended US$40 in multisector funding.'), []);
  assert.deepEqual(found('The Trump administration has already suspended US$845 billion in multisector funding.'), [
    ['contradicts-report', 'US$845 billion', 'US$0.845 billion'],
  ]);
});

// ---- Citation locators ---------------------------------------------------------------------------------

test('a locator that misses the cited figure is a warning with the right locator as its fix', () => {
  const text = 'The U.S. holds just over 16 percent of the votes at the IMF [@usPakistanFlux2025, para. 6].';
  const [f] = checker.check(text);
  assert.equal(f?.code, 'wrong-locator');
  assert.equal(f?.severity, 'warning');
  assert.equal(text.slice(f!.start, f!.end), 'para. 6');
  assert.equal(f?.replacement, 'para. 7');
  assert.match(f!.message, /just over 16 percent .* in ¶7/);
  // the right paragraph, a range holding it, or no figure of the report in the sentence: nothing to say
  assert.deepEqual(found(text.replace('para. 6', 'para. 7')), []);
  assert.deepEqual(found(text.replace('para. 6', 'paras. 6–8')), []);
  assert.deepEqual(found('The U.S. is the IMF’s largest shareholder [@usPakistanFlux2025, para. 6].'), []);
  // a range that misses: the fix writes the one paragraph
  assert.deepEqual(found(text.replace('para. 6', 'paras. 2–4')), [['wrong-locator', 'paras. 2–4', 'para. 7']]);
  // the analyst's way of writing it is kept
  assert.deepEqual(found(text.replace('para. 6', '¶ 6')), [['wrong-locator', '¶ 6', '¶ 7']]);
});

test('a page locator is checked against the figure’s page; several places are pointed out without a fix', () => {
  const report = handMade([
    figure('a', '41 million ounces', 41e6, 'gold deposits', 'Reko Diq holds gold deposits totaling 41 million ounces.', { page: 4 }),
    figure('b', '12 mines', 12, 'mines', 'There are 12 mines in the north.', { page: 2, paragraph: 'p2' }),
    figure('c', '12 mines', 12, 'mines', 'And 12 mines in the south.', { page: 3, paragraph: 'p3' }),
  ]);
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('Reko Diq holds 41 million ounces of gold [@flux2025, p. 4].', check), []);
  assert.deepEqual(found('Reko Diq holds 41 million ounces of gold [@flux2025, p. 9].', check), [['wrong-locator', 'p. 9', 'p. 4']]);
  // 12 mines is on pages 2 and 3: which one the analyst meant is a guess
  assert.deepEqual(found('There are 12 mines [@flux2025, p. 7].', check), [['wrong-locator', 'p. 7', undefined]]);
  assert.deepEqual(locatorPages('pp. 4–6'), [4, 5, 6]);
  assert.deepEqual(locatorPages('para. 4'), []);
});

// ---- Library independence ------------------------------------------------------------------------------

test('findings for a sentence do not change when unrelated reports join the library (every eval pair)', () => {
  // the web captures and Markdown (a PDF's pairs are its capture's; npm run eval checks them in a library of PDFs)
  const golds = loadGold().filter(g => !g.path.toLowerCase().endsWith('.pdf'));
  const reports = golds.map(g => parseReport(readFileSync(g.path, 'utf8'), { source: basename(g.path) }));
  const all = createNoteChecker(new Library(reports));
  const key = (findings: CheckFinding[]) =>
    findings
      .filter(f => f.code === 'contradicts-report')
      .map(f => `${f.start}-${f.end} ${f.figure?.figureId} ${f.replacement ?? ''}`)
      .join('|');
  golds.forEach((gold, i) => {
    const alone = createNoteChecker(new Library([reports[i]!]));
    for (const pair of gold.pairs)
      for (const sentence of [pair.true, pair.false]) assert.equal(key(all.check(sentence)), key(alone.check(sentence)), sentence);
  });
});

test('linear time: a sentence of many amounts and clause breaks, four times as long, about four times the work', () => {
  const note = (n: number) => 'In 2024 exports rose 12%, and imports fell 3% while tariffs (at 29 percent) held; '.repeat(n) + '.';
  assertLinear('fact-check of a sentence of many amounts', n => void checker.check(note(n)), 200);
});

// ---- helpers -------------------------------------------------------------------------------------------

function figure(id: string, text: string, value: number, subject: string, sentence: string, extra: Partial<Figure> = {}): Figure {
  const unit = findQuantities(text)[0]?.unit ?? 'count';
  return { id, text, value, unit, subject, sentence, paragraph: 'p1', footnotes: [], ...extra };
}

function handMade(figures: Figure[]): Report {
  return {
    id: 'flux',
    key: 'flux2025',
    title: 'Flux',
    authors: [],
    date: '2025-05-19',
    sections: [
      {
        id: 's1',
        title: 'Introduction',
        paragraphs: ['p1', 'p2', 'p3'].map(id => ({ id, text: '…', footnotes: [] })),
      },
    ],
    footnotes: [],
    figures,
  };
}

test('a rate is checked only against a rate of the same period; a period said on one side only still counts', () => {
  const report = parseReport(
    '# Canal\n\n## Traffic\n\nAbout 130 ships transit the canal per day, and tolls earn the canal authority $5 billion a year.\n',
    {
      source: 'canal.md',
    },
  );
  const check = createNoteChecker(new Library([report]));
  assert.deepEqual(found('Tolls earn the canal authority $6 billion a year.', check), [['contradicts-report', '$6 billion', '$5 billion']]);
  assert.deepEqual(found('Tolls earn the canal authority $6 billion a day.', check), []);
  assert.deepEqual(found('Tolls earn the canal authority $6 billion.', check), [['contradicts-report', '$6 billion', '$5 billion']]);
});
