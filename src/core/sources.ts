/**
 * A note's text read as a source: authors, title, outlet, date, URL — the Chicago-style notes policy reports
 * use ("Madiha Afzal, “Title,” Lawfare, January 2025, https://…"). Also resolves "Ibid." and short forms
 * ("Afzal, “Title.”") to the note they repeat, and lists the paragraphs citing each note.
 */
import type { Footnote, Source } from './model';
import { parseDate, squeeze, trimEndOf, trimStartOf } from './text';
import { splitNames } from './parse/chrome';

const URL_START = /\b(?:https?:\/\/|www\.)/i;
/** Text that may follow a URL and is not part of it. */
const AFTER_URL = /(?:[,.;]?\s+\(?(?:accessed|retrieved|last\s+(?:accessed|modified|updated)|archived)\b|\s+https?:\/\/)/i;
const IBID = /^(?:ibid|id)\b\.?/i;

/** Reads one note's text into a Source. Never throws; fields it cannot find are left out. */
export function parseSource(noteText: string): Source {
  let text = squeeze(noteText);
  const source: Source = { authors: [] };

  const urlAt = text.search(URL_START);
  if (urlAt >= 0) {
    let url = text.slice(urlAt);
    const after = AFTER_URL.exec(url);
    if (after) url = url.slice(0, after.index);
    url = trimEndOf(trimEndOf(url.startsWith('<') ? url.slice(1) : url, '>'), '.,;:').trim();
    if (url) source.url = url;
    text = text.slice(0, urlAt);
  }
  text = trimEndOf(text, ',.;:', true);
  // "See", "See also", "Cf." introduce a source; they are not part of the author's name
  text = text.replace(/^(?:see(?:\s+also)?|cf\.?|for\s+example,?|e\.g\.,?)\s+/i, '');

  const quote = findQuotedTitle(text);
  let rest: string;
  if (quote) {
    source.title = quote.title;
    source.authors = names(text.slice(0, quote.start));
    rest = text.slice(quote.end);
  } else {
    // No quotes: "Author, Title, Outlet, Date" or "Title, Outlet, Date".
    const parts = text.split(/,\s+/);
    if (parts.length >= 3 && looksLikeNames(parts[0])) source.authors = names(parts.shift()!);
    const title = parts.shift()?.trim();
    if (title && !parseDate(title, true)) source.title = title.replace(/\.$/, '');
    rest = parts.join(', ');
  }

  const date = parseDate(rest);
  if (date) source.date = date;
  const container = rest
    .split(/[,.]\s+|,|\(/)
    .map(s => trimEndOf(trimStartOf(s, ',.;:', true), ',.;:', true))
    .find(s => s.length > 0 && !parseDate(s, true) && !/^\d/.test(s) && !/^(?:pp?\.|vol\.|no\.)/i.test(s));
  if (container) source.container = container;
  // fields in the model's order, so JSON output reads naturally
  const ordered: Source = { authors: source.authors };
  if (source.title) ordered.title = source.title;
  if (source.container) ordered.container = source.container;
  if (source.date) ordered.date = source.date;
  if (source.url) ordered.url = source.url;
  return ordered;
}

function findQuotedTitle(text: string): { title: string; start: number; end: number } | undefined {
  const curly = text.indexOf('“');
  const straight = text.indexOf('"');
  const useCurly = curly >= 0 && (straight < 0 || curly < straight);
  const open = useCurly ? curly : straight;
  if (open >= 0) {
    const close = text.indexOf(useCurly ? '”' : '"', open + 1);
    if (close >= 0) {
      const title = trimEndOf(text.slice(open + 1, close).trim(), ',.;:').trim();
      if (title) return { title, start: open, end: close + 1 };
    }
  }
  // British style: ‘Title’, — an opening ‘ after a space or at the start, closed by ’ before punctuation or the end
  const single = /(?:^|\s)‘([^‘’]{2,300}?)[,.]?’(?=[\s,.;:]|$)/.exec(text);
  if (single) {
    const start = single.index + (single[0].startsWith('‘') ? 0 : 1);
    return { title: trimEndOf(single[1].trim(), ',.;:'), start, end: single.index + single[0].length };
  }
  return undefined;
}

function names(text: string): string[] {
  const t = trimEndOf(text.trim(), ',;:').trim();
  if (!t) return [];
  return splitNames(t);
}

function looksLikeNames(text: string): boolean {
  const t = text.trim();
  if (/\d/.test(t) || t.length > 120) return false;
  return t.split(/\s+(?:and|&)\s+|,\s*/).every(name => {
    const words = name.trim().split(/\s+/);
    return words.length >= 2 && words.length <= 5 && words.every(w => /^[\p{Lu}][\p{L}.'’-]*$/u.test(w));
  });
}

export function isIbid(noteText: string): boolean {
  return IBID.test(noteText.trim());
}

const normTitle = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Which earlier note each note repeats: "Ibid." → the note before it; a short form (only a title, or
 * author + title, without URL or date) → the earlier note with that title. Chains resolve to the original,
 * so `refersTo` always names a note with the full source.
 */
export function resolveReferences(notes: readonly { n: number; text: string; source: Source }[]): Map<number, number> {
  const refers = new Map<number, number>();
  const root = (n: number) => refers.get(n) ?? n;
  // The titles of earlier notes that repeat nothing, so a short form finds the nearest one equal to its
  // title, a prefix of it or extending it in one walk, not by comparing with every earlier note.
  const titles = new TitleTrie();
  notes.forEach((note, index) => {
    if (isIbid(note.text)) {
      if (index > 0) refers.set(note.n, root(notes[index - 1].n));
    } else {
      const s = note.source;
      const title = s.title === undefined ? undefined : normTitle(s.title);
      if (title !== undefined && title.length >= 6 && !s.url && !s.date) {
        const earlier = titles.nearest(title);
        if (earlier !== undefined) refers.set(note.n, notes[earlier].n);
      }
    }
    if (note.source.title !== undefined && note.source.title !== '' && !refers.has(note.n)) titles.add(normTitle(note.source.title), index);
  });
  return refers;
}

/** A radix tree node: the title spelled by the edges from the root ends here or passes through. */
interface TitleNode {
  edges: Map<string, { label: string; node: TitleNode }>;
  /** the latest note whose title ends here, or -1 */
  here: number;
  /** the latest note whose title ends here or below */
  below: number;
}

/**
 * Normalised titles by note index, added in index order; finds the latest title that equals a title, is a
 * prefix of it or starts with it, in time linear in the title's length (a radix tree keeps memory linear
 * in the number of titles).
 */
class TitleTrie {
  private readonly root: TitleNode = { edges: new Map(), here: -1, below: -1 };

  add(title: string, index: number): void {
    let node = this.root;
    node.below = index;
    let pos = 0;
    while (pos < title.length) {
      const edge = node.edges.get(title[pos]!);
      if (!edge) {
        node.edges.set(title[pos]!, { label: title.slice(pos), node: { edges: new Map(), here: index, below: index } });
        return;
      }
      let common = 0;
      while (common < edge.label.length && pos + common < title.length && edge.label[common] === title[pos + common]) common++;
      if (common < edge.label.length) {
        // split the edge where the titles part
        const middle: TitleNode = {
          edges: new Map([[edge.label[common]!, { label: edge.label.slice(common), node: edge.node }]]),
          here: -1,
          below: edge.node.below,
        };
        edge.label = edge.label.slice(0, common);
        edge.node = middle;
      }
      node = edge.node;
      node.below = index;
      pos += common;
    }
    node.here = index;
  }

  /** The latest index whose title equals `title`, is a prefix of it, or starts with it. */
  nearest(title: string): number | undefined {
    let best = -1;
    let node = this.root;
    let pos = 0;
    for (;;) {
      best = Math.max(best, node.here);
      if (pos === title.length) {
        best = Math.max(best, node.below);
        break;
      }
      const edge = node.edges.get(title[pos]!);
      if (!edge) break;
      if (edge.label.length <= title.length - pos) {
        if (!title.startsWith(edge.label, pos)) break;
        node = edge.node;
        pos += edge.label.length;
      } else {
        // the title ends inside this edge: every title below it starts with this one
        if (edge.label.startsWith(title.slice(pos))) best = Math.max(best, edge.node.below);
        break;
      }
    }
    return best >= 0 ? best : undefined;
  }
}

/** Fills what a short form or Ibid. leaves out from the note it repeats. */
export function completeSource(own: Source, referent: Source): Source {
  return {
    authors: own.authors.length ? own.authors : referent.authors,
    title: own.title ?? referent.title,
    container: own.container ?? referent.container,
    date: own.date ?? referent.date,
    url: own.url ?? referent.url,
  };
}

/**
 * The footnotes of a report from its notes and its paragraphs' markers: sources parsed, references resolved,
 * `citedBy` filled. Keys are left empty here; keys.ts assigns them across the library.
 */
export function buildFootnotes(
  notes: readonly { n: number; text: string; url?: string; kind?: 'link'; source?: Source }[],
  paragraphs: readonly { id: string; footnotes: readonly number[] }[],
): Footnote[] {
  const parsed = notes.map(note => {
    if (note.source) return { n: note.n, text: note.text, source: note.source, kind: note.kind };
    const source: Source = isIbid(note.text) ? { authors: [] } : parseSource(note.text);
    // a URL that sat only in a Markdown link target
    if (!source.url && note.url && !isIbid(note.text)) source.url = note.url;
    return { n: note.n, text: note.text, source, kind: note.kind };
  });
  const refers = resolveReferences(parsed);
  const byN = new Map(parsed.map(p => [p.n, p]));
  const citedBy = new Map<number, string[]>();
  for (const paragraph of paragraphs) {
    for (const n of paragraph.footnotes) {
      const list = citedBy.get(n) ?? [];
      // paragraphs come one at a time: a repeat within one is the last entry (includes() would be quadratic)
      if (list[list.length - 1] !== paragraph.id) list.push(paragraph.id);
      citedBy.set(n, list);
    }
  }
  return parsed.map(p => {
    const refersTo = refers.get(p.n);
    const referent = refersTo === undefined ? undefined : byN.get(refersTo);
    const footnote: Footnote = {
      n: p.n,
      key: '',
      text: p.text,
      // a short form abbreviates its source ("Khan, “Title.”"): the full one is the note it repeats
      source: referent ? completeSource({ authors: [] }, referent.source) : p.source,
      ...(refersTo !== undefined ? { refersTo } : {}),
      ...(p.kind ? { kind: p.kind } : {}),
      citedBy: citedBy.get(p.n) ?? [],
    };
    return footnote;
  });
}
