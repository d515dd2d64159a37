/**
 * How every CLI command fails: one line on stderr that names the command, nothing more on stdout, exit 2.
 * Commands throw these two errors and let `runCommand` print them; any other error is a bug and propagates.
 */
import { synopsisParts, type CliCommand, type CliIO } from './command';

/** The input cannot be used: a file missing, empty, binary or not UTF-8, not a report, an unknown key. */
export class LoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoadError';
  }
}

/** The arguments are wrong; the line ends with the command's usage. */
export class UsageError extends LoadError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs a command's body; a LoadError or UsageError becomes its one stderr line and exit 2. */
export async function runCommand(command: Pick<CliCommand, 'name' | 'synopsis'>, io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof LoadError)) throw error;
    const usage = error instanceof UsageError ? `. Usage: dossier ${command.name} ${synopsisParts(command).args}` : '';
    io.err(`dossier ${command.name}: ${error.message}${usage}`);
    return 2;
  }
}
