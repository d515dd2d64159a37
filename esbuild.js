// Builds Dossier's bundles: the extension (node/cjs, vscode external), the CLI (node) and the webview
// (browser/esm). `--production` minifies; development builds carry source maps. `--watch` rebuilds.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const lazyStandIns = require('./scripts/lazyStandIns');
const lazyCore = require('./scripts/lazyCore');
const oneVscode = require('./scripts/oneVscode');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The production dist/extension.js may weigh this much at most: what activation loads. Command-only code goes
 * into dist/commands.js, engines into their own lazy bundles (below). test/unit/bundleBudget.test.ts checks it.
 */
const EXTENSION_BUDGET_BYTES = 250 * 1024;

/**
 * The build's fingerprint (DOSSIER_BUILD): a hash of every source file and the locked dependencies. The library
 * cache keeps parsed reports under it, so a build with another parser never reads an older build's entries.
 * A watch build changes under its own feet: it gets a fresh fingerprint each start and never trusts the disk.
 */
function buildFingerprint() {
  const hash = require('crypto').createHash('sha256');
  const walk = dir =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .forEach(entry => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|js|json)$/.test(entry.name)) hash.update(full).update(fs.readFileSync(full));
      });
  walk(path.join(__dirname, 'src'));
  for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(__dirname, file)));
  if (watch) hash.update(String(Date.now()));
  return hash.digest('hex').slice(0, 16);
}

/** Prints errors in the "file:line:col: error: …" shape the problem matcher understands. */
const reportProblems = {
  name: 'report-problems',
  setup(build) {
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [reportProblems],
  // Node 18+ and every webview Chromium read `\p{L}` and the other general categories the code uses; left
  // to its table, esbuild rewrites `/\p{L}/u` as `new RegExp("\\p{L}", "u")`, a new pattern object at every
  // call in the number reader's per-amount rules (a tenth of parsing a report of 130,000 paragraphs)
  supported: { 'regexp-unicode-property-escapes': true },
};

const bundles = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
    // the core goes to dist/core.js (built by the plugin, with the same stand-ins), loaded after activation
    plugins: [...common.plugins, lazyStandIns, lazyCore.plugin({ plugins: [...common.plugins, lazyStandIns] }), oneVscode],
    define: { DOSSIER_BUILD: JSON.stringify(buildFingerprint()) },
    // Heavy engines (charts, CSL) are imported dynamically; with splitting off, esbuild keeps them in
    // separate files only when they are separate entry points, listed below.
  },
  {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// Lazy engines: each is its own bundle, loaded with require() at first use, never on activation.
for (const lazy of [
  'src/lazy/charts.ts',
  'src/lazy/csl.ts',
  'src/lazy/web.ts',
  'src/lazy/pdf.ts',
  'src/lazy/workerReads.ts',
  'src/lazy/yaml.ts',
  'src/lazy/fuse.ts',
  'src/lazy/commands.ts',
  'src/lazy/notes.ts',
  'src/lazy/mcp.ts',
  'src/lazy/agents.ts',
  'src/lazy/publish.ts',
  'src/lazy/export.ts',
]) {
  bundles.push({
    ...common,
    entryPoints: [lazy],
    outfile: path.join('dist', path.basename(lazy, '.ts') + '.js'),
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
    // vega-canvas's node build has a top-level await (an optional `canvas` import) that cjs cannot hold;
    // its browser build returns no canvas in Node, and Vega then estimates text widths without one.
    alias: lazy.endsWith('charts.ts') ? { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' } : {},
    // pdf.js: the same code path in the CLI as in the extension host, which pdf.js does not detect as Node —
    // no attempt to load a native canvas (and no warning printed on stdout for it); Dossier only reads text.
    ...(lazy.endsWith('pdf.ts') ? { define: { 'process.versions.nw': '"dossier"' }, external: ['vscode', '@napi-rs/canvas'] } : {}),
    // the commands and the note engines run in the extension host beside extension.js: the same stand-ins (fuse.js
    // and js-yaml stay lazy; the commands reach the fact-check and charts in dist/notes.js, which holds the real ones)
    plugins: [
      ...common.plugins,
      oneVscode,
      ...(lazy.endsWith('commands.ts') ? [lazyStandIns] : lazy.endsWith('notes.ts') ? [lazyStandIns.except(['check', 'charts'])] : []),
    ],
  });
}

// The PDF page view's page script: pdf.js for a browser (the legacy build, for older webview Chromiums), its
// worker inlined; loaded only when the page view opens.
bundles.push({
  ...common,
  entryPoints: ['src/webview/pdfPage.ts'],
  outfile: 'dist/pdfPage.js',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: false,
});

bundles.push({
  ...common,
  entryPoints: ['src/webview/main.ts'],
  outfile: 'dist/webview.js',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
});

/**
 * What dist/export.js reads at run time to draw charts as PNG for Word: resvg's WebAssembly module (no
 * native binary) and the font the charts' text is set in (Liberation Sans, as pdfjs-dist ships it).
 */
function copyRasteriser() {
  fs.mkdirSync('dist/fonts', { recursive: true });
  fs.copyFileSync('node_modules/@resvg/resvg-wasm/index_bg.wasm', 'dist/resvg.wasm');
  fs.copyFileSync('node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf', 'dist/fonts/LiberationSans-Regular.ttf');
  fs.copyFileSync('node_modules/pdfjs-dist/standard_fonts/LICENSE_LIBERATION', 'dist/fonts/LICENSE_LIBERATION');
}

async function main() {
  // A missing entry point is a broken build, not a smaller one: the extension would fail at first use.
  const missing = bundles.flatMap(b => b.entryPoints).filter(entry => !fs.existsSync(entry));
  if (missing.length) throw new Error(`missing entry point(s): ${missing.join(', ')}`);
  const contexts = await Promise.all(bundles.map(b => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    console.log('[dossier] watching for changes');
    return;
  }
  copyRasteriser();
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
  fs.chmodSync('dist/cli.js', 0o755);
}

module.exports = { bundles, EXTENSION_BUDGET_BYTES };

if (require.main === module)
  main().catch(err => {
    console.error(`✘ [ERROR] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
