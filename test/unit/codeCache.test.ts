// V8's code cache of extension.js (src/shell/codeCache.ts): written by one start, read by the next; an entry of
// another build, or a corrupt one, is never given to V8 and is written afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadWithCodeCache } from '../../src/shell/codeCache';

/** A bundle in a folder of its own, and the cache folder beside it. */
function bundle(text: string): { file: string; folder: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-code-cache-'));
  const file = path.join(dir, 'extension.js');
  fs.writeFileSync(file, text);
  return { file, folder: path.join(dir, 'code-cache') };
}

const BUNDLE = `"use strict";
const path = require("path");
function activate(n) { return { doubled: n * 2, folder: path.basename(__dirname), file: path.basename(__filename) }; }
module.exports = { activate };`;

type Bundle = { activate(n: number): { doubled: number; folder: string; file: string } };

const entries = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder).sort() : []);

test('a start without a cache compiles the bundle and writes the cache; the next start reads it', () => {
  const { file, folder } = bundle(BUNDLE);
  const first = loadWithCodeCache<Bundle>(file, folder, require);
  assert.equal(first.cache, 'absent');
  assert.deepEqual(first.exports.activate(21), { doubled: 42, folder: path.basename(path.dirname(file)), file: 'extension.js' });
  assert.equal(first.save(), true);
  assert.equal(entries(folder).length, 1);
  assert.match(entries(folder)[0]!, /^extension-[0-9a-f]{24}\.v8$/);

  const second = loadWithCodeCache<Bundle>(file, folder, require);
  assert.equal(second.cache, 'used');
  assert.equal(second.exports.activate(4).doubled, 8);
  assert.equal(second.save(), false, 'a start that used the cache leaves it as it is');
});

test('another build of the bundle does not read the old entry, and its own replaces it', () => {
  const { file, folder } = bundle(BUNDLE);
  loadWithCodeCache<Bundle>(file, folder, require).save();
  const old = entries(folder);
  // the same length, other text: V8's own check (the length) would take the old entry
  fs.writeFileSync(file, BUNDLE.replace('n * 2', 'n * 3'));
  const rebuilt = loadWithCodeCache<Bundle>(file, folder, require);
  assert.equal(rebuilt.cache, 'absent');
  assert.equal(rebuilt.exports.activate(2).doubled, 6);
  assert.equal(rebuilt.save(), true);
  assert.equal(entries(folder).length, 1);
  assert.notDeepEqual(entries(folder), old);
});

test('a corrupt or truncated entry is refused, the bundle still loads, and a good entry is written again', () => {
  for (const spoil of [
    (bytes: Buffer) => bytes.subarray(0, bytes.length - 7),
    (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i === 100 ? b ^ 0xff : b))),
  ]) {
    const { file, folder } = bundle(BUNDLE);
    loadWithCodeCache<Bundle>(file, folder, require).save();
    const entry = path.join(folder, entries(folder)[0]!);
    fs.writeFileSync(entry, spoil(fs.readFileSync(entry)));
    const spoilt = loadWithCodeCache<Bundle>(file, folder, require);
    assert.equal(spoilt.cache, 'refused');
    assert.equal(spoilt.exports.activate(5).doubled, 10);
    assert.equal(spoilt.save(), true);
    assert.equal(loadWithCodeCache<Bundle>(file, folder, require).cache, 'used');
  }
});

test('a cache folder that cannot be written costs only the cache', () => {
  const { file } = bundle(BUNDLE);
  const blocked = path.join(path.dirname(file), 'not-a-folder');
  fs.writeFileSync(blocked, 'a file where the cache folder would go');
  const load = loadWithCodeCache<Bundle>(file, blocked, require);
  assert.equal(load.exports.activate(1).doubled, 2);
  assert.equal(load.save(), false);
});

test('a bundle that throws while loading throws to the caller', () => {
  const { file, folder } = bundle('throw new Error("broken bundle");');
  assert.throws(() => loadWithCodeCache(file, folder, require), /broken bundle/);
});
