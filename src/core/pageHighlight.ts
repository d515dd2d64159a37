/**
 * Which text pieces of a PDF page (pdf.js text items, in reading order) hold an item of the report, for the
 * highlight of "Show Original Page". The model's text is the page's text with note markers taken out, line-end
 * hyphens rejoined and running heads dropped, so it is matched word by word, tolerant of exactly those.
 */
import { findWordRun, wordsOf } from './sourceLine';

/** Page words skipped in a row inside the item (a note marker, a running head between two columns). */
const SKIP = 3;

interface PageWord {
  word: string;
  piece: number;
}

/**
 * The indexes of `pieces` that hold the words of `text` on this page, in order; empty when the page does not
 * hold it. The item's first words found on the page anchor the match, which then grows both ways word by word.
 */
export function piecesHolding(pieces: readonly string[], text: string): number[] {
  const page: PageWord[] = pieces.flatMap((piece, i) => wordsOf(piece).map(w => ({ word: w.word, piece: i })));
  const words = wordsOf(text).map(w => w.word);
  const anchor = findWordRun(
    page.map(w => w.word),
    words,
  );
  if (!anchor) return [];
  const held = new Set<number>();
  forward(page, words, anchor.at, anchor.from, held);
  backward(page, words, anchor.at - 1, anchor.from - 1, held);
  return [...held].sort((a, b) => a - b);
}

/** Marks page words matching the item's from (i, j) on; stops at the first mismatch it cannot explain. */
function forward(page: PageWord[], words: string[], i: number, j: number, held: Set<number>): void {
  while (i < page.length && j < words.length) {
    const here = page[i]!;
    if (here.word === words[j]) {
      held.add(here.piece);
      i++;
      j++;
      continue;
    }
    // a word broken at a line end ("pro-" "gram"): the model has it whole
    const next = page[i + 1];
    if (next && here.word + next.word === words[j]) {
      held.add(here.piece).add(next.piece);
      i += 2;
      j++;
      continue;
    }
    const resumes = lookahead(page, i, words[j]!);
    if (resumes === undefined) return;
    i = resumes;
  }
}

function backward(page: PageWord[], words: string[], i: number, j: number, held: Set<number>): void {
  while (i >= 0 && j >= 0) {
    const here = page[i]!;
    if (here.word === words[j]) {
      held.add(here.piece);
      i--;
      j--;
      continue;
    }
    const previous = page[i - 1];
    if (previous && previous.word + here.word === words[j]) {
      held.add(here.piece).add(previous.piece);
      i -= 2;
      j--;
      continue;
    }
    let resumes: number | undefined;
    for (let k = 1; k <= SKIP && i - k >= 0 && resumes === undefined; k++) if (page[i - k]!.word === words[j]) resumes = i - k;
    if (resumes === undefined) return;
    i = resumes;
  }
}

/** The next page word (within SKIP) that is the item's word: what lay between was not the item's (a marker). */
function lookahead(page: PageWord[], i: number, word: string): number | undefined {
  for (let k = 1; k <= SKIP && i + k < page.length; k++) if (page[i + k]!.word === word) return i + k;
  return undefined;
}
