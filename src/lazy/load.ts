/**
 * Loads the chart engine (dist/charts.js) at first use, with a runtime require so neither esbuild nor the
 * activation path pulls Vega into extension.js or cli.js. From sources (tsx: tests, dev) it falls back to
 * src/lazy/charts.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ChartEngine } from './charts';

let engine: ChartEngine | undefined;

export function chartEngine(): ChartEngine {
  if (!engine) {
    const bundled = path.join(__dirname, 'charts.js');
    const file = fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'lazy', 'charts');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    engine = require(file) as ChartEngine;
  }
  return engine;
}
