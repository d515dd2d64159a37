import type { Steps } from '../core/steps';

/** The longest stretch core work given in steps holds the extension host before it lets other work run. */
export const SLICE_MS = 20;

/** The next turn of the event loop (setImmediate in Node; a zero timeout where there is none, as in a web worker). */
const nextTurn = (): Promise<void> =>
  new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

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
