import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../src/core/parse';
import { assignKeys, reportBaseKey, sourceBaseKey, surname } from '../../src/core/keys';
import { Library } from '../../src/core/library';

const seedText = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
const seed = () => parseReport(seedText, { source: 'us-pakistan-relations-in-flux.txt' });

const SECOND = `Pakistan's Minerals: A Second Look

June 2, 2025

The Diplomat keeps writing about Pakistan and this paragraph cites three of its pieces for the test.[1] It also cites Madiha Afzal again, in a different article.[2] And it repeats the Lawfare piece the seed cites.[3] Finally a note with no author and no outlet at all.[4]

[1] “Another Pakistan story,” The Diplomat, March 2025, https://thediplomat.com/2025/03/another-story/.

[2] Madiha Afzal, “A different argument,” Brookings, May 1, 2025, https://www.brookings.edu/a-different-argument/.

[3] Madiha Afzal, “The New, and Low, Normal in U.S.-Pakistan Relations,” Lawfare, January 2025, https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations.

[4] “Minerals and the state,” 2023.
`;

describe('citation keys', () => {
  test('seed: author surname + year, else outlet + year, Ibid./short forms share keys', () => {
    const r = seed();
    const key = (n: number) => r.footnotes.find(f => f.n === n)!.key;
    assert.equal(key(1), 'afzal2025');
    assert.equal(key(14), 'kamurai2025');
    assert.equal(key(10), 'singh2024');
    assert.equal(key(16), 'diplomat2025');
    assert.equal(key(23), 'diplomat2025b');
    assert.equal(key(17), key(16));
    assert.equal(key(19), key(3));
    assert.equal(key(20), key(1));
    assert.equal(r.key, 'usPakistanFlux2025');
  });

  test('keys are unique within a report except for notes that repeat another', () => {
    const r = seed();
    const originals = r.footnotes.filter(f => f.refersTo === undefined).map(f => f.key);
    assert.equal(new Set(originals).size, originals.length);
    assert.ok(!originals.includes(r.key));
  });

  test('unique across a library: colliding sources get b, c …; the same source shares its key', () => {
    const library = new Library([seed(), parseReport(SECOND, { source: 'second.txt' })]);
    const second = library.report('second')!;
    const key = (n: number) => second.footnotes.find(f => f.n === n)!.key;
    assert.equal(key(1), 'diplomat2025c');
    assert.equal(key(2), 'afzal2025b');
    assert.equal(key(3), 'afzal2025', 'the Lawfare piece cited in both reports has one key');
    assert.equal(key(4), 'minerals2023');
    assert.equal(second.key, 'pakistanMinerals2025');
    const all = library.reports.flatMap(r => [r.key, ...r.footnotes.filter(f => f.refersTo === undefined).map(f => f.key)]);
    const distinctSources = new Set(all);
    assert.equal(distinctSources.size, all.length - 1, 'only the shared Lawfare source repeats');
    assert.equal(library.byKey('diplomat2025c')?.kind, 'footnote');
    assert.equal(library.byKey('usPakistanFlux2025')?.kind, 'report');
  });

  test('stable: the same reports give the same keys, every time', () => {
    const a = new Library([seed(), parseReport(SECOND, { source: 'second.txt' })]);
    const b = new Library([seed(), parseReport(SECOND, { source: 'second.txt' })]);
    const keys = (l: Library) => l.reports.flatMap(r => [r.key, ...r.footnotes.map(f => f.key)]);
    assert.deepEqual(keys(a), keys(b));
    // re-assigning the same objects does not drift
    assert.deepEqual(
      keys(a),
      assignKeys([...a.reports]).flatMap(r => [r.key, ...r.footnotes.map(f => f.key)]),
    );
  });

  test('two reports with the same title get distinct report keys', () => {
    const library = new Library([seed(), parseReport(seedText, { source: 'copy.txt' })]);
    assert.deepEqual(
      library.reports.map(r => r.key),
      ['usPakistanFlux2025', 'usPakistanFlux2025b'],
    );
  });

  test('base keys', () => {
    assert.equal(surname('Madiha Afzal'), 'afzal');
    assert.equal(surname('Afzal, Madiha'), 'afzal');
    assert.equal(surname('Martin Luther King Jr.'), 'king');
    assert.equal(surname('José Núñez'), 'nunez');
    assert.equal(sourceBaseKey({ authors: [], container: 'The Diplomat', date: '2025-04-16' }), 'diplomat2025');
    assert.equal(sourceBaseKey({ authors: [], title: 'The rise of things' }), 'rise');
    assert.equal(
      reportBaseKey({ title: 'U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints', date: '2025-05-19' }),
      'usPakistanFlux2025',
    );
    assert.equal(reportBaseKey({ title: 'The State of the Climate', date: '2024-01-01' }), 'stateClimate2024');
  });
});
