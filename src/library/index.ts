/**
 * The library feature: Add Reports…, Remove from Library and Reveal Report File, the watcher that re-reads a
 * report file when it changes on disk, and the library's problems in the Problems panel. (The tree shows the
 * libraries and takes dropped files: src/outline/.) The commands load from dist/commands.js at first use.
 */
import * as vscode from 'vscode';
import { commandsEngine } from '../lazy/load';
import type { Feature } from '../services';
import { showLibraryProblems } from './problemsPanel';
import { watchLibrary } from './watcher';

export const libraryFeature: Feature<'addReports' | 'removeFromLibrary' | 'revealReportFile'> = ({ library, log }) => ({
  disposable: vscode.Disposable.from(watchLibrary(library, log), showLibraryProblems(library)),
  commands: {
    addReports: (reports, options) => commandsEngine().addReports(library, reports, options),
    removeFromLibrary: (item, options) => commandsEngine().removeFromLibrary(library, item, options),
    revealReportFile: item => commandsEngine().revealReportFile(library, item),
  },
});
