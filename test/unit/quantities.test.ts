import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findQuantities, parseQuantity, formatQuantity, type Quantity } from '../../src/core/quantities';
import { assertLinearScan } from './linear';

/** The single amount in a phrase (fails when there is not exactly one). */
function one(text: string): Quantity {
  const found = findQuantities(text);
  assert.equal(found.length, 1, `expected one amount in ${JSON.stringify(text)}, got ${JSON.stringify(found.map(q => q.text))}`);
  return found[0];
}

function none(text: string): void {
  const found = findQuantities(text).filter(q => q.unit !== 'count' || q.counted);
  assert.deepEqual(
    found.map(q => q.text),
    [],
    `expected no amount in ${JSON.stringify(text)}`,
  );
}

describe('findQuantities: money', () => {
  const cases: [string, string, number, string][] = [
    ['suspended US$845 million in funding', 'US$845 million', 845e6, 'USD'],
    ['a loan of $845m was agreed', '$845m', 845e6, 'USD'],
    ['a $1.4bn risk to exports', '$1.4bn', 1.4e9, 'USD'],
    ['worth USD 5 million', 'USD 5 million', 5e6, 'USD'],
    ['a US$ 62 billion corridor', 'US$ 62 billion', 62e9, 'USD'],
    ['the U.S.$2 billion package', 'U.S.$2 billion', 2e9, 'USD'],
    ['it cost £5 last week', '£5', 5, 'GBP'],
    ['paid 5 million pounds sterling in fines', '5 million pounds sterling', 5e6, 'GBP'],
    ['GBP 300m was raised', 'GBP 300m', 300e6, 'GBP'],
    ['a €2.5 billion grant', '€2.5 billion', 2.5e9, 'EUR'],
    ['Rs 500 billion in subsidies', 'Rs 500 billion', 500e9, 'PKR'],
    ['Rs.45bn was released', 'Rs.45bn', 45e9, 'PKR'],
    ['PKR 1,200 million', 'PKR 1,200 million', 1.2e9, 'PKR'],
    ['₹5 crore for schools', '₹5 crore', 5e7, 'INR'],
    ['a US$6 trillion minerals industry', 'US$6 trillion', 6e12, 'USD'],
    ['845 million dollars of aid', '845 million dollars', 845e6, 'USD'],
    ['40 billion euros of investment', '40 billion euros', 40e9, 'EUR'],
    ['a budget of $12.75 million', '$12.75 million', 12.75e6, 'USD'],
    ['spent A$3 billion', 'A$3 billion', 3e9, 'AUD'],
    ['grants of $250k each', '$250k', 250e3, 'USD'],
    ['a 1.5 trillion yen stimulus', '1.5 trillion yen', 1.5e12, 'JPY'],
  ];
  for (const [text, written, value, unit] of cases) {
    test(`${text}`, () => {
      const q = one(text);
      assert.equal(q.text, written);
      assert.equal(q.value, value);
      assert.equal(q.unit, unit);
      assert.equal(text.slice(q.start, q.end), written);
    });
  }
});

describe('findQuantities: percentages', () => {
  const cases: [string, string, number][] = [
    ['a 29 percent tariff', '29 percent', 29],
    ['a 29% tariff', '29%', 29],
    ['a 29 per cent tariff', '29 per cent', 29],
    ['contributes 8.5 percent to GDP', '8.5 percent', 8.5],
    ['stands at about three percent', 'three percent', 3],
    ['rose by twenty-two percent', 'twenty-two percent', 22],
    ['a 0.25% cut', '0.25%', 0.25],
  ];
  for (const [text, written, value] of cases) {
    test(text, () => {
      const q = one(text);
      assert.equal(q.text, written);
      assert.equal(q.value, value);
      assert.equal(q.unit, 'percent');
    });
  }
  test('percentage points and basis points keep their own units', () => {
    assert.equal(one('up 3 percentage points').unit, 'percentage points');
    assert.equal(one('a 50 basis points hike').unit, 'bp');
  });
});

describe('findQuantities: counts', () => {
  const cases: [string, number, string, string?][] = [
    ['carried out over 600 attacks against Pakistan', 600, 'attacks', 'over'],
    ['the presence of over 90 known minerals', 90, 'known minerals', 'over'],
    ['in at least four Afghan provinces.', 4, 'Afghan provinces', 'at least'],
    ['signed 37 deals in Lahore', 37, 'deals'],
    ['some 1,500 troops were deployed', 1500, 'troops', 'some'],
    ['three key textile competitors', 3, 'key textile competitors'],
    ['a dozen countries joined', 12, 'countries'],
    ['twenty-two member states', 22, 'member states'],
    ['nearly 2 million people fled', 2e6, 'people', 'nearly'],
    ['three hundred and fifty schools', 350, 'schools'],
  ];
  for (const [text, value, counted, qualifier] of cases) {
    test(text, () => {
      const q = one(text);
      assert.equal(q.value, value);
      assert.equal(q.unit, 'count');
      assert.equal(q.counted, counted);
      assert.equal(q.qualifier, qualifier);
      assert.ok(q.text.endsWith(counted));
    });
  }
  test('vague words are not amounts: hundreds, dozens, thousands of', () => {
    none('each F-35 fighter jet already requires hundreds of pounds of rare earth materials');
    none('dozens of firms and thousands of workers');
  });
  test('"one" is not a count', () => {
    none("one of the world's largest copper-gold deposits");
    none('On the one hand, Washington refuses; on the other hand, Pakistan resists.');
    none('no one expected it');
  });
  test('a bare number is returned without a counted noun', () => {
    const q = one('the total was 845');
    assert.equal(q.unit, 'count');
    assert.equal(q.counted, undefined);
  });
});

describe('findQuantities: units', () => {
  test('pounds of a material are mass, pounds paid are sterling', () => {
    const copper = one('Reko Diq hosts copper resources in excess of 50 billion pounds, with gold');
    assert.equal(copper.unit, 'lb');
    assert.equal(copper.value, 50e9);
    assert.equal(copper.qualifier, 'in excess of');
    assert.equal(copper.text, '50 billion pounds');
    assert.equal(one('the mine produced 12 million pounds of copper').unit, 'lb');
    assert.equal(one('the council paid 5 million pounds for the site').unit, 'GBP');
    assert.equal(one('a grant of 300 pounds').unit, 'GBP');
    assert.equal(one('a 20 lb bag').unit, 'lb');
  });
  test('ounces, square kilometres, tonnes', () => {
    const gold = one('gold deposits totaling 41 million ounces.');
    assert.deepEqual([gold.value, gold.unit, gold.text], [41e6, 'oz', '41 million ounces']);
    const area = one('Mineral-rich areas cover 600,000 square kilometers');
    assert.deepEqual([area.value, area.unit], [600000, 'km2']);
    assert.equal(one('an area of 5,000 km²').unit, 'km2');
    assert.equal(one('an area of 5,000 sq km').unit, 'km2');
    assert.equal(one('an area of 880,000 square kilometres').unit, 'km2');
    assert.equal(one('2 million tonnes of wheat').unit, 't');
  });
  test('durations in years', () => {
    const next = one('over the next 37 years');
    assert.deepEqual([next.value, next.unit, next.qualifier], [37, 'years', undefined]);
    const soon = one('commence production in less than three years');
    assert.deepEqual([soon.value, soon.unit, soon.qualifier, soon.text], [3, 'years', 'less than', 'three years']);
    const visit = one('the first such visit in nearly two years.');
    assert.deepEqual([visit.value, visit.unit, visit.qualifier], [2, 'years', 'nearly']);
    const decades = one('almost two decades of occupation');
    assert.deepEqual([decades.value, decades.unit], [20, 'years']);
  });
  test('energy and power: "terawatt-hours" and "TWh" are energy, "megawatts" and "MW" power', () => {
    const use = one('estimated use of 25 terawatt-hours in 2024');
    assert.deepEqual([use.value, use.unit, use.text, formatQuantity(use.value, use.unit)], [25, 'TWh', '25 terawatt-hours', '25 TWh']);
    assert.deepEqual([one('demand was 3,900 TWh').value, one('demand was 3,900 TWh').unit], [3900, 'TWh']);
    assert.equal(one('a 3.4 gigawatt hours store').unit, 'GWh');
    assert.equal(one('about 5 kWh a day').unit, 'kWh');
    assert.equal(one('a 40MW facility').unit, 'MW');
    assert.equal(one('loads over 2 terawatts').unit, 'TW');
    assert.equal(one('12.3 gigawatts of demand').unit, 'GW');
  });
  test('lengths: metres, millimetres, feet, nautical miles, square feet', () => {
    assert.deepEqual([one('at 400 meters depth').value, one('at 400 meters depth').unit], [400, 'm']);
    assert.equal(one('up to 10 millimeters thick').unit, 'mm');
    assert.equal(one('about 5 centimetres').unit, 'cm');
    assert.equal(one('3 nautical miles offshore').unit, 'nmi');
    assert.equal(one('a 5,000 square feet store').unit, 'sq ft');
    assert.equal(formatQuantity(3000, 'ft'), '3,000 ft');
    assert.equal(one('20 million metric tons of methane').unit, 't');
  });
  test('minutes and seconds are durations; quadrillion and quintillion are scales', () => {
    const block = one('a block every 10 minutes');
    assert.deepEqual([block.value, block.unit, formatQuantity(block.value, block.unit)], [10, 'minutes', '10 minutes']);
    assert.equal(one('within 30 seconds').unit, 'seconds');
    const hashes = one('about 26 quintillion hashing operations');
    assert.deepEqual([hashes.value, hashes.unit], [26e18, 'count']);
    assert.equal(formatQuantity(26e18, 'count'), '26 quintillion');
    assert.equal(formatQuantity(1.6e15, 'USD'), 'US$1.6 quadrillion');
  });
  test('compound adjectives are not amounts', () => {
    none('at the two-day "Pakistan Minerals Investment Forum"');
    none('a 10-year plan and a one-time grant');
  });
});

describe('findQuantities: qualifiers', () => {
  const cases: [string, string][] = [
    ['at just over 16 percent', 'just over'],
    ['over US$74 billion', 'over'],
    ['about three percent', 'about'],
    ['in excess of 50 billion pounds of copper', 'in excess of'],
    ['at least four Afghan provinces', 'at least'],
    ['less than three years', 'less than'],
    ['nearly two years', 'nearly'],
    ['more than 40 percent', 'more than'],
    ['up to $5 million', 'up to'],
    ['around 12 percent', 'around'],
    ['almost 9 percent', 'almost'],
    ['roughly 300 schools', 'roughly'],
    ['Over 600 attacks', 'over'],
  ];
  for (const [text, qualifier] of cases) {
    test(text, () => {
      const q = one(text);
      assert.equal(q.qualifier, qualifier);
      assert.equal(text.slice(q.qualifierStart, q.start).trim().toLowerCase().replace(/\s+/g, ' '), qualifier);
    });
  }
});

describe('findQuantities: signs, ranges and newspaper forms', () => {
  test('a lone minus sign makes the amount negative', () => {
    assert.deepEqual([one('growth of -2.5%').value, one('growth of -2.5%').text], [-2.5, '-2.5%']);
    assert.equal(one('a −3 percent decline').value, -3);
  });
  test('the end of a range keeps its unit; the start is a bare number', () => {
    const found = findQuantities('10-15 percent');
    assert.deepEqual(
      found.map(q => [q.text, q.unit]),
      [
        ['10', 'count'],
        ['15 percent', 'percent'],
      ],
    );
  });
  test('"3pc", "$5-billion loan", "$5 billion-plus"', () => {
    assert.deepEqual([one('up 3pc').value, one('up 3pc').unit], [3, 'percent']);
    assert.equal(one('a $5-billion loan').value, 5e9);
    assert.equal(one('a $5 billion-plus package').text, '$5 billion');
  });
  test('South Asian scales: lakh and crore', () => {
    assert.equal(one('5 lakh jobs').value, 5e5);
    assert.equal(one('Rs 3 crore').value, 3e7);
  });
});

describe('findQuantities: not amounts', () => {
  const cases = [
    'Washington’s 2021 military withdrawal',
    'during the 1980s and 1990s',
    'its 22nd agreement with the IMF',
    'his second term in office',
    'to US trade by 2030',
    '2008 is a proof point',
    'in April 2025',
    'National Security Archive, April 22, 2025',
    'published 19 May 2025',
    'Section 232 actions on minerals',
    'each F-35 fighter jet',
    'the DRC’s M23 insurgency',
    'the COVID-19 pandemic',
    'the G7 summit',
    'secure the return.[12] Next',
    'a marker[^3] here',
    'see https://www.dawn.com/news/1892006 and www.app.com.pk/2025/04/24/37-deals',
    'see para. 12 and No. 5',
    'the 9/11 attacks at 10:30',
    'on 2025-04-22 it said',
  ];
  for (const text of cases) test(text, () => none(text));

  test('"529 plan accounts", "a 457 plan": a number before a singular plan or program names it; a plural after it is counted', () => {
    none('Like Roth IRAs, 529 plan accounts are tax-exempt.');
    none('the investment in a 457 plan relative to the other accounts');
    none('savings held in a 529 Plan');
    assert.deepEqual([one('Savers opened 529 accounts.').value, one('Savers opened 529 accounts.').counted], [529, 'accounts']);
    // a count of what follows the plan or program: a short or round number is rarely a plan's name
    assert.equal(one('each of the 12 plan participants').counted, 'plan participants');
    assert.equal(one('the 100 program officers').counted, 'program officers');
    assert.equal(one('a $529 plan fee').unit, 'USD');
  });
});

describe('parseQuantity', () => {
  const money: string[] = ['845m', '$845 million', '845 million', 'US$845m', 'US$845 million', '$845m', 'USD 845 million', '845,000,000'];
  for (const query of money) {
    test(`${query} → 845000000`, () => {
      const q = parseQuantity(query);
      assert.ok(q);
      assert.equal(q.value, 845e6);
      assert.equal(q.unit, /\$|USD/.test(query) ? 'USD' : undefined);
    });
  }
  test('percentages', () => {
    assert.deepEqual(parseQuantity('29%'), { value: 29, unit: 'percent' });
    assert.deepEqual(parseQuantity('29 percent'), { value: 29, unit: 'percent' });
    assert.deepEqual(parseQuantity('tariff 29 per cent'), { value: 29, unit: 'percent' });
  });
  test('other phrases', () => {
    assert.deepEqual(parseQuantity('$1.4bn'), { value: 1.4e9, unit: 'USD' });
    assert.deepEqual(parseQuantity('50 billion pounds of copper'), { value: 50e9, unit: 'lb' });
    assert.deepEqual(parseQuantity('600 attacks'), { value: 600 });
    assert.deepEqual(parseQuantity('2030'), { value: 2030 });
    assert.equal(parseQuantity('tarrif bangladesh'), undefined);
    assert.equal(parseQuantity(''), undefined);
  });
});

describe('formatQuantity', () => {
  test('display forms', () => {
    assert.equal(formatQuantity(845e6, 'USD'), 'US$845 million');
    assert.equal(formatQuantity(1.4e9, 'USD'), 'US$1.4 billion');
    assert.equal(formatQuantity(29, 'percent'), '29%');
    assert.equal(formatQuantity(8.5, 'percent'), '8.5%');
    assert.equal(formatQuantity(50e9, 'lb'), '50 billion lb');
    assert.equal(formatQuantity(600000, 'km2'), '600,000 km²');
    assert.equal(formatQuantity(37, 'years'), '37 years');
    assert.equal(formatQuantity(1, 'years'), '1 year');
    assert.equal(formatQuantity(600, 'count'), '600');
    assert.equal(formatQuantity(5e6, 'GBP'), '£5 million');
  });
  test('round-trips through parseQuantity', () => {
    for (const [value, unit] of [
      [845e6, 'USD'],
      [29, 'percent'],
      [41e6, 'oz'],
      [6e12, 'USD'],
      [5e6, 'GBP'],
    ] as const) {
      assert.deepEqual(parseQuantity(formatQuantity(value, unit)), { value, unit });
    }
  });
});

describe('findQuantities: hostile input', () => {
  // A quadratic scan of 1 MB takes minutes. Linear ones take about a second here; on a busy machine the
  // absolute time varies, so the test also accepts 1 MB costing no more than ~16× (with slack) what 64 KB costs.
  const cases: [string, string][] = [
    ['digits', '7'],
    ['"$"', '$'],
    ['"$1"', '$1'],
    ['"1 "', '1 '],
    ['"1,"', '1,'],
    ['"over "', 'over '],
    ['"twenty-"', 'twenty-'],
    ['"5 percent "', '5 percent '],
    ['"US$"', 'US$'],
    ['"a dozen "', 'a dozen '],
  ];
  for (const [name, unit] of cases) {
    // up to 256 KB: beyond, memory rather than the scanner sets the pace of a run this short
    test(`${name} repeated (64 KB to 256 KB) finishes in linear time`, () => {
      assertLinearScan(name, n => unit.repeat(n), findQuantities, Math.ceil((1 << 16) / unit.length), Math.ceil((1 << 18) / unit.length));
    });
  }
  test('offsets and text always agree', () => {
    const text = 'Over US$74 billion, 29%, three percent, 600 attacks, £5 and 50 billion pounds of copper.';
    for (const q of findQuantities(text)) assert.equal(text.slice(q.start, q.end), q.text);
  });
});

describe('findQuantities: properties', () => {
  const pieces = fc.constantFrom(
    'US$',
    '$',
    '£',
    'Rs ',
    ' ',
    '845',
    '1,000',
    '8.5',
    'million',
    'bn',
    'm',
    '%',
    ' percent',
    'over ',
    'three',
    'twenty-',
    'attacks',
    'pounds',
    ' of copper',
    '[4]',
    '.',
    '-',
    'F-',
    '2021',
    'years',
    '(at ',
    ')',
    '\n',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(pieces, { maxLength: 40 }).map(a => a.join('')),
    fc.string({ unit: 'binary', maxLength: 80 }),
  );
  test('any text: no throw, text is the slice, spans ordered and disjoint, values finite', () => {
    fc.assert(
      fc.property(texts, text => {
        const found = findQuantities(text);
        let last = 0;
        for (const q of found) {
          assert.equal(text.slice(q.start, q.end), q.text);
          assert.ok(q.start < q.end && q.start >= last);
          if (q.qualifierStart !== undefined) assert.ok(q.qualifierStart >= last && q.qualifierStart < q.start);
          assert.ok(Number.isFinite(q.value));
          last = q.end;
        }
      }),
      { numRuns: 500 },
    );
  });
  test('parseQuantity never throws and returns finite values', () => {
    fc.assert(
      fc.property(texts, text => {
        const q = parseQuantity(text);
        if (q) assert.ok(Number.isFinite(q.value));
      }),
      { numRuns: 300 },
    );
  });
});
