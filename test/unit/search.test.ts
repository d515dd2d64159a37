import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../src/core/parse';
import { Library } from '../../src/core/library';
import type { Report } from '../../src/core/model';
import { buildSearchIndex, createSearchIndex, excerpt, highlightRanges, numberToken } from '../../src/core/search';
import { searchCommand } from '../../src/cli/search';
import { assertLinear } from './linear';

const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});
const seedIndex = createSearchIndex(new Library([seed]));

/** A small report with figures written by hand, so ranking tests do not depend on figure extraction. */
const tariffs: Report = {
  id: 'tariffs',
  key: 'tariffs2025',
  title: 'Tariffs and minerals',
  authors: ['A. Analyst'],
  sections: [
    {
      id: 's1',
      title: 'Trade',
      paragraphs: [
        { id: 'p1', text: 'Washington imposed a 29 percent reciprocal tariff on imports from Pakistan.', footnotes: [1] },
        { id: 'p2', text: 'Competitors face more: Bangladesh (at 39 percent) and Vietnam (at 46 percent).', footnotes: [] },
      ],
    },
    {
      id: 's2',
      title: 'Minerals',
      paragraphs: [
        { id: 'p3', text: 'Reko Diq is estimated to host copper resources in excess of 50 billion pounds.', footnotes: [2] },
        { id: 'p4', text: 'The administration has already suspended US$845 million in multisector funding.', footnotes: [3] },
      ],
    },
  ],
  footnotes: [
    {
      n: 1,
      key: 'dawn2025',
      text: '“Trump tariffs,” DAWN, April 14, 2025.',
      source: { authors: [], title: 'Trump tariffs', container: 'DAWN', date: '2025-04-14' },
      citedBy: ['p1'],
    },
    {
      n: 2,
      key: 'diplomat2025',
      text: '“Critical Minerals,” The Diplomat, April 16, 2025.',
      source: { authors: [], title: 'Critical Minerals', container: 'The Diplomat', date: '2025-04-16' },
      citedBy: ['p3'],
    },
    {
      n: 3,
      key: 'profit2025',
      text: '“US suspends $845m aid projects,” Profit, February 4, 2025.',
      source: { authors: [], title: 'US suspends $845m aid projects', container: 'Profit', date: '2025-02-04' },
      citedBy: ['p4'],
    },
  ],
  figures: [
    {
      id: 'f1',
      text: '29 percent',
      value: 29,
      unit: 'percent',
      subject: 'reciprocal tariff on imports from Pakistan',
      paragraph: 'p1',
      sentence: 'Washington imposed a 29 percent reciprocal tariff on imports from Pakistan.',
      footnotes: [1],
    },
    {
      id: 'f2',
      text: '39 percent',
      value: 39,
      unit: 'percent',
      subject: 'reciprocal tariff on Bangladesh',
      paragraph: 'p2',
      sentence: 'Competitors face more: Bangladesh (at 39 percent) and Vietnam (at 46 percent).',
      footnotes: [],
    },
    {
      id: 'f3',
      text: '50 billion pounds',
      value: 50e9,
      unit: 'lb',
      qualifier: 'in excess of',
      subject: 'copper resources at Reko Diq',
      paragraph: 'p3',
      sentence: 'Reko Diq is estimated to host copper resources in excess of 50 billion pounds.',
      footnotes: [2],
    },
    {
      id: 'f4',
      text: 'US$845 million',
      value: 845e6,
      unit: 'USD',
      subject: 'suspended multisector funding',
      paragraph: 'p4',
      sentence: 'The administration has already suspended US$845 million in multisector funding.',
      footnotes: [3],
    },
  ],
};
const handIndex = createSearchIndex(new Library([tariffs]));

const first = (index: typeof seedIndex, query: string, kinds?: ('section' | 'paragraph' | 'footnote' | 'figure')[]) =>
  index.search(query, { kinds })[0];

const seedParagraph = (id: string) => seed.sections.flatMap(s => s.paragraphs).find(p => p.id === id)?.text ?? '';
const seedFigure = (id: string) => seed.figures.find(f => f.id === id);
/** The hit is the paragraph matching `paragraph`, or a figure of that paragraph passing `figure`. */
function isAbout(
  hit: { kind: string; id: string } | undefined,
  paragraph: RegExp,
  figure: (f: NonNullable<ReturnType<typeof seedFigure>>) => boolean,
): boolean {
  if (!hit) return false;
  if (hit.kind === 'paragraph') return paragraph.test(seedParagraph(hit.id));
  const f = hit.kind === 'figure' ? seedFigure(hit.id) : undefined;
  return !!f && paragraph.test(seedParagraph(f.paragraph)) && figure(f);
}

test('typos still find their target in the seed: "tarrif bangladesh", "reko dik copper"', () => {
  assert.ok(
    isAbout(first(seedIndex, 'tarrif bangladesh'), /Bangladesh \(at 39 percent\)/, f => f.value === 39),
    JSON.stringify(first(seedIndex, 'tarrif bangladesh')),
  );
  assert.ok(
    isAbout(first(seedIndex, 'reko dik copper'), /Reko Diq/, f => f.value === 50e9),
    JSON.stringify(first(seedIndex, 'reko dik copper')),
  );
  assert.ok(isAbout(first(seedIndex, 'reko dik copper', ['paragraph']), /Reko Diq/, () => false));
  assert.ok(isAbout(first(seedIndex, 'tarrif bangladesh', ['paragraph']), /Bangladesh \(at 39 percent\)/, () => false));
});

test('numbers are normalised: "845m", "$845 million", "845 million" find US$845 million in the seed', () => {
  for (const query of ['845m', '$845 million', '845 million', 'US$845 million', '$845m']) {
    const hit = first(seedIndex, query);
    assert.ok(
      isAbout(hit, /US\$845 million/, f => f.value === 845e6),
      `${query}: ${JSON.stringify(hit)}`,
    );
    const paragraph = first(seedIndex, query, ['paragraph'])!;
    assert.match(paragraph.label, /US\$845 million/, query);
    assert.ok(
      paragraph.highlights.some(([a, b]) => paragraph.label.slice(a, b) === 'US$845 million'),
      query,
    );
  }
});

test('"rare earth" finds the paragraphs about rare earths first', () => {
  const hits = seedIndex.search('rare earth', { limit: 2 });
  assert.equal(hits.length, 2);
  for (const hit of hits) assert.match(hit.label, /rare earth/);
});

test('"rare earth F-35" ranks the F-35 paragraph of the seed first, and highlights F-35 whole', () => {
  const [hit] = seedIndex.search('rare earth F-35');
  assert.equal(hit?.kind, 'paragraph');
  assert.match(seedParagraph(hit!.id), /each F-35 fighter jet/);
  assert.ok(
    hit!.highlights.some(([a, b]) => hit!.label.slice(a, b) === 'F-35'),
    JSON.stringify(hit),
  );
});

test('hyphenated identifiers are words as written and as their parts: F-35, COVID-19, S-400, JF-17', () => {
  const texts = [
    'Pakistan flies the JF-17 Thunder, built with China.',
    'India bought the S-400 air defence system from Russia.',
    'The COVID-19 pandemic cut remittances.',
    'Each F-35 needs rare earth magnets.',
    'Tariffs of 35 percent, 400 vessels, 17 ports and 19 mines.',
    'The F-16 fleet is older; the F-15 older still.',
  ];
  const report: Report = {
    ...tariffs,
    id: 'ids',
    sections: [{ id: 's1', title: 'Systems', paragraphs: texts.map((text, i) => ({ id: `p${i + 1}`, text, footnotes: [] })) }],
    footnotes: [],
    figures: [],
  };
  const index = createSearchIndex(new Library([report]));
  const ids = (query: string) => index.search(query, { kinds: ['paragraph'] }).map(h => h.id);
  // as written: the identifier's paragraph alone, not every 35, 400, 17 or 19, nor the F-16
  assert.deepEqual(ids('F-35'), ['p4']);
  assert.deepEqual(ids('S-400 '), ['p2']);
  assert.deepEqual(ids('JF-17 '), ['p1']);
  assert.deepEqual(ids('COVID-19 '), ['p3']);
  assert.deepEqual(ids('covid-19 pandemic'), ['p3']);
  // its parts: "COVID" and "Thunder JF" find them too
  assert.deepEqual(ids('covid '), ['p3']);
  assert.equal(ids('thunder jf')[0], 'p1');
  // typed key by key, the identifier is a prefix: "F-3" finds the F-35, not the F-16
  assert.deepEqual(ids('F-3'), ['p4']);
  // a figure's number is still a number: "400" finds the vessels (and the S-400, whose part it is)
  assert.ok(ids('400 ').includes('p5'));
});

test('notes are found by their source: outlet and author', () => {
  assert.deepEqual([first(seedIndex, 'lawfare')!.kind, first(seedIndex, 'lawfare')!.id], ['footnote', '1']);
  assert.equal(first(seedIndex, 'profit')!.id, '4');
  assert.equal(first(seedIndex, 'afzal', ['footnote'])!.kind, 'footnote');
});

test('sections are found by their heading', () => {
  const hit = first(seedIndex, 'new limitations', ['section'])!;
  assert.equal(hit.id, 's2');
});

test('figures rank first for their own words and numbers', () => {
  assert.equal(first(handIndex, 'tarrif bangladesh')!.id, 'f2');
  assert.equal(first(handIndex, 'reko dik copper')!.id, 'f3');
  assert.equal(first(handIndex, '845m')!.id, 'f4');
  assert.equal(first(handIndex, '$845 million')!.id, 'f4');
  assert.equal(first(handIndex, '29%')!.id, 'f1');
  assert.equal(first(handIndex, '39 percent')!.id, 'f2');
});

test('kinds and report filters hold', () => {
  for (const hit of handIndex.search('tariff', { kinds: ['footnote'] })) assert.equal(hit.kind, 'footnote');
  assert.deepEqual(handIndex.search('tariff', { reportId: 'nope' }), []);
  assert.ok(handIndex.search('tariff', { limit: 1 }).length <= 1);
});

test('a hit is a ReportTarget with label, detail and highlight ranges inside the label', () => {
  for (const hit of seedIndex.search('pakistan minerals copper tariff', { limit: 30 })) {
    assert.ok(['section', 'paragraph', 'footnote', 'figure'].includes(hit.kind));
    assert.equal(hit.reportId, seed.id);
    assert.ok(hit.id);
    for (const [a, b] of hit.highlights) assert.ok(a >= 0 && b <= hit.label.length && a < b, `${a}-${b} in ${hit.label}`);
  }
});

test('empty, huge and hostile queries never throw', () => {
  const queries = [
    '',
    '   ',
    '\u0000\u0001',
    '$',
    '%%%',
    '[^1]',
    '![x](command:foo)',
    '<img src=x onerror=alert(1)>',
    "'=^!$|",
    '.*+?()[]{}',
    'a'.repeat(100000),
    'tariff '.repeat(5000),
    '9'.repeat(400),
    '1e400',
    '-0',
    'NaN',
    '∞',
    '🙂🙂',
    '\ud800',
    'ﬁ',
  ];
  for (const q of queries) {
    assert.doesNotThrow(() => seedIndex.search(q), q.slice(0, 20));
    assert.ok(Array.isArray(seedIndex.search(q)));
  }
  assert.deepEqual(seedIndex.search(''), []);
  assert.deepEqual(seedIndex.search(undefined as unknown as string), []);
});

test('number tokens are stable words', () => {
  assert.equal(numberToken(845e6), 'n845000000');
  assert.equal(numberToken(8.5), 'n8d5');
  assert.equal(numberToken(Infinity), undefined);
  assert.match(numberToken(1e25)!, /^n[0-9a-z]+$/);
});

test('an excerpt keeps the matched words and shifts their ranges', () => {
  const text = 'word '.repeat(50) + 'copper gold ' + 'word '.repeat(50);
  const at = text.indexOf('copper');
  const { text: shown, highlights } = excerpt(text, [[at, at + 6]], 60);
  assert.ok(shown.length <= 64);
  assert.equal(shown.slice(highlights[0]![0], highlights[0]![1]), 'copper');
});

test('the index updates per report and builds in chunks for big libraries', async () => {
  const index = createSearchIndex(new Library([tariffs]));
  const before = index.size;
  index.update(new Library([tariffs, seed]));
  assert.equal(index.size, before + createSearchIndex(new Library([seed])).size);
  index.update(new Library([seed]));
  assert.deepEqual(index.search('reko', { reportId: 'tariffs' }), []);
  assert.deepEqual(
    index.search('reko').map(h => `${h.kind}:${h.id}`),
    ['figure:f13', 'figure:f14', 'paragraph:p20'],
  );

  const bigReport = (length: number): Report => {
    const paragraphs = Array.from({ length }, (_, i) => ({
      id: `p${i + 1}`,
      text: `Paragraph ${i} about tariffs, copper and the number ${i} percent of imports from country ${i % 97}.`,
      footnotes: [],
    }));
    return { ...tariffs, id: 'big', sections: [{ id: 's1', title: 'Big', paragraphs }], footnotes: [], figures: [] };
  };
  const bigIndex = await buildSearchIndex(new Library([bigReport(3000)]), { chunkSize: 400 });
  assert.equal(bigIndex.size, 3001);
  assert.equal(bigIndex.search('tarrif coper', { limit: 20 }).length, 20);
  // the chunked build is the synchronous one plus yields; its time grows linearly with the paragraphs
  assertLinear('search index build', n => createSearchIndex(new Library([bigReport(n)])), 500, 4000);
});

test('an index re-indexed report by report answers as one built afresh (postings frozen in one array, old ones compacted away)', () => {
  const drafts = ['axq', 'bxq', 'cxq', 'dxq', 'exq', 'fxq', 'gxq', 'hxq', 'ixq', 'jxq', 'kxq', 'lxq'];
  // a report of words no other report has, edited again and again: the others' terms keep their document frequency
  const edited = (n: number): Report => ({
    id: 'edits',
    key: 'edits2025',
    title: 'Zorblat',
    authors: [],
    sections: [
      {
        id: 's1',
        title: 'Zorblat',
        paragraphs: Array.from({ length: 30 }, (_, i) => ({
          id: `p${i + 1}`,
          text: `Zorblat quembric draft ${drafts[n]}.`,
          footnotes: [],
        })),
      },
    ],
    footnotes: [],
    figures: [],
  });
  const index = createSearchIndex(new Library([tariffs, edited(0), seed]));
  // every edit discards the report's old items; enough of them and the frozen postings are compacted
  for (let n = 1; n < drafts.length; n++) index.update(new Library([tariffs, edited(n), seed]));
  const fresh = createSearchIndex(new Library([tariffs, edited(drafts.length - 1), seed]));
  const shown = (hits: ReturnType<typeof fresh.search>) => hits.map(h => `${h.kind}:${h.reportId}:${h.id}:${h.score.toFixed(9)}`);
  for (const query of ['copper', 'reko diq', 'tarrif bangl', '29 percent', '845m', 'diplomat', 'rare earth f-35']) {
    assert.deepEqual(shown(index.search(query)), shown(fresh.search(query)), query);
  }
  assert.equal(index.size, fresh.size);
  assert.deepEqual(
    index.search('zorblat quembric', { kinds: ['paragraph'] }).map(h => h.label),
    Array.from({ length: 30 }, () => 'Zorblat quembric draft lxq.'),
  );
  assert.deepEqual(index.search('bxq'), []);
});

test('a bare number is searched as a word as well as a value', () => {
  const paragraphs = Array.from({ length: 50 }, (_, i) => ({
    id: `p${i + 1}`,
    text: `Paragraph ${i * 1000 + 7} says that trade grew.`,
    footnotes: [],
  }));
  const report: Report = { ...tariffs, id: 'numbers', sections: [{ id: 's1', title: 'Numbers', paragraphs }], footnotes: [], figures: [] };
  const hit = createSearchIndex(new Library([report])).search('paragraph 29007')[0]!;
  assert.equal(hit.id, 'p30');
});

test('CLI: dossier search prints hits, JSON, and says why it fails', async () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await searchCommand.run(args, { out: t => out.push(t), err: t => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const text = await run('reko', 'dik', 'copper', '--limit', '2');
  assert.equal(text.code, 0);
  assert.match(text.out.split('\n')[0]!, /Reko Diq|50 billion pounds/);
  const json = await run('845m', '--json', '--limit', '1');
  const hits = JSON.parse(json.out);
  assert.equal(hits.length, 1);
  assert.ok(['figure', 'paragraph'].includes(hits[0].kind));
  assert.equal((await run('--limit', 'x', 'a')).code, 2);
  assert.equal((await run()).code, 2);
  assert.equal((await run('a', '--library', '/nonexistent/folder')).code, 2);
  assert.equal((await run('zzqqxx')).code, 1);
});

test('any query (property): never throws, hits are well-formed and at most the limit', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (query, limit) => {
      const hits = seedIndex.search(query, { limit });
      assert.ok(hits.length <= limit);
      for (const hit of hits) {
        assert.ok(Number.isFinite(hit.score));
        for (const [a, b] of hit.highlights) assert.ok(a >= 0 && a < b && b <= hit.label.length);
      }
    }),
    { numRuns: 300 },
  );
});

test('a paragraph of 400,000 words is found, not a stack overflow inside the re-scoring', () => {
  const huge: Report = {
    ...tariffs,
    id: 'huge',
    sections: [{ id: 's1', title: 'Zebras', paragraphs: [{ id: 'p1', text: 'zebra '.repeat(400_000) + 'crossing', footnotes: [] }] }],
    footnotes: [],
    figures: [],
  };
  const hits = createSearchIndex(new Library([huge])).search('zebra', { kinds: ['paragraph'] });
  assert.deepEqual(
    hits.map(h => [h.reportId, h.id]),
    [['huge', 'p1']],
  );
});

test('highlights: every spelling of a matched word and its longer forms, each identifier whole', () => {
  const text = 'Zebra zebras, ZEBRA and zebu; the F-35 and F-16 flew by Zébra.';
  assert.deepEqual(highlightRanges(text, new Set(['zebra', 'f-35'])), [
    [0, 5],
    [6, 12],
    [14, 19],
    [34, 38],
    [56, 61],
  ]);
});

test('a paragraph matching 400,000 times shows its opening words highlighted; a word after them is still found', () => {
  const text = 'zebra '.repeat(400_000) + 'lion';
  const report: Report = {
    ...tariffs,
    id: 'zebras',
    sections: [{ id: 's1', title: 'Zebras', paragraphs: [{ id: 'p1', text, footnotes: [] }] }],
    footnotes: [],
    figures: [],
  };
  const index = createSearchIndex(new Library([report]));
  const [zebra] = index.search('zebra', { kinds: ['paragraph'] });
  assert.equal(zebra!.label, `${'zebra '.repeat(19)}zebra…`);
  assert.deepEqual(zebra!.highlights.slice(0, 2), [
    [0, 5],
    [6, 11],
  ]);
  assert.equal(zebra!.highlights.length, 20);
  const [lion] = index.search('lion', { kinds: ['paragraph'] });
  assert.equal(lion!.label, `…${'zebra '.repeat(4)}lion`);
  assert.deepEqual(lion!.highlights, [[lion!.label.length - 4, lion!.label.length]]);
});
