import type { CliCommand } from './command';

/** Every CLI command. Add a command by writing src/cli/<name>.ts and listing it here. */
export const commands: CliCommand[] = [];
