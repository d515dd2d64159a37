import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import SearchableMap from 'minisearch/SearchableMap';
import { Vocabulary } from '../../src/core/vocabulary';

/** A seeded word generator: short words over a small alphabet, so prefixes and near misses abound. */
function words(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const letters = 'abcdeéfghio0123';
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 12) }, () => letters[Math.floor(next() * letters.length)]).join(''),
  );
}

describe('the search vocabulary (a sorted array walked as a trie)', () => {
  test('prefix and typo look-ups find exactly what a radix tree finds, frozen or just added', () => {
    const terms: string[] = [];
    const vocabulary = new Vocabulary(terms);
    const tree = new SearchableMap<number>();
    const queries = words(300, 99);
    for (const [round, batch] of [words(8000, 1), words(8000, 2), words(500, 3)].entries()) {
      for (const word of batch) {
        if (tree.has(word)) continue;
        terms.push(word);
        tree.set(word, terms.length - 1);
        vocabulary.add(terms.length - 1);
      }
      // the last batch stays unfrozen: terms added by a re-index are found before the next freeze
      if (round < 2) vocabulary.freeze();
      for (const [i, query] of queries.entries()) {
        const distance = 1 + (i % 2);
        const expected = [...tree.fuzzyGet(query, distance)].map(([term, [id, d]]) => `${term}:${id}:${d}`).sort();
        const found = vocabulary
          .fuzzy(query, distance)
          .map(([term, id, d]) => `${term}:${id}:${d}`)
          .sort();
        assert.deepEqual(found, expected, `${query} within ${distance}`);
        const prefix = query.slice(0, 2);
        assert.deepEqual(
          [...vocabulary.atPrefix(prefix)].map(([term, id]) => `${term}:${id}`).sort(),
          [...tree.atPrefix(prefix)].map(([term, id]) => `${term}:${id}`).sort(),
          `prefix ${prefix}`,
        );
      }
    }
  });

  test('typos: one letter wrong, dropped, doubled; nothing past the distance', () => {
    const terms = ['tariff', 'tariffs', 'tarif', 'traffic', 'bangladesh', 'ta'];
    const vocabulary = new Vocabulary(terms);
    terms.forEach((_, id) => vocabulary.add(id));
    vocabulary.freeze();
    assert.deepEqual(
      vocabulary
        .fuzzy('tarrif', 2)
        .map(([term, , d]) => `${term} ${d}`)
        .sort(),
      ['tarif 1', 'tariff 2'],
    );
    assert.deepEqual(
      [...vocabulary.atPrefix('tar')].map(([term]) => term),
      ['tarif', 'tariff', 'tariffs'],
    );
    assert.deepEqual(vocabulary.fuzzy('zzzzzz', 1), []);
  });

  test('a freeze in steps finds every term throughout; a term added meanwhile waits for the next freeze; a freeze run meanwhile wins', () => {
    const terms: string[] = [];
    const vocabulary = new Vocabulary(terms);
    const known = new Set<string>();
    const add = (batch: string[]) => {
      for (const word of new Set(batch)) {
        if (known.has(word)) continue;
        known.add(word);
        terms.push(word);
        vocabulary.add(terms.length - 1);
      }
    };
    add(words(40000, 5));
    const inOrder = () => [...vocabulary.atPrefix('')].map(([term]) => term);
    const steps = vocabulary.freezeSteps();
    let count = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (++count === 3) add(['zzz late']);
      assert.equal(inOrder().length, terms.length, 'every term is found at every step');
    }
    assert.ok(count > 3, `in several steps (${count})`);
    assert.deepEqual(inOrder(), [...terms.filter(t => t !== 'zzz late')].sort().concat('zzz late'));
    vocabulary.freeze();
    assert.deepEqual(inOrder(), [...terms].sort());

    add(words(3000, 6));
    const superseded = vocabulary.freezeSteps();
    superseded.next();
    vocabulary.freeze();
    for (let step = superseded.next(); !step.done; step = superseded.next());
    assert.deepEqual(inOrder(), [...terms].sort());
  });
});
