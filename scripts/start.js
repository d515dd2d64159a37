#!/usr/bin/env node
// `npm start`: builds Dossier and opens it in a real VS Code on a demo workspace (a copy of scripts/demo: a
// sample memo that cites the bundled report, with a chart block), the memo open. Dossier's walkthrough opens
// at its first start there, as it does for a new user. (The test workspace, test/fixtures/workspace, holds
// hostile fixtures and deliberate slips: it stays with the tests.)
//   - desktop VS Code when `code` is on PATH (a development window, like F5);
//   - otherwise code-server on 127.0.0.1 (port from PORT, else a free one), URL printed — open it in a browser.
// Ctrl-C (or SIGTERM) stops everything this started and removes the temporary demo workspace.
//   node scripts/start.js [--web] [--no-build]     --web: code-server even when `code` is on PATH
// DOSSIER_DEMO_DIR=<folder> opens that folder instead (kept; created from the fixture if missing).
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const build = require('../test/e2e/build');
const provision = require('../test/e2e/provision');
const cs = require('../test/e2e/codeServer');

const ROOT = build.ROOT;
const args = process.argv.slice(2);
const log = (...a) => console.log('[dossier]', ...a);

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function demoWorkspace(tmp) {
  const wanted = process.env.DOSSIER_DEMO_DIR;
  const folder = wanted ? path.resolve(wanted) : path.join(tmp, 'dossier-demo');
  if (!fs.existsSync(folder)) fs.cpSync(path.join(ROOT, 'scripts', 'demo'), folder, { recursive: true });
  return folder;
}

/** The note the demo opens on (a folder given in DOSSIER_DEMO_DIR may not have it). */
function demoMemo(workspace) {
  const memo = path.join(workspace, 'sample-memo.md');
  return fs.existsSync(memo) ? memo : undefined;
}

async function main() {
  if (!args.includes('--no-build')) {
    log('building');
    build.buildExtension(ROOT);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-start-'));
  const workspace = demoWorkspace(tmp);
  const stops = [];
  let stopping = false;
  const stopAll = async code => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => {
    log('stopping');
    void stopAll(0);
  });
  process.on('SIGTERM', () => {
    log('stopping');
    void stopAll(0);
  });

  if (onPath('code') && !args.includes('--web')) {
    // --wait keeps the CLI running until the window closes, so Ctrl-C has something to stop.
    log(`opening ${workspace} in desktop VS Code (extension development window)`);
    const memo = demoMemo(workspace);
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${ROOT}`, workspace, ...(memo ? [memo] : [])], {
      stdio: 'inherit',
    });
    stops.push(async () => {
      code.kill('SIGTERM');
    });
    code.on('exit', status => void stopAll(status ?? 0));
    return;
  }

  const tools = provision.ensureCodeServer();
  const dirs = cs.serverDirs(path.join(tmp, 'server'));
  // a first start, as a new user has it: the walkthrough opens (the test harness keeps it shut)
  cs.writeSettings(dirs, { 'workbench.startupEditor': 'none', 'workbench.welcomePage.walkthroughs.openOnInstall': true });
  // The extensions folder holds Dossier as a link to this repo, so the workbench is an ordinary window
  // (not an "Extension Development Host") and a rebuild plus Reload Window picks up changes.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  fs.symlinkSync(ROOT, path.join(dirs.extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  const port = Number(process.env.PORT) || (await cs.freePort());
  const server = await cs.startCodeServer(tools, dirs, { port });
  stops.push(server.stop);
  server.exitedPromise.then(info => {
    if (!stopping) {
      console.error(`[dossier] code-server stopped (${info}); log:\n${cs.tail(dirs.log)}`);
      void stopAll(1);
    }
  });
  const memo = demoMemo(workspace);
  const url = cs.workbenchUrl(server.url, port, workspace, memo ? [['openFile', memo]] : undefined);
  log(`Dossier is running in VS Code (code-server ${provision.CODE_SERVER_VERSION}) on ${workspace}`);
  console.log(`\n    ${url}\n`);
  log('open that URL in a browser; Ctrl-C stops the server');
}

main().catch(e => {
  console.error(`[dossier] ${e.message || e}`);
  process.exit(1);
});
