// `npm run fuzz`: every parser and reader on many generated cases (DOSSIER_FUZZ_RUNS, default 10,000 each), each
// in a watched child process (test/fuzz/run.ts). Options pass through: npm run fuzz -- --only CSL --runs 500
const { spawnSync } = require('child_process');
const path = require('path');

const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fuzz', 'run.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: path.join(__dirname, '..'),
});
process.exit(result.status ?? 2);
