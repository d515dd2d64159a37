import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommand } from '../../src/cli/parse';
import { figuresCommand } from '../../src/cli/figures';
import { commands } from '../../src/cli/commands';
import type { CliIO } from '../../src/cli/command';

const SEED = 'data/reports/us-pakistan-relations-in-flux.txt';

async function run(command: { run(args: string[], io: CliIO): Promise<number> }, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  fs.writeFileSync(path.join(dir, 'blank.txt'), ' \n\t\n');
  fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 report text.', 'latin1'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.copyFileSync('test/fixtures/reports/linked-numbered-list.md', path.join(dir, 'lib', 'gulf.md'));
  fs.writeFileSync(path.join(dir, 'lib', 'ignored.json'), 'not a report'); // no reader takes .json: not picked up
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dossier parse', () => {
  test('is registered', () => {
    assert.ok(commands.some(c => c.name === 'parse'));
    assert.ok(commands.some(c => c.name === 'figures'));
  });

  test('--json prints the Report model', async () => {
    const r = await run(parseCommand, [SEED, '--json']);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const report = JSON.parse(r.out);
    assert.deepEqual(
      Object.keys(report).filter(k => ['id', 'key', 'title', 'date', 'authors', 'sections', 'footnotes', 'figures'].includes(k)).length,
      8,
    );
    assert.equal(report.date, '2025-05-19');
    assert.equal(report.key, 'usPakistanFlux2025');
    assert.equal(report.sections.length, 4);
    assert.equal(report.sections.flatMap((s: { paragraphs: unknown[] }) => s.paragraphs).length, 31);
    assert.equal(report.footnotes.length, 24);
    assert.deepEqual(Object.keys(report.footnotes[16]), ['n', 'key', 'text', 'source', 'refersTo', 'citedBy']);
    assert.match(r.out, /^\{\n {2}"id"/, 'pretty-printed');
  });

  test('without --json: a readable summary', async () => {
    const r = await run(parseCommand, [SEED]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^U\.S\.-Pakistan Relations in Flux/);
    assert.match(r.out, /4 sections, 31 paragraphs, 24 notes/);
    assert.match(r.out, /s3 +Motivations for navigating constraints/);
    assert.match(r.out, /17 +diplomat2025 +→ note 16/);
  });

  for (const [name, file, why] of [
    ['missing', 'nope.txt', /no such file/],
    ['empty', 'empty.txt', /empty/],
    ['whitespace-only', 'blank.txt', /whitespace/],
    ['binary', 'binary.txt', /binary/],
    ['not UTF-8', 'latin1.txt', /UTF-8/],
    ['a folder', '.', /folder/],
  ] as const) {
    test(`a ${name} file: one line on stderr, exit 2, nothing on stdout`, async () => {
      const r = await run(parseCommand, [path.join(dir, file), '--json']);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, why);
      assert.equal(r.err.split('\n').length, 1);
      assert.match(r.err, /^dossier parse: /);
    });
  }

  test('usage errors exit 2', async () => {
    assert.equal((await run(parseCommand, [])).code, 2);
    assert.equal((await run(parseCommand, [SEED, '--bogus'])).code, 2);
    assert.equal((await run(parseCommand, [SEED, '--format', 'pdf'])).code, 2);
  });
});

describe('dossier figures', () => {
  test('without FILE: the bundled report as an aligned table', async () => {
    const r = await run(figuresCommand, []);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.match(lines[0], /^id +as written +value +unit +qualifier +subject$/);
    const valueEnd = lines[0].indexOf('value') + 'value'.length;
    const f2 = lines.find(l => l.includes('US$845 million'));
    assert.ok(f2, 'US$845 million is listed');
    assert.equal(f2.slice(0, valueEnd).trimEnd().endsWith('845,000,000'), true, 'values right-aligned under "value"');
  });

  test('--json: figures with their report id', async () => {
    const r = await run(figuresCommand, [SEED, '--json']);
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out);
    assert.ok(Array.isArray(rows));
    for (const row of rows) {
      assert.equal(row.report, 'us-pakistan-relations-in-flux');
      assert.equal(typeof row.value, 'number');
      assert.ok(row.sentence.includes(row.text));
    }
  });

  test('--library DIR adds every .md/.txt report in the folder', async () => {
    const r = await run(figuresCommand, ['--json', '--library', path.join(dir, 'lib')]);
    assert.equal(r.code, 0);
    const reports = new Set(JSON.parse(r.out).map((row: { report: string }) => row.report));
    assert.ok(reports.has('us-pakistan-relations-in-flux'));
    const table = await run(figuresCommand, ['--library', path.join(dir, 'lib')]);
    assert.match(table.out.split('\n')[0], /^report +id/);
  });

  test('a bad FILE or --library folder: exit 2, one line on stderr', async () => {
    for (const args of [
      [path.join(dir, 'binary.txt')],
      ['--library', path.join(dir, 'missing')],
      [path.join(dir, 'empty.txt'), '--json'],
    ]) {
      const r = await run(figuresCommand, args);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, /^dossier figures: [^\n]+$/);
    }
  });
});

describe('dossier bib', () => {
  const bib = commands.find(c => c.name === 'bib')!;

  test('every report and its distinct note sources; --with-reports (the old opt-in) changes nothing', async () => {
    const r = await run(bib, []);
    assert.equal(r.code, 0, r.err);
    const ids = JSON.parse(r.out).map((e: { id: string }) => e.id);
    assert.equal(ids.length, 22);
    assert.equal(ids[0], 'usPakistanFlux2025');
    assert.equal((await run(bib, ['--with-reports'])).out, r.out);
  });

  test('--cited NOTES.md: only what the memo cites, and a word about keys the library lacks', async () => {
    const r = await run(bib, ['--cited', 'test/fixtures/workspace/memo.md']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      JSON.parse(r.out).map((e: { id: string }) => e.id),
      [
        'usPakistanFlux2025',
        'profit2025',
        'syed2025',
        'channelNews2025',
        'diplomat2025',
        'associatedPress2025',
        'dawn2025',
        'diplomat2025b',
      ],
    );
    assert.match(r.err, /^not in the library, so not in the bibliography: @nosuchkey2025 /);
    const ris = await run(bib, ['--cited', 'test/fixtures/workspace/memo.md', '--format', 'ris']);
    assert.equal((ris.out.match(/^TY {2}- /gm) ?? []).length, 8);
  });

  test('--cited with an unreadable note: exit 2, one line naming it', async () => {
    const r = await run(bib, ['--cited', path.join(dir, 'binary.txt')]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^dossier bib: .*binary\.txt: looks like a binary file/);
  });
});

describe('the dossier process', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });

  test('parse FILE --json exits 0 with JSON on stdout', () => {
    const r = cli('parse', SEED, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).footnotes.length, 24);
  });

  test('a missing file exits 2 with one stderr line and no stdout', () => {
    const r = cli('parse', path.join(dir, 'nope.txt'), '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('a binary file given to figures exits 2', () => {
    const r = cli('figures', path.join(dir, 'binary.txt'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /binary/);
  });
});

describe('the CLI over the dossier: warnings on stderr, every Markdown extension, special files', () => {
  let warned: string;
  before(() => {
    warned = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-warn-'));
    fs.writeFileSync(path.join(warned, 'gaps.mdown'), '# Gaps\n\nA claim with no note behind it.[^9] It cost 12 dollars.\n');
  });
  after(() => fs.rmSync(warned, { recursive: true, force: true }));

  test('parse --json keeps stdout for the model and says the warning on stderr', async () => {
    const file = path.join(warned, 'gaps.mdown');
    const r = await run(parseCommand, [file, '--json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).title, 'Gaps');
    assert.equal(r.err, `dossier parse: ${file}: Marker [9] in paragraph p1 has no note.`);
  });

  test('a .mdown report in a --library folder is read, and its warning printed', async () => {
    const r = await run(figuresCommand, ['--json', '--library', warned]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      [...new Set(JSON.parse(r.out).map((row: { report: string }) => row.report))],
      ['us-pakistan-relations-in-flux', 'gaps'],
    );
    assert.equal(r.err, `dossier: ${path.join(warned, 'gaps.mdown')}: Marker [9] in paragraph p1 has no note.`);
  });

  test('a device is refused before it is read (/dev/zero would never end)', async () => {
    const r = await run(parseCommand, ['/dev/zero']);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'dossier parse: /dev/zero: is not a regular file (a device, a pipe or a socket), so it is not read');
  });
});
