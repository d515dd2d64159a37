import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { assertLinear } from './linear';
import { placeAfterBlock } from '../../src/core/blockPlace';
import { analyseNote } from '../../src/core/note';

const LINK = '![Tariffs](charts/reciprocal-tariffs.svg)';

/** The note after the link is placed for a cursor at the `|` of `marked`. */
function placed(marked: string): string {
  const cursor = marked.indexOf('|');
  const text = marked.slice(0, cursor) + marked.slice(cursor + 1);
  const place = placeAfterBlock(text, cursor, analyseNote(text).code);
  return text.slice(0, place.offset) + place.before + LINK + place.after + text.slice(place.offset);
}

describe('placeAfterBlock: an exported chart gets its own paragraph after the cursor’s block', () => {
  test('cursor at the end of a note whose last block is a footnote definition: after a blank line, outside it', () => {
    assert.equal(
      placed('Pakistan faces 29 percent.[^1]\n\n[^1]: CRS, para. 24.|\n'),
      `Pakistan faces 29 percent.[^1]\n\n[^1]: CRS, para. 24.\n\n${LINK}\n`,
    );
  });

  test('a footnote definition’s continuation lines and indented paragraphs stay with it', () => {
    assert.equal(
      placed('Text.[^1]\n\n[^1]: First| line\n    lazy continuation\n\n    A second paragraph of the note.\n'),
      `Text.[^1]\n\n[^1]: First line\n    lazy continuation\n\n    A second paragraph of the note.\n\n${LINK}\n`,
    );
  });

  test('a run of footnote definitions is one block', () => {
    assert.equal(placed('A.[^1] B.[^2]\n\n[^1]: One.|\n\n[^2]: Two.'), `A.[^1] B.[^2]\n\n[^1]: One.\n\n[^2]: Two.\n\n${LINK}`);
  });

  test('in the middle of a paragraph: after the paragraph, the sentence left whole', () => {
    assert.equal(
      placed('# Draft\n\nThe rate is| 29 percent\nof the value.\n\nNext paragraph.\n'),
      `# Draft\n\nThe rate is 29 percent\nof the value.\n\n${LINK}\n\nNext paragraph.\n`,
    );
  });

  test('in a list item: after the whole list, never between its items', () => {
    assert.equal(
      placed('Points:\n\n- first| point\n  continued\n\n- second point\n\n    indented more\n\nAfter.\n'),
      `Points:\n\n- first point\n  continued\n\n- second point\n\n    indented more\n\n${LINK}\n\nAfter.\n`,
    );
    assert.equal(placed('1. one|\n2. two\n\nEnd.'), `1. one\n2. two\n\n${LINK}\n\nEnd.`);
  });

  test('a paragraph after a list is not part of it', () => {
    assert.equal(placed('- item\n\nProse| here.\n\n- other\n'), `- item\n\nProse here.\n\n${LINK}\n\n- other\n`);
  });

  test('inside a fenced code block: after the whole fence, blank lines and all', () => {
    assert.equal(
      placed('Before.\n\n```dossier-chart\ntitle: A|\n\nfigures: [f1]\n```\n\nAfter.'),
      `Before.\n\n\`\`\`dossier-chart\ntitle: A\n\nfigures: [f1]\n\`\`\`\n\n${LINK}\n\nAfter.`,
    );
  });

  test('on a blank line: after the block above; at the top of a note: first, with a blank line after', () => {
    assert.equal(placed('One.\n|\nTwo.'), `One.\n\n${LINK}\n\nTwo.`);
    assert.equal(placed('|\n\nOne.'), `${LINK}\n\n\n\nOne.`);
    assert.equal(placed('|'), LINK);
  });

  test('Windows line ends are kept', () => {
    assert.equal(placed('[^1]: Note.|\r\n'), `[^1]: Note.\r\n\r\n${LINK}\r\n`);
  });

  test('linear in the note’s length (a long list of footnote definitions, the cursor at the top)', () => {
    assertLinear(
      'placeAfterBlock',
      n => {
        const text = '[^1]: a\n    b\n\n'.repeat(n);
        placeAfterBlock(text, 3);
      },
      20000,
    );
  });
});
