import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseReportWithSpans, spanArray } from '../../src/core/parse';
import { isMasthead, looksLikePlainHeading, metadataAuthors, metadataDate, metadataField } from '../../src/core/parse/capture';
import { citedUrl, dateInUrl } from '../../src/core/parse/links';
import type { Report } from '../../src/core/model';

const dir = 'test/fixtures/captures';
const file = (prefix: string) => readdirSync(dir).find(n => n.startsWith(prefix))!;
const parse = (prefix: string) => parseReportWithSpans(readFileSync(`${dir}/${file(prefix)}`, 'utf8'), { source: file(prefix) });
const paras = (r: Report) => r.sections.flatMap(s => s.paragraphs);

/** Page furniture a capture keeps: none of it may reach a paragraph. */
const CHROME =
  /Subscribe|Share\/Save|Site Feedback|Listen|Disclaimer|Version: \d|Download PDF|CRS PRODUCT|Jump to Main|Hide Overview|^Sources?:|^Notes?:|^(?:Table|Figure) \d+\./;

/** Title, date and authors of each capture's metadata table; sections as the report's own table of contents names them. */
const EXPECTED: Record<string, { title: string; date: string; authors: string[]; sections: string[]; paragraphs: number; notes: number }> =
  {
    IF11175: {
      title: 'U.S.-Mexico Trade Relations',
      date: '2026-04-16',
      authors: ['Danielle M. Trachtenberg', 'M. Angeles Villarreal'],
      sections: [
        'Introduction',
        'U.S.-Mexico Trade',
        'Trade in Goods',
        'Services Trade',
        'Bilateral Foreign Direct Investment',
        'U.S.-Mexico Supply Chains',
        'NAFTA and the USMCA',
        'U.S. Tariff Policy',
        'Issues for Congress',
      ],
      paragraphs: 15,
      notes: 20,
    },
    IN12614: {
      title: 'Section 232 National Security Tariffs on Copper Imports',
      date: '2026-04-23',
      authors: ['Kyla H. Kitamura'],
      sections: [
        'Introduction',
        'Background',
        'Presidential Tariff Proclamations',
        'Potential Implications for the U.S. Economy',
        'Issues Facing Congress',
      ],
      paragraphs: 16,
      notes: 28,
    },
    R47324: {
      title: 'Seabed Mining in Areas Beyond National Jurisdiction: Issues for Congress',
      date: '2026-04-15',
      authors: ['Caitlin Keating-Bitonti'],
      sections: [
        'Summary',
        'International and U.S. Context for Seabed Mining in ABNJ',
        'Issues for Congress',
        'Introduction',
        'Background on Seabed Mining',
        'Proposed Seabed Mining Operations',
        'Regulations for Deep-Seabed Mining in Areas Beyond National Jurisdiction',
        'United Nations Convention on the Law of the Sea and the 1994 Agreement',
        'International Seabed Authority',
        'Deep Seabed Hard Mineral Resources Act and Other Applicable U.S. Laws',
        'Exploration Licenses Issued Under the Deep Seabed Hard Mineral Resources Act',
        'Pending Applications to the National Oceanic and Atmospheric Administration',
        'Ratification of the United Nations Convention on the Law of the Sea',
        'ISA Seabed Mining Options for U.S. Companies',
        'ISA Decisionmaking',
        "Global Critical Minerals Marketplace and China's Dominance",
        'Potential Marine Environmental Impacts of Seabed Mining',
        'Biodiversity Loss and Habitat Disturbance',
        'Resuspended Sediment and Buried Carbon',
        'Noise Pollution',
        'Concerns Associated with Ship Activity',
        'Processing of Seabed Mineral Resources in the United States',
        'Issues for Congress',
      ],
      paragraphs: 96,
      notes: 263,
    },
    R48883: {
      title: 'An Overview of Decentralized Finance (Defi)',
      date: '2026-04-17',
      authors: ['Paul Tierno'],
      // "Other Issues" heads only subsections, so it holds no paragraph of its own
      sections: [
        'Summary',
        'Introduction',
        'Defining Defi',
        'The Building Blocks of Defi',
        'Cryptocurrency',
        'Smart Contracts',
        'Oracles',
        'Defi Applications',
        'Validating and Staking',
        'Mixers',
        'Decentralized Exchanges',
        'Lending Protocols',
        'Yield Farming',
        'Differences with Traditional Finance',
        'Regulated vs. Permissionless Environments',
        'Credit vs. Collateral',
        'Intermediation',
        'Use Case Differences',
        'Regulatory Policy Issues',
        'Regulatory Arbitrage and Innovation',
        'Defi and Illicit Financial Activity',
        'Grey Area: Centralized to Decentralized Transactions',
        'Magnitude of Risk',
        'New Solutions',
        'Preparing for the Future',
        'Feasibility and Legality of Potential Future Regulation',
      ],
      paragraphs: 85,
      notes: 121,
    },
    R48906: {
      title: 'Inflation Reduction Act Methane Emissions Charge: Overview and Considerations for Policymakers',
      date: '2026-04-15',
      authors: ['Jonathan L. Ramseur'],
      sections: [
        'Summary',
        'Introduction and Recent Developments',
        'U.S. Methane Emissions and Sources',
        'Scope and Applicability',
        'WEC 25,000 MTCO2e Emissions Threshold',
        'Specific Emissions and Sales Thresholds',
        'Emissions Netting',
        'Rate of Charge',
        'Conditional Exemption',
        'Potential Effects of the Methane Charge',
        "Estimated Effects from EPA's 2024 Regulatory Analysis",
        'Considerations for Policymakers',
      ],
      paragraphs: 83,
      notes: 74,
    },
    R48910: {
      title: 'Trump Accounts: Overview and Policy Considerations',
      date: '2026-04-16',
      authors: ['Brendan McDermott'],
      sections: [
        'Summary',
        'Introduction',
        'Description of Trump Accounts',
        'Contributions',
        'Ordinary Contributions',
        'Tax-Advantaged Contributions',
        'Federal Contribution Pilot Program',
        'Employer Contributions',
        'Qualified General Contributions',
        'Eligible Investments',
        'Qualified Withdrawals',
        'ABLE Account Rollovers',
        'Benefits of Trump Accounts and Comparison with Other Types of Accounts',
        'Potential Impact of Trump Accounts on Saving Behavior and Wealth',
        'Direct Effects of Tax Benefits',
        'Impact on Household Savings Rates',
        'Distributional Considerations',
        'Interactions with Federal Means-Tested Programs',
      ],
      paragraphs: 87,
      notes: 45,
    },
    R48914: {
      title: 'Cryptocurrency Mining and the Electricity Sector',
      date: '2026-04-22',
      authors: ['Corrie E. Clark'],
      sections: [
        'Summary',
        'Introduction',
        'Blockchain Technology and Cryptocurrency Mining',
        'Cryptocurrency Mining',
        "Bitcoin's Consensus Mechanism",
        'Mining Technology',
        'Other Consensus Mechanisms',
        'Where Is Cryptocurrency Mined?',
        'How Much Electricity Is Consumed by Cryptocurrency Mining?',
        'Global Bitcoin Network',
        'Domestic Electricity Consumption',
        'Selected Approaches to Managing Cryptocurrency Mining Electricity Demand',
        'New York',
        'Texas',
        'Policy Considerations',
        'Electricity Data Availability',
        'Electricity Consumption and Associated Emissions',
        'Electricity, Efficiency, and Affordability',
        'Cryptocurrency Mining and Energy Security',
      ],
      paragraphs: 75,
      notes: 111,
    },
  };

describe('Web captures of CRS reports (Markdown saved from the page)', () => {
  for (const [number, want] of Object.entries(EXPECTED)) {
    test(`${number}: metadata table, the report's sections, no chrome, its notes`, () => {
      const { report: r } = parse(number);
      assert.equal(r.title, want.title);
      assert.equal(r.date, want.date);
      assert.deepEqual(r.authors, want.authors);
      assert.equal(r.number, number);
      assert.deepEqual(
        r.sections.map(s => s.title),
        want.sections,
      );
      assert.equal(paras(r).length, want.paragraphs);
      for (const p of paras(r)) assert.doesNotMatch(p.text, CHROME, `${p.id} is page chrome: ${p.text.slice(0, 80)}`);
      assert.equal(r.footnotes.length, want.notes);
      assert.deepEqual(
        r.footnotes.map(f => f.n),
        Array.from({ length: want.notes }, (_, i) => i + 1),
      );
    });
  }

  test('a Footnotes table without closing pipes gives each note its text and URL', () => {
    const { report: r } = parse('R48910');
    const first = r.footnotes[0];
    assert.equal(
      first.text,
      'Internal Revenue Service (IRS), "Trump Accounts," 91 Federal Register 11194, 11197, March 9, 2026, https://www.federalregister.gov/documents/2026/03/09/2026-04533/trump-accounts.',
    );
    assert.equal(first.source.url, 'https://www.federalregister.gov/documents/2026/03/09/2026-04533/trump-accounts');
    assert.equal(first.kind, undefined);
  });

  test("a box's text is read (the In Focus sidebar), a figure box and a data table are not", () => {
    const { report: r } = parse('IF11175');
    assert.match(paras(r)[1].text, /^Mexico has a population of 132 million people/);
    const { report: copper } = parse('IN12614');
    assert.ok(!paras(copper).some(p => /Products Covered by Section 232|Commerce Secretary initiates investigation/.test(p.text)));
    assert.ok(copper.figures.some(f => f.value === 16.2e9 && f.unit === 'USD'));
  });
});

describe('A think-tank article saved as Markdown (navigation, share links, byline, newsletter box, related topics, footer)', () => {
  const { report: r, warnings } = parseReportWithSpans(readFileSync(`${dir}/thinktank-article.md`, 'utf8'), {
    source: 'thinktank-article.md',
  });

  test("title, byline, date; only the article's sections and paragraphs", () => {
    assert.equal(r.title, "Pakistan's Textile Exports Under the New Tariffs");
    assert.deepEqual(r.authors, ['Madiha Afzal', 'Omar Khan']);
    assert.equal(r.date, '2025-05-19');
    assert.deepEqual(
      r.sections.map(s => s.title),
      ['Introduction', 'What the tariffs change'],
    );
    assert.equal(paras(r).length, 3);
    for (const p of paras(r))
      assert.doesNotMatch(p.text, /Skip to|Home|Donate|Share|Twitter|Photo credit|newsletter|inbox|Related|©|Privacy/);
    assert.deepEqual(warnings, []);
  });

  test('its links are its sources: five distinct URLs, the order-of-first-use numbers, a repeat cited again', () => {
    assert.deepEqual(
      r.footnotes.map(f => [f.n, f.source.container, f.source.date ?? null, f.citedBy]),
      [
        [1, 'whitehouse.gov', '2025-04', ['p1', 'p3']],
        [2, 'pbs.gov.pk', null, ['p1']],
        [3, 'dawn.com', null, ['p2']],
        [4, 'commerce.gov.pk', '2025-05-10', ['p2']],
        [5, 'reuters.com', '2025-05-12', ['p3']],
      ],
    );
    assert.deepEqual(
      paras(r).map(p => p.footnotes),
      [
        [1, 2],
        [3, 4],
        [5, 1],
      ],
    );
  });
});

describe('Inline-link citations (an Insight that cites by hyperlinks)', () => {
  const { report: r, spans } = parse('IN12614');

  test('each distinct linked URL is one numbered source, in order of first use, of kind link', () => {
    assert.equal(r.footnotes.length, 28);
    assert.ok(r.footnotes.every(f => f.kind === 'link'));
    const urls = r.footnotes.map(f => f.source.url);
    assert.equal(new Set(urls).size, urls.length);
    assert.deepEqual(
      r.footnotes.slice(0, 3).map(f => [f.n, f.source.title, f.source.container, f.source.url]),
      [
        [1, 'partially delegated to the President', 'crsreports.congress.gov', 'https://crsreports.congress.gov/crs-product/IF11030'],
        [
          2,
          'Section 232 of the Trade Expansion Act of 1962',
          'crsreports.congress.gov',
          'https://crsreports.congress.gov/crs-product/IF13006',
        ],
        [
          3,
          '19 U.S.C. §1862',
          'govinfo.gov',
          'https://www.govinfo.gov/app/details/USCODE-2015-title19/USCODE-2015-title19-chap7-subchapII-partIV-sec1862',
        ],
      ],
    );
    assert.equal(
      r.footnotes[0].text,
      '“partially delegated to the President”, crsreports.congress.gov, https://crsreports.congress.gov/crs-product/IF11030',
    );
  });

  test('a source linked from three paragraphs is cited by all three; its date comes from the URL', () => {
    const imposed = r.footnotes.find(f => f.source.title === 'imposed')!;
    assert.equal(imposed.n, 5);
    assert.deepEqual(imposed.citedBy, ['p1', 'p3', 'p5']);
    assert.equal(imposed.source.date, '2025-08-05');
    assert.equal(imposed.key, 'federalregister2025');
    assert.deepEqual(
      r.footnotes.slice(0, 3).map(f => f.key),
      ['congress', 'congressb', 'govinfo'],
    );
  });

  test('links inside the page ("Table 1", "Figure 1") and site navigation are not sources', () => {
    assert.ok(!r.footnotes.some(f => /#_Ref|get-alerts|readspeaker/.test(f.source.url ?? '')));
  });

  test('markers sit at the end of each link, and their spans cover the link in the input', () => {
    const p1 = paras(r)[0];
    assert.deepEqual(p1.footnotes, [1, 2, 3, 4, 5, 6]);
    const text = readFileSync(`${dir}/${file('IN12614')}`, 'utf8');
    const marker = spanArray(spans).find(s => s.kind === 'marker' && s.id === '3')!;
    assert.equal(
      text.slice(marker.start, marker.end),
      '[19 U.S.C. §1862](https://www.govinfo.gov/app/details/USCODE-2015-title19/USCODE-2015-title19-chap7-subchapII-partIV-sec1862)',
    );
  });

  test('a report with notes keeps its notes: links do not become sources there', () => {
    const { report: trump } = parse('R48910');
    assert.ok(trump.footnotes.every(f => f.kind !== 'link'));
  });
});

describe('capture helpers', () => {
  test('metadata fields from header lines and table rows', () => {
    assert.deepEqual(metadataField('**Publication Date:** 04/23/2026'), { name: 'Publication Date', value: '04/23/2026' });
    assert.deepEqual(metadataField('| **Author:** | Kitamura, Kyla H. '), { name: 'Author', value: 'Kitamura, Kyla H.' });
    assert.equal(metadataField('| Action | Steel (2017-2018) | Copper (2025) '), undefined);
    assert.equal(metadataField('**Important:** read this'), undefined);
  });

  test('dates and names as catalogues write them', () => {
    assert.equal(metadataDate('04/23/2026'), '2026-04-23');
    assert.equal(metadataDate('13/40/2026'), undefined);
    assert.equal(metadataDate('April 23, 2026'), '2026-04-23');
    assert.deepEqual(metadataAuthors('Kitamura, Kyla H.'), ['Kyla H. Kitamura']);
    assert.deepEqual(metadataAuthors('Trachtenberg, Danielle M.; Villarreal, M. Angeles'), [
      'Danielle M. Trachtenberg',
      'M. Angeles Villarreal',
    ]);
    assert.deepEqual(metadataAuthors('Jane Doe and John Roe'), ['Jane Doe', 'John Roe']);
  });

  test('masthead, plain headings, in-page links', () => {
    assert.equal(isMasthead('ListenSection 232 Tariffs on CopperUpdated April 23, 2026 (IN12614)', 'Section 232 Tariffs on Copper'), true);
    assert.equal(isMasthead('Section 232 Tariffs on Copper were imposed in 2025 by proclamation.', 'Section 232 Tariffs on Copper'), false);
    assert.equal(looksLikePlainHeading('Where Is Cryptocurrency Mined?'), true);
    assert.equal(looksLikePlainHeading('Potential Implications for the U.S. Economy'), true);
    assert.equal(looksLikePlainHeading('the rest of the sentence runs on here without a stop'), false);
    assert.equal(looksLikePlainHeading('Copper is used in a variety of sectors, including construction.'), false);
    assert.equal(citedUrl('https://crsreports.congress.gov#_Ref208848199'), undefined);
    assert.equal(citedUrl('#fn1'), undefined);
    assert.equal(citedUrl('mailto:a@b.org'), undefined);
    assert.equal(
      citedUrl('https://www.csis.org/analysis/rethinking-copper-tariffs'),
      'https://www.csis.org/analysis/rethinking-copper-tariffs',
    );
    assert.equal(dateInUrl('https://www.federalregister.gov/documents/2025/08/05/2025-14893/x'), '2025-08-05');
    assert.equal(dateInUrl('https://example.org/2026/03/story'), '2026-03');
  });

  test('scanners stay linear on hostile captures (4n takes about four times n, quadratic would be 16)', () => {
    const unit =
      '| **Author:** | ' + '['.repeat(50) + '**'.repeat(50) + '\n' + '[a](https://x.org/' + '('.repeat(40) + ') '.repeat(40) + '\nWord\n\n';
    const text = (n: number) =>
      '# T\n\n**Publication Date:** 01/02/2025\n**Author(s):** Doe, Jane\n\n' + unit.repeat(n) + '\nA closing paragraph of the report.\n';
    // CPU time, the best of five runs of each size: a collection or a busy machine does not decide
    const best = (n: number) => {
      const input = text(n);
      let fastest = Infinity;
      for (let i = 0; i < 5; i++) {
        const start = process.cpuUsage();
        parseReportWithSpans(input, { source: 'x.md' });
        const used = process.cpuUsage(start);
        fastest = Math.min(fastest, used.user + used.system);
      }
      return fastest;
    };
    const ratio = best(1200) / best(300);
    assert.ok(ratio < 8, `4n/n = ${ratio.toFixed(2)}`);
  });
});
