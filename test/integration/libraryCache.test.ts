// The library cache in the real VS Code: entries in the extension's global storage, and a damaged one is
// never used — the report is read from its file again, reads right, and the entry is written afresh.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from './helpers';

const BUNDLED = 'us-pakistan-relations-in-flux.txt';

suite('Library cache', () => {
  test('a corrupt cache entry is rebuilt and the report reads right', async () => {
    const api = await getApi();
    const before = await api.library.ready();
    const report = () => api.library.current.reports.find(r => r.source === BUNDLED);
    const expected = JSON.stringify(report());
    assert.ok(report()?.figures.some(f => f.text === 'US$845 million' && f.value === 845_000_000));

    const folder = api.library.cacheFolder;
    const entry = await waitFor(
      async () => {
        for (const [name] of await vscode.workspace.fs.readDirectory(folder)) {
          const uri = vscode.Uri.joinPath(folder, name);
          const head = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, 512));
          if (head.split('\n')[0]!.includes(` ${BUNDLED} `)) return uri;
        }
        return undefined;
      },
      15000,
      'the bundled report in the cache',
    );
    // copies: readFile may give a Node Buffer, whose slice() is a view of the same bytes
    const original = new Uint8Array(await vscode.workspace.fs.readFile(entry));

    // one bit of the first figure's value flipped: still JSON, a different number
    const damaged = new Uint8Array(original);
    const text = new TextDecoder('latin1').decode(damaged);
    const digit = text.indexOf('"value":') + '"value":'.length;
    assert.ok(damaged[digit]! >= 0x30 && damaged[digit]! <= 0x39, 'a digit to flip');
    damaged[digit] = damaged[digit]! ^ 1;
    await vscode.workspace.fs.writeFile(entry, damaged);

    await api.library.reload();
    const load = api.library.dossier.lastLoad!;
    assert.strictEqual(JSON.stringify(report()), expected, 'the report as parsed from its file');
    assert.strictEqual(load.cached, load.reports.length - 1, 'every other report from the cache');
    assert.strictEqual(load.reports.length, before.reports.length);
    assert.ok(Buffer.from(await vscode.workspace.fs.readFile(entry)).equals(Buffer.from(original)), 'the entry written afresh');
    const hits = await api.dossier.search('845m', { limit: 5 });
    assert.ok(hits.some(h => h.kind === 'figure' && h.label === 'US$845 million'));

    await api.library.reload();
    assert.strictEqual(api.library.dossier.lastLoad!.cached, load.reports.length, 'the next start reads it from the cache');
  });
});
