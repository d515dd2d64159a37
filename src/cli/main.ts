import { terminalText } from '../core/escape';
import { commands } from './commands';
import { synopsisParts, type CliCommand, type CliIO } from './command';

/** Set when the reader of stdout has gone (`dossier chart --list | head -2`): the rest of the output is dropped. */
let stdoutClosed = false;

/** Everything printed goes through terminalText: a report title cannot send escape sequences to the terminal. */
const io: CliIO = {
  out: text => {
    if (!stdoutClosed) process.stdout.write(line(text));
  },
  err: text => process.stderr.write(line(text)),
};

function line(text: string): string {
  const clean = terminalText(text);
  return clean.endsWith('\n') ? clean : clean + '\n';
}

/** Help shows each command's arguments and its summary on two lines. */
function describe(command: CliCommand): string {
  const { args, summary } = synopsisParts(command);
  return `  dossier ${command.name} ${args}`.trimEnd() + (summary ? `\n      ${summary}` : '');
}

export function usage(): string {
  return [
    'dossier — a policy report from the command line',
    '',
    'Usage: dossier <command> [options]',
    '',
    ...commands.map(describe),
    '',
    'Without FILE, commands use the bundled report; --library DIR adds every report in a folder (.md, .txt, .html, .docx).',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // without this, a closed pipe kills the process with an EPIPE stack trace instead of the command's exit code
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = commands.find(c => c.name === name);
  if (!command) {
    io.err(`dossier: unknown command "${name}". Run dossier --help.`);
    return 2;
  }
  return command.run(rest, io);
}
