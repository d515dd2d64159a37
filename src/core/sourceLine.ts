/**
 * Where a paragraph, note or figure of a report stands in the report's own file (Markdown, HTML, text),
 * for "Show Original Page". The model keeps no offsets into the file, and the file carries markup the
 * model dropped (links, emphasis, tags), so the text is found by runs of its words, not verbatim.
 */
import type { CitedTarget } from './cite';
import type { Library } from './library';

/** Words compared, lowercased; one pass of a simple regex (linear). */
const WORD = /[\p{L}\p{N}]+/gu;
/** Words in a run: long enough to be unique in a report, short enough to fall between two pieces of markup. */
const RUN = 5;
/** Runs tried, from the start of the text on, before giving up. */
const TRIES = 8;

export function wordsOf(text: string): { word: string; at: number }[] {
  return [...text.matchAll(WORD)].map(m => ({ word: plainDigits(m[0].toLowerCase()), at: m.index }));
}

const SUPERSCRIPT = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/g;
/** "km²" is the file's "km<sup>2</sup>", "km2" or the page's "km" and a raised "2": compared with plain digits. */
const plainDigits = (word: string): string => word.replace(SUPERSCRIPT, d => String('⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(d)));

/**
 * Where the words of a text (a paragraph, note or sentence as the model has it) first stand in order among
 * `haystack`'s words: the first run of its words that the haystack holds, as the index of the run's first
 * word in each (`at` in the haystack, `from` in the text). Undefined when no run is found.
 */
export function findWordRun(haystack: readonly string[], words: readonly string[]): { at: number; from: number } | undefined {
  // a text shorter than a run is looked for whole
  const run = Math.min(RUN, words.length);
  if (run === 0) return undefined;
  const firsts = new Map<string, number[]>();
  haystack.forEach((word, i) => {
    const list = firsts.get(word);
    if (list) list.push(i);
    else firsts.set(word, [i]);
  });
  for (let t = 0; t < TRIES && t * run + run <= words.length; t++) {
    const probe = words.slice(t * run, t * run + run);
    for (const i of firsts.get(probe[0]!) ?? []) {
      if (probe.every((w, k) => haystack[i + k] === w)) return { at: i, from: t * run };
    }
  }
  return undefined;
}

/**
 * The 0-based line of the file on which `text` (a paragraph, note or sentence as the model has it) starts,
 * found by the first run of its words that the file holds in order; undefined when none is found.
 */
export function lineOfText(file: string, text: string): number | undefined {
  const fileWords = wordsOf(file);
  const found = findWordRun(
    fileWords.map(w => w.word),
    wordsOf(text).map(w => w.word),
  );
  return found && lineAt(file, fileWords[found.at]!.at);
}

function lineAt(file: string, offset: number): number {
  let line = 0;
  for (let i = file.indexOf('\n'); i !== -1 && i < offset; i = file.indexOf('\n', i + 1)) line++;
  return line;
}

/** What of a target to look for in the original, and the PDF page it was printed on (where the model has one). */
export function originalOf(library: Library, target: CitedTarget): { text?: string; page?: number } | undefined {
  const report = library.report(target.reportId);
  if (!report) return undefined;
  switch (target.kind) {
    case 'paragraph': {
      const paragraph = library.paragraph(report.id, target.id)?.paragraph;
      return paragraph && { text: paragraph.text, page: paragraph.page };
    }
    case 'footnote': {
      const note = report.footnotes.find(f => String(f.n) === target.id);
      return note && { text: note.text, page: note.page };
    }
    case 'figure': {
      const figure = report.figures.find(f => f.id === target.id);
      return figure && { text: figure.sentence, page: figure.page };
    }
    case 'section': {
      const section = report.sections.find(s => s.id === target.id);
      return section && { text: section.title, page: section.paragraphs[0]?.page };
    }
    default:
      return { page: 1 };
  }
}
