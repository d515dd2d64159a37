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

/**
 * Who wrote a path into a setting: the user (user settings, the CLI's arguments) or the workspace (its
 * `.vscode/settings.json` or `.code-workspace` file: whoever wrote the repository).
 */
export type SettingOrigin = 'user' | 'workspace';

export interface SettingPathContext {
  source: Pick<ReportSource, 'join' | 'fromPath'>;
  /** what relative paths are relative to (see resolveSettingPath) */
  base?: string;
  /** false in Restricted Mode (an untrusted workspace): the workspace's own values are not used at all */
  trusted: boolean;
  /** the workspace folders, as locations of the source: a workspace's value must name something inside one */
  workspaceFolders: readonly string[];
}

/** Where a setting's path leads, or why Dossier does not go there (one line for the analyst, after the path). */
export type SettingPath = { location: string } | { refused: string; restricted?: true };

/**
 * The trust and path policy for a path in a setting (`dossier.reports`, `dossier.citation.cslFile`):
 * - in Restricted Mode a value from the workspace's settings is ignored (VS Code drops it too, as the
 *   settings are declared `restrictedConfigurations`);
 * - a value from the workspace's settings must name something inside a workspace folder (no `..`, no
 *   absolute path elsewhere): a repository cannot point Dossier at the analyst's other files;
 * - a value from the user's settings may name any folder: the user chose it;
 * - only files (`file:`) and the workspace's own scheme (a remote or virtual workspace) are read: no
 *   `http:`, `untitled:`, `command:` or another extension's file system.
 */
export function resolveReportPath(setting: { path: string; origin: SettingOrigin }, context: SettingPathContext): SettingPath {
  const { path, origin } = setting;
  if (origin === 'workspace' && !context.trusted) {
    return {
      refused: `set in this workspace's settings, which Restricted Mode ignores (trust the workspace to read it)`,
      restricted: true,
    };
  }
  const location = resolveSettingPath(path, context.source, context.base);
  const scheme = schemeOf(location);
  const allowed = new Set([
    'file',
    ...[context.base, ...context.workspaceFolders].filter((l): l is string => l !== undefined).map(schemeOf),
  ]);
  if (!allowed.has(scheme)) return { refused: `Dossier reads reports from files only, not from "${scheme}:" locations` };
  if (origin === 'workspace' && !insideAny(location, context.workspaceFolders)) {
    return {
      refused: `outside the workspace; a workspace's settings may only name reports inside it (name it in your user settings instead)`,
    };
  }
  return { location };
}

/** The scheme of a location: a URI's, or "file" for a path (a Windows drive letter is not a scheme). */
function schemeOf(location: string): string {
  const m = /^([a-z][a-z0-9+.-]+):/i.exec(location);
  return m ? m[1]!.toLowerCase() : 'file';
}

/** Whether a location is one of the folders or inside one; a `..` segment (plain or encoded) never is. */
function insideAny(location: string, folders: readonly string[]): boolean {
  if (/(?:^|[\\/])(?:\.|%2e){2}(?:[\\/]|$)/i.test(location)) return false;
  return folders.some(folder => {
    let end = folder.length;
    while (end > 1 && (folder[end - 1] === '/' || folder[end - 1] === '\\')) end--;
    const root = folder.slice(0, end);
    return location === root || location.startsWith(root + '/') || location.startsWith(root + '\\');
  });
}

/**
 * The URIs of a `text/uri-list` (RFC 2483: what a drag from the Explorer or a file manager carries): one a
 * line, `#` lines are comments; only files and the other schemes Dossier may read pass later checks.
 */
export function urisOfUriList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'));
}

/** The file name at the end of a location (a path or a URI), for messages and report ids. */
export function nameOf(location: string): string {
  const last =
    location
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .filter(Boolean)
      .pop() ?? location;
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
  for (const [path, content] of Object.entries(files))
    bytes.set(normal(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
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
