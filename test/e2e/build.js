// Builds what a test run loads, in a folder of its own so concurrent runs (and `npm run watch`) never
// see each other's half-written files:
//   <dir>/ext    the extension: package.json copied, every other top-level entry of the repo symlinked,
//                dist/ built fresh by the repo's esbuild.js (cwd = <dir>/ext)
//   <dir>/ext/out/test/integration   test/integration/*.ts bundled one file each (cjs; vscode and mocha
//                external — mocha resolves through the node_modules symlink)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
// Never linked into a staged extension: rebuilt (dist), per-run (out), or irrelevant to VS Code.
const NOT_STAGED = new Set(['dist', 'out', '.git', 'test-results', '.vscode-test', 'package.json']);

class BuildError extends Error {}

/** Stages the extension in `extDir` and builds its bundles there. `production` minifies (for packaging). */
function stageExtension(extDir, { production = false } = {}) {
  fs.mkdirSync(extDir, { recursive: true });
  for (const name of fs.readdirSync(ROOT)) {
    if (NOT_STAGED.has(name) || name.endsWith('.vsix')) continue;
    fs.symlinkSync(path.join(ROOT, name), path.join(extDir, name));
  }
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(extDir, 'package.json'));
  buildExtension(extDir, { production });
  return extDir;
}

/** Runs the repo's esbuild.js with `cwd` as the project folder (its paths are relative to the cwd). */
function buildExtension(cwd, { production = false } = {}) {
  const args = [path.join(ROOT, 'esbuild.js'), ...(production ? ['--production'] : [])];
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new BuildError(`extension build failed (node esbuild.js):\n${r.stdout}${r.stderr}`);
  if (!fs.existsSync(path.join(cwd, 'dist', 'extension.js'))) throw new BuildError('extension build wrote no dist/extension.js');
}

/** Bundles test/integration/*.ts into `outDir`; returns the suite entry (without .js, as VS Code wants it). */
function compileTests(outDir) {
  const esbuild = require('esbuild');
  const srcDir = path.join(ROOT, 'test', 'integration');
  const entryPoints = fs
    .readdirSync(srcDir)
    .filter(f => f === 'index.ts' || f.endsWith('.test.ts'))
    .map(f => path.join(srcDir, f));
  fs.rmSync(outDir, { recursive: true, force: true });
  try {
    esbuild.buildSync({
      entryPoints,
      outdir: outDir,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node18',
      sourcemap: 'inline',
      external: ['vscode', 'mocha'],
      logLevel: 'silent',
    });
  } catch (e) {
    const errors = (e.errors || []).map(
      x => `${x.location ? `${x.location.file}:${x.location.line}:${x.location.column}: ` : ''}${x.text}`,
    );
    throw new BuildError(`compiling test/integration failed:\n${errors.join('\n') || e.message}`);
  }
  return path.join(outDir, 'index');
}

module.exports = { ROOT, stageExtension, buildExtension, compileTests, BuildError };
