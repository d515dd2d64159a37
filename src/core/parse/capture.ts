/**
 * Web captures: a report's page saved as Markdown keeps the site around the report — a metadata table
 * ("Publication Date", "Author(s)"), breadcrumbs, version lists, a masthead line repeating the title and date,
 * a disclaimer — and loses the markup of its headings. These helpers recognise each piece; the Markdown reader
 * decides what to do with it. Every pattern is linear (bounded or single quantifiers only).
 */
import { parseDate } from '../text';
import { dateLine, splitNames } from './chrome';

/** What a capture's metadata says about the report. */
export interface CaptureMetadata {
  date?: string;
  authors?: string[];
  /** the publisher's report number ("IN12614", "R48910") */
  number?: string;
}

/** `**Publication Date:** 04/23/2026` (a line of the page header). */
const BOLD_FIELD = /^\s{0,3}\*\*([^*:]{1,40}):?\s*\*\*:?(.*)$/;

/** A metadata field name, in the words sites use. */
const FIELD =
  /^(?:(?:publication|published|release|issue|report)\s+date|date(?:\s+published)?|published|updated|author\(s\)|authors?|by|written\s+by|report\s+(?:no\.?|number)|(?:crs\s+)?product\s+(?:number|type)|crs\s+product\s+number|product\s+no\.?|topics?|version|source|referenced\s+legislation|type)$/i;

/** The field name and value of a `**Name:** value` line or a `| **Name:** | value |` row, when the name is a metadata field. */
export function metadataField(line: string): { name: string; value: string } | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) {
    const cells = trimmed
      .slice(1)
      .split('|')
      .map(c => c.trim());
    if (cells[cells.length - 1] === '') cells.pop();
    if (cells.length !== 2) return undefined;
    const name = cells[0].replace(/\*\*/g, '').replace(/:\s*$/, '').trim();
    return FIELD.test(name) ? { name, value: cells[1].replace(/\*\*/g, '').trim() } : undefined;
  }
  const m = BOLD_FIELD.exec(trimmed);
  if (!m) return undefined;
  const name = m[1].trim();
  return FIELD.test(name) ? { name, value: m[2].trim() } : undefined;
}

/** Reads the fields that matter into `into` (the first value of each wins). */
export function readMetadata(fields: readonly { name: string; value: string }[], into: CaptureMetadata): void {
  for (const { name, value } of fields) {
    if (!value) continue;
    const key = name.toLowerCase();
    if (/date|published|updated/.test(key) && !/legislation/.test(key)) into.date ??= metadataDate(value);
    else if (/^(?:author|by|written)/.test(key)) into.authors ??= metadataAuthors(value);
    else if (/number|no\.?$/.test(key) && /^[A-Z]{1,4}\d{2,6}$/.test(value)) into.number ??= value;
  }
}

/** "04/23/2026" (a US site's month/day/year), "2026-04-23", "April 23, 2026". */
export function metadataDate(value: string): string | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  if (us) {
    const [month, day] = [Number(us[1]), Number(us[2])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return `${us[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    return undefined;
  }
  return parseDate(value, true) ?? parseDate(value);
}

/**
 * Author lists as catalogues write them: "Kitamura, Kyla H." → ["Kyla H. Kitamura"];
 * "Trachtenberg, Danielle M.; Villarreal, M. Angeles" → two names; "Jane Doe and John Roe" → two names.
 */
export function metadataAuthors(value: string): string[] {
  const parts = value.includes(';') ? value.split(';') : [value];
  const names: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    const inverted = /^([^,]{1,60}),\s*([^,]{1,60})$/.exec(part);
    if (inverted && parts.length > 1) names.push(`${inverted[2].trim()} ${inverted[1].trim()}`);
    else if (
      inverted &&
      /^[\p{Lu}][\p{L}'’-]{0,40}$/u.test(inverted[1].trim()) &&
      /^(?:[\p{Lu}][\p{L}'’-]*\.?\s*){1,4}$/u.test(inverted[2].trim())
    ) {
      // one "Surname, Given" pair (a lone comma between a single word and given names)
      names.push(`${inverted[2].trim()} ${inverted[1].trim()}`);
    } else names.push(...splitNames(part));
  }
  return names.filter(n => n.length > 1);
}

/**
 * The masthead a capture repeats above the text: the title run into the date and report number
 * ("Section 232 … ImportsUpdated April 23, 2026 (IN12614)"), possibly after a player link ("Listen").
 */
export function isMasthead(text: string, title: string | undefined): boolean {
  if (!title || text.length > title.length + 120) return false;
  const at = text.toLowerCase().indexOf(title.toLowerCase());
  if (at < 0 || at > 40) return false;
  const rest = text
    .slice(at + title.length)
    .replace(/\(\s*[A-Z]{1,4}\d{2,6}\s*\)\s*$/, '')
    .trim();
  if (!rest) return true;
  return dateLine(rest.replace(/^updated\s+/i, '')) !== undefined;
}

/** "Disclaimer:" and the like: the site's boilerplate, which runs to the end of the page. */
export function startsBoilerplate(text: string): boolean {
  return /^(?:disclaimer|terms\s+of\s+use|copyright\s+notice|legal\s+notice)\s*:/i.test(text.trim());
}

/** "Table 1. Selected Section 232 …", "Figure 2: …": a caption, not a paragraph. */
export function isCaption(text: string): boolean {
  const t = text.trim();
  return (
    t.length <= 300 &&
    t.split(/\s+/).length <= 40 &&
    /^(?:table|figure|box|chart|map|exhibit|graph)\s+[A-Z]?\d{1,3}(?:\.\d{1,2})?[.:]\s/i.test(t)
  );
}

/** "Source: …", "Sources: …", "Notes: …" under a table or figure. */
export function isSourceLine(text: string): boolean {
  return /^(?:sources?|notes?|data\s+source)\s*:/i.test(text.trim());
}

/**
 * A line that was a heading before the page lost its markup: short, one line, starts with a capital or a
 * number, no sentence punctuation at its end ("Background", "Where Is Cryptocurrency Mined?").
 */
export function looksLikePlainHeading(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 120) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(t) || /[.,;:!—–-]$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 16) return false;
  // a heading capitalises its words (or is a short phrase); a sentence fragment has many lower-case words
  const lower = words.filter(w => /^\p{Ll}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase())).length;
  return lower <= Math.max(1, Math.floor(words.length / 3));
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'nor',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'into',
  'as',
  'vs',
  'vs.',
  'via',
  'per',
  'under',
  'over',
  'after',
  'before',
  'between',
  'is',
  'are',
  'how',
  'what',
  'its',
  'their',
  'than',
  'not',
]);
