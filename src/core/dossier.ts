/**
 * `createDossier(host)`: the one entry point to Dossier's core, for every host (the extension, the CLI, tests).
 * The host supplies only what differs between them: where files come from (a ReportSource), where messages
 * go (a Logger) and the settings. The dossier owns the rest: finding and reading reports in any registered
 * format, keeping every problem and parser warning, the Library, and the search, citations, charts and
 * fact-check over it.
 */
import { chartsForNote, libraryCharts, readCuratedChartFile, type Chart, type CuratedChartFile, type NoteCharts } from './charts';
import { createNoteChecker, type CheckFinding, type NoteChecker } from './check';
import { citationItems, type CitationItem } from './cite';
import { ReportError, errorMessage } from './errors';
import { decodeText, sniffFormat, ReaderRegistry, SNIFF_BYTES, unsupportedFormat, type ReportFormat } from './formats';
import { Library, libraryInSteps } from './library';
import type { Report } from './model';
import { parseReportWithSpans, type ParsedReport } from './parse';
import { nameOf, resolveReportPath, type ReportSource, type SettingOrigin, type SettingPath } from './reportSource';
import type { PreparedItems } from './compactIndex';
import { restoreKeyInputs, storedKeyInputs } from './keys';
import {
  contentHash,
  contentHashSteps,
  decodeEntry,
  decodeLibraryIndexSteps,
  encodeEntry,
  encodeLibraryIndexSteps,
  entryName,
  LIBRARY_INDEX_ENTRY,
  type LibraryCacheOptions,
} from './libraryCache';
import {
  buildSearchIndex,
  prepareReportIndexSteps,
  restoreSearchIndex,
  searchIndexSnapshot,
  type SearchHit,
  type SearchIndex,
  type SearchOptions,
} from './search';
import { nextTurn, runInSlices } from './steps';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** Read at every load, so a host may hand in an object whose getters read its live configuration. */
export interface DossierSettings {
  /** folders (or files) of reports always loaded first, as locations of the source: the bundled reports */
  readonly bundledReports: readonly string[];
  /**
   * the analyst's files and folders of reports as written in the setting (see resolveSettingPath): the
   * user's own values (user settings, the CLI's arguments), read from wherever they point
   */
  readonly reports: readonly string[];
  /**
   * values of the same setting from the workspace's own settings: read only from inside `workspaceFolders`,
   * and not at all when `trusted` is false (see resolveReportPath)
   */
  readonly workspaceReports?: readonly string[];
  /** false in Restricted Mode (default true) */
  readonly trusted?: boolean;
  /** the workspace folders, as locations of the source */
  readonly workspaceFolders?: readonly string[];
  /** what relative setting paths are relative to: the first workspace folder, the CLI's working directory */
  readonly baseFolder?: string;
  /** files bigger than this are refused with a message (default 50) */
  readonly maxReportSizeMB?: number;
  /** folders of curated chart files (*.json): the bundled data/charts */
  readonly chartFolders?: readonly string[];
}

export interface DossierHost {
  readonly source: ReportSource;
  readonly log: Logger;
  readonly settings: DossierSettings;
  /** where parsed reports and their search index are kept between sessions (the extension's global storage) */
  readonly cache?: LibraryCacheOptions;
}

/** How a load is going: reports read so far (from the cache or parsed) out of those found. */
export interface LoadProgress {
  done: number;
  total: number;
  /** of `done`, how many came from the cache */
  cached: number;
}

export interface LoadOptions {
  /** called after every report file */
  onProgress?(progress: LoadProgress): void;
  /** asked before every report file: when true, the load stops and keeps what it has read */
  cancelled?(): boolean;
  /**
   * how often (ms) a long load publishes the reports read so far as a partial result (`partial: true`), so a
   * tree fills in as they arrive; default 1000, 0 after every report, Infinity never
   */
  partialEveryMs?: number;
}

export const DEFAULT_MAX_REPORT_SIZE_MB = 50;

/**
 * Which library a report belongs to: the bundled one, the analyst's personal one (user settings, the CLI's
 * arguments) or the workspace's (its own settings).
 */
export type ReportOrigin = 'bundled' | 'user' | 'workspace';

/** Something to tell the analyst about one file. */
export interface ReportNotice {
  /** the file's location; for a setting path that leads nowhere Dossier reads (`asWritten`), the path as written */
  location: string;
  /** the file name, for messages */
  name: string;
  message: string;
  /** whose library named it */
  origin?: ReportOrigin;
  /** the setting's value that named it (the file itself or its folder), as written */
  entry?: string;
  /** `location` is the setting's value as written, not a location (the path was refused) */
  asWritten?: true;
}

export interface LoadedReport {
  location: string;
  format: ReportFormat;
  /** as it stands in the library (its id and keys unique there) */
  report: Report;
  /** whose library it is in */
  origin: ReportOrigin;
  /** the setting's value that named it (the file itself or its folder), as written; none for a bundled report */
  entry?: string;
}

/** A file or folder the library names (a setting's value, resolved): what a host watches. */
export interface LibraryRoot {
  location: string;
  origin: ReportOrigin;
  /** the setting's value, as written (none for the bundled reports) */
  entry?: string;
  /** what was there at the load; `missing` when nothing was */
  kind: 'file' | 'folder' | 'missing';
}

/** One load of the library: what was read, what could not be, and what the parsers warned about. */
export interface LoadResult {
  library: Library;
  reports: LoadedReport[];
  /** files (or setting paths) that gave no report, and why; the host shows them (the dossier only keeps them) */
  problems: ReportNotice[];
  /** the workspace's report settings that Restricted Mode kept from being read, and why (not problems: by design) */
  restricted: ReportNotice[];
  /** non-fatal parser warnings, per file */
  warnings: ReportNotice[];
  /** the bundled reports' locations came from settings.bundledReports */
  bundled: ReadonlySet<string>;
  /** the files and folders the library names, bundled ones first */
  roots: LibraryRoot[];
  /** how many report files were read (from the cache or parsed) by this load; the others were kept from the one before */
  read: number;
  /** which load this was: 1, 2, …; a newer load always wins over an older one */
  generation: number;
  ms: number;
  /** the reports read so far of a load still going (published to show them early); the final result has none */
  partial?: true;
  /** how many reports came from the library cache */
  cached: number;
}

/** A file that gave no report: its location and why, in one line. */
export class ReportFileError extends Error {
  constructor(
    readonly location: string,
    readonly why: string,
  ) {
    super(`${nameOf(location)}: ${why}`);
    this.name = 'ReportFileError';
  }
}

export interface Dossier {
  /** The format readers; binary formats register theirs here (see ReportReader in formats.ts). */
  readonly readers: ReaderRegistry;
  /** The library of the newest finished load (empty before the first). */
  readonly library: Library;
  /** The newest finished load, with its problems and warnings. */
  readonly lastLoad: LoadResult | undefined;
  /** The first load, started on first call. */
  ready(): Promise<LoadResult>;
  /**
   * Loads every report afresh: the bundled ones, then the settings' files and folders. When loads overlap,
   * the newest wins: an older one that finishes later changes nothing and resolves to the newest's result.
   */
  load(options?: LoadOptions): Promise<LoadResult>;
  /**
   * Reads only `changed` again (files written, created or deleted since the last load), lists the library's
   * folders again and keeps every other report as last read: for a watcher's events, and for a change of
   * the reports setting (a new file or folder is read, the others are kept). Only the changed reports are
   * re-indexed; the others keep their search items and look-ups. A file that can no longer be read leaves
   * the library and is listed among the problems. Newest wins, as for load().
   */
  reload(changed?: readonly string[]): Promise<LoadResult>;
  /**
   * Writes now what the library cache would write a little later (the whole library's search index, written
   * INDEX_WRITE_DELAY_MS after the index last changed): for a host about to stop, and the bench.
   */
  flushCache(): Promise<void>;
  /** Calls `listener` after every load that became the current one; returns the unsubscribe function. */
  onDidLoad(listener: (result: LoadResult) => void): () => void;
  /** One file, read by the reader of its format. Throws ReportFileError naming the file. */
  readReport(location: string, options?: { format?: 'text' | 'markdown' }): Promise<{ parsed: ParsedReport; format: ReportFormat }>;
  /** The files of a folder that are reports (by extension; sorted by name), or the location itself for a file. */
  reportFiles(location: string): Promise<string[]>;
  /** Resolves a path as written in a setting, by the one rule and the trust policy (resolveReportPath). */
  settingLocation(path: string, origin?: SettingOrigin): SettingPath;

  /** The search index of the current library, built on first use and kept up to date on every load. */
  searchIndex(): Promise<SearchIndex>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Everything citable in the current library: reports and their notes' sources. */
  citationItems(): CitationItem[];
  /** The fact-check of a Markdown note against the current library. */
  check(noteText: string): CheckFinding[];
  /** The curated chart files of settings.chartFolders; a broken file is logged and skipped. */
  curatedCharts(): Promise<CuratedChartFile[]>;
  /** Every chart of the library: curated, then automatic. */
  charts(): Promise<Chart[]>;
  /** The charts a note uses and declares. */
  chartsForNote(noteText: string): Promise<NoteCharts>;
}

export function createDossier(host: DossierHost): Dossier {
  return new DossierCore(host);
}

class DossierCore implements Dossier {
  readonly readers = new ReaderRegistry();
  lastLoad: LoadResult | undefined;
  private generation = 0;
  private newest: Promise<LoadResult> | undefined;
  private readonly listeners = new Set<(result: LoadResult) => void>();
  private index: Promise<SearchIndex> | undefined;
  private checker: { library: Library; checker: NoteChecker } | undefined;
  private items: { library: Library; items: CitationItem[] } | undefined;
  private curated: Promise<CuratedChartFile[]> | undefined;
  private readonly empty = new Library([]);

  constructor(private readonly host: DossierHost) {}

  get library(): Library {
    return this.lastLoad?.library ?? this.empty;
  }

  ready(): Promise<LoadResult> {
    return (this.newest ??= this.load());
  }

  load(options: LoadOptions = {}): Promise<LoadResult> {
    // Everything afresh: a reload that starts while this one runs must not keep a report read before it.
    this.keepable = undefined;
    return this.start(new Map(), options);
  }

  reload(changed: readonly string[] = []): Promise<LoadResult> {
    const gone = new Set(changed);
    const keep = new Map<string, KeptReport>();
    for (const r of this.keepable?.reports ?? []) {
      const parsed = this.inputs.get(r.report);
      if (parsed && !gone.has(r.location)) keep.set(r.location, { parsed, format: r.format, identity: this.identities.get(r.report) });
    }
    return this.start(keep, {});
  }

  /** The last complete load, whose reports a reload may keep (none while a load() is under way). */
  private keepable: LoadResult | undefined;

  private start(keep: ReadonlyMap<string, KeptReport>, options: LoadOptions): Promise<LoadResult> {
    const generation = ++this.generation;
    const publish = (result: LoadResult) => {
      // An older load that finishes after a newer one started must not overwrite it.
      if (generation !== this.generation) return false;
      this.publishResult(result);
      return true;
    };
    const loading = this.loadAll(generation, options, publish, keep).then(result => (publish(result) ? result : this.newest!));
    this.newest = loading;
    return loading;
  }

  /** Makes a result the current one: the search index follows it (when built), then the listeners hear of it. */
  private publishResult(result: LoadResult): void {
    this.lastLoad = result;
    if (!result.partial) this.keepable = result;
    if (!result.partial && this.index) {
      const prepared = this.preparedIndexes();
      this.index = this.index.then(async index => {
        await index.updateAsync(result.library, { prepared });
        this.indexChanged();
        return index;
      });
    }
    for (const listener of this.listeners) {
      // one broken listener must not fail the load for the others, nor go unseen
      try {
        listener(result);
      } catch (error) {
        this.host.log.error(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** Each report of the current library as its reader gave it (with spans): what a one-report reload rebuilds from. */
  private readonly inputs = new WeakMap<Report, ParsedReport>();

  /**
   * A load's result from the files read, in order: the Library made of them (ids and keys unique across them),
   * built in slices (a partial result is built every second of a long load).
   */
  private async resultOf(read: readonly LibraryInput[], rest: Omit<LoadResult, 'library' | 'reports'>): Promise<LoadResult> {
    const library = (await runInSlices(libraryInSteps(read.map(p => p.parsed))))!;
    const reports = read.map((p, i): LoadedReport => {
      const report = library.reports[i]!;
      this.inputs.set(report, p.parsed);
      if (p.index) this.prepared.set(report, p.index);
      if (p.identity) this.identities.set(report, p.identity);
      const loaded: LoadedReport = { location: p.location, format: p.format, report, origin: p.origin };
      if (p.entry !== undefined) loaded.entry = p.entry;
      return loaded;
    });
    return { library, reports, ...rest };
  }

  /** Reports' prepared search items from this load (the cache's, read when asked, or made for it), each handed out once. */
  private readonly prepared = new WeakMap<Report, () => PreparedItems | undefined>();

  private preparedIndexes(): (report: Report) => PreparedItems | undefined {
    return report => {
      const prepared = this.prepared.get(report);
      this.prepared.delete(report);
      return prepared?.();
    };
  }

  /** Each report's cache entry name (its file's name and content): what the library's cached index was made of. */
  private readonly identities = new WeakMap<Report, string>();

  onDidLoad(listener: (result: LoadResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  settingLocation(path: string, origin: SettingOrigin = 'user'): SettingPath {
    const { source, settings } = this.host;
    return resolveReportPath(
      { path, origin },
      { source, base: settings.baseFolder, trusted: settings.trusted ?? true, workspaceFolders: settings.workspaceFolders ?? [] },
    );
  }

  private async loadAll(
    generation: number,
    options: LoadOptions,
    publish: (partial: LoadResult) => void,
    keep: ReadonlyMap<string, KeptReport>,
  ): Promise<LoadResult> {
    const started = Date.now();
    const { settings, log } = this.host;
    const problems: ReportNotice[] = [];
    const restricted: ReportNotice[] = [];
    const warnings: ReportNotice[] = [];
    const notice = (location: string, message: string): ReportNotice => ({ location, name: nameOf(location), message });

    const bundled = new Set<string>();
    const files: { location: string; origin: ReportOrigin; entry?: string }[] = [];
    const named: { location: string; origin: ReportOrigin; entry?: string }[] = settings.bundledReports.map(location => ({
      location,
      origin: 'bundled',
    }));
    const written = [
      ...settings.reports.map(path => ({ path, origin: 'user' as const })),
      ...(settings.workspaceReports ?? []).map(path => ({ path, origin: 'workspace' as const })),
    ];
    for (const { path, origin } of written) {
      const resolved = this.settingLocation(path, origin);
      if ('location' in resolved) named.push({ location: resolved.location, origin, entry: path });
      else if (resolved.restricted) restricted.push({ location: path, name: path, message: resolved.refused, origin, entry: path });
      else problems.push({ location: path, name: path, message: resolved.refused, origin, entry: path, asWritten: true });
    }
    const roots: LibraryRoot[] = [];
    const seen = new Set<string>();
    for (const root of named) {
      try {
        const found = await this.reportFiles(root.location);
        roots.push({ ...root, kind: found.length === 1 && found[0] === root.location ? 'file' : 'folder' });
        for (const location of found) {
          // a file named twice (itself and its folder, or by both libraries) is one report, in the first
          if (seen.has(location)) continue;
          seen.add(location);
          files.push({ location, origin: root.origin, entry: root.entry });
          if (root.origin === 'bundled') bundled.add(location);
        }
      } catch (error) {
        roots.push({ ...root, kind: 'missing' });
        problems.push({ ...notice(root.location, whyOf(error)), origin: root.origin, entry: root.entry });
      }
    }

    const parsed: LibraryInput[] = [];
    let readCount = 0;
    const result = (partial: boolean): Promise<LoadResult> => {
      const rest = {
        problems: [...problems],
        restricted,
        warnings: [...warnings],
        bundled,
        roots,
        read: readCount,
        generation,
        ms: Date.now() - started,
        cached,
      };
      return this.resultOf(parsed, partial ? { ...rest, partial: true } : rest);
    };
    const every = options.partialEveryMs ?? 1000;
    let published = Date.now();
    let cached = 0;
    // the next file is read while this one is taken in: its parse (in the reader's worker for most formats)
    // overlaps this one's tokenising and cache entry, instead of waiting for them
    const reads = new Map<number, Promise<Awaited<ReturnType<DossierCore['readLibraryReport']>>>>();
    const readAhead = (i: number) => {
      const file = files[i];
      if (!file || keep.has(file.location) || reads.has(i)) return;
      readCount++;
      const read = this.readLibraryReport(file.location);
      // its failure is reported when its turn comes; not an unhandled rejection meanwhile
      read.catch(() => undefined);
      reads.set(i, read);
    };
    for (const [i, file] of files.entries()) {
      const { location } = file;
      const library = { origin: file.origin, entry: file.entry };
      if (options.cancelled?.()) {
        for (const skipped of files.slice(i))
          problems.push({ ...notice(skipped.location, 'not read: loading was cancelled'), origin: skipped.origin, entry: skipped.entry });
        // a file read ahead is not in the library either
        readCount -= reads.size;
        break;
      }
      try {
        const kept = keep.get(location);
        readAhead(i);
        readAhead(i + 1);
        const reading = reads.get(i);
        // taken out before it is awaited: a read that failed is no longer ahead either
        reads.delete(i);
        const read = kept ? { ...kept, fromCache: false } : await reading!;
        if (read.fromCache) cached++;
        parsed.push({ location, ...read, ...library });
        for (const warning of read.parsed.warnings) warnings.push({ ...notice(location, warning), ...library });
      } catch (error) {
        if (!(error instanceof ReportFileError)) log.error(error instanceof Error ? error : new Error(String(error)));
        problems.push({ ...notice(location, whyOf(error)), ...library });
      }
      options.onProgress?.({ done: i + 1, total: files.length, cached });
      if (Date.now() - published >= every && i + 1 < files.length && generation === this.generation) {
        publish(await result(true));
        published = Date.now();
      }
    }

    const final = await result(false);
    const fromCache = this.host.cache ? `, ${cached} from the cache` : '';
    const kept = readCount < files.length ? ` (${readCount} read, the others kept)` : '';
    log.info(
      `Library built: ${final.reports.length} report(s) in ${final.ms} ms${kept}${fromCache}${problems.length ? `, ${problems.length} skipped` : ''}`,
    );
    return final;
  }

  /**
   * A report of the library: from the cache when it holds this very file (name, content and parser version),
   * else read and parsed, and its model and search items written to the cache for the next time.
   */
  private async readLibraryReport(location: string): Promise<{
    parsed: ParsedReport;
    format: ReportFormat;
    index?: () => PreparedItems | undefined;
    identity?: string;
    fromCache: boolean;
  }> {
    const cache = this.host.cache;
    if (!cache) return { ...libraryCopy(await this.readReport(location)), fromCache: false };
    const bytes = await this.readBytes(location);
    const name = nameOf(location);
    if (bytes.length > CACHED_REPORT_MAX_BYTES) {
      // read afresh at every open (off the host, in the reader's worker), never encoded or decoded here; its
      // name and content still make its identity, so the library's search index entry stays usable
      const hash = (await runInSlices(contentHashSteps(bytes)))!;
      return { ...libraryCopy(await this.parseBytes(location, bytes)), identity: entryName(name, hash), fromCache: false };
    }
    const hash = contentHash(bytes);
    const entry = entryName(name, hash);
    let stored: Uint8Array | undefined;
    try {
      stored = await cache.store.read(entry);
    } catch (error) {
      this.host.log.warn(`Library cache: ${name}: could not read the entry (${whyOf(error)})`);
    }
    if (stored) {
      const decoded = decodeEntry(stored, { fileName: name, hash, version: cache.version });
      if ('cached' in decoded) {
        const { keys, ...cached } = decoded.cached;
        // inputs that do not fit the report are left out: its keys are then read from its notes' sources
        if (keys !== undefined) restoreKeyInputs(cached.parsed.report, keys);
        return { ...cached, identity: entry, fromCache: true };
      }
      this.host.log.info(`Library cache: ${name}: entry not used (${decoded.unusable}); reading the file again`);
    }
    const read = libraryCopy(await this.parseBytes(location, bytes));
    // parsing, tokenising and encoding a report each on a turn of their own: together, with the collector's
    // pauses after them, a cold open's longest hold of the host was ~100 ms at 2,000 reports
    await nextTurn();
    const index = (await runInSlices(prepareReportIndexSteps(read.parsed.report)))!;
    await nextTurn();
    try {
      const keys = storedKeyInputs(read.parsed.report);
      await cache.store.write(entry, encodeEntry(name, hash, cache.version, { ...read, index, keys }));
    } catch (error) {
      this.host.log.warn(`Library cache: ${name}: could not write the entry (${whyOf(error)})`);
    }
    return { ...read, index: () => index, identity: entry, fromCache: false };
  }

  async reportFiles(location: string): Promise<string[]> {
    const { source } = this.host;
    const stat = await source.stat(location);
    if (!stat) throw new ReportFileError(location, 'no such folder or file');
    if (stat.kind === 'file') return [location];
    if (stat.kind === 'other') throw new ReportFileError(location, NOT_A_FILE);
    const entries = await source.list(location);
    return entries
      .filter(e => e.kind !== 'folder' && this.readers.isReportFile(e.name))
      .map(e => e.name)
      .sort()
      .map(name => source.join(location, name));
  }

  async readReport(
    location: string,
    options: { format?: 'text' | 'markdown' } = {},
  ): Promise<{ parsed: ParsedReport; format: ReportFormat }> {
    return this.parseBytes(location, await this.readBytes(location), options);
  }

  /** A report file's bytes, refused with a reason when it is not a regular file or is empty or too big. */
  private async readBytes(location: string): Promise<Uint8Array> {
    const { source, settings } = this.host;
    // Refuse what is not a regular file before opening it: reading a FIFO or a device can block forever.
    const stat = await source.stat(location);
    if (!stat) throw new ReportFileError(location, 'no such file');
    if (stat.kind === 'folder') throw new ReportFileError(location, 'is a folder, not a file');
    if (stat.kind === 'other') throw new ReportFileError(location, NOT_A_FILE);
    const limitMB = settings.maxReportSizeMB ?? DEFAULT_MAX_REPORT_SIZE_MB;
    if (stat.size > limitMB * 1024 * 1024) {
      throw new ReportFileError(
        location,
        `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${limitMB} MB limit for a report (setting dossier.maxReportSizeMB)`,
      );
    }
    if (stat.size === 0) throw new ReportFileError(location, 'the file is empty');
    try {
      return await source.read(location);
    } catch (error) {
      throw new ReportFileError(location, whyOf(error));
    }
  }

  /** A report file's bytes read by the reader of its format (or the text format the analyst named). */
  private async parseBytes(
    location: string,
    bytes: Uint8Array,
    options: { format?: 'text' | 'markdown' } = {},
  ): Promise<{ parsed: ParsedReport; format: ReportFormat }> {
    const name = nameOf(location);
    try {
      if (options.format) {
        // The analyst said which text format it is: no detection.
        return { parsed: parseReportWithSpans(decodeText(bytes), { source: name, format: options.format }), format: options.format };
      }
      const head = bytes.subarray(0, SNIFF_BYTES);
      const reader = this.readers.readerFor(name, head);
      if (!reader) throw new ReportError(unsupportedFormat(name, head));
      // the text reader reads plain text and Markdown alike: say which one the file is
      return { parsed: await reader.read(bytes, name), format: reader.format === 'text' ? sniffFormat(name, head) : reader.format };
    } catch (error) {
      if (error instanceof ReportError) throw new ReportFileError(location, error.message);
      throw error;
    }
  }

  searchIndex(): Promise<SearchIndex> {
    return (this.index ??= this.ready().then(async () => {
      const started = Date.now();
      const library = this.library;
      const restored = await this.cachedIndex(library);
      if (restored) {
        // the reports' own items are not needed: let them go
        for (const report of library.reports) this.prepared.delete(report);
        this.host.log.info(`Search index: ${restored.size} items from the library cache in ${Date.now() - started} ms`);
        return restored;
      }
      const index = await buildSearchIndex(library, { prepared: this.preparedIndexes() });
      this.host.log.info(`Search index: ${index.size} items in ${Date.now() - started} ms`);
      this.indexChanged();
      return index;
    }));
  }

  /** The cache entry names of the library's reports, in order; undefined when one has none (no cache, or not read through it). */
  private identitiesOf(library: Library): string[] | undefined {
    const names: string[] = [];
    for (const report of library.reports) {
      const name = this.identities.get(report);
      if (name === undefined) return undefined;
      names.push(name);
    }
    return names;
  }

  /** The library's search index from the cache, when its entry was made of these very reports; else undefined. */
  private async cachedIndex(library: Library): Promise<SearchIndex | undefined> {
    const cache = this.host.cache;
    const reports = this.identitiesOf(library);
    if (!cache || !reports?.length) return undefined;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await cache.store.read(LIBRARY_INDEX_ENTRY);
    } catch (error) {
      this.host.log.warn(`Library cache: could not read the search index (${whyOf(error)})`);
    }
    if (!bytes) return undefined;
    const decoded = await runInSlices(decodeLibraryIndexSteps(bytes, { version: cache.version, reports }));
    if (!decoded) return undefined;
    if ('unusable' in decoded) {
      this.host.log.info(`Library cache: search index not used (${decoded.unusable}); building it from the reports`);
      return undefined;
    }
    const restored = await runInSlices(restoreSearchIndex(library, decoded.snapshot));
    if (typeof restored === 'string' || !restored) {
      this.host.log.info(`Library cache: search index not used (${restored ?? 'cancelled'}); building it from the reports`);
      return undefined;
    }
    return restored;
  }

  private indexWrite: { timer: ReturnType<typeof setTimeout> } | undefined;

  /** The search index changed: its cache entry is written a while later, once loads and edits have settled. */
  private indexChanged(): void {
    if (!this.host.cache) return;
    if (this.indexWrite) clearTimeout(this.indexWrite.timer);
    const timer = setTimeout(() => void this.writeIndex(), this.host.cache.indexWriteDelayMs ?? INDEX_WRITE_DELAY_MS);
    // a pending write must not keep a command-line run alive
    (timer as { unref?: () => void }).unref?.();
    this.indexWrite = { timer };
  }

  async flushCache(): Promise<void> {
    if (!this.indexWrite) return;
    clearTimeout(this.indexWrite.timer);
    await this.writeIndex();
  }

  /**
   * Writes the library's search index to the cache, in slices (the renumbering passes over every posting, then
   * the entry's ~30 MB at 2,000 reports encoded and checksummed a megabyte at a time);
   * given up when the library or the index moves on meanwhile (a newer write follows).
   */
  private async writeIndex(): Promise<void> {
    this.indexWrite = undefined;
    const cache = this.host.cache;
    if (!cache || !this.index) return;
    const index = await this.index;
    const library = this.library;
    const reports = this.identitiesOf(library);
    if (!reports?.length) return;
    const snapshot = await runInSlices(searchIndexSnapshot(index, library), () => this.library !== library);
    if (!snapshot) return;
    const bytes = await runInSlices(encodeLibraryIndexSteps(cache.version, reports, snapshot), () => this.library !== library);
    if (!bytes) return;
    try {
      await cache.store.write(LIBRARY_INDEX_ENTRY, bytes);
    } catch (error) {
      this.host.log.warn(`Library cache: could not write the search index (${whyOf(error)})`);
    }
  }

  async search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    return (await this.searchIndex()).search(query, options);
  }

  citationItems(): CitationItem[] {
    const library = this.library;
    if (this.items?.library !== library) this.items = { library, items: citationItems(library) };
    return this.items.items;
  }

  check(noteText: string): CheckFinding[] {
    const library = this.library;
    if (this.checker?.library !== library) this.checker = { library, checker: createNoteChecker(library) };
    return this.checker.checker.check(noteText);
  }

  curatedCharts(): Promise<CuratedChartFile[]> {
    return (this.curated ??= this.readCuratedCharts());
  }

  async charts(): Promise<Chart[]> {
    return libraryCharts(this.library, await this.curatedCharts());
  }

  async chartsForNote(noteText: string): Promise<NoteCharts> {
    return chartsForNote(noteText, this.library, await this.curatedCharts());
  }

  private async readCuratedCharts(): Promise<CuratedChartFile[]> {
    const { source, log, settings } = this.host;
    const files: CuratedChartFile[] = [];
    for (const folder of settings.chartFolders ?? []) {
      let names: string[];
      try {
        names = (await source.list(folder))
          .filter(e => e.kind === 'file' && e.name.endsWith('.json'))
          .map(e => e.name)
          .sort();
      } catch {
        log.warn(`No curated charts folder at ${folder}`);
        continue;
      }
      for (const name of names) {
        try {
          const { file, problems } = readCuratedChartFile(JSON.parse(decodeText(await source.read(source.join(folder, name)))), name);
          for (const problem of problems) log.warn(`Curated charts: ${problem}`);
          if (file) files.push(file);
        } catch (error) {
          log.warn(`Curated charts: ${name}: ${whyOf(error)}`);
        }
      }
    }
    return files;
  }
}

/** A report as its reader gave it, kept from the last load by a reload. */
interface KeptReport {
  parsed: ParsedReport;
  format: ReportFormat;
  /** its cache entry's name (file name and content), when read through the cache */
  identity?: string;
}

/** A report file read for the library: what the Library is made of, with where it came from. */
interface LibraryInput extends KeptReport {
  location: string;
  /** its prepared search items (read from the cache entry on the first call) */
  index?: () => PreparedItems | undefined;
  origin: ReportOrigin;
  entry?: string;
}

/**
 * A report as the library keeps it: without the Markdown a PDF, web page or Word file was converted to (what
 * `dossier import` writes), which would double what the library and its cache entry hold of such a report.
 */
function libraryCopy<T extends { parsed: ParsedReport }>(read: T): T {
  if (!('markdown' in read.parsed)) return read;
  const parsed: ParsedReport & { markdown?: unknown } = { ...read.parsed };
  delete parsed.markdown;
  return { ...read, parsed };
}

/** How long after the search index last changed its cache entry is written: after a start's load and a burst of edits. */
const INDEX_WRITE_DELAY_MS = 2000;
/**
 * Report files bigger than this get no entry of their own in the library cache: encoding a report's entry
 * held the host ~17 ms a megabyte of file once compiled, twice that the first time (a 1.3 MB web page 45 ms,
 * a 5 MB report ~80 ms, 50 MB most of a second), and JSON cannot be written in steps. A report this big is
 * rare, and is read afresh, in the reader's worker, at every open.
 */
export const CACHED_REPORT_MAX_BYTES = 1024 * 1024;

const NOT_A_FILE = 'is not a regular file (a device, a pipe or a socket), so it is not read';

function whyOf(error: unknown): string {
  if (error instanceof ReportFileError) return error.why;
  return errorMessage(error);
}
