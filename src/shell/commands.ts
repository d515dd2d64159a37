/**
 * Registers every command of src/shared/commands.ts under one error policy, and runs them by their typed
 * declaration. A failing command never fails silently: the log gets the error with its stack, the user a
 * message with a "Show Log" action.
 */
import * as vscode from 'vscode';
import { errorMessage, isExplained } from '../core/errors';
import { commands, type ArgsOf, type CommandHandlers, type CommandName, type ResultOf } from '../shared/commands';

/** Logs what failed with the error's stack. */
export function logError(log: vscode.LogOutputChannel, message: string, error: unknown): void {
  log.error(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
}

/** Logs an error with its stack and tells the user, offering the log. `message` is the sentence the user reads. */
export function reportError(log: vscode.LogOutputChannel, error: unknown, message: string): void {
  logError(log, message, error);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then(choice => {
    if (choice === showLog) log.show(true);
  });
}

/**
 * Registers a handler for every declared command. A command whose feature did not start still answers,
 * with a message saying so (the feature's failure is in the log).
 */
export function registerCommands(handlers: Partial<CommandHandlers>, log: vscode.LogOutputChannel): vscode.Disposable {
  const names = Object.keys(commands) as CommandName[];
  return vscode.Disposable.from(
    ...names.map(name => {
      const declared = commands[name];
      const handler = handlers[name] as ((...args: unknown[]) => unknown) | undefined;
      return vscode.commands.registerCommand(declared.id, async (...args: unknown[]) => {
        try {
          if (!handler) throw new Error(vscode.l10n.t('this part of Dossier did not start'));
          return await handler(...args);
        } catch (error) {
          const message = isExplained(error) ? error.message : vscode.l10n.t(declared.failure, errorMessage(error));
          reportError(log, error, message);
          return undefined;
        }
      });
    }),
  );
}

/** Runs a Dossier command with arguments its declaration accepts. */
export function runCommand<N extends CommandName>(
  name: N,
  ...args: ArgsOf<(typeof commands)[N]>
): Thenable<ResultOf<(typeof commands)[N]> | undefined> {
  return vscode.commands.executeCommand<ResultOf<(typeof commands)[N]> | undefined>(commands[name].id, ...args);
}
