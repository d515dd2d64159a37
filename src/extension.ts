import * as vscode from 'vscode';
import type { Dossier } from './core/dossier';
import { LibraryService } from './library/libraryService';
import type { DossierServices, Feature } from './services';
import { showLogFeature } from './shell/showLog';
import { citeFeature } from './cite';
import { checkFeature } from './check';
import { chartPreviewFeature } from './preview';
import { readerFeature } from './reader';
import { outlineFeature } from './outline';
import { searchFeature } from './search';
import { hoverFeature } from './hover';

/** Every feature of Dossier, registered in this order. Each lives in its own folder under src/. */
const features: Feature[] = [showLogFeature, chartPreviewFeature, citeFeature, checkFeature, readerFeature, outlineFeature, searchFeature, hoverFeature];

/** What tests (and other extensions) can reach: the library service and the core's dossier behind it. */
export interface DossierApi {
  readonly library: LibraryService;
  /** the core (createDossier): load results with their problems and warnings, the reader registry, search, check */
  readonly dossier: Dossier;
  /** how long activate() itself took, in ms (npm run bench reports it beside the whole activation) */
  readonly activationMs?: number;
}

export function activate(context: vscode.ExtensionContext): DossierApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Dossier', { log: true });
  context.subscriptions.push(log);
  try {
    const library = new LibraryService(context.extensionUri, log);
    context.subscriptions.push(library);
    const services: DossierServices = { context, library, log };
    for (const feature of features) {
      // One broken feature is reported and skipped; it must not take the others down with it.
      try {
        context.subscriptions.push(feature(services));
      } catch (error) {
        reportFailure(log, error);
      }
    }
    // Load the library off the activation path; features show it as soon as it is ready.
    library.ready().catch(error => reportFailure(log, error));
    return { library, dossier: library.dossier, activationMs: performance.now() - started };
  } catch (error) {
    // VS Code shows nothing when activation throws: say what broke, and keep the window usable.
    reportFailure(log, error);
    return undefined;
  }
}

function reportFailure(log: vscode.LogOutputChannel, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(error instanceof Error ? error : new Error(message));
  void vscode.window.showErrorMessage(vscode.l10n.t('Dossier failed to start: {0}', message), vscode.l10n.t('Show Log')).then(choice => {
    if (choice) log.show();
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
