/**
 * Stands in for src/core/charts.ts inside extension.js (scripts/lazyStandIns.js swaps it in): the same
 * functions the dossier serves charts with, read from the lazy bundle dist/notes.js at the first chart, so
 * activation does not carry the charts' rules.
 */
import type * as charts from '../core/charts';
import { notesEngine } from './load';

export const chartsForNote: typeof charts.chartsForNote = (...args) => notesEngine().chartsForNote(...args);
export const libraryCharts: typeof charts.libraryCharts = (...args) => notesEngine().libraryCharts(...args);
export const readCuratedChartFile: typeof charts.readCuratedChartFile = (...args) => notesEngine().readCuratedChartFile(...args);
export const chartsForNoteSteps: typeof charts.chartsForNoteSteps = (...args) => notesEngine().chartsForNoteSteps(...args);
export const nearestChart: typeof charts.nearestChart = (...args) => notesEngine().nearestChart(...args);
