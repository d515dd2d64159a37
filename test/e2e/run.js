#!/usr/bin/env node
// Runs Dossier's integration suites (test/integration/*.test.ts) inside a REAL VS Code: code-server (the
// VS Code server + web workbench; the extension runs in a Node extension host) on 127.0.0.1, with the
// workbench opened by Debian's Chromium through playwright-core. Offline apart from npm and apt.
//
//   node test/e2e/run.js [--grep PATTERN] [--tour] [--vsix [FILE]] [--untrusted] [--keep] [--verbose] [--no-build]
//
// Exit code: 0 every test passed · 1 a test failed · 2 the harness broke (provisioning, build, code-server
// crash, timeout, no test ran). The last line is always "N passed, N failed".
// Environment: DOSSIER_TEST_CACHE (tools cache, default ~/.cache/dossier-vscode-test), CHROMIUM (browser,
// default /usr/bin/chromium), DOSSIER_E2E_TIMEOUT_MS (whole run, default 900000), DOSSIER_TEST_TIMEOUT_MS
// (one test, default 30000), DOSSIER_SCREENSHOT_DIR (default test-results/, or media/screenshots/ for --tour).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const util = require('util');
const provision = require('./provision');
const build = require('./build');
const cs = require('./codeServer');

const USAGE = `usage: node test/e2e/run.js [options]
  --grep PATTERN   run only tests whose full title matches PATTERN (mocha --grep)
  --tour           run the README tour (tour*.test.ts) and write its PNGs to media/screenshots/
  --vsix [FILE]    install FILE (default: a fresh \`npm run package\` build) into a clean extensions
                   folder and run the vsix*.test.ts suites against the installed extension
  --untrusted      workspace trust on and the workspace not trusted (Restricted Mode); its settings name
                   reports outside it; runs the untrusted*.test.ts suites
  --keep           keep the temporary folder (workspace copy, logs) after the run
  --verbose        echo code-server's log and the workbench console
  --no-build       reuse the repo's dist/ instead of building (debugging the harness)
  --timeout MS     give up on the whole run after MS milliseconds (default 900000)`;

const WINDOW = { width: 1280, height: 800 }; // fixed, so screenshots are comparable run to run

function parseArgs(argv) {
  const opts = {
    grep: '',
    tour: false,
    vsix: undefined,
    untrusted: false,
    keep: false,
    verbose: false,
    build: true,
    timeoutMs: Number(process.env.DOSSIER_E2E_TIMEOUT_MS) || 900000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--grep' || a === '-g') opts.grep = value();
    else if (a.startsWith('--grep=')) opts.grep = a.slice(7);
    else if (a === '--tour') opts.tour = true;
    else if (a === '--vsix') opts.vsix = argv[i + 1] && !argv[i + 1].startsWith('--') ? path.resolve(argv[++i]) : '';
    else if (a === '--untrusted') opts.untrusted = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--timeout') opts.timeoutMs = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if ([opts.tour, opts.vsix !== undefined, opts.untrusted].filter(Boolean).length > 1)
    throw new Error('--tour, --vsix and --untrusted do not combine');
  return opts;
}

const log = (...a) => console.log('[e2e]', ...a);
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

class Harness extends Error {}

/** Answers the tests' requests (helpers.ts → askRunner): screenshots and keyboard input through the browser. */
function startRunnerServer(state) {
  const token = crypto.randomBytes(8).toString('hex');
  const actions = {
    started: async () => {
      state.started = true;
      return {};
    },
    screenshot: async ({ name }) => {
      if (typeof name !== 'string' || !/^[\w.-]+$/.test(name)) throw new Error('bad screenshot name');
      fs.mkdirSync(state.screenshotDir, { recursive: true });
      const file = path.join(state.screenshotDir, `${name}.png`);
      await settle(state.page);
      await state.page.screenshot({ path: `${file}.tmp.png` });
      fs.renameSync(`${file}.tmp.png`, file);
      log(`screenshot ${path.relative(process.cwd(), file)}`);
      return { path: file };
    },
    press: async ({ key }) => {
      await state.page.keyboard.press(String(key));
      return {};
    },
    type: async ({ text }) => {
      await state.page.keyboard.type(String(text), { delay: 5 });
      return {};
    },
    text: async ({ selector }) => {
      const texts = [];
      for (const frame of state.page.frames()) {
        try {
          texts.push(...(await frame.locator(String(selector)).allInnerTexts()));
        } catch {
          /* detached frame */
        }
      }
      return { texts };
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', async () => {
      const [, tok, action] = (req.url || '').split('/');
      let status = 200;
      let answer;
      try {
        if (tok !== token || !actions[action]) {
          status = 404;
          throw new Error(`no such request ${req.url}`);
        }
        if (!state.page && action !== 'started') throw new Error('the browser is not ready');
        answer = await actions[action](body ? JSON.parse(body) : {});
      } catch (e) {
        if (status === 200) status = 500;
        answer = { error: e.message };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/${token}` })),
  );
}

/** Prints what is appended to `file` as it arrives; stop() prints the rest. */
function tailFile(file) {
  let offset = 0;
  const drain = () => {
    let size;
    try {
      size = fs.statSync(file).size;
    } catch {
      return;
    }
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    offset = size;
    process.stdout.write(buffer.toString('utf8'));
  };
  const timer = setInterval(drain, 100);
  return {
    drain,
    stop: () => {
      clearInterval(timer);
      drain();
    },
  };
}

/**
 * For --untrusted: a report and a CSL style in a folder beside the workspace, and workspace settings that
 * point at them every way a repository could (absolute path, `../`, file URI), as a hostile repository would.
 */
function prepareUntrusted(workspace, outside) {
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(
    path.join(outside, 'outside-report.md'),
    '---\ntitle: "Outside Report"\ndate: 2025-01-02\n---\n\n# Findings\n\nA report outside the workspace that must not be read: 77 percent.[^1]\n\n[^1]: "Secret," Outlet, 2025.\n',
  );
  fs.writeFileSync(
    path.join(outside, 'style.csl'),
    '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Outside</title><id>outside</id><updated>2025-01-01T00:00:00+00:00</updated></info><citation><layout><text value="OUTSIDE"/></layout></citation></style>\n',
  );
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'dossier.reports': [outside, '../outside/outside-report.md', `file://${path.join(outside, 'outside-report.md')}`],
        'dossier.citation.cslFile': path.join(outside, 'style.csl'),
        'dossier.citation.style': 'csl-file',
      },
      null,
      2,
    ),
  );
}

/** Lets the workbench finish painting: two animation frames and a short pause for layout and fades. */
async function settle(page) {
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))).catch(() => {});
  await new Promise(r => setTimeout(r, 600));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const mode = opts.tour ? 'tour' : opts.vsix !== undefined ? 'vsix' : opts.untrusted ? 'untrusted' : '';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-e2e-'));
  const state = {
    started: false,
    page: undefined,
    screenshotDir: path.resolve(
      process.env.DOSSIER_SCREENSHOT_DIR || path.join(build.ROOT, opts.tour ? 'media/screenshots' : 'test-results'),
    ),
  };
  let server;
  let browser;
  let runnerServer;
  let exitCode = 2;
  let summary = null;
  const cleanup = async () => {
    try {
      if (browser) await browser.close();
    } catch {
      /* gone */
    }
    if (server) await server.stop();
    if (runnerServer) runnerServer.server.close();
    if (state.tail) state.tail.stop();
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`[e2e] ${signal}: stopping`);
      await cleanup();
      console.error(`[e2e] temporary files kept in ${tmp}`);
      console.log('0 passed, 0 failed');
      process.exit(2);
    });
  }

  try {
    // 1. tools: Chromium, Node 24, code-server (cached outside the clone)
    let tools;
    try {
      tools = provision.ensureCodeServer();
    } catch (e) {
      throw new Harness(e.message);
    }
    const t1 = Date.now();

    // 2. the extension and the compiled suites, in this run's own folder
    const dirs = cs.serverDirs(path.join(tmp, 'server'));
    let extDir;
    let testsEntry;
    try {
      if (mode === 'vsix') {
        let vsix = opts.vsix;
        if (!vsix) {
          vsix = path.join(tmp, 'dossier.vsix');
          log('packaging the extension (production build + vsce)');
          require('../../scripts/package').packageVsix({ outFile: vsix, quiet: true });
        }
        if (!fs.existsSync(vsix)) throw new Harness(`no such .vsix: ${vsix}`);
        cs.installExtension(tools, dirs, vsix);
        log(`installed ${path.basename(vsix)} into a fresh extensions folder`);
        // VS Code runs extensionTestsPath only beside a development extension: an empty one here,
        // so the extension under test is the installed package.
        extDir = path.join(tmp, 'harness-ext');
        fs.mkdirSync(extDir);
        fs.writeFileSync(
          path.join(extDir, 'package.json'),
          JSON.stringify({ name: 'dossier-test-harness', publisher: 'dossier-tests', version: '0.0.0', engines: { vscode: '*' } }),
        );
        fs.symlinkSync(path.join(build.ROOT, 'node_modules'), path.join(extDir, 'node_modules'));
      } else if (opts.build) {
        extDir = build.stageExtension(path.join(tmp, 'ext'));
      } else {
        extDir = build.ROOT;
      }
      testsEntry = build.compileTests(
        path.join(extDir === build.ROOT ? path.join(build.ROOT, 'out', `e2e-${process.pid}`) : extDir, 'out', 'test', 'integration'),
      );
    } catch (e) {
      throw new Harness(e.message);
    }
    const t2 = Date.now();
    log(`tools ${seconds(t1 - t0)}, build ${seconds(t2 - t1)}`);

    // 3. a throw-away copy of the fixture workspace: tests may edit and save files freely
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(path.join(build.ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    const outside = path.join(tmp, 'outside');
    if (mode === 'untrusted') prepareUntrusted(workspace, outside);
    cs.writeSettings(dirs, { 'window.zoomLevel': 0, ...(mode === 'untrusted' ? cs.UNTRUSTED_SETTINGS : {}) });

    // 4. code-server on a free port (retried: another run may grab the port between probe and bind)
    runnerServer = await startRunnerServer(state);
    const resultsFile = path.join(tmp, 'results.json');
    const testLog = path.join(tmp, 'tests.log');
    fs.writeFileSync(testLog, '');
    state.tail = tailFile(testLog);
    const testEnv = {
      DOSSIER_TEST_RESULTS: resultsFile,
      DOSSIER_TEST_LOG: testLog,
      DOSSIER_TEST_RUNNER: runnerServer.url,
      DOSSIER_TEST_MODE: mode,
      DOSSIER_TEST_GREP: opts.grep,
      DOSSIER_TOUR: opts.tour ? '1' : '',
      DOSSIER_TEST_OUTSIDE: mode === 'untrusted' ? outside : '',
    };
    for (let attempt = 1; !server; attempt++) {
      const port = await cs.freePort();
      try {
        server = await cs.startCodeServer(tools, dirs, {
          port,
          env: testEnv,
          smokeTestDriver: true,
          verbose: opts.verbose,
          workspaceTrust: mode === 'untrusted',
        });
      } catch (e) {
        if (attempt >= 3) throw new Harness(e.message);
        log(`code-server did not start on port ${port}, retrying: ${e.message.split('\n')[0]}`);
      }
    }
    const t3 = Date.now();
    log(`code-server ${provision.CODE_SERVER_VERSION} ready on ${server.url} (${seconds(t3 - t2)})`);

    // 5. the browser: the workbench reports test output and the exit code through two page functions
    const { chromium } = require('playwright-core');
    try {
      browser = await chromium.launch({
        executablePath: provision.chromiumPath(),
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
          '--disable-extensions',
        ],
      });
    } catch (e) {
      throw new Harness(
        `could not launch Chromium at ${provision.chromiumPath()} (set CHROMIUM to another binary): ${e.message.split('\n')[0]}`,
      );
    }
    const page = await browser.newPage({ viewport: WINDOW, deviceScaleFactor: 1 });
    let resolveExit;
    const hostExited = new Promise(r => {
      resolveExit = r;
    });
    // The workbench forwards its own log and the extension host's console here, mixed: keep it in a
    // file (and on screen with --verbose); the tests' own output comes through DOSSIER_TEST_LOG.
    const workbenchLog = fs.createWriteStream(path.join(tmp, 'workbench.log'));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = `[${type}] ${util.format(...(Array.isArray(args) ? args : [args]))}`;
      workbenchLog.write(`${line}\n`);
      if (opts.verbose) console.log(`[workbench] ${line}`);
    });
    await page.exposeFunction('codeAutomationExit', code => resolveExit(code));
    if (opts.verbose) page.on('console', m => console.log(`[browser ${m.type()}]`, m.text()));
    page.on('pageerror', e => {
      if (opts.verbose) console.log('[browser pageerror]', e.message);
    });
    state.page = page;
    const url = cs.workbenchUrl(server.url, server.port, workspace, [
      ['extensionDevelopmentPath', extDir],
      ['extensionTestsPath', testsEntry],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    // 6. wait for the suites, the clock, or a crash — whichever comes first
    const startDeadline = Date.now() + 240000; // generous: several runs may share two cores
    let lastLogCheck = 0;
    let hostGoneAt = 0;
    const watchdog = (async () => {
      for (;;) {
        await cs.sleep(250);
        if (server.exited()) return `code-server exited during the run (${server.exited()})`;
        if (!state.started && Date.now() > startDeadline) return 'the workbench did not start the test suite within 240 s';
        // An extension host that dies mid-run never reports an exit code: notice it in the server log.
        if (Date.now() - lastLogCheck > 2000) {
          lastLogCheck = Date.now();
          if (!hostGoneAt && /Extension Host Process exited/.test(cs.tail(dirs.log, 200))) hostGoneAt = Date.now();
          if (hostGoneAt && Date.now() - hostGoneAt > 15000) return 'the extension host exited without reporting a result (crashed?)';
        }
        if (Date.now() - t0 > opts.timeoutMs) return `the run did not finish within ${seconds(opts.timeoutMs)}`;
      }
    })();
    const outcome = await Promise.race([hostExited.then(code => ({ code })), watchdog.then(problem => ({ problem }))]);
    if (outcome.problem) throw new Harness(outcome.problem);
    state.tail.drain();
    try {
      summary = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    } catch {
      /* none written */
    }
    if (!summary) throw new Harness(`the suite wrote no results (extension host exit code ${outcome.code})`);
    for (const t of summary.tests.filter(t => t.state === 'failed')) {
      console.log(
        `\n✘ FAILED: ${t.title}\n${(t.error || '')
          .split('\n')
          .slice(0, 12)
          .map(l => `    ${l}`)
          .join('\n')}`,
      );
    }
    if (summary.passed + summary.failed === 0) {
      throw new Harness(opts.grep ? `no test matches --grep ${JSON.stringify(opts.grep)}` : 'no test ran');
    }
    if (summary.failed === 0 && outcome.code !== 0) throw new Harness(`the suite exited with code ${outcome.code} although no test failed`);
    exitCode = summary.failed > 0 ? 1 : 0;
    log(
      `${mode || 'integration'} run took ${seconds(Date.now() - t0)} (tests ${seconds(Date.now() - t3)})${summary.pending ? `, ${summary.pending} skipped` : ''}`,
    );
  } catch (e) {
    exitCode = 2;
    console.error(`[e2e] HARNESS BROKEN: ${e instanceof Harness ? e.message : (e && e.stack) || e}`);
    if (server) console.error(`[e2e] code-server log (tail):\n${cs.tail(path.join(tmp, 'server', 'code-server.log'), 25)}`);
  } finally {
    await cleanup();
    if (opts.keep || exitCode === 2) log(`temporary files kept in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = summary ? summary.passed : 0;
  const failed = summary ? summary.failed : 0;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(exitCode);
}

main().catch(e => {
  console.error(`[e2e] ${e.message || e}`);
  console.log('0 passed, 0 failed');
  process.exit(2);
});
