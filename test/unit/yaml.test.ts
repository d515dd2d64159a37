import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../src/core/yaml';
import { parseReport } from '../../src/core/parse';

test('front-matter dates stay as written, so the parser reads them (no time-zone shift)', () => {
  assert.deepEqual(parseYaml('title: A report\ndate: 2025-05-19\n'), { title: 'A report', date: '2025-05-19' });
});

test('an alias bomb in front matter loads at once and leaves the report readable', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
    ),
    'authors: *j',
    'title: Bomb',
  ].join('\n');
  const report = parseReport(`---\n${bomb}\n---\n\n# Bomb\n\nA paragraph that cites nothing but says 29 percent.\n`, { source: 'bomb.md' });
  assert.equal(report.title, 'Bomb');
  assert.equal(report.sections.flatMap(s => s.paragraphs).length, 1);
});

test('invalid YAML throws with a one-line reason first', () => {
  assert.throws(
    () => parseYaml('title: [unclosed\n'),
    (error: Error) => error.message.split('\n')[0]!.length > 0,
  );
});
