// Starting and stopping code-server (VS Code server + web workbench), shared by the test runner
// (test/e2e/run.js) and `npm start` (scripts/start.js). Everything a server writes lives under one
// folder of its own, so several servers can run side by side.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A TCP port nobody listens on right now (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise(resolve => {
    const request = http.get(url, response => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

/**
 * User settings that turn workspace trust on without a prompt, for runs in Restricted Mode (run.js
 * --untrusted): a folder nobody trusted yet opens untrusted, no dialog, no banner.
 */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

/** User settings for a quiet, deterministic workbench. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off', // the web workbench defaults to afterDelay; tests must control saving
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden', // the chat side bar would take a third of the window
};

/**
 * The folders of one server under `base`: user data, extensions, XDG homes, TMPDIR. VS Code leaves
 * sockets in TMPDIR, so it is kept short and private.
 */
function serverDirs(base) {
  const dirs = {
    base,
    // DOSSIER_E2E_USER_DATA: a user data folder kept across runs (npm run bench's later starts)
    userData: process.env.DOSSIER_E2E_USER_DATA || path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    xdg: path.join(base, 'xdg'),
    tmp: path.join(base, 't'),
    config: path.join(base, 'code-server.yaml'),
    log: path.join(base, 'code-server.log'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.xdg, dirs.tmp]) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

function writeSettings(dirs, extra = {}) {
  // User/ for the workbench; Machine/ too, because the extension host is a remote one to the browser and
  // reads machine-scoped settings (walkthroughs.openOnInstall) only from there.
  for (const folder of ['User', 'Machine']) {
    const dir = path.join(dirs.userData, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...extra }, null, 2));
  }
}

function serverEnv(dirs, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}', // no gallery: no endless DNS lookups on an offline machine
    ...extra,
  };
}

function commonArgs(tools, dirs) {
  return [tools.entry, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `code-server --install-extension <vsix>` into this server's extensions folder. */
function installExtension(tools, dirs, vsix) {
  const r = spawnSync(tools.node, [...commonArgs(tools, dirs), '--install-extension', vsix, '--force'], {
    env: serverEnv(dirs),
    encoding: 'utf8',
    timeout: 120000,
  });
  const output = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${output}`);
  return output;
}

/**
 * Starts code-server on 127.0.0.1:port and waits for /healthz. Returns {process, url, stop(), exited()}.
 * `smokeTestDriver` lets the URL payload carry extensionDevelopmentPath/extensionTestsPath.
 */
async function startCodeServer(
  tools,
  dirs,
  { port, env = {}, smokeTestDriver = false, verbose = false, readyTimeoutMs = 60000, workspaceTrust = false } = {},
) {
  const args = [
    ...commonArgs(tools, dirs),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--log',
    'info',
  ];
  // Workspace trust is off unless a run asks for it (--untrusted): then the workspace opens in Restricted Mode.
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  // A built VS Code ignores the test paths in the URL payload unless the smoke-test driver is on.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(tools.node, args, { env: serverEnv(dirs, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logStream = fs.createWriteStream(dirs.log);
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  if (verbose) {
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
  }
  let exitInfo = null;
  const exitedPromise = new Promise(resolve =>
    child.on('exit', (code, signal) => {
      exitInfo = `exit code ${code}, signal ${signal}`;
      resolve(exitInfo);
    }),
  );

  const stop = async () => {
    if (exitInfo) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exitedPromise, sleep(3000)]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exitInfo) throw new Error(`code-server exited while starting (${exitInfo}); log:\n${tail(dirs.log)}`);
    if ((await httpStatus(`${url}/healthz`)) === 200) break;
    if (Date.now() - started > readyTimeoutMs) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs / 1000} s; log:\n${tail(dirs.log)}`);
    }
    await sleep(200);
  }
  return { process: child, url, port, stop, exited: () => exitInfo, exitedPromise };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The workbench URL that opens `folder`, optionally with a payload (extension development/test paths). */
function workbenchUrl(base, port, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const remote = p => `vscode-remote://127.0.0.1:${port}${p}`;
    url += `&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, v]) => [k, remote(v)])))}`;
  }
  return url;
}

module.exports = {
  freePort,
  httpStatus,
  serverDirs,
  writeSettings,
  serverEnv,
  installExtension,
  startCodeServer,
  workbenchUrl,
  tail,
  sleep,
  QUIET_SETTINGS,
  UNTRUSTED_SETTINGS,
};
