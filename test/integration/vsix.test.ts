// Runs only in `node test/e2e/run.js --vsix`: the packaged .vsix is installed into a clean extensions
// folder and no development copy of Dossier is loaded, so everything here checks the shipped artifact.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, openFixture } from './helpers';

suite('Packaged extension (.vsix)', () => {
  test('Dossier is installed from the .vsix, not loaded from the sources', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const root = extension.extensionPath;
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension.js')), 'dist/extension.js missing');
    assert.ok(!fs.existsSync(path.join(root, 'src')), `the package ships its sources (${root}/src)`);
    assert.ok(!fs.existsSync(path.join(root, 'esbuild.js')), 'the package ships build tools');
  });

  test('the package holds no tests, sources, maps, caches or node_modules', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const unwanted: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const rel = path.relative(root, path.join(dir, entry.name));
        if (/^(src|test|out|bench|scripts|node_modules|\.ci|\.vscode-test|test-results)$/.test(rel) || /\.(map|ts|vsix)$/.test(entry.name))
          unwanted.push(rel);
        else if (entry.isDirectory()) walk(path.join(dir, entry.name));
      }
    };
    walk(root);
    assert.deepStrictEqual(unwanted, []);
  });

  test('the installed extension activates and loads the bundled report', async () => {
    await openFixture('notes.md'); // a Markdown file: one of Dossier's activation events
    const api = await getApi();
    const library = await api.library.ready();
    assert.deepStrictEqual(
      library.reports.map(r => r.id),
      ['us-pakistan-relations-in-flux'],
      'the bundled report did not load from the package',
    );
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dossier.showLog'), 'dossier.showLog not registered');
  });

  test('the lazy bundles load on their own (their dependencies are bundled)', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const lazy = fs.readdirSync(path.join(root, 'dist')).filter(f => /^(charts|csl)\.js$/.test(f));
    for (const file of lazy) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(path.join(root, 'dist', file));
      assert.ok(loaded && Object.keys(loaded).length > 0, `dist/${file} exports nothing`);
    }
  });
});
