import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parsePageHostMessage, parsePageViewState, type PageViewState } from '../../src/shared/pageViewProtocol';

describe('PDF page view state: what comes back after a window reload', () => {
  const state: PageViewState = {
    uri: 'file:///work/R48910.2.pdf',
    page: 6,
    label: '3',
    text: 'A grandparent could then contribute up to $2,000.',
  };

  test('the state a show carries is saved by the page and read back whole (as JSON, as VS Code keeps it)', () => {
    const show = parsePageHostMessage({ type: 'show', name: 'R48910.2.pdf', key: 'k', page: 6, label: '3', text: state.text, state });
    assert.deepEqual(show?.type === 'show' ? show.state : undefined, state);
    assert.deepEqual(parsePageViewState(JSON.parse(JSON.stringify(state))), state);
    assert.deepEqual(parsePageViewState({ uri: 'file:///a.pdf', page: 1 }), { uri: 'file:///a.pdf', page: 1 });
  });

  test('anything else is no state: the panel then says what to do, nothing is shown', () => {
    for (const bad of [
      undefined,
      null,
      'file:///a.pdf',
      { uri: '', page: 1 },
      { uri: 'file:///a.pdf', page: 0 },
      { uri: 'file:///a.pdf', page: 1.5 },
      { scrollY: 3 },
    ])
      assert.equal(parsePageViewState(bad), undefined, JSON.stringify(bad));
    // a show whose state is broken is refused whole
    assert.equal(parsePageHostMessage({ type: 'show', name: 'a.pdf', key: 'k', page: 1, state: { uri: 3 } }), undefined);
  });
});
