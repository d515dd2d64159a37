// `npm run fuzz`: the fuzz/ReDoS suite with many generated cases per parser (DOSSIER_FUZZ_RUNS, default 10,000).
const { spawnSync } = require('child_process');
const path = require('path');

const env = { ...process.env, DOSSIER_FUZZ_RUNS: process.env.DOSSIER_FUZZ_RUNS || '10000' };
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-timeout=3600000',
    ...['fuzz.test.ts', 'fuzz-readers.test.ts'].map(f => path.join(__dirname, 'unit', f)),
  ],
  {
    stdio: 'inherit',
    cwd: path.join(__dirname, '..'),
    env,
  },
);
process.exit(result.status ?? 2);
