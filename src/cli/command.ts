/** One CLI command. `run` returns the exit code: 0 ok, 1 findings (e.g. a contradiction), 2 bad usage or input. */
export interface CliCommand {
  name: string;
  /** one line for `dossier --help` and usage errors: "ARGS   what it does" */
  synopsis: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** A synopsis reads "ARGS   what it does" (a leading command name is tolerated). */
export function synopsisParts(command: Pick<CliCommand, 'name' | 'synopsis'>): { args: string; summary: string } {
  const [args = '', ...summary] = command.synopsis.replace(new RegExp(`^${command.name}\\b\\s*`), '').split(/\s{2,}/);
  return { args: args.trim(), summary: summary.join(' ') };
}
