// createDossier end to end with reports held in memory: no VS Code, no file system.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDossier, type DossierSettings, type Logger } from '../../src/core/dossier';
import { decodeText, sniffFormat, type ReportReader } from '../../src/core/formats';
import { Library } from '../../src/core/library';
import { parseReportWithSpans } from '../../src/core/parse';
import { memorySource, nameOf, resolveReportPath, resolveSettingPath, urisOfUriList, type ReportSource } from '../../src/core/reportSource';
import { GULF } from './sampleReports';

const PLAIN = `Port Costs

Fees at the port doubled to 12 dollars a tonne.[1]

[1] "Fees double," Port Weekly, 2024, https://example.org/fees.
`;

/** A logger that keeps what it is told, for assertions. */
function memoryLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: m => lines.push(`info ${m}`), warn: m => lines.push(`warn ${m}`), error: m => lines.push(`error ${m}`) };
}

function dossierOf(files: Record<string, string | Uint8Array>, settings: Partial<DossierSettings> = {}, devices: string[] = []) {
  const log = memoryLog();
  const dossier = createDossier({
    source: memorySource(files, devices),
    log,
    settings: { bundledReports: [], reports: [], baseFolder: '/ws', ...settings },
  });
  return { dossier, log };
}

describe('createDossier end to end: load → search → cite → check', () => {
  test('a report and a note, in memory', async () => {
    const { dossier } = dossierOf(
      { '/bundled/gulf.md': GULF, '/ws/reports/port.txt': PLAIN },
      { bundledReports: ['/bundled'], reports: ['reports'] },
    );

    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => [r.location, r.format, r.report.id, r.report.key]),
      [
        ['/bundled/gulf.md', 'markdown', 'gulf', 'gulfShippingStrain2025'],
        ['/ws/reports/port.txt', 'text', 'port', 'portCosts'],
      ],
    );
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual([...loaded.bundled], ['/bundled/gulf.md']);
    assert.equal(dossier.library, loaded.library);

    const [hit] = await dossier.search('container traffic');
    assert.deepEqual(
      [hit?.kind, hit?.reportId, hit?.id, hit?.label],
      ['paragraph', 'gulf', 'p2', 'Container traffic through the strait fell by 40 percent in the first quarter.'],
    );

    const items = dossier.citationItems();
    assert.deepEqual(
      items.filter(i => !i.locator && !i.figure && i.target.kind !== 'section').map(i => i.key),
      ['gulfShippingStrain2025', 'rahman2025', 'financialTimes2025', 'portCosts', 'portWeekly2024'],
    );
    assert.equal(items.find(i => i.figure?.text === '40 percent')?.key, 'financialTimes2025');

    const note = 'Traffic through the strait fell by 60 percent in the first quarter [@financialTimes2025]. See also [@nobody2030].';
    const findings = dossier.check(note);
    assert.deepEqual(
      findings.map(f => [f.code, note.slice(f.start, f.end), f.replacement]),
      [
        // one digit of one: no telling a slip from another number, so pointed out without a fix
        ['contradicts-report', '60 percent', undefined],
        ['unknown-citation', '@nobody2030', undefined],
      ],
    );
  });

  test('the search index follows a reload', async () => {
    let reports = ['a.md'];
    const dossier = createDossier({
      source: memorySource({ '/ws/a.md': GULF, '/elsewhere/port.txt': PLAIN }),
      log: memoryLog(),
      settings: {
        bundledReports: [],
        get reports() {
          return reports;
        },
        baseFolder: '/ws',
      },
    });
    assert.deepEqual(await dossier.search('tonne'), []);
    reports = ['a.md', '/elsewhere/port.txt'];
    await dossier.load();
    assert.deepEqual(
      (await dossier.search('tonne')).map(h => [h.reportId, h.id]),
      [['port', 'p1']],
    );
  });
});

describe('the loader', () => {
  test('.md, .markdown, .mdown, .mkd and .txt are found in a folder; other files and subfolders are not', async () => {
    const { dossier } = dossierOf(
      {
        '/r/a.md': GULF,
        '/r/b.markdown': GULF,
        '/r/c.mdown': GULF,
        '/r/d.mkd': GULF,
        '/r/e.txt': PLAIN,
        '/r/notes.docx.bak': 'x',
        '/r/image.png': 'x',
        '/r/sub/f.md': GULF,
      },
      { reports: ['/r'] },
    );
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => nameOf(r.location)),
      ['a.md', 'b.markdown', 'c.mdown', 'd.mkd', 'e.txt'],
    );
    assert.deepEqual(
      loaded.reports.map(r => r.report.id),
      ['a', 'b', 'c', 'd', 'e'],
    );
  });

  test('every file that cannot be read is a problem of its own; the others still load', async () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x75, 0x20, 0x6c, 0x61, 0x69, 0x74]);
    const { dossier } = dossierOf(
      {
        '/r/good.md': GULF,
        '/r/empty.md': '',
        '/r/blank.txt': '  \n\n',
        '/r/caf.txt': latin1,
        '/r/scan.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]),
        '/r/paper.pdf': '%PDF-1.7\n…',
      },
      { reports: ['/r', '/r/paper.pdf', 'missing'] },
      ['/r/pipe.md'],
    );
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => r.report.id),
      ['good'],
    );
    assert.deepEqual(
      loaded.problems.map(p => `${p.name}: ${p.message}`),
      [
        'missing: no such folder or file',
        'blank.txt: The report contains only whitespace.',
        'caf.txt: is not valid UTF-8 text',
        'empty.md: the file is empty',
        'pipe.md: is not a regular file (a device, a pipe or a socket), so it is not read',
        'scan.md: looks like a binary file (an image), not text, and Dossier has no reader for it',
        'paper.pdf: looks like a binary file (a PDF file), not text, and Dossier has no reader for it',
      ],
    );
    assert.equal(loaded.problems[0]?.location, '/ws/missing', 'a relative setting path is read from the base folder');
  });

  test('a special file is refused before it is read', async () => {
    const source = memorySource({}, ['/dev/tty']);
    let reads = 0;
    const counting: ReportSource = { ...source, read: location => (reads++, source.read(location)) };
    const dossier = createDossier({ source: counting, log: memoryLog(), settings: { bundledReports: [], reports: ['/dev/tty'] } });
    const loaded = await dossier.load();
    assert.equal(reads, 0);
    assert.match(loaded.problems[0]?.message ?? '', /^is not a regular file/);
  });

  test('a report over the size limit is refused with the limit and the setting in the message', async () => {
    const { dossier } = dossierOf({ '/r/big.md': GULF + 'x'.repeat(1_100_000) }, { reports: ['/r/big.md'], maxReportSizeMB: 1 });
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.problems.map(p => p.message),
      ['is 1.0 MB, over the 1 MB limit for a report (setting dossier.maxReportSizeMB)'],
    );
    const { dossier: roomier } = dossierOf({ '/r/big.md': GULF + 'x'.repeat(1_100_000) }, { reports: ['/r/big.md'], maxReportSizeMB: 2 });
    assert.equal((await roomier.load()).reports.length, 1);
  });

  test('a UTF-16 report with a byte-order mark is read as text, not called binary', async () => {
    const le = Uint8Array.from([0xff, 0xfe, ...[...PLAIN].flatMap(c => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const be = Uint8Array.from([0xfe, 0xff, ...[...PLAIN].flatMap(c => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    const { dossier } = dossierOf({ '/r/le.txt': le, '/r/be.txt': be }, { reports: ['/r'] });
    const loaded = await dossier.load();
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(
      loaded.reports.map(r => r.report.title),
      ['Port Costs', 'Port Costs'],
    );
    assert.equal(loaded.library.allFigures()[0]?.figure.text, '12 dollars');
  });

  test('parser warnings are kept on the result, per file', async () => {
    const { dossier } = dossierOf({ '/r/gaps.md': '# Gaps\n\nA claim with no note behind it.[^9]\n' }, { reports: ['/r'] });
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.warnings.map(w => `${w.name}: ${w.message}`),
      ['gaps.md: Marker [9] in paragraph p1 has no note.'],
    );
  });

  test('the newest load wins over an older, slower one', async () => {
    const files = memorySource({ '/r/old.md': GULF, '/r/new.txt': PLAIN });
    let release!: () => void;
    const slow = new Promise<void>(resolve => (release = resolve));
    // the first load's read of old.md is held until the second load has finished
    const source: ReportSource = {
      ...files,
      read: async location => (location === '/r/old.md' ? (await slow, files.read(location)) : files.read(location)),
    };
    let reports = ['/r/old.md'];
    const dossier = createDossier({
      source,
      log: memoryLog(),
      settings: {
        bundledReports: [],
        get reports() {
          return reports;
        },
      },
    });
    const seen: string[][] = [];
    dossier.onDidLoad(result => seen.push(result.reports.map(r => r.report.id)));
    const first = dossier.load();
    reports = ['/r/new.txt'];
    const second = await dossier.load();
    release();
    const firstResult = await first;
    assert.equal(firstResult, second, 'the older load resolves to the newest result');
    assert.deepEqual(
      dossier.library.reports.map(r => r.id),
      ['new'],
    );
    assert.deepEqual(seen, [['new']], 'listeners hear only the load that became current');
    assert.equal(second.generation, 2);
  });
});

describe('listeners', () => {
  test('a listener that throws is logged; the load and the other listeners go on', async () => {
    const { dossier, log } = dossierOf({ '/r/a.md': GULF }, { reports: ['/r'] });
    const heard: number[] = [];
    dossier.onDidLoad(() => {
      throw new Error('tree broke');
    });
    dossier.onDidLoad(result => heard.push(result.reports.length));
    assert.equal((await dossier.load()).reports.length, 1);
    assert.deepEqual(heard, [1]);
    assert.ok(log.lines.includes('error Error: tree broke'), log.lines.join('\n'));
  });
});

describe('format detection and the reader registry', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  test('by content first, then by extension', () => {
    assert.equal(sniffFormat('report.txt', bytes('%PDF-1.4\n')), 'pdf');
    assert.equal(sniffFormat('report.md', bytes('<!DOCTYPE html><html>')), 'html');
    assert.equal(sniffFormat('x.bin', Uint8Array.from([0x50, 0x4b, 3, 4, ...bytes('word/document.xml')])), 'docx');
    assert.equal(sniffFormat('x.zip', Uint8Array.from([0x50, 0x4b, 3, 4])), 'archive');
    assert.equal(sniffFormat('notes.mkd', bytes('plain words')), 'markdown');
    assert.equal(sniffFormat('page.htm', bytes('plain words')), 'html');
    assert.equal(sniffFormat('notes', bytes('plain words')), 'text');
  });

  test('a registered reader takes its format, and the loader finds its files in folders', async () => {
    const { dossier } = dossierOf({ '/r/a.pdf': '%PDF-1.7 Port Costs', '/r/b.md': GULF }, { reports: ['/r'] });
    const reader: ReportReader = {
      format: 'pdf',
      label: 'PDF',
      extensions: ['.pdf'],
      read: async (data, name) =>
        parseReportWithSpans(PLAIN.replace('Port Costs', decodeText(data).slice(9)), { source: name, format: 'text' }),
    };
    const before = await dossier.load();
    assert.deepEqual(
      before.reports.map(r => r.report.id),
      ['b'],
      'without a reader, a .pdf in a folder is not a report',
    );
    const unregister = dossier.readers.register(reader);
    const after = await dossier.load();
    assert.deepEqual(
      after.reports.map(r => [r.report.id, r.format]),
      [
        ['a', 'pdf'],
        ['b', 'markdown'],
      ],
    );
    unregister();
    assert.deepEqual(
      (await dossier.load()).reports.map(r => r.report.id),
      ['b'],
    );
  });

  test("a reader that fails is one file's problem, logged with its stack; never fatal", async () => {
    const { dossier, log } = dossierOf({ '/r/a.pdf': '%PDF-1.7', '/r/b.md': GULF }, { reports: ['/r'] });
    dossier.readers.register({
      format: 'pdf',
      label: 'PDF',
      extensions: ['.pdf'],
      read: async () => {
        throw new TypeError('bad xref table');
      },
    });
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => r.report.id),
      ['b'],
    );
    assert.deepEqual(
      loaded.problems.map(p => `${p.name}: ${p.message}`),
      ['a.pdf: bad xref table'],
    );
    assert.ok(
      log.lines.some(l => l.startsWith('error TypeError: bad xref table')),
      log.lines.join('\n'),
    );
  });
});

describe('setting paths: one rule', () => {
  const source = memorySource({});
  test('URI, absolute, relative to the base folder, or a file path without one', () => {
    assert.equal(resolveSettingPath('file:///srv/reports', source, '/ws'), 'file:///srv/reports');
    assert.equal(resolveSettingPath('/srv/reports', source, '/ws'), '/srv/reports');
    assert.equal(resolveSettingPath('C:\\reports', { join: (a, b) => `${a}|${b}`, fromPath: p => `file:${p}` }, '/ws'), 'file:C:\\reports');
    assert.equal(resolveSettingPath(' reports/gulf.md ', source, '/ws'), '/ws/reports/gulf.md');
    assert.equal(resolveSettingPath('reports', source), '/reports');
  });
});

describe('setting paths: trust and place (resolveReportPath)', () => {
  const context = { source: memorySource({}), base: '/ws', trusted: true, workspaceFolders: ['/ws'] };
  const uris = {
    source: { join: (folder: string, name: string) => `${folder}/${name}`, fromPath: (path: string) => `file://${path}` },
    base: 'vscode-vfs://github/org/repo',
    trusted: true,
    workspaceFolders: ['vscode-vfs://github/org/repo'],
  };
  test('the user may name any folder; the workspace only its own', () => {
    assert.deepEqual(resolveReportPath({ path: '/srv/reports', origin: 'user' }, context), { location: '/srv/reports' });
    assert.deepEqual(resolveReportPath({ path: 'reports', origin: 'workspace' }, context), { location: '/ws/reports' });
    assert.deepEqual(resolveReportPath({ path: '/ws', origin: 'workspace' }, context), { location: '/ws' });
    for (const path of [
      '/srv/reports',
      '../outside',
      'reports/../../etc',
      '/dev/zero',
      '/wsx/reports',
      'file:///etc/passwd',
      'file:///ws/../etc',
      'file:///ws/%2E%2E/etc',
    ]) {
      const resolved = resolveReportPath({ path, origin: 'workspace' }, context);
      assert.ok('refused' in resolved, `${path} → ${JSON.stringify(resolved)}`);
    }
    assert.match(
      (resolveReportPath({ path: '../outside', origin: 'workspace' }, context) as { refused: string }).refused,
      /^outside the workspace; .*user settings/,
    );
  });
  test('Restricted Mode ignores every value the workspace wrote, even one inside it', () => {
    const untrusted = { ...context, trusted: false };
    assert.deepEqual(resolveReportPath({ path: 'reports', origin: 'workspace' }, untrusted), {
      refused: "set in this workspace's settings, which Restricted Mode ignores (trust the workspace to read it)",
      restricted: true,
    });
    assert.deepEqual(resolveReportPath({ path: '/srv/reports', origin: 'user' }, untrusted), { location: '/srv/reports' });
  });
  test("files and the workspace's own scheme only", () => {
    assert.deepEqual(resolveReportPath({ path: 'reports', origin: 'workspace' }, uris), {
      location: 'vscode-vfs://github/org/repo/reports',
    });
    assert.deepEqual(resolveReportPath({ path: '/home/me/reports', origin: 'user' }, uris), { location: 'file:///home/me/reports' });
    for (const path of [
      'https://example.com/report.md',
      'untitled:Untitled-1',
      'command:workbench.action.quit',
      'vscode-userdata:/User/settings.json',
      'data:text/plain,x',
    ]) {
      assert.deepEqual(resolveReportPath({ path, origin: 'user' }, uris), {
        refused: `Dossier reads reports from files only, not from "${path.slice(0, path.indexOf(':'))}:" locations`,
      });
    }
  });
  test("the loader: the workspace's values outside it are problems; in Restricted Mode they are set aside, not read", async () => {
    const files = { '/ws/reports/gulf.md': GULF, '/home/me/port.txt': PLAIN, '/secret/port.txt': PLAIN };
    const trusted = dossierOf(files, {
      reports: ['/home/me/port.txt'],
      workspaceReports: ['reports', '/secret', '../secret/port.txt'],
      workspaceFolders: ['/ws'],
    });
    const loaded = await trusted.dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => r.location),
      ['/home/me/port.txt', '/ws/reports/gulf.md'],
    );
    assert.deepEqual(
      loaded.problems.map(p => p.name),
      ['/secret', '../secret/port.txt'],
    );
    assert.deepEqual(loaded.restricted, []);

    const untrusted = dossierOf(files, {
      reports: ['/home/me/port.txt'],
      workspaceReports: ['reports', '/secret'],
      workspaceFolders: ['/ws'],
      trusted: false,
    });
    const restricted = await untrusted.dossier.load();
    assert.deepEqual(
      restricted.reports.map(r => r.location),
      ['/home/me/port.txt'],
    );
    assert.deepEqual(restricted.problems, []);
    assert.deepEqual(
      restricted.restricted.map(r => r.name),
      ['reports', '/secret'],
    );
  });
});

describe('Library inputs are never changed', () => {
  test('two copies of one report: the library renames the second, the parser results stay as they were', () => {
    const a = parseReportWithSpans(GULF, { source: 'gulf.md' });
    const b = parseReportWithSpans(GULF, { source: 'gulf.md' });
    const before = JSON.stringify([a, b]);
    const library = new Library([a, b]);
    assert.deepEqual(
      library.reports.map(r => [r.id, r.key]),
      [
        ['gulf', 'gulfShippingStrain2025'],
        ['gulf-2', 'gulfShippingStrain2025b'],
      ],
    );
    assert.equal(JSON.stringify([a, b]), before);
    assert.equal(library.reports[0], a.report, 'a report that keeps its id and keys is not copied');
    assert.equal(library.at('gulf-2', GULF.indexOf('Container traffic'))?.kind, 'paragraph', 'the copy keeps its spans');
  });
});

/** Files in memory that a test may write and delete between loads; counts the reads. */
function changingSource(files: Record<string, string>): ReportSource & { reads: string[] } {
  const reads: string[] = [];
  const now = () => memorySource(files);
  return {
    reads,
    stat: location => now().stat(location),
    list: folder => now().list(folder),
    read: location => (reads.push(location), now().read(location)),
    join: (folder, name) => now().join(folder, name),
    fromPath: path => now().fromPath(path),
  };
}

describe('reload: one report afresh, the others kept', () => {
  const ISLANDS = PLAIN.replace('Port Costs', 'Island Freight').replace('12 dollars', '31 dollars');

  function library(files: Record<string, string>, reports: string[] = ['/home/me/lib']) {
    const source = changingSource(files);
    const dossier = createDossier({ source, log: memoryLog(), settings: { bundledReports: [], reports } });
    return { source, dossier };
  }

  test('a changed file is read again, alone; the other reports stay the same objects and the search follows', async () => {
    const files: Record<string, string> = { '/home/me/lib/gulf.md': GULF, '/home/me/lib/port.txt': PLAIN };
    const { source, dossier } = library(files);
    const first = await dossier.load();
    assert.deepEqual(await dossier.search('tonne').then(hits => hits.map(h => h.reportId)), ['port']);
    files['/home/me/lib/port.txt'] = ISLANDS;
    source.reads.length = 0;
    const second = await dossier.reload(['/home/me/lib/port.txt']);
    assert.deepEqual(source.reads, ['/home/me/lib/port.txt']);
    assert.equal(second.read, 1);
    assert.equal(second.library.report('gulf'), first.library.report('gulf'), 'the other report is kept as it was');
    assert.deepEqual(
      second.reports.map(r => r.report.title),
      ['Gulf Shipping Under Strain', 'Island Freight'],
    );
    assert.deepEqual(
      (await dossier.search('31 dollars')).map(h => [h.reportId, h.id]),
      [
        ['port', 'f1'],
        ['port', 'p1'],
      ],
    );
    assert.deepEqual(
      (await dossier.search('dollars')).filter(h => h.detail.includes('Port Costs')),
      [],
      'nothing of the old text is found',
    );
  });

  test('a file added to a folder is read alone; a deleted one leaves the library without a problem', async () => {
    const files: Record<string, string> = { '/home/me/lib/gulf.md': GULF };
    const { source, dossier } = library(files);
    await dossier.load();
    files['/home/me/lib/islands.txt'] = ISLANDS;
    source.reads.length = 0;
    const added = await dossier.reload(['/home/me/lib/islands.txt']);
    assert.deepEqual(source.reads, ['/home/me/lib/islands.txt']);
    assert.deepEqual(
      added.reports.map(r => r.report.id),
      ['gulf', 'islands'],
    );
    delete files['/home/me/lib/islands.txt'];
    source.reads.length = 0;
    const removed = await dossier.reload(['/home/me/lib/islands.txt']);
    assert.deepEqual(source.reads, []);
    assert.deepEqual(
      removed.reports.map(r => r.report.id),
      ['gulf'],
    );
    assert.deepEqual(removed.problems, []);
  });

  test('a report file named in the setting and then deleted is a problem that names it, in its library', async () => {
    const files: Record<string, string> = { '/home/me/port.txt': PLAIN };
    const { dossier } = library(files, ['/home/me/port.txt']);
    await dossier.load();
    delete files['/home/me/port.txt'];
    const gone = await dossier.reload(['/home/me/port.txt']);
    assert.deepEqual(gone.reports, []);
    assert.deepEqual(gone.problems, [
      { location: '/home/me/port.txt', name: 'port.txt', message: 'no such folder or file', origin: 'user', entry: '/home/me/port.txt' },
    ]);
    assert.deepEqual(gone.roots, [{ location: '/home/me/port.txt', origin: 'user', entry: '/home/me/port.txt', kind: 'missing' }]);
  });

  test('after load() everything is read afresh, even by a reload that starts before it ends', async () => {
    const { source, dossier } = library({ '/home/me/lib/gulf.md': GULF, '/home/me/lib/port.txt': PLAIN });
    await dossier.load();
    source.reads.length = 0;
    void dossier.load();
    const result = await dossier.reload([]);
    assert.equal(result.read, 2);
    assert.equal(result.generation, 3);
  });

  test('each report knows its library and the setting value that named it; a file named twice is one report', async () => {
    const { dossier } = dossierOf(
      { '/bundled/gulf.md': GULF, '/home/me/port.txt': PLAIN, '/ws/reports/islands.txt': ISLANDS },
      {
        bundledReports: ['/bundled'],
        reports: ['/home/me/port.txt', '/home/me'],
        workspaceReports: ['reports', '/ws/reports/islands.txt'],
        workspaceFolders: ['/ws'],
      },
    );
    const loaded = await dossier.load();
    assert.deepEqual(
      loaded.reports.map(r => [r.report.id, r.origin, r.entry]),
      [
        ['gulf', 'bundled', undefined],
        ['port', 'user', '/home/me/port.txt'],
        ['islands', 'workspace', 'reports'],
      ],
    );
    assert.deepEqual(
      loaded.roots.map(r => [r.location, r.origin, r.kind]),
      [
        ['/bundled', 'bundled', 'folder'],
        ['/home/me/port.txt', 'user', 'file'],
        ['/home/me', 'user', 'folder'],
        ['/ws/reports', 'workspace', 'folder'],
        ['/ws/reports/islands.txt', 'workspace', 'file'],
      ],
    );
  });
});

describe('dropped files', () => {
  test('a text/uri-list: one URI a line, comments and blank lines left out', () => {
    assert.deepEqual(urisOfUriList('# dragged from the Explorer\r\nfile:///home/me/a%20b.pdf\r\n\r\n  file:///home/me/reports  \n'), [
      'file:///home/me/a%20b.pdf',
      'file:///home/me/reports',
    ]);
  });
});
