import type * as vscode from 'vscode';
import type { LibraryService } from './library/libraryService';
import type { CommandHandlers, CommandName } from './shared/commands';

/** What the composition root hands every feature. */
export interface DossierServices {
  readonly context: vscode.ExtensionContext;
  readonly library: LibraryService;
  readonly log: vscode.LogOutputChannel;
}

/** A started feature: what must be disposed, and the handlers of the commands it serves (src/shared/commands.ts). */
export interface Started<Served extends CommandName = never> {
  readonly disposable?: vscode.Disposable;
  readonly commands?: Pick<CommandHandlers, Served>;
}

/**
 * A feature registers its providers and returns them with the handlers of the commands it serves (and, for
 * some, what the API exposes).
 */
export type Feature<Served extends CommandName = never, Exposed extends object = object> = (
  services: DossierServices,
) => Started<Served> & Exposed;

/** The commands a feature serves. */
export type ServedBy<F> = F extends Feature<infer Served, object> ? Served : never;
