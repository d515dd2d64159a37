/**
 * The CSL engine from the extension's side: dist/csl.js is required at first use (never on activation),
 * with a progress notification while a style's engine is built, results cached, and the whole module
 * dropped after a few idle minutes (an engine holds ~100 MB).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { CslItem } from '../core/cite';
import { cslSizeProblem } from '../core/cslStyle';
import type { CslCite, CslEngine, StyleClass } from '../lazy/cslEngine';
import { ExplainedError, errorMessage } from '../core/errors';
import type { LibraryService } from '../library/libraryService';
import { config } from '../shell/config';

type CslModule = typeof import('../lazy/csl');

const IDLE_RELEASE_MS = 5 * 60 * 1000;

/** A citation formatted once to build a style's engine. */
const PROBE: CslItem = { id: 'probe', type: 'webpage', title: 'Probe', issued: { 'date-parts': [[2025]] } };

/** 'chicago' | 'apa' | a user's .csl file (URI) */
export type CslStyleChoice = { kind: 'bundled'; name: 'chicago' | 'apa' } | { kind: 'file'; uri: vscode.Uri };

export class CslService implements vscode.Disposable {
  private module: CslModule | undefined;
  private engine: CslEngine | undefined;
  private readonly warm = new Set<string>();
  private readonly results = new Map<string, string>();
  private readonly userStyles = new Map<string, { name: string; styleClass: StyleClass }>();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly bundlePath = path.join(__dirname, 'csl.js'),
  ) {}

  /** Formats one citation; `styleClass` says whether it is note text or in-text text. */
  async citation(
    style: CslStyleChoice,
    items: readonly CslItem[],
    cites: readonly CslCite[],
  ): Promise<{ text: string; styleClass: StyleClass }> {
    const { name, styleClass } = await this.resolve(style);
    const cacheKey = JSON.stringify([name, cites, items]);
    const cached = this.results.get(cacheKey);
    if (cached !== undefined) return { text: cached, styleClass };
    const text = await this.withEngine(name, engine => engine.citation(name, items, cites));
    this.results.set(cacheKey, text);
    return { text, styleClass };
  }

  /** Bibliography entries of the items, in the style's order. */
  async bibliography(style: CslStyleChoice, items: readonly CslItem[]): Promise<string[]> {
    const { name } = await this.resolve(style);
    return this.withEngine(name, engine => engine.bibliography(name, items));
  }

  /**
   * The engine with a style ready, for callers that format many citations at once (a memo's preview or
   * export): the style's engine is built here, behind the progress notification, not on the first citation.
   */
  async engineFor(style: CslStyleChoice): Promise<{ engine: CslEngine; name: string; styleClass: StyleClass }> {
    const { name, styleClass } = await this.resolve(style);
    const engine = await this.withEngine(name, engine => {
      engine.citation(name, [PROBE], [{ id: PROBE.id }]);
      return engine;
    });
    return { engine, name, styleClass };
  }

  async bibtex(items: readonly CslItem[]): Promise<string> {
    return this.withEngine('bibtex', engine => engine.bibtex(items));
  }

  /** Forget cached results (the library changed). */
  clearCache(): void {
    this.results.clear();
  }

  private async resolve(style: CslStyleChoice): Promise<{ name: string; styleClass: StyleClass }> {
    if (style.kind === 'bundled') {
      const mod = await this.load();
      const name = mod.BUNDLED_STYLES[style.name];
      return { name, styleClass: style.name === 'chicago' ? 'note' : 'in-text' };
    }
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(style.uri);
    } catch (error) {
      throw new CslFileError(vscode.l10n.t('Dossier could not read the CSL style {0}: {1}', style.uri.fsPath, errorMessage(error)));
    }
    const tooBig = cslSizeProblem(bytes.length);
    if (tooBig) throw new CslFileError(vscode.l10n.t('Dossier could not use the CSL style {0}: {1}', style.uri.fsPath, tooBig));
    const xml = new TextDecoder('utf-8').decode(bytes);
    const known = this.userStyles.get(xml);
    if (known && this.engine?.hasStyle(known.name)) return known;
    const name = `user-style-${this.userStyles.size + 1}`;
    try {
      const styleClass = await this.withEngine(name, engine => engine.addStyle(name, xml));
      const entry = { name, styleClass };
      this.userStyles.set(xml, entry);
      return entry;
    } catch (error) {
      throw new CslFileError(vscode.l10n.t('Dossier could not use the CSL style {0}: {1}', style.uri.fsPath, errorMessage(error)));
    }
  }

  private async load(): Promise<CslModule> {
    if (!this.module) {
      const started = Date.now();
      // A runtime require of a path esbuild cannot follow keeps the engine out of extension.js.
      const load = require as (id: string) => unknown;
      this.module = load(this.bundlePath) as CslModule;
      this.log.info(`CSL engine module loaded in ${Date.now() - started} ms`);
    }
    this.touch();
    return this.module;
  }

  private async withEngine<T>(styleName: string, run: (engine: CslEngine) => T): Promise<T> {
    const mod = await this.load();
    const first = !this.engine || !this.warm.has(styleName);
    const go = () => {
      this.engine ??= mod.createEngine();
      const result = run(this.engine);
      this.warm.add(styleName);
      return result;
    };
    if (!first) return go();
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Dossier: preparing the citation style…') },
      async () => {
        // Let the notification paint before the engine blocks the extension host for ~1 s.
        await new Promise(resolve => setTimeout(resolve, 50));
        const started = Date.now();
        const result = go();
        this.log.info(`CSL style ${styleName} ready in ${Date.now() - started} ms`);
        return result;
      },
    );
  }

  private touch(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.release(), IDLE_RELEASE_MS);
  }

  /** Drops the engine and its module so their memory can be collected; the next use loads them again. */
  release(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.module) return;
    try {
      delete require.cache[require.resolve(this.bundlePath)];
    } catch {
      // not in the cache: nothing to drop
    }
    this.module = undefined;
    this.engine = undefined;
    this.warm.clear();
    this.userStyles.clear();
    this.log.info('CSL engine released after idle time');
  }

  dispose(): void {
    this.release();
  }
}

/**
 * The CSL style a setting names: Chicago or APA as bundled, else the analyst's .csl file, read by the same
 * trust and path policy as the reports setting (core resolveReportPath).
 */
export function cslStyleChoice(library: LibraryService, style: 'chicago' | 'apa' | 'csl-file'): CslStyleChoice {
  if (style === 'chicago' || style === 'apa') return { kind: 'bundled', name: style };
  const { path: file, origin } = config.cslFile();
  if (!file) throw new CslFileError(vscode.l10n.t('Set "dossier.citation.cslFile" to a .csl file to use the csl-file citation style.'));
  const resolved = library.dossier.settingLocation(file, origin);
  if (!('location' in resolved))
    throw new CslFileError(vscode.l10n.t('Dossier does not read the CSL style {0}: {1}', file, resolved.refused));
  return { kind: 'file', uri: vscode.Uri.parse(resolved.location) };
}

/** A user's CSL file that cannot be read or used; the message is for the user. */
export class CslFileError extends ExplainedError {}
