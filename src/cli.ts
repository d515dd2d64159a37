/**
 * `dossier`: the same core as the extension, from a terminal. Each command lives in src/cli/<name>.ts
 * and is listed in src/cli/commands.ts.
 */
import { main } from './cli/main';
import { errorMessage } from './core/errors';

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  err => {
    process.stderr.write(`dossier: ${errorMessage(err)}\n`);
    process.exitCode = 2;
  },
);
