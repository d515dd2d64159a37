/**
 * Stands in for src/core/check.ts inside extension.js (scripts/lazyStandIns.js swaps it in): the same
 * createNoteChecker (and keysCitedBy, for Export Bibliography), read from the lazy bundle dist/notes.js at the first fact-check, so activation does not
 * carry the fact-check.
 */
import type * as check from '../core/check';
import { notesEngine } from './load';

export const createNoteChecker: typeof check.createNoteChecker = (...args) => notesEngine().createNoteChecker(...args);
export const keysCitedBy: typeof check.keysCitedBy = (...args) => notesEngine().keysCitedBy(...args);
