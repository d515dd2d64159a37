// A trusted workspace's own settings may name reports inside it only; the user's settings may name any
// folder. (Restricted Mode, where the workspace's values are ignored altogether: untrusted.test.ts.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, waitFor } from './helpers';

suite('Workspace settings', () => {
  test('dossier.reports in the workspace settings cannot reach outside it; in the user settings it can', async () => {
    const api = await getApi();
    await api.library.ready();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-outside-'));
    const report = path.join(outside, 'outside-report.md');
    fs.writeFileSync(report, '---\ntitle: "Outside Report"\n---\n\n# Findings\n\nNot for a repository to load: 77 percent.\n');
    const config = () => vscode.workspace.getConfiguration('dossier');
    try {
      await config().update('reports', [report, `../${path.basename(outside)}`], vscode.ConfigurationTarget.Workspace);
      const load = await waitFor(
        () => {
          const last = api.library.dossier.lastLoad;
          return last && last.problems.length === 2 ? last : undefined;
        },
        15000,
        'the reload that refuses both paths',
      );
      assert.deepStrictEqual(
        load.problems.map(p => p.message),
        [
          "outside the workspace; a workspace's settings may only name reports inside it (name it in your user settings instead)",
          "outside the workspace; a workspace's settings may only name reports inside it (name it in your user settings instead)",
        ],
      );
      assert.ok(!load.library.reports.some(r => r.title === 'Outside Report'));

      await config().update('reports', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('reports', [report], vscode.ConfigurationTarget.Global);
      await waitFor(() => api.library.current.reports.some(r => r.title === 'Outside Report'), 15000, "the user's report to load");
    } finally {
      await config().update('reports', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('reports', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(outside, { recursive: true, force: true });
    }
    await waitFor(() => !api.library.current.reports.some(r => r.title === 'Outside Report'), 15000, "the user's report to go again");
  });
});
