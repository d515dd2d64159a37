/** One CLI command. `run` returns the exit code: 0 ok, 1 findings (e.g. a contradiction), 2 bad usage or input. */
export interface CliCommand {
  name: string;
  /** one line for `dossier --help` */
  synopsis: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}
