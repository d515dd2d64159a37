import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { memoText, plainLine, safeWebUrl, terminalText } from '../../src/core/escape';
import { noIcons } from '../../src/shared/pickerText';
import { assertLinear } from './linear';

test('a note URL is cut at white space and encoded: no brace, quote or backslash survives', () => {
  const hostile = 'https://example.com/a}}@preamble{"\\immediate\\write18{touch /tmp/pwned}"}@misc{x,title={y}}';
  assert.equal(safeWebUrl(hostile), 'https://example.com/a%7D%7D@preamble%7B%22%5Cimmediate%5Cwrite18%7Btouch');
  assert.equal(safeWebUrl('https://example.org/b?q={x} accessed May 2025'), 'https://example.org/b?q=%7Bx%7D');
  // a document name printed with spaces, as reports do, stays one address
  assert.equal(
    safeWebUrl('https://prac.org.pk/uploads/An Analysis of U.S. Tariff Barriers.pdf'),
    'https://prac.org.pk/uploads/An%20Analysis%20of%20U.S.%20Tariff%20Barriers.pdf',
  );
  assert.equal(safeWebUrl('https://example.com/a–b'), 'https://example.com/a–b');
});

test('only http(s) addresses with a host are web addresses', () => {
  for (const url of [
    'javascript:alert(1)',
    'command:workbench.action.quit',
    'file:///etc/passwd',
    'data:text/html,x',
    'https://',
    'https:///path',
    'http://[::1',
    'www.example.com',
    '',
    undefined,
  ]) {
    assert.equal(safeWebUrl(url), undefined, String(url));
  }
});

test('report text in a memo stays text: no image, link, command link, HTML or heading', () => {
  assert.equal(
    memoText('![](https://tracker.example/p.png) and [x](command:workbench.action.quit) <img src=x onerror=alert(1)>'),
    '!\\[\\](https://tracker.example/p.png) and \\[x\\](command:workbench.action.quit) \\<img src=x onerror=alert(1)\\>',
  );
  assert.equal(memoText('# Heading\nsecond line'), '\\# Heading second line');
  assert.equal(memoText('1. not a list'), '1\\. not a list');
  assert.equal(memoText('R&D, &amp; and &#60;'), 'R&D, \\&amp; and \\&#60;');
  // addresses stay readable; the sentence around them is escaped
  assert.equal(memoText('*Profit*, https://example.com/a_b_c/.'), '\\*Profit\\*, https://example.com/a_b_c/.');
  assert.equal(memoText('“US suspends $845m aid,” Profit, February 4, 2025.'), '“US suspends $845m aid,” Profit, February 4, 2025.');
});

test('memo text never opens markup, whatever the report says (property)', () => {
  const markup = fc.constantFrom(
    '[',
    ']',
    '(',
    ')',
    '!',
    '<',
    '>',
    '*',
    '_',
    '`',
    '&',
    ';',
    '#',
    '\\',
    '\n',
    'https://',
    'command:',
    'img ',
    'amp',
    ' ',
    'a',
  );
  fc.assert(
    fc.property(
      fc.array(markup, { maxLength: 40 }).map(parts => parts.join('')),
      text => {
        const out = memoText(text);
        assert.doesNotMatch(out, /(^|[^\\])(\\\\)*[[<`]/, out);
        assert.doesNotMatch(out, /\n/);
        assert.doesNotMatch(out, /(^|[^\\])&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/, out);
      },
    ),
    { numRuns: 500 },
  );
  // found by the property above: an entity inside a web address
  assert.equal(memoText('https://&a; and https://x.org/?a=1&amp;b=2'), 'https://\\&a; and https://x.org/?a=1\\&amp;b=2');
});

test('terminal text loses escape sequences and controls, keeps lines and tabs', () => {
  assert.equal(
    terminalText('\u001b[31mRed\u001b[0m title\u001b]8;;https://evil\u0007link\u001b]8;;\u0007\u0007\ta\nb\u009b2Jc\u202e'),
    'Red titlelink\ta\nbc',
  );
  assert.equal(terminalText('Tariffs: 29% — Pakistan, “Vietnam” 46%'), 'Tariffs: 29% — Pakistan, “Vietnam” 46%');
});

test('a tree label or picker row is one plain line; $(icon) in report text stays text', () => {
  assert.equal(plainLine(' A\r\nB\u2028C\u0000D\u001b[2J '), 'A B CD');
  assert.equal(noIcons('$(alert) icons\nand $(zap)'), '\\$(alert) icons and \\$(zap)');
});

test('the escapers take linear time on long runs of what they escape (ratio 2n/n); an address has a length limit', () => {
  // 1,200 against 4,800 characters (assertLinear's 4n), repeated until long enough to time: beyond ~8,000
  // characters the result's parts no longer fit V8's young generation, and the collector, not the pattern,
  // sets the pace (String.replace of 9,600 "[" took 10× the time of 2,400 on Node 20, a hand loop as much)
  for (const unit of ['[', '\u001b[', '\u001b]', 'https://a', '&#1', ' ']) {
    const n = Math.ceil(1_200 / unit.length);
    assertLinear(
      JSON.stringify(unit),
      size => {
        const s = unit.repeat(size);
        memoText(s);
        terminalText(s);
        plainLine(s);
      },
      n,
      n,
    );
  }
  assert.equal(safeWebUrl('https://example.org/' + 'a'.repeat(4076)), 'https://example.org/' + 'a'.repeat(4076));
  assert.equal(safeWebUrl('https://example.org/' + 'a'.repeat(4077)), undefined);
  // a "document name" a million words long is not one: the address ends at the first space
  assert.equal(safeWebUrl('https://example.org/a' + ' b'.repeat(1_000_000) + '.pdf'), 'https://example.org/a');
});
