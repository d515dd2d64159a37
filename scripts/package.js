#!/usr/bin/env node
// `npm run package`: a production build and `vsce package` → dossier-<version>.vsix in the repo root
// (or --out FILE). Runs in a staging copy of the repo, so the minified build never replaces the dist/
// that a developer's watch build or a concurrent test run is using. What goes into the .vsix is decided
// by .vscodeignore, exactly as if vsce ran in the repo; dependencies are bundled by esbuild, hence
// --no-dependencies (dist/ holds the lazy bundles too: charts.js, csl.js, pdf.js, webview.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'out', 'test-results', '.vscode-test']);

function packageVsix({ outFile, quiet = false } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const out = path.resolve(outFile || path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-package-'));
  try {
    for (const name of fs.readdirSync(ROOT)) {
      if (NOT_COPIED.has(name) || name.endsWith('.vsix')) continue;
      fs.cpSync(path.join(ROOT, name), path.join(staging, name), { recursive: true });
    }
    // esbuild resolves packages (and esbuild.js's relative aliases) from the staging folder
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(staging, 'node_modules'));
    step('production build', process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], staging, quiet);
    fs.unlinkSync(path.join(staging, 'node_modules'));
    // Relative links stay relative: VS Code resolves them inside the installed extension, which ships
    // the README's images (media/). There is no public repository to rewrite them against.
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const output = step(
      'vsce package',
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out],
      staging,
      quiet,
    );
    if (!fs.existsSync(out)) throw new Error(`vsce reported success but wrote no ${out}:\n${output}`);
    return out;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function step(name, command, args, cwd, quiet) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}):\n${output}`);
  if (!quiet) process.stdout.write(output);
  return output;
}

module.exports = { packageVsix };

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  try {
    const file = packageVsix({ outFile: at > 0 ? process.argv[at + 1] : undefined });
    console.log(`packaged ${path.relative(process.cwd(), file) || file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
