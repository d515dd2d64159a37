// The extension bundle's budget: dist/extension.js as `node esbuild.js --production` builds it (here in
// memory, with esbuild.js's own options) must stay within EXTENSION_BUDGET_BYTES, or activation slows down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundles, EXTENSION_BUDGET_BYTES } = require('../../esbuild.js') as {
  bundles: esbuild.BuildOptions[];
  EXTENSION_BUDGET_BYTES: number;
};

test(`the production extension.js stays within its budget`, async () => {
  const options = bundles.find(b => (b.entryPoints as string[]).includes('src/extension.ts'));
  assert.ok(options, 'esbuild.js builds src/extension.ts');
  const result = await esbuild.build({
    ...options,
    minify: true,
    sourcemap: false,
    write: false,
    metafile: true,
    outdir: undefined,
    outfile: path.join(os.tmpdir(), 'dossier-budget', 'extension.js'),
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find(o => o.entryPoint === 'src/extension.ts')!;
  const largest = Object.entries(output.inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 5)
    .map(([file, input]) => `${file} ${input.bytesInOutput.toLocaleString('en-US')}`)
    .join(', ');
  assert.ok(
    output.bytes <= EXTENSION_BUDGET_BYTES,
    `dist/extension.js would be ${output.bytes.toLocaleString('en-US')} bytes, over its budget of ` +
      `${EXTENSION_BUDGET_BYTES.toLocaleString('en-US')} (${EXTENSION_BUDGET_BYTES / 1024} KB) by ` +
      `${(output.bytes - EXTENSION_BUDGET_BYTES).toLocaleString('en-US')}. Largest parts: ${largest}. ` +
      'Code that runs only from a command belongs in dist/commands.js (src/lazy/commands.ts).',
  );
});
