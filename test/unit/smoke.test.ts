import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('the bundled report ships verbatim in data/reports', () => {
  const text = readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8');
  assert.match(text, /U\.S\.-Pakistan Relations in Flux/);
});
