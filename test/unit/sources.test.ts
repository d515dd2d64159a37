import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../src/core/parse';
import { parseSource, readNote, resolveReferences, isIbid } from '../../src/core/sources';
import { assertLinear } from './linear';

const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'seed.txt' });
const note = (n: number) => seed.footnotes.find(f => f.n === n)!;

describe('sources: seed notes', () => {
  test('note 1: author, curly-quoted title, outlet, month date, URL with en dashes kept whole', () => {
    assert.deepEqual(note(1).source, {
      authors: ['Madiha Afzal'],
      title: 'The New, and Low, Normal in U.S.-Pakistan Relations',
      container: 'Lawfare',
      date: '2025-01',
      url: 'https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations',
    });
  });

  test('note 4: no author when the note starts with a quoted title; full date; trailing period not in URL', () => {
    assert.deepEqual(note(4).source, {
      authors: [],
      title: 'US suspends $845m aid projects in Pakistan following Trump’s directive',
      container: 'Profit',
      date: '2025-02-04',
      url: 'https://profit.pakistantoday.com.pk/2025/02/04/us-suspends-845m-aid-projects-in-pakistan-following-trumps-directive/',
    });
  });

  test('note 14: three authors "A, B, and C"', () => {
    assert.deepEqual(note(14).source.authors, ['Clarkson Kamurai', 'Brad Handler', 'Morgan Bazilian']);
    assert.equal(note(14).source.container, 'Atlantic Council');
    assert.equal(note(14).source.date, '2025-04-23');
  });

  test('note 16: The Diplomat, April 16, 2025', () => {
    assert.equal(note(16).source.title, 'Critical Minerals Add a New Dynamic to Pakistan-US Relations');
    assert.equal(note(16).source.container, 'The Diplomat');
    assert.equal(note(16).source.date, '2025-04-16');
    assert.deepEqual(note(16).citedBy, ['p20']);
  });

  test('note 22: a URL with spaces and a curly apostrophe is kept whole', () => {
    assert.equal(note(22).source.url, 'https://prac.org.pk/uploads/An Analysis of U.S. Tariff Barriers Impacting Pakistan’s Trade.pdf');
    assert.equal(note(22).source.date, '2025-04');
    assert.equal(note(22).source.container, 'Policy Research and Advisory Council KCCI');
  });

  test('note 21: a title with nested single quotes; note 23: URL after a period', () => {
    assert.equal(note(21).source.title, 'Trump tariffs could pose ‘$1.4bn risk to Pakistan exports’');
    assert.equal(note(23).source.url, 'https://thediplomat.com/2025/04/pakistan-sees-opportunity-in-trumps-tariffs/');
    assert.equal(note(23).source.date, '2025-04-09');
  });

  test('Ibid. (17 → 16) and short forms (19 → 3, 20 → 1) resolve and borrow the full source', () => {
    assert.equal(note(17).refersTo, 16);
    assert.equal(note(19).refersTo, 3);
    assert.equal(note(20).refersTo, 1);
    assert.equal(note(17).source.url, note(16).source.url);
    assert.equal(note(20).source.url, note(1).source.url);
    for (const n of [1, 2, 3, 4, 5, 16, 18, 21, 22, 23, 24]) assert.equal(note(n).refersTo, undefined, `note ${n}`);
  });

  test('citedBy: every note lists the paragraph that cites it', () => {
    for (const f of seed.footnotes) assert.ok(f.citedBy.length >= 1, `note ${f.n} is cited`);
    assert.deepEqual(note(3).citedBy, ['p7']);
    assert.deepEqual(note(19).citedBy, ['p23']);
  });
});

describe('sources: other note styles', () => {
  test('straight quotes, URL followed by "accessed"', () => {
    assert.deepEqual(
      parseSource(
        'Jane Doe and John Roe, "Water and Power," Foreign Affairs, 12 March 2023, https://example.org/water (accessed May 2, 2024).',
      ),
      {
        authors: ['Jane Doe', 'John Roe'],
        title: 'Water and Power',
        container: 'Foreign Affairs',
        date: '2023-03-12',
        url: 'https://example.org/water',
      },
    );
  });

  test('no quotes: "Author, Title, Outlet, Year"', () => {
    const s = parseSource('Ayesha Siddiqa, Military Inc., Pluto Press, 2007.');
    assert.deepEqual(s.authors, ['Ayesha Siddiqa']);
    assert.equal(s.title, 'Military Inc');
    assert.equal(s.date, '2007');
  });

  test('"See" is not part of the author; British single quotes', () => {
    const s = parseSource('See Anatol Lieven, ‘Pakistan: A Hard Country’, Penguin, 2011.');
    assert.deepEqual(s.authors, ['Anatol Lieven']);
    assert.equal(s.title, 'Pakistan: A Hard Country');
    assert.equal(s.container, 'Penguin');
    assert.equal(s.date, '2011');
    // an apostrophe is not a quote
    assert.equal(parseSource('Pakistan’s economy, IMF, 2024.').title, 'Pakistan’s economy');
  });

  test('a bare URL', () => {
    assert.deepEqual(parseSource('https://example.com/a_b?x=1.'), { authors: [], url: 'https://example.com/a_b?x=1' });
  });

  test('Ibid. variants and chains resolve to the original note', () => {
    assert.ok(isIbid('Ibid.'));
    assert.ok(isIbid('ibid., 45.'));
    assert.ok(!isIbid('Ibidem Press, “Title,” 2020'));
    const notes = ['“A long title here,” Outlet, 2020, https://a.example.', 'Ibid.', 'Ibid., 4.'].map((text, i) => ({
      n: i + 1,
      text,
      source: parseSource(text),
    }));
    const refers = resolveReferences(notes);
    assert.equal(refers.get(2), 1);
    assert.equal(refers.get(3), 1);
  });

  test('never throws on junk', () => {
    for (const junk of ['', '“', '"unterminated', ',,,', 'http://', '“”', '[1]']) assert.doesNotThrow(() => parseSource(junk));
  });
});

describe('sources: government and think-tank note shapes', () => {
  test('Agency, "Title," Volume Federal Register Page, Month Day, Year, URL: the outlet is the journal, never a date fragment', () => {
    assert.deepEqual(
      parseSource(
        'Internal Revenue Service (IRS), "Trump Accounts," 91 Federal Register 11194, 11197, March 9, 2026, https://www.federalregister.gov/d/2026-04533.',
      ),
      {
        authors: ['Internal Revenue Service (IRS)'],
        title: 'Trump Accounts',
        container: 'Federal Register',
        date: '2026-03-09',
        url: 'https://www.federalregister.gov/d/2026-04533',
      },
    );
    const state = parseSource(
      'U.S. Department of State, “2024 Investment Climate Statements: Mongolia,” May 30, 2025, https://www.state.gov/x.',
    );
    assert.deepEqual(state.authors, ['U.S. Department of State']);
    assert.equal(state.title, '2024 Investment Climate Statements: Mongolia');
    assert.equal(state.container, undefined);
    assert.equal(state.date, '2025-05-30');
  });

  test('Agency, Italic Title with commas, Publication 501, Date: the title keeps its serial list; the publication number is not the outlet', () => {
    const s = parseSource(
      'See IRS, Dependents, Standard Deduction, and Filing Information, Publication 501, February 4, 2026, https://www.irs.gov/pub/irs-pdf/p501.pdf.',
    );
    assert.deepEqual(s.authors, ['IRS']);
    assert.equal(s.title, 'Dependents, Standard Deduction, and Filing Information');
    assert.equal(s.container, undefined);
    assert.equal(s.date, '2026-02-04');
  });

  test('"For more on …, see CRS Report …, Title, by A and B": the source after "see", the prose before it dropped', () => {
    assert.deepEqual(
      parseSource(
        'For more on work-authorized numbers, see CRS Report R47483, Noncitizen Eligibility, Work, and Numbers (SSNs), by Abigail F. Kolker and William R. Morton.',
      ),
      { authors: ['Abigail F. Kolker', 'William R. Morton'], title: 'Noncitizen Eligibility, Work, and Numbers (SSNs)', container: 'CRS' },
    );
    assert.deepEqual(parseSource('See, for example, CRS In Focus IF10363, ABLE Programs, coordinated by Jane Doe.').authors, ['Jane Doe']);
  });

  test('"Cf." and "See also" introduce a source; "et al." keeps the first author and is never an author itself', () => {
    const s = parseSource('Cf. Jeffrey S. Rutherford et al., "Closing the Methane Gap," Nature Communications, 2021.');
    assert.deepEqual(s.authors, ['Jeffrey S. Rutherford']);
    assert.equal(s.title, 'Closing the Methane Gap');
    assert.equal(s.container, 'Nature Communications');
    assert.equal(s.date, '2021');
  });

  test('several sources in one note are split: "…; and …", a second sentence, "See also …"', () => {
    const note = readNote(
      'OneDell, "Committing $6.25 Billion," December 2025, https://www.onedell.com/x/; and Dalio Philanthropies, "Dalios Double Down," Business Wire, December 17, 2025, https://www.businesswire.com/y. See also EPA, "Pneumatic Controllers," https://www.epa.gov/z.',
    );
    assert.equal(note.kind, 'source');
    assert.deepEqual(
      note.sources.map(s => [s.authors.join(' & '), s.title, s.container ?? '', s.date ?? '', s.url]),
      [
        ['OneDell', 'Committing $6.25 Billion', '', '2025-12', 'https://www.onedell.com/x/'],
        ['Dalio Philanthropies', 'Dalios Double Down', 'Business Wire', '2025-12-17', 'https://www.businesswire.com/y'],
        ['EPA', 'Pneumatic Controllers', '', '', 'https://www.epa.gov/z'],
      ],
    );
  });

  test('a quotation in prose is not a title; the source sentence after it is read ("hereinafter" dropped from the URL)', () => {
    const note = readNote(
      'IRS Notice 2025-68 states that "a Trump account continues to be a Trump account." IRS, Notice of Intent to Issue Regulations, Notice 2025-68, December 2, 2025, https://www.irs.gov/n-25-68.pdf (hereinafter IRS, Notice of Intent).',
    );
    assert.deepEqual(note.sources, [
      { authors: ['IRS'], title: 'Notice of Intent to Issue Regulations', date: '2025-12-02', url: 'https://www.irs.gov/n-25-68.pdf' },
    ]);
  });

  test('comment-only notes cite nothing: kind "comment", no source invented, no key', () => {
    for (const text of [
      'IRAs also allow workers with employer plans to roll over their savings and retain tax advantages.',
      'For purposes of this provision, "state and local government" includes Tribal governments.',
      'Gifts in excess of this threshold count against the exclusion ($15 million in 2026, adjusted for inflation annually).',
      'The IRS explains that "[a] mutual fund is considered to use leverage," as noted above.',
    ])
      assert.deepEqual(readNote(text), { kind: 'comment', sources: [] }, text);
    const report = parseReport(
      '# A report\n\nText.[^1] More.[^2]\n\n[^1]: This limit applies each year, as the agency explained.\n[^2]: Jane Doe, "Water," Foreign Affairs, 2023.\n',
      {
        source: 'r.md',
      },
    );
    assert.equal(report.footnotes[0]!.kind, 'comment');
    assert.equal(report.footnotes[0]!.key, '');
    assert.deepEqual(report.footnotes[0]!.source, { authors: [] });
    assert.equal(report.footnotes[1]!.key, 'doe2023');
  });

  test('more shapes: a book with its publisher, "For example,", "et al." before the title, an agency with "and" in its name, a senator and his debate', () => {
    assert.deepEqual(parseSource('Helen Scales, The Brilliant Abyss (New York: Atlantic Monthly Press, 2021), p. 184.'), {
      authors: ['Helen Scales'],
      title: 'The Brilliant Abyss',
      container: 'Atlantic Monthly Press',
      date: '2021',
    });
    assert.deepEqual(parseSource('For example, Olive Heffernan, "Deep-Sea Dilemma," Nature, vol. 571 (2019), p. 467.'), {
      authors: ['Olive Heffernan'],
      title: 'Deep-Sea Dilemma',
      container: 'Nature',
      date: '2019',
    });
    const rauchs = parseSource('Michel Rauchs et al. "2nd Global Cryptoasset Benchmarking Study," University of Cambridge, December 2018.');
    assert.deepEqual(
      [rauchs.authors, rauchs.title, rauchs.container, rauchs.date],
      [['Michel Rauchs'], '2nd Global Cryptoasset Benchmarking Study', 'University of Cambridge', '2018-12'],
    );
    assert.deepEqual(parseSource('Securities and Exchange Commission, "Statement on Staking," press release, May 29, 2025.').authors, [
      'Securities and Exchange Commission',
    ]);
    assert.deepEqual(parseSource('National Oceanic and Atmospheric Administration (NOAA), "New Vehicle," July 7, 2025.').authors, [
      'National Oceanic and Atmospheric Administration (NOAA)',
    ]);
    const debate = parseSource(
      'See, for example, Sen. Whitehouse, Senate debate, "Providing for Disapproval," Congressional Record, daily edition, vol. 171 (February 27, 2025), p. S1413.',
    );
    assert.deepEqual(
      [debate.authors, debate.title, debate.container, debate.date],
      [['Sen. Whitehouse'], 'Providing for Disapproval', 'Congressional Record', '2025-02-27'],
    );
    // "vol. 10, no. 5 (May 2023)": "no." does not end the sentence
    assert.equal(parseSource('Sunil Pai et al., "Photonic Computing," Optica, vol. 10, no. 5 (May 2023), pp. 552-553.').date, '2023-05');
    // a role is not an outlet
    assert.equal(
      parseSource('Christopher J. Waller, Member of the Board of Governors, "Substitutes or Complements?," speech, 2024.').container,
      undefined,
    );
  });

  test('a statute, treaty article or section cited by its number is its own title; a sentence about one is not', () => {
    assert.equal(parseSource('UNCLOS Article 156.').title, 'UNCLOS Article 156');
    assert.equal(parseSource('Submerged Lands Act (43 U.S.C. §§1301 et seq.).').title, 'Submerged Lands Act (43 U.S.C. §§1301 et seq.)');
    assert.deepEqual(readNote('CAA Section 136 includes two other exemptions from the WEC.'), { kind: 'comment', sources: [] });
  });

  test('a statute cited by its number is its own title', () => {
    assert.equal(parseSource('New Internal Revenue Code §6434.').title, 'New Internal Revenue Code §6434');
    assert.equal(parseSource('42 U.S.C. §7436(d).').title, '42 U.S.C. §7436(d)');
  });

  test('reading a note stays linear on hostile text (quotes, semicolons and periods by the thousand)', () => {
    assertLinear(
      'readNote',
      n => readNote('"a; b. C, '.repeat(n) + '“' + 'see, '.repeat(n) + 'IRS, Title Case Words, '.repeat(n)),
      500,
      8000,
    );
  });
});

describe('note shapes of real reports', () => {
  test('"Executive Order (E.O.) 14285 of April 24, 2025": the abbreviation in parentheses ends no sentence, the agency is the author', () => {
    assert.deepEqual(
      parseSource(
        'Executive Office of the President, Executive Order (E.O.) 14285 of April 24, 2025, "Unleashing America\'s Offshore Critical Minerals and Resources," 90 Federal Register 17735, April 29, 2025 (hereinafter E.O. 14285).',
      ),
      {
        authors: ['Executive Office of the President'],
        title: "Unleashing America's Offshore Critical Minerals and Resources",
        container: 'Federal Register',
        date: '2025-04-29',
      },
    );
  });

  test('an agency then its office, then an unquoted title: the office is part of the author, the title is the title', () => {
    assert.deepEqual(
      parseSource(
        'White House, Office of Science and Technology Policy, Climate and Energy Implications of Crypto-Assets in the United States, September 2022, p. 5.',
      ),
      {
        authors: ['White House, Office of Science and Technology Policy'],
        title: 'Climate and Energy Implications of Crypto-Assets in the United States',
        date: '2022-09',
      },
    );
    const cftc = parseSource(
      'Commodity Futures Trading Commission, Subcommittee on Digital Assets and Blockchain Technology Advisory Committee, Decentralized Finance, January 8, 2024, p. 6, https://www.cftc.gov/media/10106/download.',
    );
    assert.deepEqual(
      [cftc.authors, cftc.title, cftc.container, cftc.date],
      [
        ['Commodity Futures Trading Commission, Subcommittee on Digital Assets and Blockchain Technology Advisory Committee'],
        'Decentralized Finance',
        undefined,
        '2024-01-08',
      ],
    );
  });

  test('two agencies before an unquoted title are two authors', () => {
    const geis = parseSource(
      'New York State Department of Environmental Conservation, New York State Department of Public Service, Draft Generic Environmental Impact Statement for Cryptocurrency Mining Operations, prepared by Ramboll Americas, May 2025, https://dec.ny.gov/geis.pdf.',
    );
    assert.deepEqual(
      [geis.authors, geis.title, geis.container, geis.date],
      [
        ['New York State Department of Environmental Conservation', 'New York State Department of Public Service'],
        'Draft Generic Environmental Impact Statement for Cryptocurrency Mining Operations',
        undefined,
        '2025-05',
      ],
    );
  });

  test('a speech: its venue and city are no outlet', () => {
    const speech = parseSource(
      'See Christopher J. Waller, Member of the Board of Governors of the Federal Reserve System, "Centralized and Decentralized Finance—Substitutes or Complements?," speech at the Vienna Macroeconomics Workshop, organized by the Institute of Advanced Studies, Vienna, Austria, October 22, 2024, https://www.bis.org/review/r241021c.htm.',
    );
    assert.deepEqual(
      [speech.authors, speech.title, speech.container, speech.date],
      [['Christopher J. Waller'], 'Centralized and Decentralized Finance—Substitutes or Complements?', undefined, '2024-10-22'],
    );
  });

  test('"hereinafter" short forms: a later note that opens with one (and at most a locator) is that source', () => {
    const notes = [
      'Fan Zhang et al., "REM: Resource-Efficient Mining for Blockchains," Proceedings of the 26th USENIX Security Symposium, August 16-18, 2017, p. 1429 (hereinafter Fan Zhang et al., 2017).',
      'George Kamiya, "Bitcoin Energy Use—Mined the Gap," International Energy Agency (IEA), July 5, 2019 (hereinafter IEA, 2019).',
      'EIA, "Tracking Electricity Consumption from U.S. Cryptocurrency Mining Operations," Today in Energy, February 1, 2024, https://www.eia.gov/x (hereinafter EIA, "Electricity from U.S. Cryptocurrency Mining," 2024).',
      'Fan Zhang et al., 2017, p. 1429.',
      'IEA, 2019.',
      'Total U.S. electricity demand was 3,900 TWh in 2023. EIA, "Electricity from U.S. Cryptocurrency Mining," 2024.',
      // a full source that opens with the same words is its own
      'IEA, 2019, "Another Study," https://www.iea.org/other.',
      'IEA, "World Energy Outlook," 2019.',
    ].map((text, i) => ({ n: i + 1, text, source: parseSource(text) }));
    assert.deepEqual(
      [...resolveReferences(notes)],
      [
        [4, 1],
        [5, 2],
        [6, 3],
      ],
    );
  });

  test('a short form counts from the note that names it ("Hereinafter" in any case), not before', () => {
    const notes = [
      'IEA, 2019.',
      'George Kamiya, "Bitcoin Energy Use—Mined the Gap," International Energy Agency (IEA), July 5, 2019 (Hereinafter IEA, 2019).',
      'IEA, 2019, p. 4.',
    ].map((text, i) => ({ n: i + 1, text, source: parseSource(text) }));
    assert.deepEqual([...resolveReferences(notes)], [[3, 2]]);
  });
});
