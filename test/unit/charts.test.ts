import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chartCommand } from '../../src/cli/chart';
import { Library } from '../../src/core/library';
import {
  chartsForNote,
  curatedCharts,
  findChartBlocks,
  libraryCharts,
  autoCharts,
  nearestChart,
  readCuratedChartFile,
  unmatchedCriteria,
  footnoteCitations,
  MAX_NOTE_CHARTS,
  MAX_CHART_BLOCKS,
  type CuratedChartFile,
} from '../../src/core/charts';
import { analyseNote } from '../../src/core/note';
import { chartSpec, darkTheme, lightTheme, themeFromCssVariables, isCssColour } from '../../src/core/chartSpec';
import { parseReport } from '../../src/core/parse';
import { renderSvg } from '../../src/lazy/charts';
import { parseHostMessage, parseWebviewMessage } from '../../src/shared/previewProtocol';
import { fakeReport } from './chartsFixture';

const root = path.join(__dirname, '..', '..');

function loadCurated(): CuratedChartFile[] {
  const dir = path.join(root, 'data', 'charts');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.json'))
    .map(f => {
      const { file, problems } = readCuratedChartFile(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), f);
      assert.deepEqual(problems, []);
      return file as CuratedChartFile;
    });
}

const curated = loadCurated();
const fake = new Library([fakeReport]);
const seedReport = parseReport(fs.readFileSync(path.join(root, 'data', 'reports', 'us-pakistan-relations-in-flux.txt'), 'utf8'), {
  source: 'us-pakistan-relations-in-flux.txt',
});
const seed = new Library([seedReport]);

const values = (chartId: string, library = seed) => {
  const chart = curatedCharts(library, curated).find(c => c.id === chartId);
  assert.ok(chart, `curated chart ${chartId}`);
  return chart.data.map(d => [d.label, d.value, d.unit]);
};

describe('curated charts on the bundled report (matched by criteria, not ids)', () => {
  test('every curated figure is found in the extracted report', () => {
    assert.deepEqual(unmatchedCriteria(seed, curated), []);
  });

  test('reciprocal tariffs: exactly Pakistan 29, Bangladesh 39, Vietnam 46 percent', () => {
    assert.deepEqual(values('reciprocal-tariffs'), [
      ['Pakistan', 29, 'percent'],
      ['Bangladesh', 39, 'percent'],
      ['Vietnam', 46, 'percent'],
    ]);
  });

  test('textiles: 77 percent of exports against the rest', () => {
    assert.deepEqual(values('textiles-share-of-exports'), [
      ['Textiles', 77, 'percent'],
      ['All other exports', 23, 'percent'],
    ]);
  });

  test('money compared on a log scale, seven sums', () => {
    const chart = curatedCharts(seed, curated).find(c => c.id === 'money-at-stake');
    assert.equal(chart?.scale, 'log');
    assert.deepEqual(
      chart?.data.map(d => d.value),
      [6e12, 5e11, 74e9, 62e9, 845e6, 600e6, 435e6],
    );
    assert.ok(chart?.data.every(d => d.unit === 'USD'));
  });

  test("Reko Diq's copper (lb) and gold (oz) in separate panels", () => {
    assert.deepEqual(values('reko-diq-resources'), [
      ['Copper', 5e10, 'lb'],
      ['Gold', 41e6, 'oz'],
    ]);
    const spec = chartSpec(
      curatedCharts(seed, curated).find(c => c.id === 'reko-diq-resources')!,
      lightTheme,
    );
    assert.equal((spec.vconcat as unknown[]).length, 2);
  });

  test('the synthetic twin of the report gets the same charts', () => {
    assert.deepEqual(
      values('reciprocal-tariffs', fake).map(v => v[1]),
      [29, 39, 46],
    );
    assert.deepEqual(
      curatedCharts(fake, curated).map(c => c.id),
      ['reciprocal-tariffs', 'textiles-share-of-exports', 'money-at-stake', 'reko-diq-resources'],
    );
  });

  test('a bad data file is reported, not thrown', () => {
    assert.match(readCuratedChartFile({ report: {}, charts: [] }, 'bad.json').problems[0] ?? '', /bad.json: "report" needs/);
    assert.match(
      readCuratedChartFile({ report: { title: 'x' }, charts: [{ id: 'a', title: 'b', mark: 'pie', figures: [] }] }, 'b.json').problems[0] ??
        '',
      /mark "pie"/,
    );
  });
});

describe('charts for a note', () => {
  test('"29 percent" in a note brings the tariff chart', () => {
    const result = chartsForNote('Pakistan faces a 29 percent tariff.', fake, curated);
    assert.deepEqual(
      result.charts.map(c => c.id),
      ['reciprocal-tariffs'],
    );
    assert.deepEqual(
      result.figuresUsed.map(u => u.figureId),
      ['f9'],
    );
    assert.deepEqual(result.errors, []);
  });

  test('on the bundled report too', () => {
    const result = chartsForNote('Pakistan faces a 29 percent tariff.', seed, curated);
    assert.deepEqual(
      result.charts.map(c => c.id),
      ['reciprocal-tariffs'],
    );
  });

  test('a near-miss number is no mention (US$854 million is not US$845 million)', () => {
    assert.deepEqual(chartsForNote('The US suspended US$854 million.', fake, curated).charts, []);
    assert.deepEqual(
      chartsForNote('The US suspended US$845 million.', fake, curated).charts.map(c => c.id),
      ['money-at-stake'],
    );
  });

  test('a citation of a paragraph uses the figures in it; a note key uses the figures citing that note', () => {
    // keys are assigned by the Library (unique across reports): read them back rather than guess
    const reportKey = fake.report(fakeReport.id)!.key;
    const noteKey = fake.footnote(fakeReport.id, 21)!.key;
    const byPara = chartsForNote(`Trade matters [@${reportKey}, para. 2].`, fake, curated);
    assert.deepEqual(byPara.charts.map(c => c.id).sort(), ['money-at-stake', 'reciprocal-tariffs', 'textiles-share-of-exports']);
    assert.ok(byPara.figuresUsed.every(u => u.how.includes('citation')));
    const byNote = chartsForNote(`As DAWN reported [@${noteKey}].`, fake, curated);
    assert.deepEqual(
      byNote.charts.map(c => c.id),
      ['reciprocal-tariffs'],
    );
  });

  test('footnote-style citations: a definition with the report title and para. N, or repeating a report note', () => {
    const note =
      'Tariffs bite.[^1] Aid too.[^2]\n\n[^1]: U.S.-Pakistan Relations in Flux: Pathways for Navigating Constraints, 19 May 2025, para. 2.\n[^2]: DAWN, April 14, 2025.\n';
    const result = chartsForNote(note, fake, curated);
    assert.deepEqual(result.charts.map(c => c.id).sort(), ['money-at-stake', 'reciprocal-tariffs', 'textiles-share-of-exports']);
    const tariff = result.charts.find(c => c.id === 'reciprocal-tariffs')!;
    assert.equal(note.slice(tariff.anchors![0]!.start, tariff.anchors![0]!.end), '[^1]');
    assert.deepEqual(
      footnoteCitations('Only a definition.\n\n[^9]: U.S.-Pakistan Relations in Flux, para. 2.\n', fake),
      [],
      'a definition nobody cites is no citation',
    );
  });

  test('a figure many reports share does not flood the panel', () => {
    const many = new Library(
      Array.from({ length: 40 }, (_, i) => ({ ...structuredClone(fakeReport), id: `copy-${i}`, title: `Copy ${i}`, key: `copy${i}` })),
    );
    const result = chartsForNote('A US$6 trillion industry.\n\n```dossier-chart\nfigures: [f9]\n```\n', many, curated);
    assert.equal(result.charts.filter(c => c.origin !== 'declared').length, MAX_NOTE_CHARTS);
    assert.equal(result.charts.filter(c => c.origin === 'declared').length, 1);
    assert.equal(result.omitted, 40 - MAX_NOTE_CHARTS);
  });

  test('the shared edge-case note: the charts read the keys and definitions the note analysis reads', () => {
    const edgeCases = fs.readFileSync(path.join(root, 'test', 'fixtures', 'workspace', 'edge-cases.md'), 'utf8');
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = edgeCases.replace(/\n/g, eol);
      const result = chartsForNote(text, seed, curated);
      const used = new Set(result.figuresUsed.flatMap(u => u.ranges.map(r => text.slice(r.start, r.end))));
      // every key in code, front matter, escaped brackets or links is a note source of the bundled report:
      // read, it would be a citation here; the indented definition [^1] repeats the Profit note
      assert.deepEqual(
        [...used].sort(),
        ['29 percent', '[@profit2025; -@syed2025, para. 3]', '[@usPakistanFlux2025, para. 24]', '[^1]'],
        JSON.stringify(eol),
      );
      const mentioned = result.figuresUsed
        .filter(u => u.how.includes('mention'))
        .map(u => seedReport.figures.find(f => f.id === u.figureId)?.text);
      assert.deepEqual(mentioned, ['29 percent'], 'not the US$845m of the footnote definition');
    }
  });

  test('citations parse keys and paragraph locators', () => {
    assert.deepEqual(
      analyseNote('See [see @a2025, paras. 3-4; @b, p. 2] and [@c].').keys.map(c => [c.key, c.paragraphs]),
      [
        ['a2025', [3, 4]],
        ['b', []],
        ['c', []],
      ],
    );
  });

  test('charts come in the order the note first uses them; the cursor picks the nearest', () => {
    const note = 'Gold: 41 million ounces.\n\nLater, tariffs of 46 percent hit Vietnam.';
    const result = chartsForNote(note, fake, curated);
    assert.deepEqual(
      result.charts.map(c => c.id),
      ['reko-diq-resources', 'reciprocal-tariffs'],
    );
    assert.deepEqual(nearestChart(result, 0), { chartId: 'reko-diq-resources', figureId: 'f7' });
    assert.deepEqual(nearestChart(result, note.length), { chartId: 'reciprocal-tariffs', figureId: 'f12' });
    assert.equal(nearestChart(chartsForNote('nothing here', fake, curated), 3), undefined);
  });
});

describe('charts declared in a note', () => {
  const block = (body: string) => `Intro.\n\n\`\`\`dossier-chart\n${body}\n\`\`\`\n\nAfter.`;

  test('YAML with ids and search terms', () => {
    const result = chartsForNote(block('title: Competitors\nmark: point\nfigures: [f9, "Bangladesh 39 percent", Vietnam]'), fake, curated);
    const declared = result.charts.find(c => c.origin === 'declared');
    assert.equal(declared?.title, 'Competitors');
    assert.equal(declared?.mark, 'point');
    assert.deepEqual(
      declared?.data.map(d => d.figureId),
      ['f9', 'f11', 'f12'],
    );
    assert.deepEqual(result.errors, []);
    // figures named only inside the block do not pull in the curated charts too
    assert.deepEqual(
      result.charts.map(c => c.origin),
      ['declared'],
    );
  });

  test('a note of 150 chart blocks: the first 100 drawn, then one error that says so', () => {
    const note = Array.from({ length: 150 }, (_, i) => `\`\`\`dossier-chart\nid: c${i + 1}\nfigures: [f9]\n\`\`\``).join('\n\n');
    const result = chartsForNote(note, fake, curated);
    const declared = result.charts.filter(c => c.origin === 'declared');
    assert.equal(declared.length, MAX_CHART_BLOCKS);
    assert.equal(declared.at(-1)!.id, 'c100');
    assert.deepEqual(
      result.errors.map(e => [e.chartId, e.message, e.line]),
      [['note-chart-101', 'The note has 150 chart blocks: only the first 100 are drawn.', 500]],
    );
  });

  test('JSON works as well', () => {
    const result = chartsForNote(block('{"title": "Sums", "figures": ["f1", "f2"], "scale": "log"}'), fake, curated);
    assert.equal(result.charts[0]?.scale, 'log');
    assert.deepEqual(
      result.charts[0]?.data.map(d => d.value),
      [845e6, 5e11],
    );
  });

  test('a wrong id gives a clear error, and the rest of the chart still draws', () => {
    const result = chartsForNote(block('title: T\nfigures: [f9, f999]'), fake, curated);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0]!.message, /no figure "f999" in “U\.S\.-Pakistan Relations in Flux.*” \(its figures are f1–f13\)/);
    assert.equal(result.errors[0]!.line, 2);
    assert.deepEqual(
      result.charts[0]?.data.map(d => d.figureId),
      ['f9'],
    );
  });

  test('only wrong ids: an error and no chart', () => {
    const result = chartsForNote(block('figures: [f404]'), fake, curated);
    assert.deepEqual(result.charts, []);
    assert.equal(result.errors[0]?.chartId, 'note-chart-1');
  });

  test('broken YAML, a bad mark, no figures: each a message', () => {
    assert.match(chartsForNote(block('title: [unclosed'), fake, curated).errors[0]!.message, /not valid YAML or JSON/);
    assert.match(
      chartsForNote(block('mark: pie\nfigures: [f1]'), fake, curated).errors[0]!.message,
      /mark "pie" is not one of bar, point, line, arc/,
    );
    assert.match(chartsForNote(block('title: x'), fake, curated).errors[0]!.message, /names no figures/);
  });

  test('blocks are found with their ranges; an unclosed block runs to the end', () => {
    const text = block('figures: [f1]');
    const [found] = findChartBlocks(text);
    assert.equal(text.slice(found!.range.start, found!.range.end), '```dossier-chart\nfigures: [f1]\n```');
    assert.equal(findChartBlocks('~~~dossier-chart\nfigures: [f1]').length, 1);
  });
});

describe('automatic charts', () => {
  test('comparable figures: same unit, same section, at least two, and the same kind of measure', () => {
    const charts = autoCharts({ ...fakeReport, id: 'other', title: 'Other' });
    // funding, trade volume, cash flows and contracts are not one series; the two industries' sizes are;
    // a tariff rate, a share of exports and two bare names do not compare
    assert.deepEqual(
      charts.map(c => c.data.map(d => d.figureId)),
      [['f3', 'f13']],
    );
  });

  test('a user report: shares of different wholes and a hypothetical amount get no mixed chart; shares of one whole end at 100', () => {
    const text = [
      '# Water and work',
      '',
      '## Risks',
      '',
      'Agriculture accounts for 93% of water withdrawals in the basin. Farming employs 37% of the labour force. A hypothetical 10% disruption of canal flows would cut output.',
      '',
      'Irrigated land makes up 60% of farmland and rain-fed land 40% of farmland.',
      '',
    ].join('\n');
    const report = parseReport(text, { source: 'user.md' });
    const charts = autoCharts(report);
    for (const chart of charts) {
      const values = chart.data.map(d => d.value).sort((a, b) => a - b);
      assert.ok(!(values.includes(93) && (values.includes(37) || values.includes(10))), JSON.stringify(values));
      assert.ok(!(values.includes(37) && values.includes(10)), JSON.stringify(values));
    }
    const farmland = charts.find(c => c.data.some(d => d.value === 60));
    assert.deepEqual(
      farmland?.data.map(d => d.value),
      [60, 40],
    );
    assert.equal(farmland?.shares, true);
    const spec = JSON.stringify(chartSpec(farmland!, darkTheme));
    assert.match(spec, /"domain":\[0,100\]/);
  });

  test('a rate and a total of the same thing are never bars of one chart', () => {
    const text = [
      '# Aid',
      '',
      '## Funding',
      '',
      'The program provides $5 billion a year in aid funding. Total aid funding since 2001 reached $80 billion, and aid funding for health reached $30 billion.',
      '',
    ].join('\n');
    const report = parseReport(text, { source: 'aid.md' });
    const yearly = report.figures.find(f => f.value === 5e9);
    assert.equal(yearly?.per, 'year');
    for (const chart of autoCharts(report)) {
      const values = chart.data.map(d => d.value);
      assert.ok(!(values.includes(5e9) && values.some(v => v !== 5e9)), JSON.stringify(values));
    }
    assert.ok(autoCharts(report).some(c => c.data.length === 2 && c.data.every(d => d.value === 80e9 || d.value === 30e9)));
  });

  test('a report nobody curated gets automatic charts; a curated one does not', () => {
    const other = { ...fakeReport, id: 'other', key: 'other2025', title: 'Another report' };
    const charts = libraryCharts(new Library([fakeReport, other]), curated);
    assert.ok(charts.some(c => c.origin === 'auto' && c.reportId === 'other'));
    assert.ok(!charts.some(c => c.origin === 'auto' && c.reportId === fakeReport.id));
  });
});

describe('specs and SVG', () => {
  const tariffs = () => curatedCharts(fake, curated).find(c => c.id === 'reciprocal-tariffs')!;

  test('every spec has a title, a source line, axis titles, a description and the theme colours', () => {
    for (const chart of curatedCharts(fake, curated)) {
      const spec = chartSpec(chart, darkTheme);
      const json = JSON.stringify(spec);
      assert.ok(spec.description && typeof spec.description === 'string');
      assert.match(json, /Source: U\.S\.-Pakistan Relations in Flux/);
      assert.equal(spec.background, darkTheme.background);
      assert.ok(json.includes(darkTheme.accents[0]!));
      if (chart.mark !== 'arc') assert.match(json, /"title":"(Reciprocal tariff rate|US dollars|Pounds)/);
    }
  });

  test('theme colours from the webview are checked before use', () => {
    const theme = themeFromCssVariables('dark', {
      '--vscode-editor-foreground': '#abcdef',
      '--vscode-charts-blue': 'red"><script>',
      '--vscode-font-family': 'Ubuntu, sans-serif',
    });
    assert.equal(theme.foreground, '#abcdef');
    assert.equal(theme.accents[0], darkTheme.accents[0]);
    assert.equal(theme.font, 'Ubuntu, sans-serif');
    assert.ok(isCssColour('rgba(0, 0, 0, 0.5)'));
    assert.equal(themeFromCssVariables('light', { '--vscode-charts-orange': '#d1861666' }).accents[1], '#d18616', 'bars are solid');
    assert.ok(!isCssColour('url(javascript:x)'));
  });

  test('rendered SVG: well formed, titled, described, deterministic', async () => {
    const spec = chartSpec(tariffs(), lightTheme);
    const svg = await renderSvg(spec);
    assert.ok(svg.startsWith('<svg role="img" aria-label="Bar chart of U.S. reciprocal tariff rates'), svg.slice(0, 200));
    assert.match(svg.slice(0, 2000), /^<svg role="img" aria-label="Bar chart of U\.S\. reciprocal tariff rates/);
    assert.match(
      svg.slice(0, 2000),
      /<title>U\.S\. reciprocal tariff rates on Pakistan and two textile competitors \(April 2025\)<\/title><desc>/,
    );
    assert.ok(svg.includes('>Pakistan</text>'));
    assert.ok(svg.endsWith('</svg>'));
    assert.equal(svg, await renderSvg(JSON.parse(JSON.stringify(spec))));
    assertWellFormed(svg);
  });

  test('a hostile figure subject is escaped in the SVG', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const chart = { ...tariffs(), title: `T ${hostile}`, data: tariffs().data.map(d => ({ ...d, label: hostile })) };
    const svg = await renderSvg(chartSpec(chart, lightTheme));
    assert.ok(!svg.includes('<img'), 'no raw <img> element');
    assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  test('log-scale money chart draws every bar', async () => {
    const chart = curatedCharts(fake, curated).find(c => c.id === 'money-at-stake')!;
    const svg = await renderSvg(chartSpec(chart, lightTheme));
    const bars = [...svg.matchAll(/aria-roledescription="bar" d="M([\d.]+),[\d.]+[hL]([\d.]+)/g)];
    assert.equal(bars.length, 7);
    for (const bar of bars) assert.ok(Number(bar[2]) - Number(bar[1]) > 20, `bar long enough: ${bar[0]}`);
  });
});

/** Tags nest and close in order, attributes are quoted, and no raw `<` or `&` sits in text: enough XML for an SVG. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  let at = 0;
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const between = xml.slice(at, m.index);
    assert.ok(!/[<>]|&(?!(amp|lt|gt|quot|#\d+|#x[\da-f]+);)/i.test(between), `bad text near ${at}: ${between.slice(0, 80)}`);
    at = (m.index ?? 0) + m[0].length;
    if (m[4]) continue;
    if (m[1]) assert.equal(stack.pop(), m[2], `closing </${m[2]}> at ${m.index}`);
    else stack.push(m[2] as string);
  }
  assert.equal(at, xml.length, 'the document ends with a tag');
  assert.deepEqual(stack, []);
}

describe('dossier chart (CLI)', () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await chartCommand.run(args, { out: t => out.push(t), err: t => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('bad usage: one line on stderr, exit 2', async () => {
    const none = await run();
    assert.equal(none.code, 2);
    assert.match(none.err, /give a chart ID, --list, or --note/);
    assert.equal((await run('--theme', 'pink', '--list')).code, 2);
    const unknown = await run('no-such-chart');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /no chart "no-such-chart"/);
  });

  test('--list, ID and --note give the same SVG as the preview exports', async () => {
    const list = await run('--list');
    assert.equal(list.code, 0);
    assert.match(list.out, /^reciprocal-tariffs\t/m);
    const one = await run('reciprocal-tariffs');
    assert.equal(one.code, 0);
    const chart = curatedCharts(seed, curated).find(c => c.id === 'reciprocal-tariffs')!;
    assert.equal(one.out, await renderSvg(chartSpec(chart, lightTheme)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-chart-'));
    const note = path.join(dir, 'note.md');
    fs.writeFileSync(note, 'A 29 percent tariff.\n\n```dossier-chart\nfigures: [f9999]\n```\n');
    const written = await run('--note', note, '--out', path.join(dir, 'out'));
    assert.equal(written.code, 1, 'a bad chart block is a finding');
    assert.match(written.err, /note\.md:3: Chart "note-chart-1": no figure "f9999"/);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'reciprocal-tariffs.svg'), 'utf8'), one.out + '\n');
  });
});

describe('preview protocol: every message is checked', () => {
  test('webview → host: known shapes pass, anything else is dropped', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'exportChart', chartId: 'reciprocal-tariffs' }), {
      type: 'exportChart',
      chartId: 'reciprocal-tariffs',
    });
    assert.equal(parseWebviewMessage({ type: 'exportChart', chartId: '../../etc/passwd' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'revealFigure', reportId: 'r', figureId: 42 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'runCommand', command: 'workbench.action.quit' }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    const theme = parseWebviewMessage({
      type: 'theme',
      kind: 'dark',
      vars: { '--vscode-charts-blue': '#3794ff', background: 'red', '--vscode-x': 5 },
    });
    assert.deepEqual(theme, { type: 'theme', kind: 'dark', vars: { '--vscode-charts-blue': '#3794ff' } });
    assert.equal(parseWebviewMessage({ type: 'theme', kind: 'neon', vars: {} }), undefined);
  });

  test('host → webview: a state must carry SVG charts and well-formed lists', () => {
    const state = {
      charts: [{ id: 'a', title: 't', origin: 'curated', svg: '<svg/>', description: 'd', figures: [] }],
      figures: [],
      errors: [],
    };
    assert.equal(parseHostMessage({ type: 'state', state })?.type, 'state');
    assert.equal(
      parseHostMessage({ type: 'state', state: { ...state, charts: [{ ...state.charts[0], svg: '<img src=x onerror=alert(1)>' }] } }),
      undefined,
    );
    assert.equal(parseHostMessage({ type: 'state', state: { ...state, errors: [{ chartId: 'a', message: 'm' }] } }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'highlight' }), { type: 'highlight', highlight: undefined });
    assert.equal(parseHostMessage({ type: 'eval', code: '1' }), undefined);
  });
});
