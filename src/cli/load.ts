/**
 * Reading the CLI's input from disk: report files, the bundled reports, `--library` folders, notes, and the
 * arguments themselves. Reports are found and read by the core's dossier (createDossier over node:fs), as in
 * the extension; every way a file can be unreadable (missing, a folder, empty, binary, not UTF-8, too big,
 * not a report) becomes a LoadError with a one-line message naming the file, so commands print it and exit 2.
 * And the one way commands write a file they were asked for (--out): never over an existing one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createDossier, ReportFileError, type Dossier } from '../core/dossier';
import { ReportError } from '../core/errors';
import { decodeText } from '../core/formats';
import type { Library } from '../core/library';
import type { ParsedReport } from '../core/parse';
import type { CliIO } from './command';
import { workerReaders } from '../lazy/loadPdf';
import { LoadError, UsageError } from './errors';
import { nodeSource } from './nodeSource';

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
 * The text of a file (a note, a CSL style), decoded as the core decodes reports: strictly (UTF-8, or UTF-16
 * with a byte-order mark). Node's 'utf8' decoding would quietly turn invalid bytes into U+FFFD instead of saying so.
 */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new LoadError(`${file}: is a folder, not a file`);
    // a FIFO or a device would block the read, or never end
    if (!stat.isFile()) throw new LoadError(`${file}: is not a regular file (a device, a pipe or a socket), so it is not read`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new LoadError(`${file}: ${why}`);
  }
  try {
    return decodeText(bytes);
  } catch (error) {
    if (error instanceof ReportError) throw new LoadError(`${file}: ${error.message}`);
    throw error;
  }
}

/** One reader of PDFs, web pages, Word files and big text (one worker thread, at the default time limit) for every dossier the CLI makes. */
const offThread = workerReaders();

export interface LoadOptions {
  /** one report file; without it, the bundled reports */
  file?: string;
  /** folders (or single files) whose reports are added */
  libraries?: readonly string[];
}

/**
 * The CLI's dossier: the bundled reports (or one FILE) and the --library folders, read from disk; parser
 * warnings go to stderr as "dossier: FILE: warning". The CLI is strict where the extension is forgiving: a
 * report that cannot be read stops the command (see loadLibrary).
 */
export function cliDossier(io: Pick<CliIO, 'err'>, options: LoadOptions = {}): Dossier {
  const dossier = createDossier({
    source: nodeSource,
    log: {
      info: () => undefined,
      warn: message => io.err(`dossier: ${message}`),
      error: error => io.err(`dossier: ${error instanceof Error ? (error.stack ?? error.message) : error}`),
    },
    settings: {
      bundledReports: options.file ? [options.file] : [bundledReportsDir()],
      reports: options.libraries ?? [],
      baseFolder: process.cwd(),
      chartFolders: [path.join(bundledDataDir(), 'charts')],
    },
  });
  offThread.register(dossier.readers);
  return dossier;
}

/** Reads and parses one report file, by the reader of its format (or as `format` says). */
export async function loadReport(file: string, options: { format?: 'text' | 'markdown' } = {}): Promise<ParsedReport> {
  try {
    return (await cliDossier({ err: () => undefined }).readReport(file, options)).parsed;
  } catch (error) {
    if (error instanceof ReportFileError) throw new LoadError(`${file}: ${error.why}`);
    throw error;
  }
}

/**
 * A Library of the reports a command works on, with keys unique across them and offset lookups. The first
 * report that cannot be read is a LoadError; parser warnings are printed on stderr.
 */
export async function loadLibrary(io: Pick<CliIO, 'err'>, options: LoadOptions = {}): Promise<Library> {
  return (await loadDossier(io, options)).library;
}

/** The dossier of loadLibrary, loaded: for commands that also want its charts or search. */
export async function loadDossier(io: Pick<CliIO, 'err'>, options: LoadOptions = {}): Promise<Dossier> {
  if (options.file && fs.existsSync(options.file) && fs.statSync(options.file).isDirectory())
    throw new LoadError(`${options.file}: is a folder, not a file`);
  const dossier = cliDossier(io, options);
  const { problems, warnings } = await dossier.load();
  const problem = problems[0];
  if (problem) throw new LoadError(`${problem.location}: ${problem.message}`);
  for (const warning of warnings) io.err(`dossier: ${warning.location}: ${warning.message}`);
  return dossier;
}

/** The lazy CSL bundle beside the CLI bundle (dist/csl.js); from sources, the built one in dist/. */
export function loadCsl(): typeof import('../lazy/csl') {
  return lazyBundle(
    'csl',
    [path.join(__dirname, '..', '..', 'dist', 'csl.js')],
    'the CSL engine (dist/csl.js) is missing: run `npm run build`',
  );
}

/** The lazy MCP server bundle beside the CLI bundle (dist/mcp.js); from sources, src/lazy/mcp.ts (through tsx). */
export function loadMcp(): typeof import('../lazy/mcp') {
  return lazyBundle('mcp', [path.join(__dirname, '..', 'lazy', 'mcp.ts')], 'the MCP server (dist/mcp.js) is missing: run `npm run build`');
}

/** A lazy bundle `name` beside this bundle, else the first of `fallbacks` that exists; loaded with a require esbuild cannot follow. */
function lazyBundle<T>(name: string, fallbacks: readonly string[], missing: string): T {
  for (const file of [path.join(__dirname, `${name}.js`), ...fallbacks]) {
    if (fs.existsSync(file)) return (require as (id: string) => unknown)(file) as T;
  }
  throw new LoadError(missing);
}

/** The version of the package the CLI runs from. */
export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
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

/** Writes an --out file; an existing file is left alone and named in the error. */
export function writeNewFile(file: string, text: string): void {
  if (fs.existsSync(file)) throw new LoadError(`${file} exists; not overwriting it (remove it first or pick another name)`);
  fs.writeFileSync(file, text);
}
