/**
 * The search engines compared side by side, each behind the same small interface: Dossier's own search
 * (src/core/search.ts), fuse.js alone and MiniSearch alone over the same items (sections, paragraphs,
 * notes with their sources, figures).
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import * as path from 'path';
import type { Library } from '../src/core/library';
import type { Hit } from './queries';

export interface Engine {
  readonly name: string;
  search(query: string, limit: number): Hit[];
}

/** One searchable item, the same for fuse.js and MiniSearch. */
export interface Item {
  ix: number;
  reportId: string;
  kind: 'section' | 'paragraph' | 'footnote' | 'figure';
  id: string;
  paragraph?: string;
  /** section title, figure as written, note's source title */
  title: string;
  /** paragraph text, the figure's sentence and subject, the note's full text */
  text: string;
}

export function itemsOf(library: Library): Item[] {
  const items: Item[] = [];
  const add = (item: Omit<Item, 'ix'>) => items.push({ ix: items.length, ...item });
  for (const report of library.reports) {
    for (const section of report.sections) {
      add({ reportId: report.id, kind: 'section', id: section.id, title: section.title, text: '' });
      for (const p of section.paragraphs) add({ reportId: report.id, kind: 'paragraph', id: p.id, title: '', text: p.text });
    }
    for (const f of report.footnotes)
      add({ reportId: report.id, kind: 'footnote', id: String(f.n), title: f.source.title ?? '', text: f.text });
    for (const f of report.figures)
      add({ reportId: report.id, kind: 'figure', id: f.id, paragraph: f.paragraph, title: f.text, text: `${f.subject} — ${f.sentence}` });
  }
  return items;
}

const toHit = (item: Item): Hit => ({ reportId: item.reportId, kind: item.kind, id: item.id, paragraph: item.paragraph });

/** fuse.js alone: `ignoreLocation` so words anywhere in a paragraph count (defaults miss ~75%). */
export function fuseEngine(items: Item[]): Engine {
  const fuse = new Fuse(items, { keys: ['title', 'text'], ignoreLocation: true });
  return { name: 'fuse', search: (q, limit) => fuse.search(q, { limit }).map(r => toHit(r.item)) };
}

/** MiniSearch alone: fuzzy 0.2, prefix matching, its default OR of terms ranked by BM25. */
export function miniSearchEngine(items: Item[]): Engine {
  const mini = new MiniSearch<Item>({ idField: 'ix', fields: ['title', 'text'], storeFields: [] });
  mini.addAll(items);
  return {
    name: 'minisearch',
    search: (q, limit) =>
      mini
        .search(q, { fuzzy: 0.2, prefix: true })
        .slice(0, limit)
        .map(r => toHit(items[r.id as number])),
  };
}

/**
 * Dossier's search, whatever its result shape turns out to be: reads report id, kind and id from the result
 * or from a `target` on it. Loaded at run time so the bench still runs (and says so) before it lands.
 */
export function loadDossierSearch(modulePath = DOSSIER_SEARCH): ((library: Library) => Engine) | undefined {
  let mod: { createSearchIndex?: (library: Library) => { search(q: string, o: { limit: number }): unknown[] } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modulePath);
  } catch {
    return undefined;
  }
  const create = mod.createSearchIndex;
  if (!create) return undefined;
  return library => {
    const index = create(library);
    return { name: 'dossier', search: (q, limit) => index.search(q, { limit }).map(r => dossierHit(library, r)) };
  };
}

/** Dossier's search module (BENCH_SEARCH=path measures another build of it, e.g. a proposed change). */
export const DOSSIER_SEARCH = process.env.BENCH_SEARCH
  ? path.resolve(process.env.BENCH_SEARCH)
  : path.join(__dirname, '..', 'src', 'core', 'search');

function dossierHit(library: Library, result: unknown): Hit {
  const r = result as Record<string, unknown>;
  const t = (r.target && typeof r.target === 'object' ? r.target : r) as Record<string, unknown>;
  const reportId = String(t.reportId ?? r.reportId ?? '');
  const kind = String(t.kind ?? r.kind ?? '');
  let id = String(t.id ?? r.id ?? '');
  if (kind === 'footnote' && /^\D/.test(id)) id = id.replace(/^\D+/, '');
  const hit: Hit = { reportId, kind, id };
  if (kind === 'figure') hit.paragraph = library.figure(reportId, id)?.figure.paragraph;
  return hit;
}
