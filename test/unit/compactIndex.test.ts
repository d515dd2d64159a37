// The search's candidate stage: postings frozen in one array, in steps for a big library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactIndex } from '../../src/core/compactIndex';

const weights = { fuzzy: 0.6, prefix: 0.8 };

function found(index: CompactIndex, term: string): number[] {
  return index
    .search([{ term, fuzzy: false, prefix: false }], { limit: 200, weights })
    .map(hit => hit.id)
    .sort((a, b) => a - b);
}

test('a freeze in steps answers as a freeze at once; items added meanwhile make it give up, and the next freeze takes them in', () => {
  const index = new CompactIndex(
    [{ name: 'text', boost: 1 }],
    text => text.split(' '),
    term => term,
  );
  // 70,000 items, each with a term of its own: enough postings and terms for a freeze of many steps
  const docs = Array.from({ length: 70_000 }, (_, i) => ({ text: `w${i % 700} common x${i}` }));
  index.addPrepared(1, index.prepare(docs));
  const steps = index.freezeSteps();
  let count = 0;
  for (let step = steps.next(); !step.done; step = steps.next()) {
    if (++count === 2) index.addPrepared(70_001, index.prepare([{ text: 'w7 late' }]));
    assert.deepEqual(found(index, 'x12345'), [12_346], 'every item is found at every step');
  }
  assert.ok(count > 2, `in several steps (${count})`);
  assert.deepEqual(found(index, 'late'), [70_001]);
  assert.equal(found(index, 'w7').length, 101);
  index.freeze();
  assert.deepEqual(found(index, 'late'), [70_001]);
  assert.deepEqual(found(index, 'w7').slice(0, 3), [8, 708, 1408]);
  assert.deepEqual(found(index, 'x69999'), [70_000]);
  assert.deepEqual(index.itemsWith('late'), new Set([70_001]));
});
