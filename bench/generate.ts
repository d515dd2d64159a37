/**
 * Seeded generator of synthetic policy-report TEXT shaped like the bundled seed report: chrome, title,
 * date, an untitled opening and headed sections, ~60 paragraphs with [n] note markers, ~50 numbered notes
 * (authors, “titles,” outlets, dates, URLs; Ibid. and short forms), and figures written as reports write them
 * ("US$845 million", "29 percent", "over 600 attacks").
 *
 * Sentences come from a word-level Markov chain trained on the seed's own paragraphs (so the common
 * vocabulary is the seed's), with the seed's proper names replaced by names from bench/words.ts and by
 * pseudo-names. Every paragraph carries two rare "anchor" names, which is what the labelled queries aim at.
 * The generator also returns what it wrote (anchors, figures, notes) so queries can be labelled.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Rng, seedFor } from './rng';
import { CODAS, COUNTRIES, DOMAIN_NOUNS, FIRST_NAMES, HEADINGS, MONTHS, ONSETS, OUTLETS, TITLE_NOUNS, TITLE_TAILS, VOWELS } from './words';

export const SEED_PATH = path.join(__dirname, '..', 'data', 'reports', 'us-pakistan-relations-in-flux.txt');

export interface GeneratedFigure {
  /** as written ("US$845 million") */
  text: string;
  value: number;
  unit: 'USD' | 'percent' | 'count';
  /** ways an analyst would type it ("845m", "$845 million", "29%") */
  typed: string[];
}

export interface GeneratedParagraph {
  /** 1-based number in the report (the parser's p<ordinal>) */
  ordinal: number;
  anchors: [string, string];
  /** the domain noun of the sentence that names both anchors */
  noun: string;
  figures: GeneratedFigure[];
}

export interface GeneratedNote {
  n: number;
  surname?: string;
  outlet: string;
  kind: 'full' | 'ibid' | 'short';
}

export interface GeneratedReport {
  id: string;
  title: string;
  text: string;
  paragraphs: GeneratedParagraph[];
  notes: GeneratedNote[];
}

// ---------------------------------------------------------------------------------------------------------
// The seed's vocabulary as a Markov chain

const NAME = '\u0001';
const NUM = '\u0002';

interface Chain {
  starts: string[];
  next: Map<string, string[]>;
}

let chainCache: Chain | undefined;

function seedParagraphs(): string[] {
  const text = fs.readFileSync(SEED_PATH, 'utf8');
  return text.split(/\r?\n/).filter(line => line.length > 200 && !/^\[\d+\]/.test(line));
}

function trainChain(): Chain {
  if (chainCache) return chainCache;
  const lowerSeen = new Set<string>();
  const sentences: string[][] = [];
  for (const paragraph of seedParagraphs()) {
    const clean = paragraph.replace(/\[\d+\]/g, '').replace(/[“”"()]/g, '');
    for (const sentence of clean.split(/(?<=[.?!])\s+(?=[A-Z])/)) {
      const tokens = sentence.split(/\s+/).filter(Boolean);
      for (const t of tokens) if (/^[a-z]/.test(t)) lowerSeen.add(t.replace(/[^\w’'-]+$/, '').toLowerCase());
      sentences.push(tokens);
    }
  }
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  for (const tokens of sentences) {
    if (tokens.length < 6) continue;
    const mapped = tokens.map((t, i) => {
      const bare = t.replace(/[^\w’'-]+$/, '');
      const trail = t.slice(bare.length);
      if (/\d/.test(bare)) return NUM + trail;
      if (/^[A-Z]/.test(bare)) {
        if (i === 0 && lowerSeen.has(bare.toLowerCase())) return bare.toLowerCase() + trail;
        const possessive = /[’']s$/.test(bare) ? '’s' : '';
        return NAME + possessive + trail;
      }
      return t;
    });
    starts.push(mapped[0]);
    for (let i = 0; i + 1 < mapped.length; i++) {
      const list = next.get(mapped[i]) ?? [];
      list.push(mapped[i + 1]);
      next.set(mapped[i], list);
    }
  }
  chainCache = { starts, next };
  return chainCache;
}

// ---------------------------------------------------------------------------------------------------------
// Names nobody else uses: anchors, surnames, groups

let namePool: string[] | undefined;

/** 24,000 distinct pronounceable names, the same on every run. */
export function names(): string[] {
  if (namePool) return namePool;
  const rng = new Rng(7);
  const seen = new Set<string>();
  const out: string[] = [];
  const avoid = new Set(['pakistan', 'bangladesh', 'vietnam', 'china', 'india', 'reko', 'diq', 'dik', 'trump', 'afzal', 'lahore']);
  while (out.length < 24000) {
    const syllables = rng.int(2, 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += rng.pick(ONSETS) + rng.pick(VOWELS) + (i === syllables - 1 ? rng.pick(CODAS) : '');
    if (word.length < 5 || word.length > 11 || seen.has(word) || avoid.has(word)) continue;
    seen.add(word);
    out.push(word[0].toUpperCase() + word.slice(1));
  }
  namePool = out;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Figures as reports write them

function moneyFigure(rng: Rng): GeneratedFigure {
  if (rng.chance(0.25)) {
    const whole = rng.int(1, 99);
    const tenth = rng.chance(0.5) ? rng.int(1, 9) : 0;
    const n = tenth ? `${whole}.${tenth}` : `${whole}`;
    return { text: `US$${n} billion`, value: Math.round(Number(n) * 1e9), unit: 'USD', typed: [`${n}bn`, `$${n} billion`, `${n} billion`] };
  }
  const n = rng.int(11, 999);
  return { text: `US$${n} million`, value: n * 1e6, unit: 'USD', typed: [`${n}m`, `$${n} million`, `${n} million`, `us$${n}m`] };
}

function percentFigure(rng: Rng): GeneratedFigure {
  const n = rng.chance(0.2) ? `${rng.int(1, 30)}.${rng.int(1, 9)}` : `${rng.int(2, 95)}`;
  return { text: `${n} percent`, value: Number(n), unit: 'percent', typed: [`${n}%`, `${n} percent`] };
}

function countFigure(rng: Rng, noun: string): GeneratedFigure {
  const n = rng.int(120, 4800);
  const written = n >= 1000 ? n.toLocaleString('en-US') : String(n);
  const qualifier = rng.pick(['over', 'about', 'at least', 'nearly', 'more than']);
  return { text: `${qualifier} ${written} ${noun}`, value: n, unit: 'count', typed: [`${n} ${noun}`, `${written} ${noun}`] };
}

// ---------------------------------------------------------------------------------------------------------
// One report

const COUNT_NOUNS = ['attacks', 'projects', 'firms', 'schools', 'clinics', 'arrests', 'incidents', 'contracts', 'licences', 'wells'];

/**
 * Lower-case content words no other report shares with the seed: each report swaps a share of the seed's
 * content words for words of its own, so the library's vocabulary grows with its size as real text does
 * (Heaps' law) instead of 30,000 paragraphs all reusing the seed's ~2,000 words.
 */
let wordPool: string[] | undefined;
function ownWords(): string[] {
  if (wordPool) return wordPool;
  const rng = new Rng(11);
  const taken = new Set(names().map(n => n.toLowerCase()));
  const suffixes = ['tion', 'ment', 'ity', 'ism', 'al', 'ic', 'ive', 'ance', 'ure', 'ing', 'ary', 'ous'];
  const out: string[] = [];
  while (out.length < 20000) {
    let root = '';
    for (let i = rng.int(1, 2); i > 0; i--) root += rng.pick(ONSETS) + rng.pick(VOWELS);
    const word = root + rng.pick(CODAS) + rng.pick(suffixes);
    if (word.length < 6 || taken.has(word)) continue;
    taken.add(word);
    out.push(word);
  }
  wordPool = out;
  return out;
}

const SHARED_WORDS = new Set([
  'there',
  'their',
  'which',
  'where',
  'these',
  'those',
  'while',
  'would',
  'could',
  'should',
  'about',
  'after',
  'under',
  'other',
  'still',
  'being',
  'given',
]);

/** The report's own vocabulary: a seeded share of the seed's content words mapped to words of its own. */
function reportLexicon(rng: Rng, share: number): (word: string) => string {
  const pool = ownWords();
  const chosen = new Map<string, string>();
  return word => {
    const m = /^([a-z][a-z-]{4,})(.*)$/.exec(word);
    if (!m || SHARED_WORDS.has(m[1])) return word;
    let own = chosen.get(m[1]);
    if (own === undefined) {
      own = rng.chance(share) ? rng.pick(pool) : m[1];
      chosen.set(m[1], own);
    }
    return own + m[2];
  };
}

function sentenceFromChain(rng: Rng, chain: Chain, fill: () => string, lexicon: (word: string) => string): string {
  let words: string[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    words = [];
    let token = rng.pick(chain.starts);
    for (;;) {
      words.push(token);
      if (/[.?!]$/.test(token)) break;
      const options = chain.next.get(token);
      if (!options || words.length >= 34) {
        words[words.length - 1] = token.replace(/[,;:–—-]+$/, '') + '.';
        break;
      }
      token = rng.pick(options);
    }
    if (words.length >= 8) break;
  }
  const text = words
    .map(w =>
      lexicon(w)
        .replaceAll(NAME, () => fill())
        .replaceAll(NUM, () => rng.pick(['several', 'many', 'some', 'a few'])),
    )
    .join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

function dateOf(rng: Rng): { day: number; month: number; year: number } {
  return { day: rng.int(1, 28), month: rng.int(1, 12), year: rng.int(2019, 2025) };
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 70);
}

function outletDomain(outlet: string): string {
  return (
    outlet
      .toLowerCase()
      .replace(/^the /, '')
      .replace(/[^a-z]+/g, '') + '.example.org'
  );
}

/** Report number `index` (0-based) of every synthetic library: report i is the same in the 10, 100 and 500 libraries. */
export function generateReport(index: number): GeneratedReport {
  const rng = new Rng(seedFor(index, 0x5eed));
  const chain = trainChain();
  const pool = names();
  const id = `r${String(index + 1).padStart(4, '0')}`;
  const country = rng.pick(COUNTRIES);
  const partner = rng.pick(pool);
  const title = `${country}-${partner} Relations in ${rng.pick(TITLE_NOUNS)}: ${rng.pick(TITLE_TAILS)}`;
  const published = dateOf(rng);
  const dateLine = `${published.day} ${MONTHS[published.month - 1]} ${published.year}`;

  const lines: string[] = [];
  if (rng.chance(0.5)) lines.push('Insight Image', '');
  lines.push(title, '', dateLine, '');
  if (rng.chance(0.5)) lines.push(title, '', dateLine, '');

  const lexicon = reportLexicon(new Rng(seedFor(index, 0x1e8)), 0.4);
  const paragraphCount = rng.int(50, 70);
  const sectionCount = rng.int(3, 5);
  const headingAt = new Set<number>();
  for (let s = 1; s <= sectionCount; s++) headingAt.add(Math.max(2, Math.round((s * paragraphCount) / (sectionCount + 1))));
  const paragraphs: GeneratedParagraph[] = [];
  const notes: GeneratedNote[] = [];
  const noteLines: string[] = [];
  let noteN = 0;
  const fullNotes: { n: number; title: string; surname?: string }[] = [];

  const writeNote = (anchors: string[]): number => {
    const n = ++noteN;
    const roll = rng.next();
    if (roll < 0.06 && n > 1) {
      notes.push({ n, outlet: notes[n - 2].outlet, kind: 'ibid' });
      noteLines.push(`[${n}] Ibid.`);
      return n;
    }
    if (roll < 0.11 && fullNotes.length > 0) {
      const earlier = rng.pick(fullNotes);
      notes.push({ n, outlet: notes[earlier.n - 1].outlet, kind: 'short' });
      noteLines.push(`[${n}] ${earlier.surname ? `${rng.pick(FIRST_NAMES)} ${earlier.surname}, ` : ''}“${earlier.title}.”`);
      return n;
    }
    const outlet = rng.pick(OUTLETS);
    const authorCount = rng.chance(0.4) ? 0 : rng.chance(0.8) ? 1 : rng.int(2, 3);
    const surnames = Array.from({ length: authorCount }, () => rng.pick(pool));
    const authors = surnames.map(s => `${rng.pick(FIRST_NAMES)} ${s}`);
    const authorText =
      authors.length <= 2 ? authors.join(' and ') : `${authors.slice(0, -1).join(', ')}, and ${authors[authors.length - 1]}`;
    const noteTitle = rng.pick([
      `${anchors[0]} weighs ${rng.pick(DOMAIN_NOUNS)} deal with ${rng.pick(COUNTRIES)}`,
      `Why ${rng.pick(DOMAIN_NOUNS)} matter for ${anchors[1]}`,
      `The ${rng.pick(DOMAIN_NOUNS)} question in ${anchors[0]} and ${rng.pick(COUNTRIES)}`,
      `${rng.pick(COUNTRIES)} and ${anchors[1]}: a new approach to ${rng.pick(DOMAIN_NOUNS)}`,
    ]);
    const d = dateOf(rng);
    const dateText = rng.chance(0.3) ? `${MONTHS[d.month - 1]} ${d.year}` : `${MONTHS[d.month - 1]} ${d.day}, ${d.year}`;
    const url = `https://www.${outletDomain(outlet)}/${d.year}/${String(d.month).padStart(2, '0')}/${slugOf(noteTitle)}/`;
    noteLines.push(`[${n}] ${authorText ? `${authorText}, ` : ''}“${noteTitle},” ${outlet}, ${dateText}, ${url}.`);
    notes.push({ n, surname: surnames[0], outlet, kind: 'full' });
    fullNotes.push({ n, title: noteTitle, surname: surnames[0] });
    return n;
  };

  for (let p = 1; p <= paragraphCount; p++) {
    if (headingAt.has(p)) {
      const heading =
        p === Math.max(...headingAt) && rng.chance(0.6) ? 'Conclusion' : rng.pick(HEADINGS).replace('{}', rng.pick(DOMAIN_NOUNS));
      lines.push(heading, '');
    }
    const anchors: [string, string] = [rng.pick(pool), rng.pick(pool)];
    const nearby = [rng.pick(COUNTRIES), rng.pick(COUNTRIES), partner, country];
    let fills = 0;
    const fill = () => (fills++ % 3 === 0 ? rng.pick(anchors) : rng.pick(nearby));
    const noun = rng.pick(DOMAIN_NOUNS);
    const sentences: string[] = [];
    const figures: GeneratedFigure[] = [];
    // The sentence that names both anchors: what the labelled paragraph queries find.
    sentences.push(
      rng.pick([
        `Officials in ${anchors[0]} described the ${noun} talks with ${anchors[1]} as a test of ${rng.pick(nearby)}’s intentions.`,
        `The ${noun} dispute between ${anchors[0]} and ${anchors[1]} has drawn attention from ${rng.pick(nearby)}.`,
        `${anchors[0]} and ${anchors[1]} remain central to any ${noun} arrangement with ${rng.pick(nearby)}.`,
      ]),
    );
    const bodyCount = rng.int(2, 3);
    for (let s = 0; s < bodyCount; s++) sentences.push(sentenceFromChain(rng, chain, fill, lexicon));
    const figureCount = rng.chance(0.45) ? (rng.chance(0.3) ? 2 : 1) : 0;
    for (let f = 0; f < figureCount; f++) {
      const kind = rng.next();
      const year = rng.int(2019, 2025);
      let sentence: string;
      let figure: GeneratedFigure;
      if (kind < 0.45) {
        figure = moneyFigure(rng);
        sentence = rng.pick([
          `${rng.pick(anchors)} has already suspended ${figure.text} in ${noun} funding.`,
          `Spending on ${noun} in ${rng.pick(anchors)} reached ${figure.text} in ${year}.`,
          `The ${noun} sector is valued at ${figure.text} and is expected to grow.`,
        ]);
      } else if (kind < 0.8) {
        figure = percentFigure(rng);
        sentence = rng.pick([
          `${noun[0].toUpperCase() + noun.slice(1)} make up ${figure.text} of ${rng.pick(anchors)}’s total exports.`,
          `${rng.pick(nearby)} imposed a ${figure.text} tariff on ${noun} from ${rng.pick(anchors)}.`,
          `The ${noun} sector contributes ${figure.text} to the economy of ${rng.pick(anchors)}.`,
        ]);
      } else {
        const countNoun = rng.pick(COUNT_NOUNS);
        figure = countFigure(rng, countNoun);
        sentence = `Groups in ${rng.pick(anchors)} reported ${figure.text} last year.`;
      }
      figures.push(figure);
      sentences.splice(rng.int(1, sentences.length), 0, sentence);
    }
    const markerCount = rng.chance(0.3) ? 0 : rng.chance(0.85) ? 1 : 2;
    for (let m = 0; m < markerCount; m++) {
      const at = m === 0 ? rng.int(0, sentences.length - 1) : sentences.length - 1;
      sentences[at] = `${sentences[at]}[${writeNote(anchors)}]`;
    }
    lines.push(sentences.join(' '), '');
    paragraphs.push({ ordinal: p, anchors, noun, figures });
  }

  lines.push('');
  for (const note of noteLines) lines.push(note, '');
  if (rng.chance(0.5)) lines.push('Related Topics');
  return { id, title, text: lines.join('\n') + '\n', paragraphs, notes };
}

/** The first `count` synthetic reports. */
export function generateLibrary(count: number): GeneratedReport[] {
  return Array.from({ length: count }, (_, i) => generateReport(i));
}

// `npx tsx bench/generate.ts 3` prints report 3, to look at.
if (require.main === module) {
  process.stdout.write(generateReport(Number(process.argv[2] ?? 0)).text);
}
