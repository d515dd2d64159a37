import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseReport } from '../../src/core/parse';
import { parseSource, resolveReferences, isIbid } from '../../src/core/sources';

const seed = parseReport(readFileSync('data/reports/us-pakistan-relations-in-flux.txt', 'utf8'), { source: 'seed.txt' });
const note = (n: number) => seed.footnotes.find(f => f.n === n)!;

describe('sources: seed notes', () => {
  test('note 1: author, curly-quoted title, outlet, month date, URL with en dashes kept whole', () => {
    assert.deepEqual(note(1).source, {
      authors: ['Madiha Afzal'],
      title: 'The New, and Low, Normal in U.S.-Pakistan Relations',
      container: 'Lawfare',
      date: '2025-01',
      url: 'https://www.lawfaremedia.org/article/the-new–and-low–normal-in-u.s.-pakistan-relations',
    });
  });

  test('note 4: no author when the note starts with a quoted title; full date; trailing period not in URL', () => {
    assert.deepEqual(note(4).source, {
      authors: [],
      title: 'US suspends $845m aid projects in Pakistan following Trump’s directive',
      container: 'Profit',
      date: '2025-02-04',
      url: 'https://profit.pakistantoday.com.pk/2025/02/04/us-suspends-845m-aid-projects-in-pakistan-following-trumps-directive/',
    });
  });

  test('note 14: three authors "A, B, and C"', () => {
    assert.deepEqual(note(14).source.authors, ['Clarkson Kamurai', 'Brad Handler', 'Morgan Bazilian']);
    assert.equal(note(14).source.container, 'Atlantic Council');
    assert.equal(note(14).source.date, '2025-04-23');
  });

  test('note 16: The Diplomat, April 16, 2025', () => {
    assert.equal(note(16).source.title, 'Critical Minerals Add a New Dynamic to Pakistan-US Relations');
    assert.equal(note(16).source.container, 'The Diplomat');
    assert.equal(note(16).source.date, '2025-04-16');
    assert.deepEqual(note(16).citedBy, ['p20']);
  });

  test('note 22: a URL with spaces and a curly apostrophe is kept whole', () => {
    assert.equal(note(22).source.url, 'https://prac.org.pk/uploads/An Analysis of U.S. Tariff Barriers Impacting Pakistan’s Trade.pdf');
    assert.equal(note(22).source.date, '2025-04');
    assert.equal(note(22).source.container, 'Policy Research and Advisory Council KCCI');
  });

  test('note 21: a title with nested single quotes; note 23: URL after a period', () => {
    assert.equal(note(21).source.title, 'Trump tariffs could pose ‘$1.4bn risk to Pakistan exports’');
    assert.equal(note(23).source.url, 'https://thediplomat.com/2025/04/pakistan-sees-opportunity-in-trumps-tariffs/');
    assert.equal(note(23).source.date, '2025-04-09');
  });

  test('Ibid. (17 → 16) and short forms (19 → 3, 20 → 1) resolve and borrow the full source', () => {
    assert.equal(note(17).refersTo, 16);
    assert.equal(note(19).refersTo, 3);
    assert.equal(note(20).refersTo, 1);
    assert.equal(note(17).source.url, note(16).source.url);
    assert.equal(note(20).source.url, note(1).source.url);
    for (const n of [1, 2, 3, 4, 5, 16, 18, 21, 22, 23, 24]) assert.equal(note(n).refersTo, undefined, `note ${n}`);
  });

  test('citedBy: every note lists the paragraph that cites it', () => {
    for (const f of seed.footnotes) assert.ok(f.citedBy.length >= 1, `note ${f.n} is cited`);
    assert.deepEqual(note(3).citedBy, ['p7']);
    assert.deepEqual(note(19).citedBy, ['p23']);
  });
});

describe('sources: other note styles', () => {
  test('straight quotes, URL followed by "accessed"', () => {
    assert.deepEqual(
      parseSource(
        'Jane Doe and John Roe, "Water and Power," Foreign Affairs, 12 March 2023, https://example.org/water (accessed May 2, 2024).',
      ),
      {
        authors: ['Jane Doe', 'John Roe'],
        title: 'Water and Power',
        container: 'Foreign Affairs',
        date: '2023-03-12',
        url: 'https://example.org/water',
      },
    );
  });

  test('no quotes: "Author, Title, Outlet, Year"', () => {
    const s = parseSource('Ayesha Siddiqa, Military Inc., Pluto Press, 2007.');
    assert.deepEqual(s.authors, ['Ayesha Siddiqa']);
    assert.equal(s.title, 'Military Inc');
    assert.equal(s.date, '2007');
  });

  test('"See" is not part of the author; British single quotes', () => {
    const s = parseSource('See Anatol Lieven, ‘Pakistan: A Hard Country’, Penguin, 2011.');
    assert.deepEqual(s.authors, ['Anatol Lieven']);
    assert.equal(s.title, 'Pakistan: A Hard Country');
    assert.equal(s.container, 'Penguin');
    assert.equal(s.date, '2011');
    // an apostrophe is not a quote
    assert.equal(parseSource('Pakistan’s economy, IMF, 2024.').title, 'Pakistan’s economy');
  });

  test('a bare URL', () => {
    assert.deepEqual(parseSource('https://example.com/a_b?x=1.'), { authors: [], url: 'https://example.com/a_b?x=1' });
  });

  test('Ibid. variants and chains resolve to the original note', () => {
    assert.ok(isIbid('Ibid.'));
    assert.ok(isIbid('ibid., 45.'));
    assert.ok(!isIbid('Ibidem Press, “Title,” 2020'));
    const notes = ['“A long title here,” Outlet, 2020, https://a.example.', 'Ibid.', 'Ibid., 4.'].map((text, i) => ({
      n: i + 1,
      text,
      source: parseSource(text),
    }));
    const refers = resolveReferences(notes);
    assert.equal(refers.get(2), 1);
    assert.equal(refers.get(3), 1);
  });

  test('never throws on junk', () => {
    for (const junk of ['', '“', '"unterminated', ',,,', 'http://', '“”', '[1]']) assert.doesNotThrow(() => parseSource(junk));
  });
});
