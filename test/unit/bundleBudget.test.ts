// The extension bundle's budget: dist/extension.js as `node esbuild.js --production` builds it (here in
// memory, with esbuild.js's own options) must stay within EXTENSION_BUDGET_BYTES, or activation slows down;
// so must extension.js and dist/core.js together, what every window's start loads (activation, then the
// library's first load).
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
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { coreModules } = require('../../scripts/lazyCore.js') as {
  coreModules(root: string, inputs: Record<string, unknown>): Map<string, string>;
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
  const lazyCore = options.plugins?.find(p => p.name === 'lazy-core') as
    | (esbuild.Plugin & {
        buildCore(o: esbuild.BuildOptions, m: Map<string, string>, f: string, e: esbuild.BuildOptions): Promise<esbuild.BuildResult>;
      })
    | undefined;
  assert.ok(lazyCore, 'esbuild.js builds the core into dist/core.js (scripts/lazyCore.js)');
  const modules = coreModules(process.cwd(), output.inputs);
  assert.ok(
    modules.has('dossier'),
    `extension.js reaches createDossier through dist/core.js (stand-ins: ${[...modules.keys()].join(', ')})`,
  );
  const core = await lazyCore.buildCore(
    { ...options, minify: true, sourcemap: false },
    modules,
    path.join(os.tmpdir(), 'dossier-budget', 'core.js'),
    {
      write: false,
      metafile: true,
      logLevel: 'silent',
    },
  );
  const coreBytes = Object.values(core.metafile!.outputs)[0]!.bytes;
  assert.ok(
    output.bytes + coreBytes <= EXTENSION_BUDGET_BYTES,
    `extension.js (${output.bytes.toLocaleString('en-US')} bytes) and dist/core.js (${coreBytes.toLocaleString('en-US')}) would ` +
      `be over the budget of ${EXTENSION_BUDGET_BYTES.toLocaleString('en-US')} together: what only a command needs belongs in a lazy bundle.`,
  );
});
