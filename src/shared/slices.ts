/**
 * Work given in steps (src/core/steps.ts) run a slice at a time between turns of the event loop, so a 2 MB
 * note never holds the host for long: the core's runner, for the adapters.
 */
export { SLICE_MS, runInSlices } from '../core/steps';
