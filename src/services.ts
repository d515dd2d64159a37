import type * as vscode from 'vscode';
import type { LibraryService } from './library/libraryService';

/** What the composition root hands every feature. */
export interface DossierServices {
  readonly context: vscode.ExtensionContext;
  readonly library: LibraryService;
  readonly log: vscode.LogOutputChannel;
}

/** A feature registers its providers and commands and returns what must be disposed. */
export type Feature = (services: DossierServices) => vscode.Disposable;
