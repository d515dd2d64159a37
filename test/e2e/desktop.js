#!/usr/bin/env node
// `npm run test:desktop`: the same integration suites (test/integration) in desktop VS Code, through
// @vscode/test-electron, for machines that can download VS Code (this project's CI cannot: it uses
// test/e2e/run.js with code-server instead).
//
//   node test/e2e/desktop.js [--grep PATTERN] [--vsix FILE is not supported here]
// Environment: VSCODE_VERSION (default "stable"), VSCODE_EXECUTABLE (an installed VS Code to use
// instead of downloading), DOSSIER_TEST_CACHE (download cache, default ~/.cache/dossier-vscode-test).
// Exit code 0 pass · 1 a test failed · 2 harness broken (download failed, VS Code crashed, no test ran);
// the last line is "N passed, N failed". On Linux without a display it re-runs itself under xvfb-run.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const build = require('./build');
const provision = require('./provision');
const { QUIET_SETTINGS } = require('./codeServer');

function finish(code, summary, message) {
  if (message) console.error(`[desktop] ${code === 2 ? 'HARNESS BROKEN: ' : ''}${message}`);
  console.log(`${summary ? summary.passed : 0} passed, ${summary ? summary.failed : 0} failed`);
  process.exit(code);
}

async function main() {
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const grep = grepAt >= 0 ? args[grepAt + 1] || '' : '';

  // Electron needs a display; headless Linux borrows one from Xvfb.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.DOSSIER_UNDER_XVFB) {
    const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
    if (!xvfb) finish(2, null, 'no DISPLAY and no xvfb-run: install xvfb (apt-get install -y xvfb) or run with a display');
    const r = spawnSync(xvfb, ['-a', process.execPath, __filename, ...args], {
      stdio: 'inherit',
      env: { ...process.env, DOSSIER_UNDER_XVFB: '1' },
    });
    process.exit(r.status ?? 2);
  }

  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch (e) {
    finish(2, null, `@vscode/test-electron is not installed (npm ci): ${e.message}`);
  }

  // Build into the repo (dist/, out/test/integration): no symlinked staging, so this works on Windows too.
  let testsEntry;
  try {
    build.buildExtension(build.ROOT);
    testsEntry = build.compileTests(path.join(build.ROOT, 'out', 'test', 'integration'));
  } catch (e) {
    finish(2, null, e.message);
  }

  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    const version = process.env.VSCODE_VERSION || 'stable';
    try {
      vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({
        version,
        cachePath: path.join(provision.cacheDir(), 'vscode-desktop'),
        timeout: 60000,
      });
    } catch (e) {
      finish(
        2,
        null,
        `could not download VS Code ${version}: ${e && e.message}\n` +
          '  This machine cannot reach update.code.visualstudio.com. Use `npm run test:integration` (code-server, works offline),\n' +
          '  or point VSCODE_EXECUTABLE at an installed VS Code (e.g. /usr/share/code/code).',
      );
    }
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-desktop-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(build.ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  const resultsFile = path.join(tmp, 'results.json');

  let runError;
  try {
    await testElectron.runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: build.ROOT,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: { DOSSIER_TEST_RESULTS: resultsFile, DOSSIER_TEST_GREP: grep, DOSSIER_TEST_MODE: '' },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(tmp, 'extensions'),
      ],
    });
  } catch (e) {
    runError = e;
  }
  let summary = null;
  try {
    summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    /* VS Code never ran the suite */
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!summary) finish(2, null, `VS Code ran no suite${runError ? `: ${runError.message}` : ''}`);
  for (const t of summary.tests.filter(t => t.state === 'failed'))
    console.log(`\n✘ FAILED: ${t.title}\n    ${(t.error || '').split('\n').slice(0, 8).join('\n    ')}`);
  if (summary.passed + summary.failed === 0) finish(2, summary, grep ? `no test matches --grep ${JSON.stringify(grep)}` : 'no test ran');
  finish(summary.failed > 0 ? 1 : 0, summary);
}

main().catch(e => finish(2, null, (e && e.stack) || String(e)));
