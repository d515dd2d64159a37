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

/** The layout of an entry; a change of layout makes every older entry unreadable, hence rebuilt. */
const LAYOUT = 'dossier-cache/2';

/**
 * A 64-bit hash of bytes (two 32-bit multiply-rotate lanes over 4-byte words, mixed), as 16 hex digits: to
 * tell one file's content from another's and to check an entry's body. Not cryptographic: nothing secret
 * rides on it. Four bytes a step, not one: a warm open hashes every report file and every entry (~90 MB at
 * 500 reports), and a byte at a time that was ~0.2 s of it.
 */
export function contentHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  const words = bytes.length - (bytes.length % 4);
  for (let i = 0; i < words; i += 4) {
    const word = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ word, 0x01000193);
    a = (a << 13) | (a >>> 19);
    b = Math.imul(b ^ word, 0x9e3779b1) ^ (b >>> 15);
  }
  for (let i = words; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x9e3779b1) ^ (b >>> 15);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ bytes.length;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) ^ a;
  return hex(a) + hex(b);
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** The entry name of a file: its name and content, so two files with one content (and one id rule) never mix. */
export function entryName(fileName: string, hash: string): string {
  return `${hash}-${contentHash(new TextEncoder().encode(fileName)).slice(0, 8)}.json`;
}

/** An entry's bytes: a header line (layout, version, file, content hash, body length and hash), then the JSON body. */
export function encodeEntry(fileName: string, hash: string, version: string, cached: CachedReport): Uint8Array {
  // ASCII only (JSON's \u escapes for the rest): decoding a body with curly quotes in it took longer than
  // parsing it, and ASCII decodes ~10× faster; an entry grows by under 1%.
  const body = new TextEncoder().encode(JSON.stringify({ name: fileName, ...cached }).replace(NOT_ASCII, escapeChar));
  const header = [LAYOUT, encodeURIComponent(version), encodeURIComponent(fileName), hash, body.length, contentHash(body)].join(' ');
  const head = new TextEncoder().encode(header + '\n');
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head, 0);
  bytes.set(body, head.length);
  return bytes;
}

const NOT_ASCII = /[\u007f-\uffff]/g;

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The cached report in an entry, or why it cannot be used (another version or file, cut short, damaged, not
 * the expected shape): the caller parses the file again and writes a fresh entry.
 */
export function decodeEntry(
  bytes: Uint8Array,
  expected: { fileName: string; hash: string; version: string },
): { cached: CachedReport } | { unusable: string } {
  const newline = bytes.indexOf(10);
  if (newline < 0 || newline > 4096) return { unusable: 'no header' };
  const fields = new TextDecoder().decode(bytes.subarray(0, newline)).split(' ');
  if (fields.length !== 6 || fields[0] !== LAYOUT) return { unusable: 'another layout' };
  const [, version, fileName, hash, length, bodyHash] = fields as [string, string, string, string, string, string];
  if (safeDecode(version) !== expected.version) return { unusable: 'made by another version of Dossier' };
  if (safeDecode(fileName) !== expected.fileName || hash !== expected.hash) return { unusable: 'another file or content' };
  const body = bytes.subarray(newline + 1);
  if (String(body.length) !== length) return { unusable: 'cut short' };
  if (contentHash(body) !== bodyHash) return { unusable: 'damaged (checksum)' };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { unusable: 'not JSON' };
  }
  return looksCached(value, expected.fileName) ? { cached: value } : { unusable: 'not the shape of a report' };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The outline of a cached report (the checksum vouches for the rest; the search index checks its own part). */
function looksCached(value: unknown, fileName: string): value is CachedReport {
  if (!isObject(value) || value.name !== fileName || typeof value.format !== 'string' || !isObject(value.index)) return false;
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
