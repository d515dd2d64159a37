// Runs every unit test (test/unit/**/*.test.ts) with node's test runner; TypeScript through tsx.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = findTests(path.join(__dirname, 'unit')).sort();
if (files.length === 0) {
  console.error('no unit tests found under test/unit');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
  cwd: path.join(__dirname, '..'),
});
process.exit(result.status ?? 2);
