// fuse.js's lazy bundle (dist/fuse.js), loaded by src/lazy/loadFuse.ts at the first search or `[@` completion.
export { default } from 'fuse.js';
