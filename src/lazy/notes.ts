/**
 * Entry of the lazy bundle dist/notes.js: what works on an analyst's note rather than on the library — the
 * fact-check (src/core/check.ts), the charts a note uses and declares (src/core/charts.ts) and the hover
 * cards. extension.js reaches the first two through stand-ins (scripts/lazyStandIns.js: src/lazy/loadCheck.ts,
 * src/lazy/loadCharts.ts) and the hover cards through src/hover/index.ts, so they load at the first check of
 * a note, the first chart or the first hover, never on activation.
 */
export { createNoteChecker, keysCitedBy } from '../core/check';
export { chartsForNote, chartsForNoteSteps, libraryCharts, nearestChart, readCuratedChartFile } from '../core/charts';
export { CardHovers } from '../hover/hoverProvider';
