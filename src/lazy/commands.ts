/**
 * Entry of the lazy bundle dist/commands.js: what runs only when the analyst runs a command — the chart
 * panel, the PDF page view, the reader's commands, the citation picker, Export Bibliography, the library's
 * commands, Show All Mentions, Check All Notes and the search picker. Each feature's index.ts keeps its registrations and
 * loads this at the first command (commandsEngine in src/lazy/load.ts), so activation does not carry it.
 */
export { ChartPreview } from '../preview/chartPreview';
export { PdfPageView } from '../reader/pageView';
export { openReport, openSource, revealInReport, showOriginal, showReader } from '../reader/commands';
export { addToCitation, citationCommands } from '../cite/commands';
export { exportBibliography } from '../cite/exportBibliography';
export { addReports, removeFromLibrary, revealReportFile } from '../library/libraryCommands';
export { showMentions } from '../hover/mentions';
export { checkAllNotes } from '../check/checkAllNotes';
export { showSearchPicker } from '../search/searchPicker';
