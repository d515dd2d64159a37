import type { CliCommand } from './command';
import { bibCommand } from './bib';
import { checkCommand } from './check';
import { citeCommand } from './cite';
import { chartCommand } from './chart';
import { exportCommand } from './export';
import { figuresCommand } from './figures';
import { importCommand } from './import';
import { mcpCommand } from './mcp';
import { parseCommand } from './parse';
import { searchCommand } from './search';
import { styleCommand } from './style';

/** Every CLI command. Add a command by writing src/cli/<name>.ts and listing it here. */
export const commands: CliCommand[] = [
  parseCommand,
  figuresCommand,
  chartCommand,
  searchCommand,
  bibCommand,
  styleCommand,
  checkCommand,
  citeCommand,
  importCommand,
  mcpCommand,
  exportCommand,
];
