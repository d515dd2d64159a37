/**
 * Reading the CLI's input from disk: report files, the bundled reports, `--library` folders, notes, and the
 * arguments themselves. Every way a file can be unreadable (missing, a folder, empty, binary, not UTF-8, not a
 * report) becomes a LoadError with a one-line message naming the file, so commands print it and exit 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ReportError } from '../core/errors';
import { createLibrary, type Library } from '../core/library';
import { parseReportWithSpans, type ParsedReport } from '../core/parse';
import { LoadError, UsageError } from './errors';

/** The package folder holding data/ and dist/: dist/cli.js → .., src/cli/*.ts (tsx) → ../.. */
function packageDir(): string {
  const candidates = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')];
  return candidates.find(dir => fs.existsSync(path.join(dir, 'data', 'reports'))) ?? candidates[0];
}

/** data/ beside the bundle: reports/ and curated charts/. */
export function bundledDataDir(): string {
  return path.join(packageDir(), 'data');
}

export function bundledReportsDir(): string {
  return path.join(bundledDataDir(), 'reports');
}

/**
 * The text of a file, decoded strictly as UTF-8 (a BOM is dropped). Reports, notes and CSL styles all come
 * through here: Node's 'utf8' decoding would quietly turn invalid bytes into U+FFFD instead of saying so.
 */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new LoadError(`${file}: is a folder, not a file`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new LoadError(`${file}: ${why}`);
  }
  if (bytes.length === 0) throw new LoadError(`${file}: the file is empty`);
  if (bytes.includes(0)) throw new LoadError(`${file}: looks like a binary file (it contains NUL bytes), not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LoadError(`${file}: is not valid UTF-8 text`);
  }
}

/** Reads and parses one report file. */
export function loadReport(file: string, options: { format?: 'text' | 'markdown' } = {}): ParsedReport {
  const text = readTextFile(file);
  try {
    return parseReportWithSpans(text, { source: path.basename(file), ...options });
  } catch (error) {
    if (error instanceof ReportError) throw new LoadError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Every .md / .txt file directly in a folder, sorted by name; a file given instead of a folder is itself the list. */
export function reportFilesIn(target: string): string[] {
  let names: string[];
  try {
    if (!fs.statSync(target).isDirectory()) return [target];
    names = fs.readdirSync(target);
  } catch (error) {
    throw new LoadError(`${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder or file' : (error as Error).message}`);
  }
  return names.filter(n => /\.(?:md|markdown|txt)$/i.test(n)).sort().map(n => path.join(target, n));
}

export interface LoadOptions {
  /** one report file; without it, the bundled reports */
  file?: string;
  /** folders (or single files) whose .md/.txt reports are added */
  libraries?: readonly string[];
}

/** The reports a command works on, parsed (the Library makes their ids and keys unique). */
export function loadReports(options: LoadOptions = {}): ParsedReport[] {
  const files = options.file ? [options.file] : reportFilesIn(bundledReportsDir());
  for (const dir of options.libraries ?? []) files.push(...reportFilesIn(dir));
  return files.map(file => loadReport(file));
}

/** A Library of those reports, with keys unique across them and offset lookups. */
export function loadLibrary(options: LoadOptions = {}): Library {
  return createLibrary(loadReports(options));
}

/** The lazy CSL bundle beside the CLI bundle (dist/csl.js); from sources, the built one in dist/. */
export function loadCsl(): typeof import('../lazy/csl') {
  for (const file of [path.join(__dirname, 'csl.js'), path.join(__dirname, '..', '..', 'dist', 'csl.js')]) {
    if (fs.existsSync(file)) return (require as (id: string) => unknown)(file) as typeof import('../lazy/csl');
  }
  throw new LoadError('the CSL engine (dist/csl.js) is missing: run `npm run build`');
}

/** A command's arguments: flags (`--json`), options with a value (`--library DIR`, repeatable) and the other words. */
export interface Args {
  words: string[];
  has(flag: string): boolean;
  /** the last value given for the option */
  value(option: string): string | undefined;
  /** every value given for the option, in order */
  values(option: string): string[];
}

/**
 * Splits `args` by the command's known flags and options; anything else that looks like an option is a
 * UsageError, as is an option without a value. "-5%" is a word (a query may be a negative number).
 */
export function parseArgs(args: readonly string[], known: { flags?: readonly string[]; options?: readonly string[] }): Args {
  const flags = new Set<string>();
  const options = new Map<string, string[]>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (known.flags?.includes(arg)) flags.add(arg);
    else if (known.options?.includes(arg)) {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      options.set(arg, [...(options.get(arg) ?? []), value]);
    } else if (/^--|^-[A-Za-z]/.test(arg)) throw new UsageError(`unknown option ${arg}`);
    else words.push(arg);
  }
  return {
    words,
    has: flag => flags.has(flag),
    value: option => options.get(option)?.at(-1),
    values: option => options.get(option) ?? [],
  };
}
