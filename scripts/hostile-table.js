#!/usr/bin/env node
/**
 * The hostile-input table of docs/security.md: writes every crafted input of the security review (issue 17)
 * at its size and at ten times it, runs each through the CLI (`node dist/cli.js …`, build it first with
 * `node esbuild.js`) under `/usr/bin/time`, and prints exit code, the first line of the message, wall time,
 * processor time and peak memory as a Markdown table. A run is stopped after TIMEOUT_S (default 60) seconds.
 *
 *   node scripts/hostile-table.js [--only WORD] [--keep DIR]
 */
const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TIMEOUT_S = Number(process.env.TIMEOUT_S ?? 60);
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
const BUNDLED_KEY = 'usPakistanFlux2025';

const report = body => `A Report Title\n\nThe program spent a great deal of money over the years, officials said [1].\n\n${body}\n`;
const repeat = (n, make, sep) => Array.from({ length: n }, (_, i) => make(i)).join(sep);
const aliasBomb = depth => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= depth; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\nfigures: *a${depth}\n`;
};

/**
 * Each input: what it is, the CLI words (FILE stands for the written input, DIR for a folder holding it as
 * its only report), and the file it writes for a scale k (1, then 10).
 */
const cases = [
  {
    name: 'note `# n` + `[` + `@`×100,000 (check)',
    file: 'note.md',
    argv: ['check', 'FILE'],
    make: k => `# n\n\n[${'@'.repeat(100_000 * k)}`,
  },
  {
    name: 'note with `[^x] [@key] `×200,000 (check)',
    file: 'note.md',
    argv: ['check', 'FILE'],
    make: k => `# n\n\nText ${'[^x] [@key] '.repeat(200_000 * k)}.\n`,
  },
  {
    name: 'report line `Notes` + 100,000 spaces + `x` (parse)',
    file: 'report.txt',
    argv: ['parse', 'FILE'],
    make: k => report(`Notes${' '.repeat(100_000 * k)}x\n\n[1] A note.`),
  },
  {
    name: 'note source with 40,000 trailing `.` (parse)',
    file: 'report.txt',
    argv: ['parse', 'FILE'],
    make: k => report(`[1] A note, https://example.com/a${'.'.repeat(40_000 * k)}x`),
  },
  {
    name: '8,000 short-form notes by one author (parse: keys, short forms)',
    file: 'report.txt',
    argv: ['parse', 'FILE'],
    make: k => report(repeat(8_000 * k, i => `[${i + 1}] John Smith, “Report number ${i + 1} about things.”`, '\n\n')),
  },
  {
    name: 'search `zebra` in a paragraph of `zebra `×40,000',
    file: 'zebra.txt',
    argv: ['search', 'zebra', '--library', 'DIR'],
    // one paragraph, its lines of 20 words (a single line that long would be skipped as over-long)
    make: k => report(`${repeat(2_000 * k, () => 'zebra '.repeat(20), '\n')}end.`),
  },
  {
    name: 'Markdown report titled `T` + 80,000 spaces + `x` (parse)',
    file: 'report.md',
    argv: ['parse', 'FILE'],
    make: k => `---\ntitle: "T${' '.repeat(80_000 * k)}x"\n---\n\nA first paragraph with words enough [^1].\n\n[^1]: A note.\n`,
  },
  {
    name: '10,000 figures in one paragraph (figures)',
    file: 'report.txt',
    argv: ['figures', 'FILE'],
    make: k => `A Report Title\n\n${repeat(1_000 * k, i => repeat(10, j => `about ${i * 10 + j + 1} percent`, ', '), ',\n')}.\n`,
  },
  {
    name: '420 KB `.csl` of repeated `<style ` (cite --style)',
    file: 'style.csl',
    argv: ['cite', BUNDLED_KEY, '--style', 'FILE'],
    make: k => `<style xmlns="http://purl.org/net/xbiblio/csl"><!--${'<style '.repeat(60_000 * k)}--><info/></style>`,
  },
  {
    name: 'YAML alias bomb in a `dossier-chart` block, 9×9 aliases (chart --note)',
    file: 'note.md',
    argv: ['chart', '--note', 'FILE', '--out', 'OUT'],
    // ten times the bomb: one more level of aliases (9¹⁰ values)
    make: k => `# Note\n\n\`\`\`dossier-chart\ntitle: Bomb\n${aliasBomb(k === 1 ? 9 : 10)}\`\`\`\n`,
  },
  {
    name: '130,000 paragraphs in one section (parse)',
    file: 'report.txt',
    argv: ['parse', 'FILE'],
    make: k =>
      `A Report Title\n\n${repeat(130_000 * k, i => `The program spent money on item ${i} in the year, officials said.`, '\n\n')}\n`,
  },
  {
    name: '150,000 figures (figures)',
    file: 'report.txt',
    argv: ['figures', 'FILE'],
    make: k => `A Report Title\n\n${repeat(15_000 * k, i => `${repeat(10, j => `about ${i * 10 + j + 1} percent`, ', ')}.`, '\n\n')}\n`,
  },
  { name: '`/dev/zero` as a report (parse)', argv: ['parse', '/dev/zero'], special: true },
  { name: 'a FIFO as a report (parse)', file: 'fifo.txt', argv: ['parse', 'FILE'], fifo: true },
];

function timeAvailable() {
  try {
    execFileSync('/usr/bin/time', ['-f', '%e', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(argv, cwd) {
  const stats = path.join(cwd, 'time.txt');
  const command = timeAvailable()
    ? ['/usr/bin/time', ['-o', stats, '-f', '%e %U %S %M', process.execPath, CLI, ...argv]]
    : [process.execPath, [CLI, ...argv]];
  const started = process.hrtime.bigint();
  const result = spawnSync(command[0], command[1], { cwd, encoding: 'utf8', timeout: TIMEOUT_S * 1000, maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const killed = result.signal !== null || result.error?.code === 'ETIMEDOUT';
  let cpu;
  let rssMB;
  if (!killed && fs.existsSync(stats)) {
    const last = fs.readFileSync(stats, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (last.length === 4 && last.every(Number.isFinite)) {
      cpu = last[1] + last[2];
      rssMB = last[3] / 1024;
    }
  }
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const message = text
    .split('\n')
    .map(l => l.trim())
    .find(l => l && !/^Command (exited|terminated)/.test(l));
  return {
    exit: killed ? `killed at ${TIMEOUT_S} s` : String(result.status),
    message: (message ?? '').slice(0, 140).trimEnd(),
    wall,
    cpu,
    rssMB,
  };
}

function main() {
  if (!fs.existsSync(CLI)) {
    console.error('dist/cli.js is missing: run `node esbuild.js` first.');
    process.exit(2);
  }
  const rows = [];
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    for (const k of c.special || c.fifo ? [1] : [1, 10]) {
      const dir = fs.mkdtempSync(path.join(keep ?? os.tmpdir(), 'hostile-'));
      const lib = path.join(dir, 'lib');
      fs.mkdirSync(lib);
      let size = '';
      const file = c.file && path.join(lib, c.file);
      if (c.fifo) execFileSync('mkfifo', [file]);
      else if (c.make) {
        const content = c.make(k);
        fs.writeFileSync(file, content);
        size = `${(Buffer.byteLength(content) / 1024).toFixed(0)} KB`;
      }
      const argv = c.argv.map(a => (a === 'FILE' ? file : a === 'DIR' ? lib : a === 'OUT' ? path.join(dir, 'out') : a));
      const r = run(argv, dir);
      r.message = r.message
        .split(lib + path.sep)
        .join('')
        .split(dir + path.sep)
        .join('');
      rows.push({ name: c.name, scale: c.special || c.fifo ? '' : k === 1 ? '1×' : '10×', size, ...r });
      process.stderr.write(`${c.name} ${k}×: exit ${r.exit}, ${r.wall.toFixed(2)} s\n`);
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const cell = s => String(s).replace(/\|/g, '\\|').replace(/`/g, "'");
  console.log('| input | scale | size | exit | message (first line) | wall s | CPU s | max RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.scale} | ${r.size} | ${r.exit} | ${cell(r.message)} | ${r.wall.toFixed(2)} | ${r.cpu === undefined ? '' : r.cpu.toFixed(2)} | ${r.rssMB === undefined ? '' : r.rssMB.toFixed(0)} |`,
    );
  }
  console.log(`\n${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end; Node ${process.version}.`);
}

main();
