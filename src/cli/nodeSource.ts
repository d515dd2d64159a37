/** Report files through node:fs, for the CLI: locations are file paths. */
import * as fs from 'fs';
import * as path from 'path';
import type { EntryKind, ReportSource } from '../core/reportSource';

function kindOf(stat: fs.Stats | fs.Dirent): EntryKind {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
}

/** A system error as the analyst would say it: "no such file", "permission denied". */
function plain(error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new Error('no such file');
  if (code === 'EACCES' || code === 'EPERM') return new Error('permission denied');
  return error instanceof Error ? error : new Error(String(error));
}

export const nodeSource: ReportSource = {
  async stat(location) {
    try {
      // stat follows a symbolic link: what matters is what it points at
      const stat = await fs.promises.stat(location);
      return { kind: kindOf(stat), size: stat.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw plain(error);
    }
  },
  async list(folder) {
    try {
      const entries = await fs.promises.readdir(folder, { withFileTypes: true });
      // a link in a folder is listed as what it points at (the loader stats every file before reading it)
      return entries.map(e => ({ name: e.name, kind: e.isSymbolicLink() ? 'file' : kindOf(e) }));
    } catch (error) {
      throw plain(error);
    }
  },
  async read(location) {
    try {
      return await fs.promises.readFile(location);
    } catch (error) {
      throw plain(error);
    }
  },
  join: (folder, name) => path.join(folder, name),
  fromPath: file => file,
};
