import { SLICE_MS, nextTurn, type Steps } from '../core/steps';

export { SLICE_MS };

/**
 * Runs work given in steps (src/core/steps.ts) a slice at a time: steps for up to SLICE_MS, then a turn of
 * the event loop so typing, other extensions and the editor's own requests go on. Undefined, and no more
 * work done, once `cancelled()` says the answer is no longer wanted (the note changed or closed).
 */
export async function runInSlices<T>(steps: Steps<T>, cancelled: () => boolean = () => false, sliceMs = SLICE_MS): Promise<T | undefined> {
  for (;;) {
    if (cancelled()) {
      steps.return(undefined as T);
      return undefined;
    }
    const until = performance.now() + sliceMs;
    do {
      const next = steps.next();
      if (next.done) return next.value;
    } while (performance.now() < until);
    await nextTurn();
  }
}
