/**
 * Where report files come from. The core never touches a file system: a host hands it a ReportSource
 * (`vscode.workspace.fs` in the extension, `node:fs` in the CLI, memory in tests). A location is whatever
 * string the source understands (a URI string, a file path); only the source joins or reads them.
 */

/** What is at a location: a regular file, a folder, or something else (a device, a pipe, a socket). */
export type EntryKind = 'file' | 'folder' | 'other';

export interface SourceEntry {
  name: string;
  kind: EntryKind;
}

export interface ReportSource {
  /** What is at a location, and its size in bytes; undefined when nothing is there. */
  stat(location: string): Promise<{ kind: EntryKind; size: number } | undefined>;
  /** The entries directly in a folder. */
  list(folder: string): Promise<SourceEntry[]>;
  read(location: string): Promise<Uint8Array>;
  /** The location of `name` (one or more `/`-separated segments) inside `folder`. */
  join(folder: string, name: string): string;
  /** An absolute file path, as typed in a setting, as a location of this source. */
  fromPath(path: string): string;
}

/**
 * The one rule for a path in a setting (`dossier.reports`, `dossier.citation.cslFile`): a URI is taken as
 * it is, an absolute path (`/…`, `C:\…`, `\\server\…`) is a file path, and anything else is relative to
 * `base` (the first workspace folder, the CLI's working directory), or a file path when there is none.
 */
export function resolveSettingPath(raw: string, source: Pick<ReportSource, 'join' | 'fromPath'>, base?: string): string {
  const path = raw.trim();
  if (/^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path)) return path;
  if (path.startsWith('/') || path.startsWith('\\\\') || /^[a-z]:[\\/]/i.test(path)) return source.fromPath(path);
  return base !== undefined ? source.join(base, path) : source.fromPath(path);
}

/** The file name at the end of a location (a path or a URI), for messages and report ids. */
export function nameOf(location: string): string {
  const last = location.replace(/[?#].*$/, '').split(/[\\/]/).filter(Boolean).pop() ?? location;
  try {
    return /%[0-9a-f]{2}/i.test(last) ? decodeURIComponent(last) : last;
  } catch {
    return last;
  }
}

/**
 * Files held in memory under `/`-separated paths, for tests and for reports that never touched a disk.
 * Folders exist implicitly (every prefix of a file's path); `devices` are paths that stat as 'other'.
 */
export function memorySource(files: Record<string, string | Uint8Array>, devices: readonly string[] = []): ReportSource {
  const bytes = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(files)) bytes.set(normal(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const others = new Set(devices.map(normal));
  const isFolder = (path: string) => {
    const prefix = path === '/' ? '/' : `${path}/`;
    return [...bytes.keys(), ...others].some(p => p.startsWith(prefix));
  };
  return {
    async stat(location) {
      const path = normal(location);
      const file = bytes.get(path);
      if (file) return { kind: 'file', size: file.length };
      if (others.has(path)) return { kind: 'other', size: 0 };
      return isFolder(path) ? { kind: 'folder', size: 0 } : undefined;
    },
    async list(folder) {
      const prefix = normal(folder) === '/' ? '/' : `${normal(folder)}/`;
      const entries = new Map<string, SourceEntry['kind']>();
      for (const path of [...bytes.keys(), ...others]) {
        if (!path.startsWith(prefix)) continue;
        const [name, ...rest] = path.slice(prefix.length).split('/');
        entries.set(name!, rest.length ? 'folder' : others.has(path) ? 'other' : 'file');
      }
      if (!entries.size) throw new Error(`${folder}: no such folder`);
      return [...entries].map(([name, kind]) => ({ name, kind }));
    },
    async read(location) {
      const file = bytes.get(normal(location));
      if (!file) throw new Error(`${location}: no such file`);
      return file;
    },
    join: (folder, name) => normal(`${folder}/${name}`),
    fromPath: path => normal(path),
  };
}

function normal(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return '/' + parts.join('/');
}
