import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commandLink, escapeMarkdown, safeWebUrl } from '../../src/shared/markdown';

test('report text in a hover is data: HTML, links, images and emphasis are escaped', () => {
  const out = escapeMarkdown('<img src=x onerror=alert(1)> [x](command:workbench.action.quit) ![i](data:x) **b** `c` #h\nnext');
  assert.doesNotMatch(out, /<img/);
  assert.doesNotMatch(out, /\]\(command:/);
  assert.doesNotMatch(out, /!\[/);
  assert.doesNotMatch(out, /\n/);
  assert.match(out, /&lt;img src=x onerror=alert\\\(1\\\)/);
});

test('no escaped text can open a link, an image or raw HTML (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), text => {
      const out = escapeMarkdown(text);
      assert.doesNotMatch(out, /(^|[^\\])\]\(/);
      assert.doesNotMatch(out, /</);
      assert.doesNotMatch(out, /\n/);
    }),
    { numRuns: 300 },
  );
});

test('command links carry JSON arguments and an escaped label', () => {
  const link = commandLink('Reveal <b>', 'dossier.revealInReport', [{ reportId: 'r', kind: 'figure', id: 'f1' }]);
  assert.match(link, /^\[Reveal &lt;b\\>\]\(command:dossier\.revealInReport\?%5B%7B%22reportId/);
  const args = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1)));
  assert.deepEqual(args, [{ reportId: 'r', kind: 'figure', id: 'f1' }]);
});

test('only web addresses become links, with spaces and brackets encoded', () => {
  assert.equal(safeWebUrl('javascript:alert(1)'), undefined);
  assert.equal(safeWebUrl('command:workbench.action.quit'), undefined);
  assert.equal(safeWebUrl(undefined), undefined);
  assert.equal(safeWebUrl('https://prac.org.pk/uploads/An Analysis (1).pdf'), 'https://prac.org.pk/uploads/An%20Analysis%20%281%29.pdf');
  assert.equal(safeWebUrl('https://example.com/a–b'), 'https://example.com/a–b');
});
