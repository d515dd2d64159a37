/**
 * Loads the heavy engines (dist/charts.js, dist/web.js, dist/yaml.js, dist/fuse.js, dist/notes.js, …) at first use, with a runtime require so neither
 * esbuild nor the activation path pulls them into extension.js or cli.js. From sources (tsx: tests, dev) it
 * falls back to src/lazy/<name>.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ChartEngine } from './charts';

const engines = new Map<string, unknown>();

/** The lazy bundle `name` beside this bundle (dist/name.js), else its source beside this file. */
function lazyEngine<T>(name: string): T {
  let engine = engines.get(name);
  if (!engine) {
    const bundled = path.join(__dirname, `${name}.js`);
    const file = fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'lazy', name);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engine = require(file);
    engines.set(name, engine);
  }
  return engine as T;
}

export function chartEngine(): ChartEngine {
  return lazyEngine<ChartEngine>('charts');
}

/** HTML and Word → Markdown (defuddle on linkedom, mammoth). */
export function webEngine(): typeof import('./web') {
  return lazyEngine<typeof import('./web')>('web');
}

/** The agents' tools and the @dossier answers (src/core/tools.ts, src/core/chatAnswer.ts). */
export function agentsEngine(): typeof import('./agents') {
  return lazyEngine<typeof import('./agents')>('agents');
}

/** The memo in VS Code's Markdown preview and Export Memo… (src/publish/publisher.ts). */
export function publishEngine(): typeof import('./publish') {
  return lazyEngine<typeof import('./publish')>('publish');
}

/** The memo's exports: HTML, Word (docx) and the PNG rasteriser (resvg, WASM). */
export function exportEngine(): typeof import('./export') {
  return lazyEngine<typeof import('./export')>('export');
}

/** What runs only from a command: the chart panel, the PDF page view, the pickers, the library's commands. */
export function commandsEngine(): typeof import('./commands') {
  return lazyEngine<typeof import('./commands')>('commands');
}

/** The fact-check, the charts of a note and the hover cards (src/lazy/notes.ts). */
export function notesEngine(): typeof import('./notes') {
  return lazyEngine<typeof import('./notes')>('notes');
}

/** fuse.js (search re-scoring, `[@` completion); src/lazy/loadFuse.ts reaches it through here in extension.js. */
export function fuseEngine(): typeof import('./fuse') {
  return lazyEngine<typeof import('./fuse')>('fuse');
}

/** The host's side of PDF and big text reads in a worker thread (src/lazy/loadPdf.ts reaches it through here). */
export function workerReadsEngine(): typeof import('./workerReads') {
  return lazyEngine<typeof import('./workerReads')>('workerReads');
}

/** js-yaml (front matter, chart blocks); src/lazy/loadYaml.ts reaches it through here in extension.js. */
export function yamlEngine(): typeof import('./yaml') {
  return lazyEngine<typeof import('./yaml')>('yaml');
}
