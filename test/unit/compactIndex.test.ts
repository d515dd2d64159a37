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

/** Items in batches (frozen after some, not others; the last past 32-bit postings), some discarded, against one build. */
function grownAndOnce(discarded: ReadonlySet<number>) {
  const make = () =>
    new CompactIndex(
      [{ name: 'text', boost: 1 }],
      text => text.split(' '),
      term => term,
    );
  const text = (key: number) => `w${key % 13} v${key % 5} k${key}${key % 3 ? ' w1 w1' : ''}`;
  // keys past 4,194,303 no longer fit a packed posting in 32 bits: the last batch goes wide
  const batches = [
    { first: 1, count: 400, freeze: true },
    { first: 401, count: 300, freeze: false },
    { first: 701, count: 200, freeze: true },
    { first: 5_000_000, count: 50, freeze: false },
  ];
  const grown = make();
  for (const batch of batches) {
    const keys = Array.from({ length: batch.count }, (_, i) => batch.first + i);
    grown.addPrepared(batch.first, grown.prepare(keys.map(key => ({ text: text(key) }))));
    for (const key of keys) if (discarded.has(key)) grown.discard(key);
    if (batch.freeze) grown.freeze();
  }
  const once = make();
  for (const batch of batches) {
    for (let key = batch.first; key < batch.first + batch.count; key++) {
      if (!discarded.has(key)) once.addPrepared(key, once.prepare([{ text: text(key) }]));
    }
  }
  once.freeze();
  return { grown, once };
}

const TERMS = ['w0', 'w1', 'w12', 'v2', 'k3', 'k450', 'k452', 'k5000010', 'k5000049', 'k900'];

test('items added in batches, frozen between some and not others, answer as an index built once, scores and all', () => {
  const { grown, once } = grownAndOnce(new Set());
  const answer = (index: CompactIndex, term: string) =>
    index
      .search([{ term, fuzzy: false, prefix: false }], { limit: 2_000, weights })
      .map(hit => `${hit.id}:${hit.score.toFixed(9)}`)
      .sort();
  for (const term of TERMS) assert.deepEqual(answer(grown, term), answer(once, term), `before the last freeze: ${term}`);
  grown.freeze();
  for (const term of TERMS) assert.deepEqual(answer(grown, term), answer(once, term), `frozen: ${term}`);
  assert.deepEqual(grown.itemsWith('k5000049'), new Set([5_000_049]));
  assert.ok(answer(grown, 'w1').length > 600, 'every item with w1, past the first 200');
});

test('discarded items are never found again, frozen or not, including past 32-bit postings', () => {
  const { grown, once } = grownAndOnce(new Set([3, 450, 451, 702, 5_000_010]));
  for (const term of TERMS) assert.deepEqual(found(grown, term), found(once, term), `before the last freeze: ${term}`);
  grown.freeze();
  for (const term of TERMS) assert.deepEqual(found(grown, term), found(once, term), `frozen: ${term}`);
  assert.deepEqual(found(grown, 'k450'), []);
  assert.deepEqual(found(grown, 'k5000010'), []);
});

test('a second freeze in steps, given up when items are discarded or added late in its steps, loses nothing', () => {
  // frozen first: 60,000 items, each with a term of its own; then 100,000 items more, on old terms and new ones
  const unfrozen = () => {
    const index = new CompactIndex(
      [{ name: 'text', boost: 1 }],
      text => text.split(' '),
      term => term,
    );
    index.addPrepared(1, index.prepare(Array.from({ length: 60_000 }, (_, i) => ({ text: `w${i % 600} x${i}` }))));
    index.freeze();
    index.addPrepared(60_001, index.prepare([{ text: 'w5 fresh' }, { text: 'x59999 fresh' }]));
    index.addPrepared(60_003, index.prepare(Array.from({ length: 100_000 }, (_, i) => ({ text: `w${i % 600} z${i} zz` }))));
    return index;
  };
  const stepsOf = (index: CompactIndex, change?: { at: number; then: () => void }) => {
    let count = 0;
    const steps = index.freezeSteps();
    // steps by their count of work alone (a step also ends after STEP_MS of the clock, which a busy machine
    // would make vary from one freeze to the next): the clock stands still meanwhile
    const clock = Date.now;
    Date.now = () => 0;
    try {
      for (let step = steps.next(); !step.done; step = steps.next()) if (++count === change?.at) change.then();
    } finally {
      Date.now = clock;
    }
    assert.ok(!change || count >= change.at, `the change came during the steps (${count} steps)`);
    return count;
  };
  const all = stepsOf(unfrozen());
  assert.ok(all > 3, `a freeze of several steps (${all})`);
  // the last steps are the postings' passes (count, copy, place), after the vocabulary's merge
  const discarded = unfrozen();
  stepsOf(discarded, { at: all - 1, then: () => discarded.discard(6) });
  discarded.freeze();
  assert.deepEqual(found(discarded, 'x5'), [], 'discarded in the last step');
  assert.ok(found(discarded, 'w6').includes(607));
  assert.equal(discarded.itemsWith('zz').size, 100_000);
  for (const at of [all - 1, all - 3]) {
    const added = unfrozen();
    stepsOf(added, { at, then: () => added.addPrepared(160_003, added.prepare([{ text: 'w5 later' }])) });
    added.freeze();
    assert.deepEqual(found(added, 'later'), [160_003], `added at step ${at} of ${all}`);
    assert.deepEqual(found(added, 'fresh'), [60_001, 60_002]);
    assert.deepEqual(found(added, 'x59999'), [60_000, 60_002]);
    assert.deepEqual(found(added, 'z99999'), [160_002]);
    assert.equal(added.itemsWith('zz').size, 100_000);
    assert.ok(added.itemsWith('w5').has(60_001) && added.itemsWith('w5').has(160_003) && added.itemsWith('w5').has(60_008));
  }
});

test('items are prepared in steps that answer as preparing them at once, one step per few thousand tokens', () => {
  const index = new CompactIndex(
    [
      { name: 'title', boost: 2 },
      { name: 'text', boost: 1 },
    ],
    text => text.split(' '),
    term => (term === 'the' ? null : term),
  );
  // 3,000 items of 12 tokens: ~36,000 tokens, as a long report's paragraphs
  const docs = Array.from({ length: 3000 }, (_, i) => ({
    title: `t${i % 40}`,
    text: `the w${i % 300} x${i} the common ${'y '.repeat(7)}z`,
  }));
  const steps = index.prepareSteps(docs);
  let count = 0;
  // counted by work alone: the clock stands still meanwhile (a step also ends after STEP_MS of it)
  const clock = Date.now;
  Date.now = () => 0;
  let prepared;
  try {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        prepared = step.value;
        break;
      }
      count++;
    }
  } finally {
    Date.now = clock;
  }
  assert.ok(count >= 5 && count <= docs.length / 4, `several steps, far fewer than the items (${count})`);
  assert.deepEqual(prepared, index.prepare(docs));
  index.addPrepared(1, prepared);
  assert.deepEqual(found(index, 'x2999'), [3000]);
  assert.deepEqual(found(index, 'the'), [], 'a token that is no term is not indexed');
});
