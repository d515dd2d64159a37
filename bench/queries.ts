/**
 * The labelled query set: what an analyst types (with typos and numbers in the ways people write them),
 * and which paragraphs or notes count as the right answer. Labels come from what the generator wrote
 * (a paragraph's two anchor names, a figure as written, a note's author and outlet), resolved against the
 * parsed Library by text, so they hold whatever ids the parser gives.
 */
import type { Library } from '../src/core/library';
import type { GeneratedReport } from './generate';
import { Rng, seedFor } from './rng';

export type QueryKind = 'words' | 'number' | 'note' | 'seed';

export interface LabelledQuery {
  text: string;
  kind: QueryKind;
  /** the right answer: every paragraph (or note) in the library whose text contains all of these, case-insensitively */
  target: { kind: 'paragraph' | 'footnote'; contains: string[] };
}

/** A search result reduced to what recall needs. */
export interface Hit {
  reportId: string;
  kind: string;
  /** paragraph id, figure id, footnote number as a string, section id */
  id: string;
  /** for figures: the paragraph it sits in */
  paragraph?: string;
}

/** The right answers of a query, as "reportId\0kind\0id" strings. */
export type Answers = Set<string>;

export function answerKey(reportId: string, kind: 'paragraph' | 'footnote', id: string): string {
  return `${reportId}\u0000${kind}\u0000${id}`;
}

/** Queries about the bundled seed report, the ones DESIGN.md and issue 4 name. */
export const SEED_QUERIES: LabelledQuery[] = [
  { text: 'tarrif bangladesh', kind: 'seed', target: { kind: 'paragraph', contains: ['Bangladesh (at 39 percent)'] } },
  { text: 'reko dik copper', kind: 'seed', target: { kind: 'paragraph', contains: ['Reko Diq', 'copper'] } },
  { text: '845m', kind: 'seed', target: { kind: 'paragraph', contains: ['US$845 million'] } },
  { text: '$845 million', kind: 'seed', target: { kind: 'paragraph', contains: ['US$845 million'] } },
  { text: '845 million', kind: 'seed', target: { kind: 'paragraph', contains: ['US$845 million'] } },
  { text: '29% reciprocal tariff', kind: 'seed', target: { kind: 'paragraph', contains: ['29 percent reciprocal tariff'] } },
  { text: 'over 600 attacks', kind: 'seed', target: { kind: 'paragraph', contains: ['over 600 attacks'] } },
  { text: 'textile 77%', kind: 'seed', target: { kind: 'paragraph', contains: ['77 percent'] } },
  { text: 'sharifulah arrest', kind: 'seed', target: { kind: 'paragraph', contains: ['Sharifullah', 'arrest'] } },
  { text: 'afzal lawfare', kind: 'seed', target: { kind: 'footnote', contains: ['Afzal'] } },
  { text: 'critical minerals diplomat', kind: 'seed', target: { kind: 'footnote', contains: ['Critical Minerals Add a New Dynamic'] } },
];

/** One typo of the kinds people make: a swapped pair, a dropped or doubled letter, a wrong vowel. */
export function typo(word: string, rng: Rng): string {
  if (word.length < 5) return word;
  const i = rng.int(1, word.length - 3);
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default: {
      const vowels = 'aeiou';
      const at = [...word].findIndex((c, k) => k >= i && vowels.includes(c));
      if (at < 0) return word.slice(0, i) + word[i] + word.slice(i);
      const swap = vowels[(vowels.indexOf(word[at]) + rng.int(1, 4)) % 5];
      return word.slice(0, at) + swap + word.slice(at + 1);
    }
  }
}

const OUTLET_WORD: Record<string, string> = {};
function outletWord(outlet: string): string {
  if (!OUTLET_WORD[outlet]) {
    const words = outlet
      .replace(/^The /, '')
      .split(/\s+/)
      .filter(w => !['on', 'of', 'for', 'and', 'the'].includes(w.toLowerCase()));
    OUTLET_WORD[outlet] = words.sort((a, b) => b.length - a.length)[0].toLowerCase();
  }
  return OUTLET_WORD[outlet];
}

/**
 * `count` queries about the synthetic reports of one library (plus the seed queries when `withSeed`),
 * the same on every run for the same library size.
 */
export function buildQueries(reports: GeneratedReport[], count: number, withSeed: boolean): LabelledQuery[] {
  const out: LabelledQuery[] = withSeed ? [...SEED_QUERIES] : [];
  if (reports.length === 0) return out;
  const rng = new Rng(seedFor(reports.length, 0x9e7));
  // How often each figure is written across the library, so number-only queries stay answerable.
  const written = new Map<string, number>();
  for (const r of reports) for (const p of r.paragraphs) for (const f of p.figures) written.set(f.text, (written.get(f.text) ?? 0) + 1);
  const lower = (s: string) => s.toLowerCase();
  const maybeTypo = (word: string, p: number) => (rng.chance(p) ? typo(word, rng) : word);
  const perKind = { words: Math.round(count * 0.4), number: Math.round(count * 0.35), note: 0 };
  perKind.note = count - perKind.words - perKind.number;

  for (let i = 0; i < perKind.words; i++) {
    const paragraph = rng.pick(rng.pick(reports).paragraphs);
    const [a, b] = paragraph.anchors;
    if (rng.chance(0.5)) {
      const typoFirst = rng.chance(0.5);
      out.push({
        kind: 'words',
        text: `${maybeTypo(lower(a), typoFirst ? 0.7 : 0)} ${maybeTypo(lower(b), typoFirst ? 0 : 0.7)}`,
        target: { kind: 'paragraph', contains: [a, b] },
      });
    } else {
      out.push({
        kind: 'words',
        text: `${maybeTypo(paragraph.noun, 0.4)} ${maybeTypo(lower(a), 0.5)}`,
        target: { kind: 'paragraph', contains: [paragraph.noun, a] },
      });
    }
  }

  let made = 0;
  for (let guard = 0; made < perKind.number && guard < 10000; guard++) {
    const paragraph = rng.pick(rng.pick(reports).paragraphs);
    if (paragraph.figures.length === 0) continue;
    const figure = rng.pick(paragraph.figures);
    const typed = rng.pick(figure.typed);
    if (figure.unit === 'USD' && (written.get(figure.text) ?? 0) <= 3) {
      out.push({ kind: 'number', text: typed, target: { kind: 'paragraph', contains: [figure.text] } });
    } else if (figure.unit === 'count') {
      out.push({
        kind: 'number',
        text: typed,
        target: { kind: 'paragraph', contains: [figure.text.replace(/^(over|about|at least|nearly|more than) /, '')] },
      });
    } else {
      const anchor = rng.pick(paragraph.anchors);
      out.push({
        kind: 'number',
        text: `${typed} ${maybeTypo(lower(anchor), 0.3)}`,
        target: { kind: 'paragraph', contains: [figure.text, anchor] },
      });
    }
    made++;
  }

  made = 0;
  for (let guard = 0; made < perKind.note && guard < 10000; guard++) {
    const report = rng.pick(reports);
    const note = rng.pick(report.notes);
    if (note.kind !== 'full' || !note.surname) continue;
    out.push({
      kind: 'note',
      text: `${maybeTypo(lower(note.surname), 0.6)} ${outletWord(note.outlet)}`,
      target: { kind: 'footnote', contains: [note.surname, note.outlet] },
    });
    made++;
  }
  return out;
}

/** The right answers of each query in a parsed library (by text, so independent of the parser's ids). */
export function resolveAnswers(library: Library, queries: LabelledQuery[]): Answers[] {
  const paragraphs: { key: string; text: string }[] = [];
  const notes: { key: string; text: string }[] = [];
  for (const report of library.reports) {
    for (const section of report.sections) {
      for (const p of section.paragraphs) paragraphs.push({ key: answerKey(report.id, 'paragraph', p.id), text: p.text.toLowerCase() });
    }
    for (const f of report.footnotes) notes.push({ key: answerKey(report.id, 'footnote', String(f.n)), text: f.text.toLowerCase() });
  }
  return queries.map(q => {
    const needles = q.target.contains.map(s => s.toLowerCase());
    const pool = q.target.kind === 'paragraph' ? paragraphs : notes;
    return new Set(pool.filter(item => needles.every(n => item.text.includes(n))).map(item => item.key));
  });
}

/** Whether a result is a right answer: the paragraph or note itself, or a figure in the right paragraph. */
export function isHit(hit: Hit, answers: Answers): boolean {
  if (hit.kind === 'paragraph') return answers.has(answerKey(hit.reportId, 'paragraph', hit.id));
  if (hit.kind === 'footnote') return answers.has(answerKey(hit.reportId, 'footnote', hit.id));
  if (hit.kind === 'figure' && hit.paragraph) return answers.has(answerKey(hit.reportId, 'paragraph', hit.paragraph));
  return false;
}

/** Every prefix of a query, as typed one key at a time ("t", "ta", "tar" …). */
export function keystrokes(query: string): string[] {
  return Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1));
}
