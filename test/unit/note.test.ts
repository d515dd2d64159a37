import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertLinear } from './linear';
import { analyseNote, locatorParagraphs, MAX_NOTE_LENGTH, type NoteAnalysis } from '../../src/core/note';

/** The note every consumer is tested on (fact-check, charts, hover): the same keys and definitions for each. */
export const EDGE_CASES = readFileSync('test/fixtures/workspace/edge-cases.md', 'utf8');

/** What the note says, in its own words: keys with locators, markers, definitions. */
function reading(text: string, a: NoteAnalysis = analyseNote(text)) {
  return {
    keys: a.keys.map(k => [text.slice(k.start, k.end), k.locator ?? '', k.paragraphs, k.suppressAuthor]),
    refs: a.footnoteRefs.map(r => text.slice(r.start, r.end)),
    definitions: a.footnoteDefinitions.map(d => [text.slice(d.start, d.end), d.text]),
  };
}

const keysOf = (text: string) => analyseNote(text).keys.map(k => k.key);
const refsOf = (text: string) => analyseNote(text).footnoteRefs.map(r => r.label);
const definitionsOf = (text: string) => analyseNote(text).footnoteDefinitions.map(d => d.label);

describe('analyseNote: one reading of a note for every feature', () => {
  const table: [string, string, { keys?: string[]; refs?: string[]; definitions?: string[] }][] = [
    ['inline code is no citation', 'See `[@a]` and [@b].', { keys: ['b'] }],
    ['a longer code span holds a backtick', 'See ``[@a] ` [^1]`` and [@b].', { keys: ['b'], refs: [] }],
    ['an unmatched backtick is text', 'A ` tick [@a].', { keys: ['a'] }],
    ['a code span may cross a line in a paragraph', 'A `code\n[@a]` b [@b]', { keys: ['b'] }],
    ['a fenced block is code', '```\n[@a] [^1]\n```\n[@b]', { keys: ['b'], refs: [] }],
    ['a fence closes only with its own marker, as long or longer', '~~~~\n[@a]\n~~~\n```\n[@c]\n~~~~~\n[@b]', { keys: ['b'] }],
    ['an unclosed fence runs to the end', 'Text [@b].\n\n```\n[@a]', { keys: ['b'] }],
    ['an indented block after a blank line is code', 'Para.\n\n    [@a] [^1]\n\n[@b]', { keys: ['b'], refs: [] }],
    ['an indented line continuing a paragraph is not code', 'Para\n    [@a]', { keys: ['a'] }],
    ['an indented paragraph in a list item is not code', '- item\n\n    [@a]', { keys: ['a'] }],
    ['a definition indented up to 3 spaces is a definition', '   [^1]: Def.\nText[^1]', { definitions: ['1'], refs: ['1'] }],
    ['a definition indented 4 spaces is code', 'Text.\n\n    [^1]: Def.', { definitions: [], refs: [] }],
    ['a definition inside a line is a marker', 'Text [^1]: not a definition.', { definitions: [], refs: ['1'] }],
    ['markers inside a definition count', '[^1]: One [^x] inside.\nA[^1]', { definitions: ['1'], refs: ['x', '1'] }],
    ['several keys in one bracket', '[@a; @b, para. 3]', { keys: ['a', 'b'] }],
    ['pandoc key punctuation, not a trailing full stop', '[see @a-b:c, p. 3; -@d.]', { keys: ['a-b:c', 'd'] }],
    ['an address is no citation', 'Mail [me@x.org] or [@b].', { keys: ['b'] }],
    ['escaped brackets are text', 'Escaped \\[@a\\] and \\[^1] are text; [@b].', { keys: ['b'], refs: [] }],
    ['an escaped closing bracket does not close', '[@a\\] and more', { keys: [] }],
    ['a link destination is no citation', '[the report](https://example.org/@a) and [@b]', { keys: ['b'] }],
    ['a footnote label has no spaces', '[^a b] and [^c]', { refs: ['c'] }],
    ['front matter is not the note', '---\ntitle: [@a] [^1]\n---\n[@b]', { keys: ['b'], refs: [] }],
    ['a rule with no closing one is no front matter', '---\n[@a]', { keys: ['a'] }],
    ['a bracket does not cross a line', '[@a\nb]', { keys: [] }],
  ];
  for (const [name, text, want] of table) {
    test(name, () => {
      if (want.keys) assert.deepEqual(keysOf(text), want.keys);
      if (want.refs) assert.deepEqual(refsOf(text), want.refs);
      if (want.definitions) assert.deepEqual(definitionsOf(text), want.definitions);
      // CRLF and CR-only line ends read the same
      for (const eol of ['\r\n', '\r']) {
        const other = text.replace(/\n/g, eol);
        assert.deepEqual(keysOf(other), keysOf(text), `${name} with ${JSON.stringify(eol)}`);
        assert.deepEqual(refsOf(other), refsOf(text), `${name} with ${JSON.stringify(eol)}`);
        assert.deepEqual(definitionsOf(other), definitionsOf(text), `${name} with ${JSON.stringify(eol)}`);
      }
    });
  }

  test('locators: the text after a key up to the next key or ";", and its paragraph numbers', () => {
    assert.deepEqual(reading('[see @a, paras. 3–4; -@b, p. 2; @c ¶ 7]').keys, [
      ['@a', 'paras. 3–4', [3, 4], false],
      ['@b', 'p. 2', [], true],
      ['@c', '¶ 7', [7], false],
    ]);
    assert.deepEqual(locatorParagraphs('para. 12'), [12]);
    assert.equal(locatorParagraphs('paras. 1-100000').length, 51, 'a range is capped');
  });

  test('the shared fixture, with LF, CRLF and CR-only line ends', () => {
    const expected = {
      keys: [
        ['@usPakistanFlux2025', 'para. 24', [24], false],
        ['@profit2025', '', [], false],
        ['@syed2025', 'para. 3', [3], true],
      ],
      refs: ['[^1]'],
      definitions: [
        ['[^1]', '“US suspends $845m aid projects in Pakistan following Trump’s directive,” Profit, February 4, 2025.'],
        ['[^2]', 'Never referenced.'],
      ],
    };
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = EDGE_CASES.replace(/\n/g, eol);
      const analysis = analyseNote(text);
      assert.deepEqual(reading(text, analysis), expected, JSON.stringify(eol));
      assert.deepEqual(
        analysis.figures.map(q => q.text),
        ['29 percent'],
        'amounts in front matter, code, links and definitions are no claims',
      );
      assert.equal(
        text.slice(analysis.frontMatter!.start, analysis.frontMatter!.end),
        ['---', 'title: Draft for [@frontMatter2025]', '---'].join(eol),
      );
      assert.deepEqual(
        analysis.code.map(r => text.slice(r.start, r.end).split(eol)[0]),
        ['`[@afzal2025]`', '``[^code]``', '```markdown', '    An indented [@axios2025] and [^indented] are code too.'],
      );
      assert.deepEqual(
        analysis.links.map(r => text.slice(r.start, r.end)),
        ['(https://example.org/@iiss2024)'],
      );
    }
  });

  test('dossier-chart blocks: where they are and their body', () => {
    const text = 'Intro.\r\n\r\n```dossier-chart\r\nfigures: [f1]\r\n```\r\n\r\n~~~ python\r\nx\r\n~~~\r\n';
    const [block, ...others] = analyseNote(text).chartBlocks;
    assert.equal(others.length, 0, 'only dossier-chart fences are chart blocks');
    assert.equal(block!.line, 2);
    assert.equal(text.slice(block!.range.start, block!.range.end), '```dossier-chart\r\nfigures: [f1]\r\n```');
    assert.equal(text.slice(block!.body.start, block!.body.end), 'figures: [f1]\r\n');
  });

  test('a note over the size limit is read up to the limit, and says so', () => {
    const text = 'x'.repeat(MAX_NOTE_LENGTH) + ' [@late]';
    const analysis = analyseNote(text);
    assert.equal(analysis.truncated, true);
    assert.equal(analysis.analysed, MAX_NOTE_LENGTH);
    assert.deepEqual(analysis.keys, []);
    assert.equal(analyseNote('[@a]').truncated, false);
  });

  test('linear time on hostile shapes: four times the text takes about four times as long', () => {
    const shapes: [string, (n: number) => string][] = [
      ['an open bracket and @s', n => '# n\n\n[' + '@'.repeat(n)],
      ['footnote markers', n => '[^x]'.repeat(n / 4)],
      ['citations', n => '[@key]'.repeat(n / 6)],
      ['keys in one bracket', n => '[' + '@a '.repeat(n / 3) + ']'],
      ['link openings without a destination end', n => '[a]('.repeat(n / 4)],
      ['backtick runs of growing length', n => Array.from({ length: Math.sqrt(n) }, (_, i) => '`'.repeat(i + 1) + 'x').join('')],
      ['fence openers', n => '```\n~~~~\n'.repeat(n / 9)],
      ['indented lines', n => '\n    x'.repeat(n / 6)],
      ['CR-only definition lines', n => '[^1]: a\r'.repeat(n / 8)],
    ];
    // the shared guard: processor time on 4n over n, sizes grown until measurable, noisy readings retried
    for (const [name, make] of shapes) assertLinear(name, n => analyseNote(make(n)), 24_000);
  });
});
