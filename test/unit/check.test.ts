import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closestKeys, looksLikeSlip, createNoteChecker, contentWords, type CheckFinding } from '../../src/core/check';
import { analyseNote } from '../../src/core/note';
import { Library } from '../../src/core/library';
import type { Figure, Report } from '../../src/core/model';
import { parseReport } from '../../src/core/parse';
import { applyEdits } from '../../src/core/footnotes';
import { checkCommand } from '../../src/cli/check';
import { assertLinear } from './linear';

// ---- A small hand-made report, so the rules are tested independently of figure extraction -------------

function figure(
  id: string,
  text: string,
  value: number,
  unit: string,
  subject: string,
  sentence: string,
  extra: Partial<Figure> = {},
): Figure {
  return { id, text, value, unit, subject, sentence, paragraph: 'p1', footnotes: [1], ...extra };
}

const handMade: Report = {
  id: 'flux',
  key: 'flux2025',
  title: 'Flux',
  authors: [],
  date: '2025-05-19',
  sections: [{ id: 's1', title: 'Introduction', paragraphs: [{ id: 'p1', text: '…', footnotes: [1] }] }],
  footnotes: [
    {
      n: 1,
      key: 'profit2025',
      text: 'Profit.',
      source: { authors: [], title: 'US suspends aid', container: 'Profit', date: '2025-02-04' },
      citedBy: ['p1'],
    },
  ],
  figures: [
    figure(
      'f1',
      'US$845 million',
      845e6,
      'USD',
      'multisector funding suspended by the Trump administration',
      'The Trump administration has already suspended US$845 million in multisector funding.',
    ),
    figure(
      'f2',
      '29 percent',
      29,
      'percent',
      'reciprocal tariff on imports from Pakistan',
      'In early April 2025, Washington imposed a 29 percent reciprocal tariff on imports from Pakistan.',
    ),
    figure(
      'f3',
      '39 percent',
      39,
      'percent',
      'reciprocal tariff rate on Bangladesh',
      'Pakistan also faces a much lower reciprocal tariff rate compared to China, Bangladesh (at 39 percent) and Vietnam (at 46 percent).',
    ),
    figure(
      'f4',
      '46 percent',
      46,
      'percent',
      'reciprocal tariff rate on Vietnam',
      'Pakistan also faces a much lower reciprocal tariff rate compared to China, Bangladesh (at 39 percent) and Vietnam (at 46 percent).',
    ),
    figure(
      'f5',
      '77 percent',
      77,
      'percent',
      'share of textiles in Pakistan\u2019s total exports to the U.S.',
      'The textile industry, which makes up 77 percent of Pakistan\u2019s total exports to the U.S., is a backbone of the national economy.',
    ),
    figure(
      'f6',
      '8.5 percent',
      8.5,
      'percent',
      'textile industry contribution to Pakistan\u2019s GDP',
      'The textile industry contributes 8.5 percent to Pakistan\u2019s GDP.',
    ),
    figure(
      'f7',
      'US$600 million',
      600e6,
      'USD',
      'value of the surgical and medical equipment industry',
      'Pakistan\u2019s surgical and medical equipment industry is valued at over US$600 million.',
      { qualifier: 'over' },
    ),
    figure(
      'f8',
      '600 attacks',
      600,
      'count',
      'attacks against Pakistan by the TTP last year',
      'The TTP carried out over 600 attacks against Pakistan last year.',
      { qualifier: 'over' },
    ),
    figure(
      'f9',
      'three percent',
      3,
      'percent',
      'mining contribution to Pakistan\u2019s GDP',
      'Presently that contribution to GDP stands at about three percent.',
      { qualifier: 'about' },
    ),
  ],
};
const checker = createNoteChecker(new Library([handMade]));
const contradictions = (text: string) => checker.check(text).filter(f => f.code === 'contradicts-report');
const flagged = (text: string) => contradictions(text).map(f => text.slice(f.start, f.end));

test('a wrong amount about the same thing is flagged, with the report’s value as the fix', () => {
  const text = 'In February the U.S. suspended US$854 million in aid to Pakistan’s multisector funding.';
  const [finding] = contradictions(text);
  assert.equal(text.slice(finding.start, finding.end), 'US$854 million');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.replacement, 'US$845 million');
  assert.equal(finding.figure?.figureId, 'f1');
  assert.deepEqual(finding.cite, { key: 'profit2025' });
  assert.match(finding.message, /US\$845 million/);
});

test('wrong figures in many phrasings', () => {
  assert.deepEqual(flagged('Washington slapped a 92 percent tariff on Pakistan.'), ['92 percent']);
  assert.deepEqual(flagged('A 92% reciprocal tariff now applies to imports from Pakistan.'), ['92%']);
  assert.deepEqual(flagged('Textiles are 67 percent of Pakistan’s exports to the U.S.'), ['67 percent']);
  assert.deepEqual(flagged('The administration suspended $0.9 billion in multisector funding.'), ['$0.9 billion']);
  assert.deepEqual(flagged('The TTP carried out 500 attacks against Pakistan last year.'), ['500 attacks']);
});

test('the fix keeps the note’s way of writing numbers', () => {
  const fix = (text: string) => contradictions(text)[0]?.replacement;
  assert.equal(fix('A 92% reciprocal tariff on imports from Pakistan.'), '29%');
  assert.equal(fix('The U.S. suspended US$854m in multisector funding.'), 'US$845m');
  assert.equal(fix('The U.S. suspended $0.9 billion in multisector funding.'), '$0.845 billion');
  assert.equal(fix('The TTP carried out 500 attacks against Pakistan last year.'), 'over 600 attacks');
  assert.equal(fix('Washington imposed a ninety-two percent reciprocal tariff on imports from Pakistan.'), '29 percent');
  // The whole amount, qualifier included, is replaced.
  const text = 'The U.S. suspended over US$900 million in multisector funding.';
  const [f] = contradictions(text);
  assert.equal(text.slice(f.start, f.end), 'over US$900 million');
  assert.equal(
    applyEdits(text, [{ start: f.start, end: f.end, newText: f.replacement! }]),
    'The U.S. suspended US$845 million in multisector funding.',
  );
});

test('correct figures are never flagged, however they are written', () => {
  for (const text of [
    'The U.S. suspended US$845 million in multisector funding.',
    'The U.S. suspended $845m in multisector funding.',
    'The U.S. suspended 845 million dollars in multisector funding.',
    'Washington imposed a 29 percent reciprocal tariff on imports from Pakistan.',
    'A 29% tariff on Pakistan.',
    'Bangladesh faces a 39 percent reciprocal tariff and Vietnam 46 percent.',
    'Textiles make up 77 percent of Pakistan’s exports to the U.S. and contribute 8.5 percent of GDP.',
    'The medical equipment industry is valued at over US$600 million.',
    'The medical equipment industry is valued at US$600 million.',
    'The medical equipment industry is worth more than US$500 million.',
    'The TTP carried out over 600 attacks against Pakistan last year.',
    'The TTP carried out more than 550 attacks against Pakistan.',
    'Mining contributes about three percent of GDP.',
    'Mining contributes roughly 3% of Pakistan’s GDP.',
    'Mining contributes 3 percent of GDP.',
    'The U.S. suspended about US$850 million in multisector funding.',
    'The U.S. suspended US$850 million in multisector funding.',
  ])
    assert.deepEqual(flagged(text), [], text);
});

test('numbers about other things are left alone', () => {
  for (const text of [
    'Our team of 3 analysts met 92 percent of deadlines.',
    'Inflation in Pakistan fell to 12 percent.',
    'We spent US$854 million on office furniture.',
    'The memo runs to 600 words.',
    'Turnout was 67 percent.',
  ])
    assert.deepEqual(flagged(text), [], text);
});

test('one shared word only questions numbers that look like a slip of the report’s', () => {
  assert.deepEqual(flagged('The memo reports US$123 million in hostile funding.'), []);
  assert.deepEqual(flagged('The memo reports US$854 million in suspended funding.'), ['US$854 million']);
  assert.ok(looksLikeSlip(854e6, 845e6) && looksLikeSlip(92, 29) && looksLikeSlip(67, 77) && looksLikeSlip(500, 600));
  assert.ok(!looksLikeSlip(123e6, 845e6) && !looksLikeSlip(3, 77));
});

test('numbers in code, links, citations and footnote definitions are not claims', () => {
  const text = [
    '`a 92 percent tariff on Pakistan`',
    '```',
    'Washington imposed a 92 percent reciprocal tariff on imports from Pakistan.',
    '```',
    '[link](https://example.org/92-percent-tariff-pakistan)',
    '[@flux2025, para. 92]',
    '[^1]: Washington imposed a 92 percent reciprocal tariff on imports from Pakistan.',
    '',
    'Text.[^1]',
  ].join('\n');
  assert.deepEqual(flagged(text), []);
});

test('dangling citation keys and footnote markers are errors; unused definitions information', () => {
  const text = 'See [@profit2025; @nosuchkey2025, para. 3] and [@flux2025].[^a] [^b]\n\n[^a]: A.\n[^c]: Unused.\n';
  const findings = checker.check(text).map((f: CheckFinding) => [f.severity, f.code, text.slice(f.start, f.end)]);
  assert.deepEqual(findings, [
    ['error', 'unknown-citation', '@nosuchkey2025'],
    ['error', 'unknown-footnote', '[^b]'],
    ['information', 'unused-footnote', '[^c]'],
  ]);
});

test('a mistyped key suggests the closest keys', () => {
  const [finding] = checker.check('As reported [@profit2024].');
  assert.equal(finding.code, 'unknown-citation');
  assert.deepEqual(finding.suggestions, ['profit2025']);
  assert.match(finding.message, /Did you mean @profit2025\?/);
  assert.deepEqual(checker.check('[@nosuchkey2025]')[0].suggestions, []);
  assert.deepEqual(closestKeys(['afzal2025', 'abbas2025', 'syed2025'], 'Afzal2025'), ['afzal2025']);
});

test('citation keys: pandoc syntax, not emails', () => {
  assert.deepEqual(
    analyseNote('[see @a-b:c, p. 3; -@d.] mail [me@x.org] `[@code]`').keys.map(k => k.key),
    ['a-b:c', 'd'],
  );
});

test('content words are stemmed so tariffs/tariff and suspended/suspends meet', () => {
  assert.deepEqual(contentWords('Tariffs suspended'), contentWords('tariff suspends'));
});

test('a 5,000-line note: every wrong number found, and twice the note takes about twice the time', () => {
  // Five lines per paragraph, three numbers in it (one wrong), a citation and a footnote marker.
  const paragraph =
    [
      'The U.S. suspended US$854 million in multisector funding, and the analysts expect',
      'a 29 percent tariff to apply to imports from Pakistan for some time [@profit2025].',
      'Turnout was 67 percent in the by-election, which the memo does not discuss further.[^1]',
      'Officials met in Islamabad and in Washington to prepare the next round of talks.',
      '',
    ].join('\n') + '\n';
  const note = (paragraphs: number) => paragraph.repeat(paragraphs) + '\n[^1]: Note.\n';
  assert.equal(note(1000).split('\n').length, 5003);
  assert.equal(checker.check(note(1000)).filter(f => f.code === 'contradicts-report').length, 1000);
  assertLinear('fact-check', n => checker.check(note(n)), 250, 2000);
});

// ---- The bundled report and the fixture memo ---------------------------------------------------------

const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});

test('the fixture memo: exactly the wrong numbers, the wrong locator, the dangling key and the unused note', () => {
  const memo = readFileSync('test/fixtures/workspace/memo.md', 'utf8');
  const findings = createNoteChecker(new Library([seed])).check(memo);
  assert.deepEqual(
    findings.map(f => [f.severity, f.code, memo.slice(f.start, f.end), f.replacement]),
    [
      ['warning', 'contradicts-report', 'US$854 million', 'US$845 million'],
      // "just over 16 percent of the votes at the IMF" is in ¶7
      ['warning', 'wrong-locator', 'para. 6', 'para. 7'],
      ['warning', 'contradicts-report', '92 percent', '29 percent'],
      ['warning', 'contradicts-report', '67 percent', '77 percent'],
      ['error', 'unknown-citation', '@nosuchkey2025', undefined],
      ['information', 'unused-footnote', '[^draft]', undefined],
    ],
  );
  const aid = findings[0];
  assert.deepEqual(aid.cite, { key: 'profit2025' });
});

test('the seed: many correct restatements of its figures are not flagged', () => {
  const check = createNoteChecker(new Library([seed]));
  for (const text of [
    'The U.S. holds just over 16 percent of the votes within the IMF.',
    'Mineral-rich areas cover 600,000 square kilometers.',
    'Reko Diq has copper resources in excess of 50 billion pounds and gold deposits of 41 million ounces.',
    'Mining could generate over US$74 billion in free cash flows over the next 37 years.',
    'China’s flagship US$62 billion China-Pakistan Economic Corridor runs through Balochistan.',
    'Washington wants bilateral trade with India to reach US$500 billion by 2030.',
    'Chinese firms signed contracts worth over US$435 million in April.',
    'Chinese firms signed deals worth US$435 million.',
    'Losses could top US$1 billion a year.',
    'A 10 percent tariff applies to everyone.',
    'GDP grew 2.5 percent in 2024.',
  ])
    assert.deepEqual(
      check
        .check(text)
        .filter(f => f.code === 'contradicts-report')
        .map(f => text.slice(f.start, f.end)),
      [],
      text,
    );
});

test('the seed: an analyst’s page of other numbers raises nothing', () => {
  const text = [
    '# Notes on the Pakistan brief',
    '',
    "Pakistan's economy grew 2.4 percent last fiscal year, and inflation fell to 4.1 percent in April.",
    'The IMF programme is worth US$7 billion over 37 months; the country has had 24 IMF programmes since 1958.',
    'Remittances reached US$38 billion, about 10 percent of GDP.',
    "The U.S. is Pakistan's largest export market, taking about 17 percent of its exports.",
    'Textile exports to the U.S. were worth US$5.2 billion last year.',
    'Our office has 12 staff, and the brief is due in 3 weeks.',
    "The reciprocal tariff on Pakistan is 29 percent, lower than Bangladesh's 39 percent.",
    'The administration suspended US$845 million in multisector funding in February.',
    'Sri Lanka faces a 44 percent tariff and Cambodia 49 percent.',
    'India faces 26 percent.',
    'The TTP killed more than 1,600 people in 2024.',
    'The CPEC portfolio has grown to about US$65 billion.',
    'China holds roughly 60 percent of global rare earth mining.',
    'Around 40 percent of Pakistanis live below the poverty line.',
    'The minerals sector employs about 300,000 workers.',
    'Saudi Arabia pledged US$5 billion in investment in minerals.',
    "Barrick owns 50 percent of Reko Diq; Pakistan's federal and provincial governments own the rest.",
    'The project will cost US$6.6 billion in its first phase.',
    'Exports to China total US$2.7 billion a year.',
  ].join('\n');
  const findings = createNoteChecker(new Library([seed]))
    .check(text)
    .filter(f => f.code === 'contradicts-report');
  assert.deepEqual(
    findings.map(f => text.slice(f.start, f.end)),
    [],
  );
});

test('the seed: a fix at another scale takes the report’s wording', () => {
  const text = 'Reko Diq holds 50 million pounds of copper.';
  const [finding] = createNoteChecker(new Library([seed])).check(text);
  assert.equal(finding.replacement, 'in excess of 50 billion pounds');
});

test('the report checked against itself: no contradictions', () => {
  const text = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
  const findings = createNoteChecker(new Library([seed]))
    .check(text)
    .filter(f => f.code === 'contradicts-report');
  assert.deepEqual(
    findings.map(f => text.slice(f.start, f.end)),
    [],
  );
});

test('the seed: wrong restatements are flagged', () => {
  const check = createNoteChecker(new Library([seed]));
  for (const [text, wrong] of [
    ['China’s flagship US$26 billion China-Pakistan Economic Corridor runs through Balochistan.', 'US$26 billion'],
    ['Reko Diq holds gold deposits totaling 14 million ounces.', '14 million ounces'],
    ['Mineral-rich areas cover 60,000 square kilometers.', '60,000 square kilometers'],
    ['Vietnam faces a 64 percent reciprocal tariff.', '64 percent'],
    ['The U.S. suspended US$854 million in aid.', 'US$854 million'],
    ['Trump imposed a 92 percent tariff on Pakistan.', '92 percent'],
    ['The IMF vote share of the U.S. is 61 percent.', '61 percent'],
    ['Pakistan has 19 known minerals.', '19 known minerals'],
    ['Mining could generate US$47 billion in free cash flows.', 'US$47 billion'],
    ['The medical equipment industry could grow by 18 percent.', '18 percent'],
    ['The administration froze US$548 million in multisector aid.', 'US$548 million'],
    ["Washington's tariff on Pakistani goods stands at 92%.", '92%'],
    ['Bangladesh faces a 93 percent tariff.', '93 percent'],
    ['Reko Diq holds 50 million pounds of copper.', '50 million pounds'],
    ['The TTP launched some 6,000 attacks on Pakistan last year.', 'some 6,000 attacks'],
    ['Trade with India is to reach US$50 billion by 2030.', 'US$50 billion'],
  ])
    assert.deepEqual(
      check
        .check(text)
        .filter(f => f.code === 'contradicts-report')
        .map(f => text.slice(f.start, f.end)),
      [wrong],
      text,
    );
});

// ---- The CLI ----------------------------------------------------------------------------------------

test('dossier check: exit 1 with one line per finding on the memo, 0 on a clean note, 2 on bad input', async () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await checkCommand.run(args, { out: t => out.push(t), err: t => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const memo = await run('test/fixtures/workspace/memo.md');
  assert.equal(memo.code, 1);
  assert.match(memo.out, /memo\.md:15:1: warning \[contradicts-report\] "US\$854 million" disagrees with the report/);
  assert.match(memo.out, /error \[unknown-citation\]/);
  const json = await run('test/fixtures/workspace/memo.md', '--json');
  assert.equal(JSON.parse(json.out).length, 6);
  const cleanNote = join(mkdtempSync(join(tmpdir(), 'dossier-check-')), 'clean.md');
  writeFileSync(cleanNote, 'Washington imposed a 29 percent reciprocal tariff on imports from Pakistan [@usPakistanFlux2025, para. 24].\n');
  const clean = await run(cleanNote);
  assert.equal(clean.code, 0, clean.out);
  assert.equal((await run('no/such/file.md')).code, 2);
  assert.equal((await run()).code, 2);
});

test('the shared edge-case note: the keys and definitions the note analysis reads, whatever the line ends', () => {
  const edgeCases = readFileSync('test/fixtures/workspace/edge-cases.md', 'utf8');
  // a library that knows none of the note's keys: every key the check reads is reported
  const knowsNone = createNoteChecker(new Library([{ ...handMade, key: 'unrelated2025', footnotes: [] }]));
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = edgeCases.replace(/\n/g, eol);
    const findings = knowsNone.check(text).map(f => [f.code, text.slice(f.start, f.end)]);
    // not the keys in front matter, code spans, fenced and indented blocks, escaped brackets or links; the
    // marker [^1] has its (indented) definition; [^2] is never referenced
    assert.deepEqual(
      findings,
      [
        ['unknown-citation', '@usPakistanFlux2025'],
        ['unknown-citation', '@profit2025'],
        ['unknown-citation', '@syed2025'],
        ['unused-footnote', '[^2]'],
      ],
      JSON.stringify(eol),
    );
  }
});

test('thousands of dangling markers are summed up, not listed one by one', () => {
  const text = 'A[^x] '.repeat(1500) + '\n\n' + '[^u]: Unused.\n'.repeat(1);
  const findings = checker.check(text).filter(f => f.code === 'unknown-footnote');
  assert.equal(findings.length, 1001);
  assert.equal(findings[1000]!.message, '500 more footnote markers without a definition from here on are not listed one by one.');
  assert.equal(findings[1000]!.start, text.indexOf('[^x]', 1000 * 6));
});

test('a note over the size limit is checked up to the limit, and says so', () => {
  const findings = checker.check('x'.repeat(2_000_000) + ' [@late]');
  assert.deepEqual(
    findings.map(f => [f.code, f.start]),
    [['note-too-long', 2_000_000]],
  );
});

test('right or silent: a wrong number that is no mistyping of the report’s is pointed out without a fix', () => {
  const text = 'The U.S. suspended $1.4 billion in multisector funding.';
  const [f] = contradictions(text);
  assert.equal(text.slice(f.start, f.end), '$1.4 billion');
  assert.equal(f.severity, 'information');
  assert.equal(f.replacement, undefined);
  // a mistyping (854/845) or a rounding ($0.9 billion) keeps its fix
  assert.equal(contradictions('The U.S. suspended US$854m in multisector funding.')[0].severity, 'warning');
});

test('"over 90%" elsewhere in the report does not let a 98% that should be 89% pass', () => {
  const report: Report = {
    ...handMade,
    id: 'mongolia',
    key: 'mongolia2025',
    figures: [
      figure('g1', '89%', 89, 'percent', 'share of Mongolian exports bought by China', 'China buys 89% of Mongolian exports.'),
      figure(
        'g2',
        '90%',
        90,
        'percent',
        'share of the world’s rare earths processed in China',
        'China processes over 90% of the world’s rare earths.',
        { qualifier: 'over' },
      ),
    ],
  };
  const check = createNoteChecker(new Library([report]));
  const found = (text: string) => check.check(text).filter(f => f.code === 'contradicts-report');
  assert.deepEqual(found('China buys 89% of Mongolian exports.'), []);
  const [f] = found('China buys 98% of Mongolian exports.');
  assert.equal(f?.figure?.figureId, 'g1');
  assert.equal(f?.replacement, '89%');
});
