// Every CLI command reads its input through src/cli/load.ts and fails through src/cli/errors.ts:
// one stderr line naming the command, nothing on stdout, exit 2.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bibCommand } from '../../src/cli/bib';
import { chartCommand } from '../../src/cli/chart';
import { checkCommand } from '../../src/cli/check';
import { citeCommand } from '../../src/cli/cite';
import { commands } from '../../src/cli/commands';
import type { CliCommand } from '../../src/cli/command';
import { UsageError } from '../../src/cli/errors';
import { parseArgs } from '../../src/cli/load';
import { searchCommand } from '../../src/cli/search';

async function run(command: CliCommand, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** exit 2, nothing on stdout, exactly one stderr line that starts with "dossier NAME: " and matches `why` */
function assertFailsInOneLine(r: { code: number; out: string; err: string }, name: string, why: RegExp) {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.out, '');
  assert.equal(r.err.split('\n').length, 1, r.err);
  assert.ok(r.err.startsWith(`dossier ${name}: `), r.err);
  assert.match(r.err, why);
}

let dir: string;
const SEED = 'data/reports/us-pakistan-relations-in-flux.txt';
const at = (...parts: string[]) => path.join(dir, ...parts);

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-load-'));
  for (const name of ['binary', 'latin1', 'empty', 'good']) fs.mkdirSync(at(name));
  fs.writeFileSync(at('binary', 'scan.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  fs.writeFileSync(at('latin1', 'caf.txt'), Buffer.from('Caf\xe9 report.\n\nA paragraph [1].\n\n1. A source, 2024.\n', 'latin1'));
  fs.writeFileSync(at('empty', 'nothing.md'), '');
  fs.copyFileSync('test/fixtures/reports/linked-numbered-list.md', at('good', 'gulf.md'));
  fs.writeFileSync(at('note-binary.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]));
  fs.writeFileSync(at('note-latin1.md'), Buffer.from('A 29 percent tariff, says the caf\xe9 owner.\n', 'latin1'));
  fs.writeFileSync(at('note-empty.md'), '');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--library DIR: every command rejects an unreadable report in the folder', () => {
  test('dossier bib --library DIR with a binary file: exit 2, one line', async () => {
    assertFailsInOneLine(await run(bibCommand, '--library', at('binary')), 'bib', /scan\.md: looks like a binary file/);
  });

  test('dossier bib --library DIR with a Latin-1 file: exit 2 (never read as U+FFFD and accepted)', async () => {
    assertFailsInOneLine(await run(bibCommand, '--library', at('latin1')), 'bib', /caf\.txt: is not valid UTF-8/);
  });

  for (const [name, args] of [
    ['cite', ['usPakistanFlux2025']],
    ['check', ['test/fixtures/workspace/memo.md']],
    ['chart', ['--list']],
    ['search', ['tariff']],
  ] as const) {
    const command = commands.find(c => c.name === name)!;
    test(`dossier ${name} --library DIR with a binary / empty / missing entry: exit 2, one line`, async () => {
      assertFailsInOneLine(await run(command, ...args, '--library', at('binary')), name, /binary/);
      assertFailsInOneLine(await run(command, ...args, '--library', at('empty')), name, /nothing\.md: the file is empty/);
      assertFailsInOneLine(await run(command, ...args, '--library', at('missing')), name, /missing: no such folder/);
    });
  }

  test('--library also takes a single report file, as the dossier.reports setting does', async () => {
    const r = await run(bibCommand, '--library', at('good', 'gulf.md'));
    assert.equal(r.code, 0, r.err);
    const withFolder = await run(bibCommand, '--library', at('good'));
    assert.equal(r.out, withFolder.out);
    assert.ok(JSON.parse(r.out).length > JSON.parse((await run(bibCommand)).out).length);
  });
});

describe('dossier check reads the note as strictly as a report', () => {
  for (const [kind, file, why] of [
    ['binary', 'note-binary.md', /looks like a binary file/],
    ['non-UTF-8', 'note-latin1.md', /is not valid UTF-8/],
    ['empty', 'note-empty.md', /the file is empty/],
    ['missing', 'no-such-note.md', /no such file/],
    ['folder', '.', /is a folder/],
  ] as const) {
    test(`a ${kind} note: exit 2, one line naming the file`, async () => {
      const r = await run(checkCommand, at(file));
      assertFailsInOneLine(r, 'check', why);
      assert.ok(r.err.includes(at(file)), r.err);
    });
  }
});

describe('dossier chart --note reads the note strictly', () => {
  test('a missing note: exit 2, one line', async () => {
    assertFailsInOneLine(await run(chartCommand, '--note', at('no-such-note.md')), 'chart', /no-such-note\.md: no such file/);
  });

  test('a binary note: exit 2, one line', async () => {
    assertFailsInOneLine(await run(chartCommand, '--note', at('note-binary.md')), 'chart', /binary/);
  });
});

describe('dossier cite: input problems are one line too', () => {
  test('an unknown key', async () => {
    assertFailsInOneLine(await run(citeCommand, 'noSuchKey2099'), 'cite', /no report or note source has the key "noSuchKey2099"/);
  });

  test('a missing or binary .csl style file', async () => {
    assertFailsInOneLine(await run(citeCommand, 'usPakistanFlux2025', '--style', at('missing.csl')), 'cite', /missing\.csl: no such file/);
    fs.copyFileSync(at('note-binary.md'), at('binary.csl'));
    assertFailsInOneLine(
      await run(citeCommand, 'usPakistanFlux2025', '--style', at('binary.csl')),
      'cite',
      /binary\.csl: looks like a binary file/,
    );
  });
});

describe('usage errors look the same in every command', () => {
  for (const command of commands) {
    test(`dossier ${command.name} --bogus: "dossier ${command.name}: unknown option --bogus. Usage: dossier ${command.name} …"`, async () => {
      const r = await run(command, '--bogus');
      assertFailsInOneLine(
        r,
        command.name,
        new RegExp(`^dossier ${command.name}: unknown option --bogus\\. Usage: dossier ${command.name} \\S`),
      );
      assert.ok(!r.err.includes('  '), 'the usage part has no summary after it');
    });
  }

  test('an option without its value', async () => {
    for (const [command, args] of [
      [bibCommand, ['--format']],
      [checkCommand, ['note.md', '--library']],
      [citeCommand, ['k', '--style']],
      [searchCommand, ['tariff', '--limit']],
      [chartCommand, ['--note', '--list']],
    ] as const) {
      assertFailsInOneLine(await run(command, ...args), command.name, /needs a value\. Usage: /);
    }
  });

  test('each command still checks its own option values', async () => {
    assertFailsInOneLine(await run(bibCommand, '--format', 'word'), 'bib', /unknown format "word"/);
    assertFailsInOneLine(await run(bibCommand, 'extra'), 'bib', /unexpected argument extra/);
    assertFailsInOneLine(await run(searchCommand, 'a', '--kind', 'table'), 'search', /unknown kind "table"/);
    assertFailsInOneLine(await run(chartCommand, 'a', 'b'), 'chart', /one chart id at a time/);
    assertFailsInOneLine(await run(chartCommand, '--list', '--theme', 'pink'), 'chart', /--theme must be light or dark/);
    assertFailsInOneLine(await run(citeCommand, 'usPakistanFlux2025', '--style', 'mla'), 'cite', /unknown style "mla"/);
    assertFailsInOneLine(await run(checkCommand, 'a.md', 'b.md'), 'check', /give one NOTES\.md file/);
  });
});

describe('parseArgs', () => {
  const spec = { flags: ['--json'], options: ['--library', '--limit'] };

  test('flags, repeated options (last value wins for value()), words in order', () => {
    const a = parseArgs(['q1', '--library', 'a', '--json', 'q2', '--library', 'b', '--limit', '3', '--limit', '5'], spec);
    assert.deepEqual(a.words, ['q1', 'q2']);
    assert.equal(a.has('--json'), true);
    assert.deepEqual(a.values('--library'), ['a', 'b']);
    assert.equal(a.value('--limit'), '5');
    assert.equal(a.value('--missing'), undefined);
    assert.deepEqual(a.values('--missing'), []);
  });

  test('a negative number or a lone dash is a word; -x and --x are options', () => {
    assert.deepEqual(parseArgs(['-5%', '-', '-0.3'], spec).words, ['-5%', '-', '-0.3']);
    assert.throws(() => parseArgs(['-h'], spec), UsageError);
    assert.throws(() => parseArgs(['--bogus'], spec), /unknown option --bogus/);
  });

  test('an option followed by nothing or by another option has no value', () => {
    assert.throws(() => parseArgs(['--library'], spec), /--library needs a value/);
    assert.throws(() => parseArgs(['--library', '--json'], spec), /--library needs a value/);
  });
});

describe('the dossier process', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });

  test('bib --library DIR with a binary file exits 2 with one stderr line and no stdout', () => {
    const r = cli('bib', '--library', at('binary'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^dossier bib: [^\n]*binary[^\n]*\n$/);
  });

  test('check on a binary note exits 2 with one stderr line and no stdout', () => {
    const r = cli('check', at('note-binary.md'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^dossier check: [^\n]*binary[^\n]*\n$/);
  });

  test('a reader that stops early (`| head -1`): no EPIPE stack trace, the exit code stays', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', 'test/fixtures/workspace/memo.md'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    const code = await new Promise(resolve => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 1, 'the memo has findings');
  });

  test('the seed report still parses and cites', () => {
    assert.equal(cli('parse', SEED, '--json').status, 0);
    const r = cli('cite', 'usPakistanFlux2025', '--locator', 'para. 12');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '[@usPakistanFlux2025, para. 12]');
  });
});
