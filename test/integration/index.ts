// The suite entry VS Code loads in the extension host (extensionTestsPath). Launcher-agnostic: the
// code-server runner (test/e2e/run.js) and the desktop runner (test/e2e/desktop.js) both load it.
//
// Which files run depends on DOSSIER_TEST_MODE: unset → every *.test.js except tour* and vsix*;
// "tour" → tour*.test.js (README screenshots); "vsix" → vsix*.test.js (the packaged extension);
// "untrusted" → untrusted*.test.js (Restricted Mode: run.js --untrusted).
// DOSSIER_TEST_GREP filters tests by title (mocha --grep). A JSON summary with every test's outcome
// goes to DOSSIER_TEST_RESULTS, which the runner reads: it trusts that file, not the exit code alone.
// DOSSIER_TEST_LOG receives everything the tests print, in order: the runner tails it, because the
// workbench forwards the extension host's console mixed with its own log lines.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';
import { notifyStarted } from './helpers';

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

function filesToRun(dir: string): string[] {
  const mode = process.env.DOSSIER_TEST_MODE ?? '';
  const isSpecial = (f: string) => /^(tour|vsix|untrusted)/.test(f);
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.test.js'))
    .filter(f => (mode ? f.startsWith(mode) : !isSpecial(f)))
    .sort()
    .map(f => path.join(dir, f));
}

/**
 * Copies console output to `file` (synchronously, so lines keep their order). The extension host
 * guards console's methods with accessors that ignore assignment, so they are redefined instead.
 */
function teeConsole(file: string): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    const tee = (...args: unknown[]) => {
      try {
        fs.appendFileSync(file, format(...args) + '\n');
      } catch {
        // the runner went away; the original console still has it
      }
      original(...args);
    };
    try {
      Object.defineProperty(console, level, { value: tee, writable: true, configurable: true });
    } catch {
      // not configurable here: output then only reaches the workbench log
    }
  }
}

export async function run(): Promise<void> {
  if (process.env.DOSSIER_TEST_LOG) {
    teeConsole(process.env.DOSSIER_TEST_LOG);
    // mocha's reporters print through the console.log they saw when mocha was loaded
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  }
  await notifyStarted();
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.DOSSIER_TEST_TIMEOUT_MS) || 30000,
    grep: process.env.DOSSIER_TEST_GREP || undefined,
  });
  for (const file of filesToRun(__dirname)) mocha.addFile(file);

  const outcomes: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(failures => {
        const summary = {
          passed: outcomes.filter(o => o.state === 'passed').length,
          failed: failures,
          pending: outcomes.filter(o => o.state === 'pending').length,
          tests: outcomes,
        };
        const file = process.env.DOSSIER_TEST_RESULTS;
        if (file) fs.writeFileSync(file, JSON.stringify(summary, null, 2));
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
      return;
    }
    runner.on('pass', t => outcomes.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', t => outcomes.push({ title: t.fullTitle(), state: 'pending' }));
    // 'fail' also fires for hooks (before/after): those count as failures too.
    runner.on('fail', (t, err: Error) =>
      outcomes.push({
        title: t.fullTitle(),
        state: 'failed',
        durationMs: t.duration,
        error: (err && (err.stack || err.message)) || String(err),
      }),
    );
  });
}
