import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOfText } from '../../src/core/sourceLine';

const file = [
  '# Introduction', // 0
  '', // 1
  'Pakistan received **US$845 million** in aid', // 2
  'through [USAID](https://usaid.gov/x) programmes in 2024.[^1]', // 3
  '', // 4
  'A second paragraph on trade flows and tariffs.', // 5
].join('\n');

test('a paragraph is found on the line where it starts, through emphasis, links and line breaks', () => {
  assert.equal(lineOfText(file, 'Pakistan received US$845 million in aid through USAID programmes in 2024.'), 2);
  assert.equal(lineOfText(file, 'A second paragraph on trade flows and tariffs.'), 5);
});

test('a paragraph whose first words are not in the file is found by a later run of its words', () => {
  assert.equal(lineOfText(file, 'Reworded opening here today. A second paragraph on trade flows and tariffs.'), 5);
});

test('text the file does not hold gives no line', () => {
  assert.equal(lineOfText(file, 'Nothing of this stands in the report at all.'), undefined);
  assert.equal(lineOfText(file, ''), undefined);
});
