/**
 * Loads a CommonJS bundle through V8's code cache: the bytecode V8 compiled for it at an earlier start,
 * kept in a folder of the extension's global storage. Compiling dist/extension.js is most of what
 * activation costs (~15 ms of the ~23 ms of loading it, measured in the code-server host's Node 24); with
 * the cache V8 reads its bytecode instead, including the functions the last start compiled as it ran.
 *
 * Scoped to this one bundle (a vm.Script with cachedData, not Node's process-wide module.enableCompileCache,
 * which would cache every other extension's modules too). An entry is found by the hash of the bundle's
 * text (V8's own check compares only its length) and carries a hash of its bytes: an entry of another build,
 * a truncated or corrupt one is never given to V8, and a new one is written in its place.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const DIGEST_BYTES = 32;

export interface CachedLoad<T> {
  /** the bundle's module.exports */
  readonly exports: T;
  /** 'used': V8 took the entry; 'absent': there was none; 'refused': it was corrupt, another build's or V8 refused it */
  readonly cache: 'used' | 'absent' | 'refused';
  /** Writes the entry if the start did not use one (best later, once the functions a start runs are compiled). */
  save(): boolean;
}

const digest = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/**
 * Runs `file` (a CommonJS bundle) with `requireFn` as its require, V8's cache for it read from (and written
 * to) `folder`. Throws what loading the bundle throws; a cache that cannot be read or written only costs
 * the start its speed.
 */
export function loadWithCodeCache<T>(file: string, folder: string, requireFn: NodeJS.Require): CachedLoad<T> {
  const source = fs.readFileSync(file, 'utf8');
  const entry = path.join(folder, `${path.basename(file, '.js')}-${digest(source).toString('hex').slice(0, 24)}.v8`);
  const read = readEntry(entry);
  const cachedData = read === 'corrupt' ? undefined : read;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const cache = read === undefined ? 'absent' : read === 'corrupt' || script.cachedDataRejected ? 'refused' : 'used';
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFn, module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    save: () => (cache === 'used' ? false : writeEntry(folder, entry, script.createCachedData())),
  };
}

/** The entry's bytes if its hash holds; undefined when there is none. */
function readEntry(entry: string): Buffer | 'corrupt' | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(entry);
  } catch {
    return undefined;
  }
  const data = bytes.subarray(DIGEST_BYTES);
  return bytes.length > DIGEST_BYTES && digest(data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : 'corrupt';
}

/** Writes the entry whole or not at all (a temporary file renamed), and removes older builds' entries. */
function writeEntry(folder: string, entry: string, data: Buffer): boolean {
  try {
    fs.mkdirSync(folder, { recursive: true });
    const temporary = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, Buffer.concat([digest(data), data]));
    fs.renameSync(temporary, entry);
    const prefix = path.basename(entry).replace(/-[0-9a-f]+\.v8$/, '-');
    for (const name of fs.readdirSync(folder))
      if (name.startsWith(prefix) && name !== path.basename(entry)) fs.rmSync(path.join(folder, name), { force: true });
    return true;
  } catch {
    return false;
  }
}
