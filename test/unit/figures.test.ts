import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  MAX_AMOUNTS_PER_PARAGRAPH,
  MAX_FIGURES_PER_REPORT,
  extractFigures,
  splitSentences,
  subjectBeyondText,
  whatItMeasures,
  type MarkedParagraph,
} from '../../src/core/figures';
import { parseReport, parseReportWithSpans } from '../../src/core/parse';
import type { Figure } from '../../src/core/model';
import { assertLinear } from './linear';

const SEED = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');

/** The seed's body paragraphs, built without the parser: blocks of prose before the notes, markers taken out. */
function seedParagraphs(): MarkedParagraph[] {
  const body = SEED.slice(0, SEED.search(/^\[1\] /m));
  const blocks = body
    .split(/\n\s*\n/)
    .map(b => b.trim())
    .filter(b => b.length > 80);
  return blocks.map((block, i) => marked(`p${i + 1}`, block));
}

function marked(id: string, raw: string): MarkedParagraph {
  const markers: { at: number; n: number }[] = [];
  let text = '';
  let last = 0;
  for (const m of raw.matchAll(/\[(\d+)\]/g)) {
    text += raw.slice(last, m.index);
    markers.push({ at: text.length, n: Number(m[1]) });
    last = m.index! + m[0].length;
  }
  text += raw.slice(last);
  return { id, text, markers };
}

interface Expected {
  text: string;
  value: number;
  unit: string;
  qualifier?: string;
  /** words the subject must contain */
  subject: string[];
  footnotes?: number[];
}

const EXPECTED: Expected[] = [
  { text: '16 percent', value: 16, unit: 'percent', qualifier: 'just over', subject: ['share of votes', 'IMF'] },
  {
    text: 'US$845 million',
    value: 845e6,
    unit: 'USD',
    subject: ['multisector funding', 'suspended', 'Trump administration'],
    footnotes: [4],
  },
  { text: '600 attacks', value: 600, unit: 'count', qualifier: 'over', subject: ['attacks', 'Pakistan'], footnotes: [7] },
  {
    text: 'four Afghan provinces',
    value: 4,
    unit: 'count',
    qualifier: 'at least',
    subject: ['Afghan provinces', 'training facilities'],
    footnotes: [7],
  },
  { text: 'US$500 billion', value: 500e9, unit: 'USD', subject: ['bilateral trade volume', '2030'], footnotes: [9] },
  { text: 'US$6 trillion', value: 6e12, unit: 'USD', subject: ['minerals industry'], footnotes: [12] },
  { text: 'three percent', value: 3, unit: 'percent', qualifier: 'about', subject: ['contribution', 'GDP'], footnotes: [12] },
  { text: 'US$74 billion', value: 74e9, unit: 'USD', qualifier: 'over', subject: ['free cash flows'], footnotes: [12] },
  { text: '37 years', value: 37, unit: 'years', subject: ['free cash flows'], footnotes: [12] },
  { text: '600,000 square kilometers', value: 600000, unit: 'km2', subject: ['Mineral-rich areas'] },
  { text: '90 known minerals', value: 90, unit: 'count', qualifier: 'over', subject: ['known minerals'] },
  { text: 'US$62 billion', value: 62e9, unit: 'USD', subject: ['China-Pakistan Economic Corridor'], footnotes: [15] },
  {
    text: '50 billion pounds',
    value: 50e9,
    unit: 'lb',
    qualifier: 'in excess of',
    subject: ['Reko Diq', 'copper resources'],
    footnotes: [16],
  },
  { text: '41 million ounces', value: 41e6, unit: 'oz', subject: ['gold deposits'], footnotes: [16] },
  { text: 'three years', value: 3, unit: 'years', qualifier: 'less than', subject: ['production'], footnotes: [16] },
  { text: 'two years', value: 2, unit: 'years', qualifier: 'nearly', subject: ['visit'], footnotes: [17] },
  { text: 'US$435 million', value: 435e6, unit: 'USD', qualifier: 'over', subject: ['Chinese', 'contracts'], footnotes: [18] },
  { text: '29 percent', value: 29, unit: 'percent', subject: ['reciprocal tariff', 'imports from Pakistan'], footnotes: [21] },
  { text: 'US$1 billion', value: 1e9, unit: 'USD', qualifier: 'over', subject: ['annual losses'], footnotes: [21] },
  { text: '77 percent', value: 77, unit: 'percent', subject: ['textile industry', 'share', 'exports'], footnotes: [23] },
  { text: '8.5 percent', value: 8.5, unit: 'percent', subject: ['textile industry', 'GDP'], footnotes: [23] },
  { text: '39 percent', value: 39, unit: 'percent', subject: ['reciprocal tariff rate', 'Bangladesh'], footnotes: [23] },
  { text: '46 percent', value: 46, unit: 'percent', subject: ['reciprocal tariff rate', 'Vietnam'], footnotes: [23] },
  { text: 'US$600 million', value: 600e6, unit: 'USD', qualifier: 'over', subject: ['medical equipment industry'], footnotes: [24] },
  { text: '8 percent', value: 8, unit: 'percent', qualifier: 'over', subject: ['medical equipment industry', 'growth'], footnotes: [24] },
];

function checkSeedFigures(figures: Figure[]): void {
  assert.equal(figures.length, 28);
  for (const expected of EXPECTED) {
    const figure = figures.find(f => f.text === expected.text);
    assert.ok(figure, `no figure "${expected.text}" among ${figures.map(f => f.text).join(' | ')}`);
    assert.equal(figure.value, expected.value, expected.text);
    assert.equal(figure.unit, expected.unit, expected.text);
    assert.equal(figure.qualifier, expected.qualifier, expected.text);
    for (const word of expected.subject) {
      assert.ok(figure.subject.includes(word), `subject of ${expected.text} is "${figure.subject}", lacks "${word}"`);
    }
    if (expected.footnotes) assert.deepEqual(figure.footnotes, expected.footnotes, `notes of ${expected.text}`);
  }
}

describe('extractFigures on the seed (paragraphs built by the test)', () => {
  const figures = extractFigures(seedParagraphs());

  test('28 figures, with the expected value, unit, qualifier, subject and notes', () => checkSeedFigures(figures));

  for (const expected of EXPECTED) {
    test(`${expected.qualifier ? expected.qualifier + ' ' : ''}${expected.text}`, () => {
      const figure = figures.find(f => f.text === expected.text);
      assert.ok(figure);
      assert.equal(figure.value, expected.value);
      assert.equal(figure.unit, expected.unit);
      assert.equal(figure.qualifier, expected.qualifier);
      for (const word of expected.subject) assert.ok(figure.subject.includes(word), `"${figure.subject}" lacks "${word}"`);
    });
  }

  test('ids are f1..fN in reading order', () => {
    assert.deepEqual(
      figures.map(f => f.id),
      figures.map((_, i) => `f${i + 1}`),
    );
    const paragraphs = seedParagraphs();
    const position = (f: Figure) =>
      paragraphs.findIndex(p => p.id === f.paragraph) * 1e6 + paragraphs.find(p => p.id === f.paragraph)!.text.indexOf(f.sentence);
    for (let i = 1; i < figures.length; i++) assert.ok(position(figures[i - 1]) <= position(figures[i]));
  });

  test('every sentence contains its figure and is a slice of its paragraph, without markers', () => {
    const paragraphs = new Map(seedParagraphs().map(p => [p.id, p.text]));
    for (const f of figures) {
      assert.ok(f.sentence.includes(f.text), `${f.id}: "${f.sentence}" lacks "${f.text}"`);
      assert.ok(paragraphs.get(f.paragraph)!.includes(f.sentence), `${f.id}: sentence not in its paragraph`);
      assert.doesNotMatch(f.sentence, /\[\d+\]/);
      assert.ok(f.subject.length > 0, `${f.id} has no subject`);
      assert.ok(!f.subject.includes(f.text), `${f.id}: subject "${f.subject}" repeats the figure`);
    }
  });

  test('sentences around "U.S." are not cut: the visit figure keeps "A U.S. Congressional delegation"', () => {
    const visit = figures.find(f => f.text === 'two years')!;
    assert.match(visit.sentence, /^A U\.S\. Congressional delegation/);
  });

  test('not figures: years, decades, ordinals, dates, names, vague amounts, compound adjectives', () => {
    const texts = figures.map(f => f.text);
    for (const not of [
      '2021',
      '1980s',
      '1990s',
      '22nd',
      '2030',
      '2008',
      '2025',
      'F-35',
      '35',
      '232',
      'hundreds',
      'two-day',
      'one',
      '37 deals',
    ]) {
      assert.ok(!texts.some(t => t === not || t.startsWith(`${not} `)), `"${not}" should not be a figure`);
    }
    assert.ok(!figures.some(f => f.unit === 'GBP'), 'no sterling in the seed: "hundreds of pounds" is vague and mass');
  });
});

describe('extractFigures on parseReport(seed)', () => {
  test('the parser hands the same key figures over', () => {
    const report = parseReport(SEED, { source: 'us-pakistan-relations-in-flux.txt' });
    checkSeedFigures(report.figures);
    const paragraphIds = new Set(report.sections.flatMap(s => s.paragraphs.map(p => p.id)));
    for (const f of report.figures) assert.ok(paragraphIds.has(f.paragraph), `${f.id} points at a missing paragraph`);
  });
});

describe('footnotes of a figure', () => {
  test('a marker right after the sentence end belongs to that sentence', () => {
    const p = marked('p1', 'Aid of US$5 million was cut.[3] Later, 40 percent was restored.[4]');
    const [aid, restored] = extractFigures([p]);
    assert.deepEqual(aid.footnotes, [3]);
    assert.deepEqual(restored.footnotes, [4]);
  });
  test('a sentence without markers takes every note of the paragraph', () => {
    const p = marked('p1', 'Trade reached US$5 billion. Exports rose by 12 percent.[7] Imports fell.[8]');
    const [trade] = extractFigures([p]);
    assert.deepEqual(trade.footnotes, [7, 8]);
  });
  test('a marker inside the sentence counts', () => {
    const p = marked('p1', 'The fund[2] holds US$3 billion in bonds. Nothing else.[5]');
    assert.deepEqual(extractFigures([p])[0].footnotes, [2]);
  });
});

describe('subjects from general phrasings', () => {
  const cases: [string, string, string[]][] = [
    ['The ministry allocated US$2 billion in development spending.', 'US$2 billion', ['development spending', 'allocated', 'ministry']],
    ['Unemployment stands at 7.5 percent, the highest in a decade.', '7.5 percent', ['Unemployment']],
    ['The program is valued at over £300 million.', '£300 million', ['program']],
    ['Remittances make up 9 percent of national income.', '9 percent', ['share of national income', 'Remittances']],
    ['Officials announced a 15 percent export duty on raw cotton.', '15 percent', ['export duty on raw cotton']],
    ['Ghana has gold reserves totaling 8.7 million ounces.', '8.7 million ounces', ['gold reserves']],
    ['Exports rose to US$31 billion in 2024.', 'US$31 billion', ['Exports']],
    ['Dams hold less than ten percent of annual flow.', 'ten percent', ['Dams’ share of annual flow']],
    ['Traders reported losses of about US$2 billion.', 'US$2 billion', ['Traders’ losses']],
    [
      'Reko Diq alone is estimated to hold copper resources in excess of 50 billion pounds.',
      '50 billion pounds',
      ['Reko Diq copper resources'],
    ],
    [
      'Diversification is plausible: the equipment industry is valued at US$600 million and is expected to grow by 8 percent.',
      '8 percent',
      ['equipment industry’s growth'],
    ],
    ['Competitors fare worse: Bangladesh faces 39 percent and Vietnam 46 percent.', '39 percent', ['Bangladesh']],
    ['The Indus basin supports over 200 million people.', '200 million people', ['Indus basin’s people']],
    ['Gulf states plan to invest US$10 billion in mining abroad.', 'US$10 billion', ['Gulf states’ investment in mining abroad']],
    // a year opening the aside: the amount is still what the aside follows
    ['Contributions are limited to an annual cap (in 2026, $7,500, or $8,600 for those age 50 and older).', '$7,500', ['annual cap']],
    // what a study found is about the subject of the "that" clause, not about who found it
    [
      'For this study, the authors determined that sediment plumes can affect areas as far as 400 meters from the track.',
      '400 meters',
      ['sediment plumes'],
    ],
    ['The survey found that miners in Texas used 2.3 gigawatts in 2023.', '2.3 gigawatts', ['miners in Texas']],
    // the noun phrase with its prepositional phrases, not the sentence's first name
    ['In comparison, the 2025 U.S. trade deficit with China was $295.5 billion.', '$295.5 billion', ['U.S. trade deficit with China']],
    ['Per capita GDP in Mexico was $13,874 in 2025, compared to $88,612 in the United States.', '$13,874', ['Per capita GDP in Mexico']],
    [
      'Per capita GDP in Mexico was $13,874 in 2025, compared to $88,612 in the United States.',
      '$88,612',
      ['Per capita GDP in the United States'],
    ],
    [
      'Total U.S. emissions in 2022 were 6,343 million metric tons of carbon dioxide equivalent.',
      '6,343 million metric tons',
      ['Total U.S. emissions'],
    ],
    ['EPA estimated revenue from the payments would average about $525 million per year.', '$525 million', ['revenue from the payments']],
    // a level or a step of a change: what changed, and when
    [
      'U.S. goods exports to Mexico increased from $134.2 billion in 2006 to $337.9 billion in 2025, a 150% increase.',
      '$134.2 billion',
      ['U.S. goods exports to Mexico in 2006'],
    ],
    [
      'U.S. goods exports to Mexico increased from $134.2 billion in 2006 to $337.9 billion in 2025, a 150% increase.',
      '$337.9 billion',
      ['U.S. goods exports to Mexico in 2025'],
    ],
    [
      'U.S. goods exports to Mexico increased from $134.2 billion in 2006 to $337.9 billion in 2025, a 150% increase.',
      '150%',
      ['increase in U.S. goods exports to Mexico'],
    ],
    [
      'The trade balance with Mexico went from a surplus of $1.7 billion in 1993 to a deficit of $171.5 billion in 2025.',
      '$171.5 billion',
      ['deficit in', 'trade balance with Mexico in 2025'],
    ],
    ['The law cut the corporate tax rate from 35% to 21%.', '35%', ['corporate tax rate']],
    ['The law cut the corporate tax rate from 35% to 21%.', '21%', ['corporate tax rate']],
    ['The upgrade would cut its energy consumption by 99.5%.', '99.5%', ['cut in its energy consumption']],
    // shares: whose, of what, from where
    [
      'The United States is the largest partner, accounting for 60% ($752.0 billion) of total trade in goods.',
      '60%',
      ['United States’ share of total trade in goods'],
    ],
    [
      'The United States is the largest partner, accounting for 60% ($752.0 billion) of total trade in goods.',
      '$752.0 billion',
      ['United States’ share of total trade in goods'],
    ],
    ['The country relied on imports for about 57% of refined copper consumption.', '57%', ['imports’ share of refined copper consumption']],
    [
      'The country imported $7.2 billion worth of copper products (25% by value from the EU and 20% from Canada).',
      '$7.2 billion',
      ['copper products imported by the', 'country'],
    ],
    [
      'The country imported $7.2 billion worth of copper products (25% by value from the EU and 20% from Canada).',
      '20%',
      ['share of copper products from Canada'],
    ],
    ['Other top sources of FDI included Spain ($4.4 billion) and Canada ($3.3 billion).', '$3.3 billion', ['sources of FDI: Canada']],
    // an amount after "and" measures what the one before it did, for another year or thing
    ['The plan sets a tariff on refined copper of 15% in 2027 and 30% in 2028.', '30%', ['tariff on refined copper in 2028']],
    ['Lenders hold about $54 billion, and Aave, with approximately $27 billion in TVL, is the largest.', '$27 billion', ['Aave’s TVL']],
    ['Distributions are limited for the purchase of a first home (subject to a $10,000 limit).', '$10,000', ['limit for', 'first home']],
    ["Critics point to China's five ISA exploration contracts.", 'five ISA exploration contracts', ["China's ISA exploration contracts"]],
    ['Any of the 171 nations party to UNCLOS may object.', '171 nations', ['nations party to UNCLOS']],
    [
      'More than 40 foreign governments also have called for a moratorium on mining.',
      '40 foreign governments',
      ['called for a moratorium on mining'],
    ],
    ['It will take at least five years to build processing facilities.', 'five years', ['time to build processing facilities']],
  ];
  for (const [sentence, text, subjectWords] of cases) {
    test(sentence, () => {
      const figures = extractFigures([marked('p1', sentence)]);
      const figure = figures.find(f => f.text === text);
      assert.ok(figure, `no ${text} in ${JSON.stringify(figures.map(f => f.text))}`);
      for (const word of subjectWords) assert.ok(figure.subject.includes(word), `"${figure.subject}" lacks "${word}"`);
    });
  }
});

describe('splitSentences', () => {
  test('abbreviations and decimals do not end sentences; a marker after "U.S." does', () => {
    const text = 'Exports to the U.S. grew 8.5 percent. Dr. Khan agreed. Trade with the U.S. These rose.';
    const sentences = splitSentences(text, [{ at: text.indexOf('U.S. These') + 4 }]).map(s => text.slice(s.start, s.end));
    assert.deepEqual(sentences, ['Exports to the U.S. grew 8.5 percent.', 'Dr. Khan agreed.', 'Trade with the U.S.', 'These rose.']);
  });
  test('hostile input: one huge paragraph of amounts finishes quickly', () => {
    const text = (n: number) => 'Over US$74 billion in free cash flows over the next 37 years. '.repeat(n);
    assert.equal(extractFigures([{ id: 'p1', text: text(400), markers: [] }]).length, 800);
    assertLinear('figures of one paragraph', n => extractFigures([{ id: 'p1', text: text(n), markers: [] }]), 250, 4000);
  });
  test('empty and figure-less paragraphs give nothing', () => {
    assert.deepEqual(extractFigures([]), []);
    assert.deepEqual(
      extractFigures([
        { id: 'p1', text: '', markers: [] },
        { id: 'p2', text: 'No numbers here.', markers: [] },
      ]),
      [],
    );
  });
});

describe('extractFigures: properties', () => {
  const pieces = fc.constantFrom(
    'The ',
    'U.S. ',
    'suspended ',
    'US$845 million ',
    'in ',
    'funding',
    '. ',
    '[4]',
    'over ',
    '600 attacks ',
    '(at 39 percent) ',
    'Bangladesh ',
    ', which ',
    'stands at ',
    'three percent',
    'the next 37 years',
    '? ',
    '“',
    '”',
    '\n',
    '—',
  );
  const raw = fc.oneof(
    fc.array(pieces, { maxLength: 40 }).map(a => a.join('')),
    fc.string({ maxLength: 300 }),
  );
  test('any paragraph: no throw, sentences hold their figure, notes come from the paragraph, ids in order', () => {
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 4 }), texts => {
        const paragraphs = texts.map((t, i) => marked(`p${i + 1}`, t));
        const figures = extractFigures(paragraphs);
        figures.forEach((f, i) => {
          assert.equal(f.id, `f${i + 1}`);
          const p = paragraphs.find(x => x.id === f.paragraph)!;
          assert.ok(f.sentence.includes(f.text));
          assert.ok(p.text.includes(f.sentence));
          // right or silent: a subject may be empty when nothing in the sentence says what is measured
          assert.equal(typeof f.subject, 'string');
          for (const n of f.footnotes) assert.ok(p.markers.some(m => m.n === n));
        });
      }),
      { numRuns: 400 },
    );
  });
});

test('a label beside a figure drops the words the figure already says', () => {
  assert.equal(subjectBeyondText('600 attacks', 'attacks against security forces'), 'against security forces');
  assert.equal(subjectBeyondText('90 known minerals', 'known minerals'), '');
  assert.equal(subjectBeyondText('29 percent', 'reciprocal tariff on imports'), 'reciprocal tariff on imports');
});

describe('figure shapes: signs, ranges, rates, implied counts', () => {
  const figuresOf = (text: string) => extractFigures([marked('p1', text)]);

  test('"−452 degrees Fahrenheit" is −452 with a temperature unit, not a count of degrees', () => {
    const [cold] = figuresOf('Liquefied hydrogen is stored at −452 degrees Fahrenheit in insulated tanks.');
    assert.equal(cold.text, '−452 degrees Fahrenheit');
    assert.equal(cold.value, -452);
    assert.equal(cold.unit, 'degF');
    assert.equal(cold.subject, 'Liquefied hydrogen');
    const [warm] = figuresOf('Warming must stay below 2°C this century.');
    assert.deepEqual([warm.value, warm.unit], [2, 'degC']);
  });

  test('"from 35% to 21%": two figures, from and to, measuring the same thing', () => {
    const figures = figuresOf('The 2017 law cut the corporate tax rate from 35% to 21%.');
    assert.deepEqual(
      figures.map(f => [f.text, f.range, f.subject]),
      [
        ['35%', 'from', 'corporate tax rate'],
        ['21%', 'to', 'corporate tax rate'],
      ],
    );
  });

  test('"6% to 9%" and "between 0.6% and 2.3% of …" are ranges; "15% in 2027 and 30% in 2028" is not', () => {
    assert.deepEqual(
      figuresOf('Analysts expect tariff revenue to grow 6% to 9% next year.').map(f => f.range),
      ['from', 'to'],
    );
    const between = figuresOf('Mining used between 0.6% and 2.3% of all U.S. electricity demand in 2023.');
    assert.deepEqual(
      between.map(f => [f.range, f.subject]),
      [
        ['from', 'share of all U.S. electricity demand'],
        ['to', 'share of all U.S. electricity demand'],
      ],
    );
    const phased = figuresOf('The plan sets a tariff on refined copper of 15% in 2027 and 30% in 2028.');
    assert.deepEqual(
      phased.map(f => f.range),
      [undefined, undefined],
    );
  });

  test('rates: "130 ships per day", "$5 billion a year", "$20,000 annually"; "a year ago" is no rate', () => {
    const [ships] = figuresOf('Before the drought, about 130 ships per day transited the canal.');
    assert.deepEqual([ships.text, ships.value, ships.unit, ships.per, ships.qualifier], ['130 ships', 130, 'count', 'day', 'about']);
    const [cost] = figuresOf('The program costs $5 billion a year.');
    assert.deepEqual([cost.text, cost.per], ['$5 billion', 'year']);
    const [withdrawals] = figuresOf('Families can withdraw up to $20,000 annually for tuition.');
    assert.equal(withdrawals.per, 'year');
    const [then] = figuresOf('The program cost $5 billion a year ago.');
    assert.equal(then.per, undefined);
  });

  test('a count with an implied unit: "about 130 each day" after "ships" counts ships', () => {
    const [ships] = figuresOf('Ships transited the canal freely before the drought, about 130 each day.');
    assert.deepEqual([ships.text, ships.value, ships.unit, ships.per, ships.subject], ['130', 130, 'count', 'day', 'ships']);
    const [, later] = figuresOf('In 2023, 130 ships crossed daily; now about 40 each day do.');
    assert.deepEqual([later.value, later.subject, later.per], [40, 'ships', 'day']);
    assert.deepEqual(
      figuresOf('The index rose to 130 each day of the week.').map(f => f.text),
      [],
      'no plural noun to count: not a figure',
    );
  });
});

describe('numbers in note titles and URLs are not figures', () => {
  test('only the body’s amounts are figures', () => {
    const report = parseReport(
      [
        '# Port Security',
        '',
        'The coast guard inspected 420 vessels in 2024, see https://example.org/reports/800-vessels-2050%25 for the list.[^1]',
        '',
        '[^1]: U.S. Coast Guard, "800 Vessels Detained, Up 2050%," May 30, 2025, https://example.org/2050%-800-vessels.',
        '',
      ].join('\n'),
      { source: 'port.md' },
    );
    assert.deepEqual(
      report.figures.map(f => f.text),
      ['420 vessels'],
    );
  });
});

describe('not figures: numbers that label, mark or name', () => {
  const textsOf = (text: string) => extractFigures([marked('p1', text)]).map(f => f.text);
  test('a note number glued to a sentence end, a figure label run into the sentence before, an order or a bill', () => {
    assert.deepEqual(textsOf('Pools limit defaults.18 Relationships that are market-based are not.'), []);
    assert.deepEqual(textsOf('Companies tested equipment during trials.Figure 2 illustrates some of it.'), []);
    assert.deepEqual(textsOf('NOAA found post-E.O. 14285 applications to be compliant.'), []);
    assert.deepEqual(textsOf('The House passed H.R. 1 with 215 votes.'), ['215 votes']);
    assert.deepEqual(textsOf('The extension in P.L. 119-21 provides additional time for 15 facilities.'), ['15 facilities']);
  });
  test('a count of none is a term: "zero knowledge proofs"', () => {
    assert.deepEqual(textsOf('Solutions such as zero knowledge proofs aim to protect privacy.'), []);
  });
});

describe('energy figures: ranges and what they measure', () => {
  const figuresOf = (text: string) => extractFigures([marked('p1', text)]).map(f => [f.text, f.unit, f.range, f.subject]);
  test('"use from 25 terawatt-hours (TWh) to 91 TWh": one range of the use, the abbreviation between its ends', () => {
    assert.deepEqual(figuresOf('EIA estimated domestic Bitcoin mining electricity use from 25 terawatt-hours (TWh) to 91 TWh.'), [
      ['25 terawatt-hours', 'TWh', 'from', 'EIA’s domestic Bitcoin mining electricity use'],
      ['91 TWh', 'TWh', 'to', 'EIA’s domestic Bitcoin mining electricity use'],
    ]);
  });
  test('"consumption ranging from 60 TWh to 480 TWh": both ends measure the consumption, not the sentence’s opening words', () => {
    assert.deepEqual(figuresOf('The scenarios indicate an increase in 2028, with consumption ranging from 60 TWh to 480 TWh.'), [
      ['60 TWh', 'TWh', 'from', 'consumption'],
      ['480 TWh', 'TWh', 'to', 'consumption'],
    ]);
  });
  test('"loads greater than 75 MW", "requests exceeding 1 GW": the noun before, never the verb of the clause', () => {
    assert.deepEqual(figuresOf('ERCOT considers to be loads greater than 75 MW.'), [['75 MW', 'MW', undefined, 'loads']]);
    assert.deepEqual(figuresOf('ERCOT saw many requests exceeding 1 GW per site.')[0]?.[3], 'ERCOT saw many requests');
  });
  test('"the remaining 1.6 TWh" and "Separately, … 20 GW" say nothing they cannot tell', () => {
    assert.deepEqual(figuresOf('Of this, 6.1 TWh is met by the grid, with the remaining 1.6 TWh provided on-site.')[1], [
      '1.6 TWh',
      'TWh',
      undefined,
      '',
    ]);
    assert.deepEqual(figuresOf('Separately, of the loads approved (about 35 GW, approximately 20 GW) were for mining.')[1], [
      '20 GW',
      'GW',
      undefined,
      '',
    ]);
  });
});

describe('a subject ends where its noun phrase ends', () => {
  const subjects = (text: string) => extractFigures([marked('p1', text)]).map(f => [f.text, f.range, f.subject]);
  test('a verb after a modal or an auxiliary is no part of the phrase, with an adverb between them too', () => {
    assert.deepEqual(subjects('Families can also make tax-free withdrawals of up to $20,000 annually for tuition.'), [
      ['$20,000', undefined, 'Families’ tax-free withdrawals for tuition'],
    ]);
  });
  test('a verb that takes the next number ("in a pool earns 2%") ends the phrase before it; an adjective stays', () => {
    assert.deepEqual(subjects('A provider that supplies 2% of the assets in a pool earns 2% of the fees.')[0], [
      '2%',
      undefined,
      'share of assets in a pool',
    ]);
    assert.deepEqual(subjects('In 2025, 83% of workers in the highest-earning 10% had access to a plan.')[0], [
      '83%',
      undefined,
      'share of workers in the highest-earning',
    ]);
  });
  test('"from $900 per metric ton to $1,500 per metric ton": one range of the price, not a price of "metric ton"', () => {
    assert.deepEqual(subjects('The rule changes the starting price from $900 per metric ton to $1,500 per metric ton.'), [
      ['$900', 'from', 'starting price'],
      ['$1,500', 'to', 'starting price'],
    ]);
  });
});

describe('periods', () => {
  test('"took 7.5 years …, against 2.5 years": the same period elsewhere, not a period of that period', () => {
    const [, slow, fast] = extractFigures([
      marked(
        'p1',
        'A review of 127 mine projects found that approval took 7.5 years on average in the United States, against 2.5 years in Australia.',
      ),
    ]);
    assert.equal(fast.subject, slow.subject);
    assert.doesNotMatch(fast.subject, /period of period/);
  });
});

describe('numbers that name things are no counts', () => {
  const texts = (...paragraphs: string[]) => extractFigures(paragraphs.map((p, i) => marked(`p${i + 1}`, p))).map(f => f.text);
  test('"529 plans" in a report that names a "529 plan" is the plan, anywhere in the report; "529 accounts" still counts', () => {
    const named = 'Qualified tuition savings plan (commonly known as 529 plan) accounts are tax-advantaged.';
    assert.deepEqual(texts(named, 'Savers may use 529 plans, and 529 accounts hold $5,000 on average.'), ['529 accounts', '$5,000']);
    // without the name in the report, "529 plans" may be a count of plans
    assert.deepEqual(texts('Savers may use 529 plans.'), ['529 plans']);
  });
  test('"the 119 Congress" (a web capture lost the "th") names it: "the 115 through 119 Congresses" counts nothing', () => {
    assert.deepEqual(texts('Members introduced bills in the 119 Congress.', 'From the 115 through 119 Congresses, Members acted.'), []);
    // a capitalised noun that goes on into another is no name of the number: all 50 States are counted
    assert.deepEqual(texts('Each of the 50 State plans differs.', 'Rules vary across the 50 States.'), ['50 State plans', '50 States']);
  });
});

describe('right or silent: no subject rather than a wrong one', () => {
  test('a duration the sentence does not anchor, or words that are no noun phrase, get no subject', () => {
    const [later] = extractFigures([marked('p1', 'The analysis showed that some organisms still live in the tracks 44 years later.')]);
    assert.deepEqual([later.text, later.subject], ['44 years', '']);
    const [far] = extractFigures([marked('p1', 'Noise could rise in areas up to 500 kilometers away from the site.')]);
    assert.deepEqual([far.text, far.subject], ['500 kilometers', '']);
  });

  test('one word that only qualifies or places the amount is no subject: adjectives, verb forms, quantifiers, adverbs of place', () => {
    const subjects = (text: string) => extractFigures([marked('p1', text)]).map(f => [f.text, f.subject]);
    // an adjective whose noun is the amount itself, or a span of time the phrase did not take
    assert.deepEqual(subjects('The owner can net the positive 100 metric tons with the negative 200 metric tons.'), [
      ['100 metric tons', ''],
      ['200 metric tons', ''],
    ]);
    assert.deepEqual(subjects('The fee stays at $1,500 in subsequent years.'), [['$1,500', '']]);
    assert.deepEqual(subjects('Of workers in the top-earning 10%, most had a plan.'), [['10%', '']]);
    // a verb form: after a form of "be", an auxiliary or an adverb, or a participle opening a phrase after the amount
    assert.deepEqual(subjects('Such gifts are limited to $2,500 per donor.'), [['$2,500', '']]);
    assert.deepEqual(subjects('Requirements are usually phased in over three years.'), [['three years', '']]);
    assert.deepEqual(subjects('The agency decides whether a permit is complete within 60 days.'), [['60 days', '']]);
    assert.deepEqual(subjects('Estimates have steadily increased within the last 10 years.'), [['10 years', '']]);
    assert.deepEqual(subjects('Each area may not exceed 75,000 km², with 3,000 km² consisting of 150 blocks.')[1], ['3,000 km²', '']);
    // a quantifier, an adverb of place, an imperative
    assert.deepEqual(subjects('Nearly all (99.7%) of these cuts come from new equipment.'), [['99.7%', '']]);
    assert.deepEqual(subjects('The boundary lies 3 nautical miles offshore, and states may ban mining there.'), [['3 nautical miles', '']]);
    assert.deepEqual(subjects("For example, consider if a child's parents open an account and contribute $3,000."), [['$3,000', '']]);
    // a preposition or a participle alone
    assert.deepEqual(subjects('The contract averaged $9,150 per tonne, about 8 percent above the year before.')[1], ['8 percent', '']);
    assert.deepEqual(subjects('A reserve would need about 1.2 million tonnes, worth roughly $11 billion at current prices.')[1], [
      '$11 billion',
      '',
    ]);
    // nouns stay, whatever their ending
    assert.deepEqual(subjects('The agency provided $5 million in funding.'), [['$5 million', 'funding provided by the agency']]);
    assert.deepEqual(subjects('Savers may owe an additional 10% tax.'), [['10%', 'tax']]);
    assert.deepEqual(subjects('ERCOT considers these to be loads greater than 75 MW.'), [['75 MW', 'loads']]);
  });

  test('a figure without a subject keeps its section heading as context, named as such in messages', () => {
    const report = parseReport(
      [
        '# Seabed Mining',
        '',
        '## Environmental Effects',
        '',
        'The analysis showed that some organisms still live in the tracks 44 years later.',
        '',
      ].join('\n'),
      { source: 'seabed.md' },
    );
    const [later] = report.figures;
    assert.deepEqual([later.subject, later.context], ['', 'Environmental Effects']);
    assert.equal(whatItMeasures(later), 'a figure in “Environmental Effects”');
    assert.equal(whatItMeasures({ subject: 'exports to Mexico' }), 'exports to Mexico');
    const seed = parseReport(SEED, { source: 'us-pakistan-relations-in-flux.txt' });
    assert.ok(
      seed.figures.every(f => f.subject && f.context === undefined),
      'every figure of the seed says what it measures',
    );
  });
});

describe('caps on what is read for figures', () => {
  const amounts = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `about ${from + i} percent`).join(', ') + '.';
  test('a paragraph of 1,500 amounts: the first 1,000 are figures, and a warning names the paragraph', () => {
    const warnings: string[] = [];
    const figures = extractFigures([{ id: 'p7', text: `Shares were ${amounts(1500)}`, markers: [] }], warnings);
    assert.equal(MAX_AMOUNTS_PER_PARAGRAPH, 1000);
    assert.equal(figures.length, 1000);
    assert.equal(figures.at(-1)!.text, '1000 percent');
    assert.deepEqual(warnings, ['Paragraph p7 has over 1,000 amounts: only the first 1,000 are read for figures.']);
  });
  test('a paragraph of exactly 1,000 amounts is read whole, without a warning', () => {
    const warnings: string[] = [];
    assert.equal(extractFigures([{ id: 'p1', text: `Shares were ${amounts(1000)}`, markers: [] }], warnings).length, 1000);
    assert.deepEqual(warnings, []);
  });
  test('a report of 10,050 figures: the first 10,000 are read, and a warning says from where none are', () => {
    const paragraphs = (count: number, each: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `p${i + 1}`, text: `Shares were ${amounts(each, i * each + 1)}`, markers: [] }));
    const warnings: string[] = [];
    const figures = extractFigures(paragraphs(201, 50), warnings);
    assert.equal(MAX_FIGURES_PER_REPORT, 10_000);
    assert.equal(figures.length, 10_000);
    assert.equal(figures.at(-1)!.id, 'f10000');
    assert.equal(figures.at(-1)!.paragraph, 'p200');
    assert.deepEqual(warnings, ['The report reaches 10,000 figures, the most read from one report; not read for figures: paragraph p201.']);
    // the cap inside a paragraph: its later amounts and the paragraphs after it are not read
    const across: string[] = [];
    const read = extractFigures(paragraphs(12, 900), across);
    assert.equal(read.length, 10_000);
    assert.equal(read.at(-1)!.paragraph, 'p12');
    assert.deepEqual(across, [
      'The report reaches 10,000 figures, the most read from one report; not read for figures: the rest of paragraph p12.',
    ]);
    const more: string[] = [];
    extractFigures(paragraphs(14, 900), more);
    assert.deepEqual(more, [
      'The report reaches 10,000 figures, the most read from one report; not read for figures: the rest of paragraph p12 and the 2 after it.',
    ]);
  });
  test('the warnings reach the parsed report', () => {
    const text = `A Report Title\n\nShares were ${amounts(1200)}\n`;
    assert.deepEqual(parseReportWithSpans(text, { id: 't' }).warnings, [
      'Paragraph p1 has over 1,000 amounts: only the first 1,000 are read for figures.',
    ]);
  });
  test('many paragraphs of figures: linear up to the cap and flat past it', () => {
    const paragraphs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `p${i + 1}`,
        text: `Spending rose about ${i + 1} percent, to $${i + 2} billion.`,
        markers: [],
      }));
    assertLinear('figures of many paragraphs', n => extractFigures(paragraphs(n)), 250, 16_000);
  });
});
