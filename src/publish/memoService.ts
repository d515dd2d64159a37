/**
 * Memos for VS Code's Markdown preview and the exports: `buildMemo` (src/core/memo.ts) run with the
 * library, the citation style of the settings, the CSL engine (lazy) and the chart engine (lazy). The
 * preview renders synchronously: a text rendered without its memo shows as plain Markdown while the memo is
 * built, then the preview is refreshed and parses it with the memo.
 */
import * as vscode from 'vscode';
import type { Chart } from '../core/charts';
import { chartSpec, lightTheme, themeForKind, type ChartTheme } from '../core/chartSpec';
import { errorMessage } from '../core/errors';
import type { Library } from '../core/library';
import { buildMemo, cslFormatter, memoCslStyle, printedNotesFormatter, type CitationFormatter, type Memo } from '../core/memo';
import { CslService, cslStyleChoice } from '../cite/cslService';
import { chartEngine } from '../lazy/load';
import type { LibraryService } from '../library/libraryService';
import { config } from '../shell/config';
import { themeKind } from '../shared/theme';

/** Memos kept for the preview: one per document, the most recently rendered. */
const KEPT = 20;
/** An SVG file linked from a memo is inlined only up to this size. */
const MAX_IMAGE_BYTES = 2_000_000;
const NOTE_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);

/** A memo being built (no `memo` yet) or built. */
interface PreviewEntry {
  memo?: Memo;
}

export class MemoService implements vscode.Disposable {
  readonly csl: CslService;
  /** memos by the note's text (VS Code parses a text before it says which document it is) */
  private readonly previews = new Map<string, PreviewEntry>();
  private readonly disposables: vscode.Disposable[] = [];
  private styleProblemShown = false;

  constructor(
    private readonly library: LibraryService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.csl = new CslService(log);
    const stale = () => {
      this.previews.clear();
      this.csl.clearCache();
      void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
    };
    this.disposables.push(
      this.csl,
      library.onDidChange(stale),
      vscode.window.onDidChangeActiveColorTheme(stale),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('dossier.citation')) {
          this.styleProblemShown = false;
          stale();
        }
      }),
    );
  }

  /** The memo built for this text, if there is one (the preview parses with it). */
  ready(text: string): Memo | undefined {
    return this.previews.get(text)?.memo;
  }

  /**
   * Builds the memo of a text the preview rendered without one (`document` is the render env's
   * currentDocument), then refreshes the preview, which parses the text again with it. Only open notes
   * and plain strings (markdown.api.render) get one.
   */
  prepare(text: string, document: unknown): void {
    const uri = asUri(document);
    if (uri && (!NOTE_SCHEMES.has(uri.scheme) || !vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString()))) return;
    if (this.previews.has(text)) return;
    const entry: PreviewEntry = {};
    this.previews.set(text, entry);
    if (this.previews.size > KEPT) this.previews.delete(this.previews.keys().next().value as string);
    this.build(text, uri, themeForKind(themeKind())).then(
      memo => {
        entry.memo = memo;
        void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
      },
      error => {
        if (this.previews.get(text) === entry) this.previews.delete(text);
        this.log.error(`The memo preview could not be prepared: ${errorMessage(error)}`);
      },
    );
  }

  /** The memo of a note's text, its charts in `theme` (the light one for exports). */
  async build(
    text: string,
    note: vscode.Uri | undefined,
    theme: ChartTheme = lightTheme,
    options: { strict?: boolean } = {},
  ): Promise<Memo> {
    const library = await this.library.ready();
    const dossier = this.library.dossier;
    return buildMemo(text, {
      library,
      formatter: await this.formatter(library, options.strict ?? false),
      findings: noteText => dossier.check(noteText),
      chartsForNote: noteText => dossier.chartsForNote(noteText),
      chartSvg: (chart: Chart) => chartEngine().renderSvg(chartSpec(chart, theme)),
      readImage: note ? destination => readLinkedSvg(note, destination) : undefined,
    });
  }

  /**
   * The settings' citation style. A style that cannot be used (a broken .csl file) falls back to the notes
   * as the reports print them, with one message, in the preview; an export (`strict`) stops with the message.
   */
  private async formatter(library: Library, strict: boolean): Promise<CitationFormatter> {
    const style = memoCslStyle(config.citationStyle());
    if (style === 'printed') return printedNotesFormatter(library);
    try {
      const { engine, name, styleClass } = await this.csl.engineFor(cslStyleChoice(this.library, style));
      return cslFormatter(library, engine, name, styleClass);
    } catch (error) {
      if (strict) throw error;
      this.log.warn(`Memo preview: ${errorMessage(error)}`);
      if (!this.styleProblemShown) {
        this.styleProblemShown = true;
        void vscode.window.showWarningMessage(errorMessage(error));
      }
      return printedNotesFormatter(library);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The env's currentDocument as a Uri (it comes from the Markdown extension: checked, not trusted). */
function asUri(document: unknown): vscode.Uri | undefined {
  if (document instanceof vscode.Uri) return document;
  if (typeof document === 'object' && document !== null && typeof (document as { scheme?: unknown }).scheme === 'string') {
    try {
      return vscode.Uri.from(document as vscode.Uri);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** An SVG file the memo links (`charts/x.svg`, relative to the note), or undefined when it cannot be read. */
async function readLinkedSvg(note: vscode.Uri, destination: string): Promise<string | undefined> {
  if (note.scheme === 'untitled') return undefined;
  try {
    const target = vscode.Uri.joinPath(note, '..', ...decodeURI(destination).split('/'));
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.size > MAX_IMAGE_BYTES) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(target));
  } catch {
    return undefined;
  }
}
