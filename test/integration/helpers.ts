/*
 * Helpers for Dossier's integration tests (mocha tdd: `suite` / `test`), which run inside a real VS Code
 * extension host against a temporary copy of test/fixtures/workspace.
 *
 * Run them:
 *   npm run test:integration                          every suite (code-server + headless Chromium)
 *   npm run test:integration -- --grep "Activation"   only tests whose full title matches (mocha --grep)
 *   node test/e2e/run.js --grep Outline --keep        same, keeping the temp folder (logs) afterwards
 *   node test/e2e/run.js --help                       every option (--verbose shows the workbench's console)
 *   npm run screenshots                               the README tour (tour.test.ts) → media/screenshots/
 *   npm run test:desktop                              the same suites in desktop VS Code (@vscode/test-electron)
 * A suite is one file test/integration/<feature>.test.ts; name its `suite()` after the feature so
 * `--grep <Feature>` selects it. Screenshots a test takes land in test-results/<name>.png.
 * Tests are bundled one file each by esbuild: import helpers and src/ modules freely, but note that a
 * src/ class imported here is a different copy from the extension's (compare data, not `instanceof`).
 */
import * as http from 'http';
import * as vscode from 'vscode';
import type { DossierApi } from '../../src/extension';

export const EXTENSION_ID = 'dossier.dossier';

/** Activates Dossier (if needed) and returns the API object `activate` exports. */
export async function getApi(): Promise<DossierApi> {
  const extension = vscode.extensions.getExtension<DossierApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  if (!api) throw new Error('Dossier activated without an API: activation failed (see the Dossier log)');
  return api;
}

/** The workspace folder the tests run in: a throw-away copy of test/fixtures/workspace. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return folder.uri;
}

/** A file of the fixture workspace, e.g. fixtureUri('notes.md'). */
export function fixtureUri(relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...relPath.split('/'));
}

/** Opens a fixture file in an editor (the active one unless `column` says otherwise). */
export async function openFixture(relPath: string, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relPath));
  return vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
}

/**
 * Polls `predicate` until it returns something truthy, and returns that. Rejects after `timeoutMs`
 * with `message` — for things VS Code does asynchronously (diagnostics, tree refreshes, webviews).
 */
export async function waitFor<T>(predicate: () => T | PromiseLike<T>, timeoutMs = 10000, message = 'condition'): Promise<NonNullable<T>> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${why}`);
    }
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Sets the workspace's `dossier.reports` to `files` and waits (10 s at most) until the library holds
 * `reportId`. The caller checks that it arrived, and resets the setting (to undefined) when done.
 */
export async function loadReports(api: DossierApi, files: string[], reportId: string): Promise<void> {
  const loaded = new Promise<void>(resolve => {
    const sub = api.library.onDidChange(library => {
      if (library.report(reportId)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await vscode.workspace.getConfiguration('dossier').update('reports', files, vscode.ConfigurationTarget.Workspace);
  await Promise.race([loaded, sleep(10000)]);
}

/** Closes every editor, so each test starts from an empty editor area. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---- Requests to the runner, which drives the browser showing the workbench -----------------------
// The code-server runner serves these on DOSSIER_TEST_RUNNER; other launchers (desktop) have no
// browser to drive: screenshot() then returns undefined and the input helpers throw.

/** Whether a runner that can take screenshots and type keys is attached. */
export function runnerAttached(): boolean {
  return !!process.env.DOSSIER_TEST_RUNNER;
}

/**
 * A test that types keys into the workbench: it needs the runner's browser, so only the code-server run
 * (npm run test:integration, npm test) defines it; the desktop launcher lists it as pending.
 */
export function keyboardTest(title: string, fn: () => Promise<void>): void {
  if (runnerAttached()) test(title, fn);
  else test.skip(title);
}

/** Sends one request to the runner; resolves with its JSON answer. */
export function askRunner<T = unknown>(action: string, body: Record<string, unknown> = {}, timeoutMs = 30000): Promise<T> {
  const base = process.env.DOSSIER_TEST_RUNNER;
  if (!base) return Promise.reject(new Error(`no test runner attached (cannot ${action})`));
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}/${action}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: timeoutMs },
      response => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', chunk => (text += chunk));
        response.on('end', () => {
          let answer: { error?: string } & Record<string, unknown>;
          try {
            answer = JSON.parse(text || '{}');
          } catch {
            reject(new Error(`runner answered ${action} with ${text.slice(0, 200)}`));
            return;
          }
          if (response.statusCode !== 200 || answer.error)
            reject(new Error(`runner: ${action} failed: ${answer.error ?? response.statusCode}`));
          else resolve(answer as T);
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`runner: ${action} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/**
 * Captures the whole workbench (as the browser shows it) to `<name>.png` — in test-results/, or in
 * media/screenshots/ during `npm run screenshots`. Waits for the workbench to settle first.
 * Returns the PNG's path, or undefined when no runner can take screenshots (desktop launcher).
 */
export async function screenshot(name: string): Promise<string | undefined> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  if (!runnerAttached()) return undefined;
  const answer = await askRunner<{ path: string }>('screenshot', { name });
  return answer.path;
}

/** Presses a key in the workbench, Playwright syntax: 'Enter', 'Escape', 'ArrowDown', 'Control+Shift+P'. */
export async function press(key: string): Promise<void> {
  await askRunner('press', { key });
}

/** Types text into whatever has focus in the workbench (a quick pick, an editor, an input box). */
export async function typeText(text: string): Promise<void> {
  await askRunner('type', { text });
}

/**
 * The visible text of every element matching a CSS selector, in the workbench and in all its frames
 * (webviews included) — to check what the user actually sees, e.g. domText('.monaco-list-row').
 */
export async function domText(selector: string): Promise<string[]> {
  const answer = await askRunner<{ texts: string[] }>('text', { selector });
  return answer.texts;
}

/** Tells the runner the suite has started (its watchdog stops waiting for the workbench). */
export function notifyStarted(): Promise<void> {
  if (!runnerAttached()) return Promise.resolve();
  return askRunner('started', {}, 5000).then(
    () => undefined,
    () => undefined,
  );
}
