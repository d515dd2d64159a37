/**
 * The library cache: each report's parsed model and prepared search index, kept by the host (the extension's
 * global storage) so a window that opens the same files again does not parse them again. An entry is keyed
 * by the file's name and content hash, and carries the parser version it was made by; it is used only when
 * all of them match and its body is whole (length and checksum), so a stale, truncated or damaged entry is
 * read as "not cached" and rebuilt — never as a wrong report.
 */
import type { PreparedItems } from './compactIndex';
import type { ReportFormat } from './formats';
import type { StoredKeyInputs } from './keys';
import type { ParsedReport } from './parse';
import { packSpans } from './parse/spans';
import type { LibraryIndexSnapshot } from './search';
import { runSteps, type Steps } from './steps';

/** Where entries are kept: named blobs (the extension: files in its global storage folder). */
export interface CacheStore {
  /** undefined when there is no entry of that name */
  read(name: string): Promise<Uint8Array | undefined>;
  write(name: string, bytes: Uint8Array): Promise<void>;
}

export interface LibraryCacheOptions {
  readonly store: CacheStore;
  /**
   * What made the entries: changes whenever a reader, the model or the search's tokenising may change (the
   * extension uses a hash of its build). An entry made by another version is rebuilt.
   */
  readonly version: string;
  /** how long after the search index last changed its entry is written (default 2,000 ms; see Dossier.flushCache) */
  readonly indexWriteDelayMs?: number;
}

/** What the cache keeps of one report file. */
export interface CachedReport {
  format: ReportFormat;
  parsed: ParsedReport;
  /** the report's items tokenised and weighed (search.ts prepareReportIndex) */
  index: PreparedItems;
  /** what its citation keys are made from (keys.ts storedKeyInputs); checked against the report when read */
  keys?: StoredKeyInputs;
}

/**
 * A report read back from its entry: the model now, the search items only when asked (a warm start that
 * reads the library's whole index from its own entry never asks, and parsing them was a third of the JSON).
 */
export interface DecodedReport extends Omit<CachedReport, 'index'> {
  /** the prepared search items, parsed on the first call; undefined when they are not JSON (search.ts checks the rest) */
  index(): PreparedItems | undefined;
}

/** The layout of an entry; a change of layout makes every older entry unreadable, hence rebuilt. */
const LAYOUT = 'dossier-cache/3';

/**
 * A 64-bit hash of bytes (two 32-bit multiply-rotate lanes over 4-byte words, mixed), as 16 hex digits: to
 * tell one file's content from another's and to check an entry's body. Not cryptographic: nothing secret
 * rides on it. Four bytes a step, not one: a warm open hashes every report file and every entry (~90 MB at
 * 500 reports), and a byte at a time that was ~0.2 s of it.
 */
export function contentHash(bytes: Uint8Array): string {
  return runSteps(contentHashSteps(bytes));
}

/** bytes hashed, copied or decoded between two steps of the library index entry's reading and writing */
const BYTES_PER_STEP = 1 << 20;

/** contentHash in steps of a megabyte: the library's index entry is ~30 MB at 2,000 reports. */
export function* contentHashSteps(bytes: Uint8Array): Steps<string> {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  const words = bytes.length - (bytes.length % 4);
  // the same words read four bytes at once where the machine's order is the hash's (~2× faster)
  const view = LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, words / 4) : undefined;
  for (let from = 0; from < words; from += BYTES_PER_STEP) {
    const to = Math.min(from + BYTES_PER_STEP, words);
    if (view) {
      for (let i = from / 4; i < to / 4; i++) {
        const word = view[i]!;
        a = Math.imul(a ^ word, 0x01000193);
        a = (a << 13) | (a >>> 19);
        b = Math.imul(b ^ word, 0x9e3779b1) ^ (b >>> 15);
      }
    } else {
      for (let i = from; i < to; i += 4) {
        const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
        a = Math.imul(a ^ word, 0x01000193);
        a = (a << 13) | (a >>> 19);
        b = Math.imul(b ^ word, 0x9e3779b1) ^ (b >>> 15);
      }
    }
    if (to < words) yield;
  }
  for (let i = words; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x9e3779b1) ^ (b >>> 15);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ bytes.length;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ a;
  return hex(a) + hex(b);
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** The entry name of a file: its name and content, so two files with one content (and one id rule) never mix. */
export function entryName(fileName: string, hash: string): string {
  return `${hash}-${contentHash(new TextEncoder().encode(fileName)).slice(0, 8)}.json`;
}

/**
 * An entry's bytes: a header line (layout, version, file, content hash, the report's JSON length and hash,
 * its search items' JSON length and hash, padding so the body starts on a 4-byte boundary, where the hash
 * reads words at once), then the report's JSON, then its search items' JSON.
 */
export function encodeEntry(fileName: string, hash: string, version: string, cached: CachedReport): Uint8Array {
  const { index, ...report } = cached;
  const encoder = new TextEncoder();
  // ASCII only (JSON's \u escapes for the rest): decoding a body with curly quotes in it took longer than
  // parsing it, and ASCII decodes ~10× faster; an entry grows by under 1%.
  const model = encoder.encode(JSON.stringify({ name: fileName, ...report }).replace(NOT_ASCII, escapeChar));
  const items = encoder.encode(JSON.stringify(index).replace(NOT_ASCII, escapeChar));
  const fields = [
    LAYOUT,
    encodeURIComponent(version),
    encodeURIComponent(fileName),
    hash,
    model.length,
    contentHash(model),
    items.length,
    contentHash(items),
  ];
  const unpadded = encoder.encode(fields.join(' ') + ' ~\n').length;
  const head = encoder.encode(fields.join(' ') + ' ' + '~'.repeat(1 + ((4 - (unpadded % 4)) % 4)) + '\n');
  const bytes = new Uint8Array(head.length + model.length + items.length);
  bytes.set(head, 0);
  bytes.set(model, head.length);
  bytes.set(items, head.length + model.length);
  return bytes;
}

const NOT_ASCII = /[\u007f-\uffff]/g;

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The cached report in an entry, or why it cannot be used (another version or file, cut short, damaged, not
 * the expected shape): the caller parses the file again and writes a fresh entry. The search items are
 * checked and parsed only when asked for; damaged, they are made again from the report.
 */
export function decodeEntry(
  bytes: Uint8Array,
  expected: { fileName: string; hash: string; version: string },
): { cached: DecodedReport } | { unusable: string } {
  const newline = bytes.indexOf(10);
  if (newline < 0 || newline > 4096) return { unusable: 'no header' };
  const fields = new TextDecoder().decode(bytes.subarray(0, newline)).split(' ');
  if (fields.length !== 9 || fields[0] !== LAYOUT) return { unusable: 'another layout' };
  const [, version, fileName, hash, modelLength, modelHash, itemsLength, itemsHash] = fields as string[];
  if (safeDecode(version!) !== expected.version) return { unusable: 'made by another version of Dossier' };
  if (safeDecode(fileName!) !== expected.fileName || hash !== expected.hash) return { unusable: 'another file or content' };
  const split = newline + 1 + Number(modelLength);
  if (!/^\d+$/.test(modelLength!) || !/^\d+$/.test(itemsLength!) || split + Number(itemsLength) !== bytes.length)
    return { unusable: 'cut short' };
  const model = bytes.subarray(newline + 1, split);
  if (contentHash(model) !== modelHash) return { unusable: 'damaged (checksum)' };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(model));
  } catch {
    return { unusable: 'not JSON' };
  }
  if (!looksCached(value, expected.fileName)) return { unusable: 'not the shape of a report' };
  // packed as a parser gives them: an object per span would cost the library ~4× the memory
  try {
    value.parsed.spans = packSpans(value.parsed.spans);
  } catch {
    return { unusable: 'not the shape of a report' };
  }
  // a copy: the items outlive this read only until the search index is built, and must not keep the whole entry
  const items = bytes.slice(split);
  return { cached: { ...value, index: () => (contentHash(items) === itemsHash ? parseItems(items) : undefined) } };
}

function parseItems(bytes: Uint8Array): PreparedItems | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isObject(value) ? (value as unknown as PreparedItems) : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The outline of a cached report (the checksum vouches for the rest; the search index checks its own part). */
function looksCached(value: unknown, fileName: string): value is Omit<CachedReport, 'index'> {
  if (!isObject(value) || value.name !== fileName || typeof value.format !== 'string') return false;
  const parsed = value.parsed;
  if (!isObject(parsed) || !Array.isArray(parsed.spans) || !Array.isArray(parsed.warnings)) return false;
  const report = parsed.report;
  return (
    isObject(report) &&
    typeof report.id === 'string' &&
    typeof report.key === 'string' &&
    typeof report.title === 'string' &&
    Array.isArray(report.authors) &&
    Array.isArray(report.sections) &&
    Array.isArray(report.footnotes) &&
    Array.isArray(report.figures)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The whole library's search index, kept as one entry beside the reports' own: a warm start of the same
 * report files (same contents, parser version and order) reads it back as typed arrays instead of adding
 * every report's items again (~30% of a warm open). Any other library ignores it and builds the index from
 * the reports' entries, as before; it is written again after the build, out of the way.
 */
export const LIBRARY_INDEX_ENTRY = 'library-index.bin';

const INDEX_LAYOUT = 'dossier-index/2';
/** written as a number in the machine's byte order: read back the same only on a machine of the same order */
const BYTE_ORDER = 0x01020304;

/**
 * The index entry's bytes: a header line (layout, version, body length and hash), then the body: the byte
 * order mark, a JSON line of counts and the reports' identities (their entry names, in order), the terms
 * (UTF-8, one a line) and the arrays, each starting on a 4-byte boundary.
 */
export function encodeLibraryIndex(version: string, reports: readonly string[], snapshot: LibraryIndexSnapshot): Uint8Array {
  return runSteps(encodeLibraryIndexSteps(version, reports, snapshot));
}

/** terms encoded between two steps */
const TERMS_PER_STEP = 20_000;

/**
 * encodeLibraryIndex in steps (core/steps.ts): at 2,000 reports the entry is ~30 MB, and writing it in one go
 * held the host 40–400 ms (the terms' encoding, the copies and the checksum, in fresh memory).
 */
export function* encodeLibraryIndexSteps(version: string, reports: readonly string[], snapshot: LibraryIndexSnapshot): Steps<Uint8Array> {
  const { terms, starts, postings, lengths, sorted } = snapshot.index;
  const encoder = new TextEncoder();
  // the terms, one a line, encoded a stretch at a time
  const termParts: Uint8Array[] = [];
  for (let from = 0; from < terms.length; from += TERMS_PER_STEP) {
    const part = terms.slice(from, from + TERMS_PER_STEP).join('\n') + (from + TERMS_PER_STEP < terms.length ? '\n' : '');
    termParts.push(encoder.encode(part));
    yield;
  }
  const termBytes = termParts.reduce((sum, part) => sum + part.length, 0);
  const meta = encoder.encode(JSON.stringify({ reports, terms: terms.length, termBytes, postings: postings.length, keys: lengths.length }));
  // each piece of the body, in order; a group of pieces starts on a 4-byte boundary
  const groups: Uint8Array[][] = [
    [new Uint8Array(Uint32Array.of(BYTE_ORDER, meta.length).buffer)],
    [meta],
    termParts,
    ...[starts, postings, lengths, sorted, snapshot.counts].map(a => [new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]),
  ];
  const bodyLength = groups.reduce((sum, group) => sum + aligned(group.reduce((n, part) => n + part.length, 0)), 0);
  // the header's length is known before the body's hash: the hash is always 16 hex digits
  // padded with spaces to a multiple of 4 bytes, so the body's arrays sit on 4-byte boundaries of the entry
  // itself and a reader can view them where they are, without copies (see decodeLibraryIndexSteps)
  const header = (hash: string) => {
    const line = [INDEX_LAYOUT, encodeURIComponent(version), bodyLength, hash].join(' ');
    return encoder.encode(line.padEnd(aligned(line.length + 1) - 1) + '\n');
  };
  const headLength = header('0'.repeat(16)).length;
  const bytes = new Uint8Array(headLength + bodyLength);
  const body = bytes.subarray(headLength);
  let at = 0;
  for (const group of groups) {
    const start = at;
    for (const part of group) {
      for (let from = 0; from < part.length; from += BYTES_PER_STEP) {
        const piece = part.subarray(from, from + BYTES_PER_STEP);
        body.set(piece, at);
        at += piece.length;
        if (piece.length === BYTES_PER_STEP) yield;
      }
    }
    at = start + aligned(at - start);
  }
  bytes.set(header(yield* contentHashSteps(body)), 0);
  return bytes;
}

function aligned(length: number): number {
  return (length + 3) & ~3;
}

/**
 * The snapshot in an index entry, or why it cannot be used: another layout, version or byte order, cut
 * short, damaged, or made for other report files (another content, parser version or order). The snapshot's
 * own consistency is checked when it is restored (search.ts restoreSearchIndex).
 */
export function decodeLibraryIndex(
  bytes: Uint8Array,
  expected: { version: string; reports: readonly string[] },
): { snapshot: LibraryIndexSnapshot } | { unusable: string } {
  return runSteps(decodeLibraryIndexSteps(bytes, expected));
}

/** decodeLibraryIndex in steps (core/steps.ts): the checksum, the copies and the terms a megabyte at a time. */
export function* decodeLibraryIndexSteps(
  bytes: Uint8Array,
  expected: { version: string; reports: readonly string[] },
): Steps<{ snapshot: LibraryIndexSnapshot } | { unusable: string }> {
  const newline = bytes.subarray(0, 4097).indexOf(10);
  if (newline < 0 || newline > 4096) return { unusable: 'no header' };
  const fields = new TextDecoder().decode(bytes.subarray(0, newline)).split(' ');
  if (fields.length < 4 || fields[0] !== INDEX_LAYOUT || fields.slice(4).some(Boolean)) return { unusable: 'another layout' };
  const [, version, length, bodyHash] = fields as [string, string, string, string];
  if (safeDecode(version) !== expected.version) return { unusable: 'made by another version of Dossier' };
  const body = bytes.subarray(newline + 1);
  if (String(body.length) !== length) return { unusable: 'cut short' };
  if ((yield* contentHashSteps(body)) !== bodyHash) return { unusable: 'damaged (checksum)' };
  let at = 0;
  const fits = (byteLength: number) => at + byteLength <= body.length;
  /**
   * Each stretch where it is in the entry when it sits on a 4-byte boundary there (an entry read whole from a
   * file: no copies, and no ~30 MB of new buffers, whose allocation made V8 collect the whole heap at once);
   * else a copy of its own, a megabyte a step.
   */
  function* take(byteLength: number): Steps<[ArrayBuffer, number]> {
    if (!fits(byteLength)) throw new RangeError('past the end');
    const from = body.byteOffset + at;
    at += aligned(byteLength);
    if (from % 4 === 0) return [body.buffer as ArrayBuffer, from];
    const buffer = new ArrayBuffer(byteLength);
    const copy = new Uint8Array(buffer);
    const source = new Uint8Array(body.buffer, from, byteLength);
    for (let done = 0; done < byteLength; done += BYTES_PER_STEP) {
      copy.set(source.subarray(done, done + BYTES_PER_STEP), done);
      if (done + BYTES_PER_STEP < byteLength) yield;
    }
    return [buffer, 0];
  }
  function* words<T>(make: new (buffer: ArrayBuffer, offset: number, length: number) => T, count: number): Steps<T> {
    const [buffer, offset] = yield* take(4 * count);
    return new make(buffer, offset, count);
  }
  try {
    const [order, metaLength] = (yield* words(Uint32Array, 2)) as unknown as [number, number];
    if (order !== BYTE_ORDER) return { unusable: 'written on a machine of another byte order' };
    const [metaBuffer, metaOffset] = yield* take(metaLength);
    const meta: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(metaBuffer, metaOffset, metaLength)));
    if (!isIndexMeta(meta)) return { unusable: 'not the shape of an index' };
    const { reports } = expected;
    if (meta.reports.length !== reports.length || meta.reports.some((r, i) => r !== reports[i]))
      return { unusable: 'made for other report files' };
    if (!fits(meta.termBytes)) return { unusable: 'not the length its counts give' };
    const terms = meta.terms ? yield* termsOf(body.subarray(at, at + meta.termBytes)) : [];
    at += aligned(meta.termBytes);
    if (terms.length !== meta.terms) return { unusable: 'another number of terms' };
    const starts = yield* words(Uint32Array, meta.terms + 1);
    const postings = yield* words(Uint32Array, meta.postings);
    const lengths = yield* words(Int32Array, meta.keys);
    const sorted = yield* words(Uint32Array, meta.terms);
    const counts = yield* words(Uint32Array, reports.length);
    if (at !== body.length) return { unusable: 'not the length its counts give' };
    return { snapshot: { index: { terms, starts, postings, lengths, sorted }, counts } };
  } catch {
    return { unusable: 'not the shape of an index' };
  }
}

/**
 * The terms of an index entry, one a line, decoded a stretch at a time: each stretch ends at a line break,
 * which is never inside a UTF-8 sequence, so the stretches decode as the whole would.
 */
function* termsOf(bytes: Uint8Array): Steps<string[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const terms: string[] = [];
  for (let from = 0; ;) {
    let to = Math.min(from + BYTES_PER_STEP / 4, bytes.length);
    if (to < bytes.length) {
      const lineEnd = bytes.indexOf(10, to);
      to = lineEnd < 0 ? bytes.length : lineEnd;
    }
    for (const term of decoder.decode(bytes.subarray(from, to)).split('\n')) terms.push(term);
    if (to >= bytes.length) return terms;
    from = to + 1;
    yield;
  }
}

interface IndexMeta {
  reports: string[];
  terms: number;
  termBytes: number;
  postings: number;
  keys: number;
}

function isIndexMeta(value: unknown): value is IndexMeta {
  if (!isObject(value) || !Array.isArray(value.reports) || !value.reports.every(r => typeof r === 'string')) return false;
  return (['terms', 'termBytes', 'postings', 'keys'] as const).every(k => Number.isSafeInteger(value[k]) && (value[k] as number) >= 0);
}
