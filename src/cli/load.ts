/**
 * Reading reports from disk for the CLI: one FILE, the bundled reports, and `--library DIR` folders.
 * Every way a file can be unreadable (missing, a folder, empty, binary, not UTF-8, not a report) becomes a
 * LoadError with a one-line message naming the file, so commands print it and exit 2.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ReportError } from '../core/errors';
import { createLibrary, type Library } from '../core/library';
import { parseReportWithSpans, type ParsedReport } from '../core/parse';

export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadError';
  }
}

/** data/reports next to the bundle (dist/cli.js → ../data/reports), or in the repository when run from src/. */
export function bundledReportsDir(): string {
  const candidates = [path.join(__dirname, '..', 'data', 'reports'), path.join(__dirname, '..', '..', 'data', 'reports')];
  return candidates.find(dir => fs.existsSync(dir)) ?? candidates[0];
}

/** The text of a report file, decoded strictly as UTF-8 (a BOM is dropped). */
export function readReportText(file: string): string {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new LoadError(`${file}: is a folder, not a report file`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new LoadError(`${file}: ${why}`);
  }
  if (bytes.length === 0) throw new LoadError(`${file}: the file is empty`);
  if (bytes.includes(0)) throw new LoadError(`${file}: looks like a binary file (it contains NUL bytes), not a text report`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new LoadError(`${file}: is not valid UTF-8 text`);
  }
}

/** Reads and parses one report file. */
export function loadReport(file: string, options: { format?: 'text' | 'markdown' } = {}): ParsedReport {
  const text = readReportText(file);
  try {
    return parseReportWithSpans(text, { source: path.basename(file), ...options });
  } catch (error) {
    if (error instanceof ReportError) throw new LoadError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Every .md / .txt file directly in a folder, sorted by name. */
export function reportFilesIn(dir: string): string[] {
  let names: string[];
  try {
    if (!fs.statSync(dir).isDirectory()) throw new LoadError(`${dir}: is not a folder`);
    names = fs.readdirSync(dir);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
  }
  return names.filter(n => /\.(?:md|markdown|txt)$/i.test(n)).sort().map(n => path.join(dir, n));
}

export interface LoadOptions {
  /** one report file; without it, the bundled reports */
  file?: string;
  /** folders whose .md/.txt reports are added */
  libraries?: string[];
}

/** The reports a command works on, parsed; ids made unique ("report", "report-2"). */
export function loadReports(options: LoadOptions = {}): ParsedReport[] {
  const files = options.file ? [options.file] : reportFilesIn(bundledReportsDir());
  for (const dir of options.libraries ?? []) files.push(...reportFilesIn(dir));
  const parsed = files.map(file => loadReport(file));
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const count = (seen.get(p.report.id) ?? 0) + 1;
    seen.set(p.report.id, count);
    if (count > 1) p.report.id = `${p.report.id}-${count}`;
  }
  return parsed;
}

/** A Library of those reports, with keys unique across them and offset lookups. */
export function loadLibrary(options: LoadOptions = {}): Library {
  return createLibrary(loadReports(options));
}

/** Splits `args` into flags, `--name value` options and positional words. */
export function parseArgs(args: string[], flags: string[], options: string[]): { flags: Set<string>; options: Map<string, string[]>; words: string[] } {
  const out = { flags: new Set<string>(), options: new Map<string, string[]>(), words: [] as string[] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (flags.includes(arg)) out.flags.add(arg);
    else if (options.includes(arg)) {
      const value = args[++i];
      if (value === undefined) throw new LoadError(`${arg} needs a value`);
      out.options.set(arg, [...(out.options.get(arg) ?? []), value]);
    } else if (arg.startsWith('--') || (arg.startsWith('-') && arg.length > 1)) throw new LoadError(`unknown option ${arg}`);
    else out.words.push(arg);
  }
  return out;
}
