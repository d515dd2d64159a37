/**
 * Citation keys: stable, readable, unique in a library. A note's source gets author surname + year
 * (`afzal2025`), else its outlet or the first word of its title + year (`diplomat2025`, then `diplomat2025b`);
 * a report gets the salient words of its title + year (`usPakistanFlux2025`). Ibid. and short forms share
 * the key of the note they repeat; the same source cited in two reports shares one key.
 */
import type { Report, Source } from './model';
import { runSteps, type Steps } from './steps';
import { KEY_STOP_WORDS, asciiFold, shared } from './text';

/** Title words too generic to tell one report from another. */
const GENERIC = new Set([
  'relations',
  'relationship',
  'report',
  'analysis',
  'brief',
  'briefing',
  'paper',
  'review',
  'overview',
  'study',
  'update',
  'commentary',
  'insight',
  'insights',
  'note',
  'notes',
  'issue',
  'issues',
  'working',
  'policy',
]);
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|md|esq)\.?$/i;

function words(text: string): string[] {
  return text
    .replace(/['’]s\b/g, '')
    .split(/[\s\-–—/:;,()[\]]+/)
    .map(asciiFold)
    .filter(w => w.length > 0);
}

function camel(parts: string[]): string {
  return parts.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
}

function year(date: string | undefined): string {
  const m = date ? /^(\d{4})/.exec(date) : null;
  return m ? m[1] : ''; // undated: the key is just the name
}

/** "Madiha Afzal" → "afzal"; "Afzal, Madiha" → "afzal"; "World Bank" → "worldBank". */
export function surname(name: string): string {
  const comma = name.indexOf(',');
  if (comma > 0) return asciiFold(name.slice(0, comma)) || asciiFold(name);
  const tokens = name
    .trim()
    .split(/\s+/)
    .filter(t => !NAME_SUFFIX.test(t));
  const last = tokens[tokens.length - 1] ?? name;
  return asciiFold(last);
}

/** The key a source would get before uniqueness suffixes. */
export function sourceBaseKey(source: Source): string {
  const y = year(source.date);
  const author = source.authors[0];
  if (author) {
    const s = surname(author);
    if (s && /^[a-z]/.test(s)) return s + y;
  }
  // a link source's outlet is its site ("pubs.usgs.gov"): the key is the site's name (usgs2026)
  const site = source.container ? siteName(source.container) : undefined;
  if (site && /^[a-z]/.test(site)) return site + y;
  if (source.container) {
    const salient = words(source.container)
      .filter(w => !KEY_STOP_WORDS.has(w))
      .slice(0, 2);
    if (salient.length && /^[a-z]/.test(salient[0])) return camel(salient) + y;
  }
  if (source.title) {
    const first = words(source.title).find(w => !KEY_STOP_WORDS.has(w) && /^[a-z]/.test(w));
    if (first) return first + y;
  }
  return 'source' + y;
}

/** A web host's own name: "crsreports.congress.gov" → "congress", "pubs.usgs.gov" → "usgs", "pbs.gov.pk" → "pbs". */
function siteName(container: string): string | undefined {
  if (!/^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}$/i.test(container)) return undefined;
  const labels = container.toLowerCase().split('.');
  let end = labels.length - 1; // the top-level domain
  // a country's second level ("gov.pk", "co.uk", "gob.mx") belongs to the suffix too
  if (end > 1 && labels[end].length === 2 && /^(?:gov|gob|go|co|com|org|or|net|ne|ac|edu)$/.test(labels[end - 1])) end--;
  return asciiFold(labels[end - 1]) || undefined;
}

/** "U.S.-Pakistan Relations in Flux: Pathways…" (2025) → "usPakistanFlux2025". */
export function reportBaseKey(report: Pick<Report, 'title' | 'date'>): string {
  const main = report.title.split(/:\s|\s[–—]\s/)[0];
  let salient = words(main).filter(w => !KEY_STOP_WORDS.has(w) && !GENERIC.has(w));
  if (salient.length === 0) salient = words(main).filter(w => !KEY_STOP_WORDS.has(w));
  salient = salient.filter(w => /^[a-z0-9]/.test(w)).slice(0, 3);
  if (salient.length === 0 || !/^[a-z]/.test(salient[0])) salient.unshift('report');
  return camel(salient) + year(report.date);
}

/** Same source, whichever report cites it: its URL, else its title and outlet. */
function identity(source: Source): string | undefined {
  if (source.url)
    return (
      'u:' +
      source.url
        .toLowerCase()
        .replace(/^https?:\/\/(?:www\.)?/, '')
        .replace(/[/#?]+$/, '')
    );
  if (source.title) return 't:' + asciiFold(source.title) + '|' + asciiFold(source.container ?? '');
  return undefined;
}

function suffix(index: number): string {
  // the first keeps the bare key; then b, c, … z, then 27, 28, …
  if (index === 0) return '';
  if (index < 26) return String.fromCharCode(97 + index);
  return String(index + 1);
}

/** The keys `reports` get together: each report's own key and its notes' keys by note number. */
export interface ReportKeys {
  key: string;
  notes: Map<number, string>;
}

/**
 * Keys unique across all of `reports`, without touching them. Deterministic: the same reports in the same
 * order always get the same keys.
 */
export function uniqueKeys(reports: readonly Report[]): ReportKeys[] {
  return runSteps(uniqueKeysSteps(reports));
}

/**
 * uniqueKeys in steps (core/steps.ts), a step after each report: a library of 2,000 reports has ~100,000
 * notes, and reading their sources held the host ~300 ms in one go at every load.
 */
export function* uniqueKeysSteps(reports: readonly Report[]): Steps<ReportKeys[]> {
  const used = new Set<string>();
  // a source's key by its identity's hash; a hash met again is checked against the identity itself
  const bySource = new Map<number, { key: string; source: Source; identity?: string }>();
  // where each base's suffix search resumes: 8,000 notes by one author stay linear, not 8,000²/2 probes
  const nextSuffix = new Map<string, number>();
  const unique = (base: string) => {
    for (let i = nextSuffix.get(base) ?? 0; ; i++) {
      const key = base + suffix(i);
      if (!used.has(key)) {
        used.add(key);
        nextSuffix.set(base, i + 1);
        return key;
      }
    }
  };
  const keys: ReportKeys[] = [];
  for (const report of reports) {
    const inputs = keyInputsOf(report);
    const key = unique(inputs.base);
    const notes = new Map<number, string>();
    const footnotes = report.footnotes;
    for (let i = 0; i < footnotes.length; i++) {
      if (inputs.skip[i]) continue;
      const footnote = footnotes[i]!;
      const hash = inputs.identities[i]!;
      const known = Number.isNaN(hash) ? undefined : bySource.get(hash);
      const same = known !== undefined && (known.identity ??= identity(known.source)) === identity(footnote.source);
      const noteKey = same ? known.key : unique(inputs.bases[i]!);
      notes.set(footnote.n, noteKey);
      if (!Number.isNaN(hash) && !known) bySource.set(hash, { key: noteKey, source: footnote.source });
    }
    for (let i = 0; i < footnotes.length; i++) {
      const { n, refersTo } = footnotes[i]!;
      if (refersTo === undefined) continue;
      notes.set(n, notes.get(refersTo) || unique(inputs.bases[i]!));
    }
    keys.push({ key, notes });
    yield;
  }
  return keys;
}

/**
 * What a report's keys are made from, before they are made unique among the other reports': per note, in
 * the order of `report.footnotes`. Identities are kept as hashes, not text (a URL or a title and outlet per
 * note, ~5 MB at 500 reports): two notes whose hashes meet are compared by their sources' identities.
 */
interface KeyInputs {
  base: string;
  bases: string[];
  /** the source's identity hashed (53 bits), NaN when it has none */
  identities: Float64Array;
  /** 1 for a note that takes no key of its own: it repeats an earlier note (Ibid.), or cites nothing (a comment) */
  skip: Uint8Array;
}

const keyInputs = new WeakMap<Report, KeyInputs>();

/**
 * A report's base keys and its notes' source identities, read once per report object: a library rebuilt
 * after one of 2,000 files changed makes its keys unique again without reading 100,000 notes' sources again.
 */
function keyInputsOf(report: Report): KeyInputs {
  let inputs = keyInputs.get(report);
  if (!inputs) {
    const footnotes = report.footnotes;
    const byN = new Set(footnotes.map(f => f.n));
    const identities = new Float64Array(footnotes.length);
    const skip = new Uint8Array(footnotes.length);
    footnotes.forEach((footnote, i) => {
      const text = identity(footnote.source);
      identities[i] = text === undefined ? NaN : hashText(text);
      // an explanatory note cites nothing: nothing to cite it by
      const refers = footnote.refersTo !== undefined && byN.has(footnote.refersTo);
      skip[i] = refers || footnote.kind === 'comment' ? 1 : 0;
    });
    // a base ("afzal2025") repeats from note to note and report to report, and is the key itself when no
    // other source took it: one copy of each
    inputs = { base: reportBaseKey(report), bases: footnotes.map(f => shared(sourceBaseKey(f.source))), identities, skip };
    keyInputs.set(report, inputs);
  }
  return inputs;
}

/** A report's key inputs as JSON can hold them (the library cache keeps them, so a warm start reads no note's source). */
export interface StoredKeyInputs {
  base: string;
  bases: string[];
  /** hashes; null for a note whose source has no identity */
  identities: (number | null)[];
  skip: number[];
}

export function storedKeyInputs(report: Report): StoredKeyInputs {
  const { base, bases, identities, skip } = keyInputsOf(report);
  return { base, bases, identities: Array.from(identities, h => (Number.isNaN(h) ? null : h)), skip: Array.from(skip) };
}

/**
 * Takes a report's key inputs from the cache, when they fit it (one of each per note, of the right kinds);
 * false (and nothing kept) otherwise, so they are read from the notes' sources as usual.
 */
export function restoreKeyInputs(report: Report, stored: unknown): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const { base, bases, identities, skip } = stored as Partial<StoredKeyInputs>;
  const count = report.footnotes.length;
  if (typeof base !== 'string' || !Array.isArray(bases) || !Array.isArray(identities) || !Array.isArray(skip)) return false;
  if (bases.length !== count || identities.length !== count || skip.length !== count) return false;
  if (!bases.every(b => typeof b === 'string' && b.length > 0)) return false;
  if (!identities.every(h => h === null || (Number.isInteger(h) && h >= 0 && h < 2 ** 53))) return false;
  if (!skip.every(f => f === 0 || f === 1)) return false;
  keyInputs.set(report, {
    base,
    bases: bases.map(shared),
    identities: Float64Array.from(identities, h => (h === null ? NaN : h)),
    skip: Uint8Array.from(skip),
  });
  return true;
}

/** A 53-bit hash of a text (two 32-bit multiply lanes over its UTF-16 units): equal texts, equal hashes. */
function hashText(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x9e3779b1) ^ (b >>> 15);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ text.length;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ a;
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/** uniqueKeys, written into the reports: for a parser setting the keys of the report it is building. */
export function assignKeys<R extends Report>(reports: R[]): R[] {
  uniqueKeys(reports).forEach(({ key, notes }, i) => {
    const report = reports[i]!;
    report.key = key;
    for (const footnote of report.footnotes) footnote.key = notes.get(footnote.n) ?? footnote.key;
  });
  return reports;
}
