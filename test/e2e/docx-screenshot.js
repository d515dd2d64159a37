// The README's picture of an exported Word file: the sample memo (with a chart block added) exported by
// `dossier export --to docx --style chicago`, opened by LibreOffice headless (Debian's package, installed
// by the harness when missing), its first two pages rendered to PNG by poppler's pdftoppm.
//   node test/e2e/docx-screenshot.js   → media/screenshots/export-docx-1.png and -2.png (after npm run build)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ensureLibreOffice } = require('./provision');

const ROOT = path.join(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'media', 'screenshots');

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}${r.error ? r.error.message : ''}`);
  return r.stdout;
}

const soffice = ensureLibreOffice();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-docx-'));
const memo = path.join(dir, 'memo.md');
fs.writeFileSync(
  memo,
  fs
    .readFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', 'memo.md'), 'utf8')
    .replace(
      '## Recommendations',
      '```dossier-chart\ntitle: Reciprocal tariffs on textile exporters\nfigures: [29 percent, 39 percent, 46 percent]\n```\n\n## Recommendations',
    ),
);
run(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'export', memo, '--to', 'docx', '--style', 'chicago']);
// a profile of its own, so a LibreOffice already running elsewhere is not asked to do the work
run(soffice, [
  `-env:UserInstallation=file://${dir}/profile`,
  '--headless',
  '--convert-to',
  'pdf',
  '--outdir',
  dir,
  path.join(dir, 'memo.docx'),
]);
run('pdftoppm', ['-png', '-r', '64', '-f', '1', '-l', '2', path.join(dir, 'memo.pdf'), path.join(dir, 'page')]);
for (const page of [1, 2]) {
  const shot = path.join(SHOTS, `export-docx-${page}.png`);
  fs.copyFileSync(path.join(dir, `page-${page}.png`), shot);
  console.log(shot);
}
fs.rmSync(dir, { recursive: true, force: true });
