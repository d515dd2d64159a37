import * as path from 'path';
import * as vscode from 'vscode';
import type { Dossier } from './core/dossier';
import { errorMessage } from './core/errors';
import { LibraryService } from './library/libraryService';
import type { DossierServices, Feature, ServedBy, Started } from './services';
import type { CommandHandlers, CommandName } from './shared/commands';
import { registerCommands, reportError } from './shell/commands';
import { showLogFeature } from './shell/showLog';
import { citeFeature } from './cite';
import { checkFeature } from './check';
import { chartPreviewFeature, type ChartPreviewApi } from './preview';
import { readerFeature, type ReaderApi } from './reader';
import { outlineFeature, type OutlineApi } from './outline';
import { searchFeature } from './search';
import { hoverFeature } from './hover';
import { agentsFeature, type AgentsApi } from './agents';
import { publishFeature, type PublishApi } from './publish';
import { libraryFeature } from './library';
import { walkthroughFeature, type WalkthroughApi } from './walkthrough';

/** What tests (and other extensions) can reach. */
export interface DossierApi {
  readonly library: LibraryService;
  /** the core (createDossier): load results with their problems and warnings, the reader registry, search, check */
  readonly dossier: Dossier;
  /** the chart panel's state, rebuild and restore (undefined if the feature failed to start) */
  readonly chartPreview?: ChartPreviewApi;
  /** the PDF page view's last drawing (undefined if the feature failed to start) */
  readonly reader?: ReaderApi;
  /** the tree's selection and contents (undefined if the feature failed to start) */
  readonly outline?: OutlineApi;
  /** the agents' tools, the @dossier chat handler and the MCP server definitions (undefined if the feature failed to start) */
  readonly agents?: AgentsApi;
  /** VS Code's Markdown preview calls this to add Dossier's markdown-it plugin (citations, notes, charts) */
  readonly extendMarkdownIt?: PublishApi['extendMarkdownIt'];
  /** the walkthrough's first-start rule (undefined if the feature failed to start) */
  readonly walkthrough?: WalkthroughApi;
  /** how long activate() itself took, in ms (npm run bench reports it beside the whole activation) */
  readonly activationMs?: number;
  /**
   * the bundles of dist/ loaded when activate() returned: extension.js alone, every other (the core, the
   * commands, the engines) loads at its first use, after activation (the Activation test checks it)
   */
  readonly loadedAtActivation?: string[];
}

/** The commands the features serve; a unit test checks that they are every command declared. */
export type ServedCommands =
  | ServedBy<typeof showLogFeature>
  | ServedBy<typeof chartPreviewFeature>
  | ServedBy<typeof citeFeature>
  | ServedBy<typeof checkFeature>
  | ServedBy<typeof readerFeature>
  | ServedBy<typeof outlineFeature>
  | ServedBy<typeof searchFeature>
  | ServedBy<typeof hoverFeature>
  | ServedBy<typeof publishFeature>
  | ServedBy<typeof libraryFeature>
  | ServedBy<typeof walkthroughFeature>;

export function activate(context: vscode.ExtensionContext): DossierApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Dossier', { log: true });
  context.subscriptions.push(log);
  try {
    const library = new LibraryService(context.extensionUri, log, context.globalStorageUri);
    context.subscriptions.push(library);
    const services: DossierServices = { context, library, log };
    const handlers: Partial<CommandHandlers> = {};
    /** Starts a feature. One broken feature is reported and skipped; it must not take the others down with it. */
    const start = <Served extends CommandName, Exposed extends object>(
      feature: Feature<Served, Exposed>,
    ): (Started<Served> & Exposed) | undefined => {
      try {
        const running = feature(services);
        if (running.disposable) context.subscriptions.push(running.disposable);
        Object.assign(handlers, running.commands);
        return running;
      } catch (error) {
        reportError(log, error, vscode.l10n.t('Dossier failed to start: {0}', errorMessage(error)));
        return undefined;
      }
    };
    start(showLogFeature);
    const chartPreview = start(chartPreviewFeature)?.chartPreview;
    const cite = start(citeFeature)?.cite;
    start(checkFeature);
    const reader = start(readerFeature)?.reader;
    const outline = start(outlineFeature)?.outline;
    start(searchFeature);
    start(hoverFeature);
    const agents = start(agentsFeature(cite))?.agents;
    const publish = start(publishFeature)?.publish;
    start(libraryFeature);
    const walkthrough = start(walkthroughFeature)?.walkthrough;
    context.subscriptions.push(registerCommands(handlers, log));
    // Load the library off the activation path; features show it as soon as it is ready.
    library.ready().catch(error => reportError(log, error, vscode.l10n.t('Dossier could not load its reports: {0}', errorMessage(error))));
    return {
      library,
      dossier: library.dossier,
      chartPreview,
      reader,
      outline,
      agents,
      walkthrough,
      extendMarkdownIt: publish ? md => publish.extendMarkdownIt(md) : undefined,
      activationMs: performance.now() - started,
      loadedAtActivation: Object.keys(require.cache)
        .filter(file => path.dirname(file) === __dirname)
        .map(file => path.basename(file)),
    };
  } catch (error) {
    // VS Code shows nothing when activation throws: say what broke, and keep the window usable.
    reportError(log, error, vscode.l10n.t('Dossier failed to start: {0}', errorMessage(error)));
    return undefined;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
