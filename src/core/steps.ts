/**
 * Work in steps: a generator that yields between small units of work (a line of a note, one amount of it,
 * one citation). A one-shot caller runs it to the end (`runSteps`); the extension runs it a slice at a time
 * between turns of the event loop (runInSlices, below), so a 2 MB note never holds the host for long.
 * Both get the same answer: it is the same code.
 */
export type Steps<T> = Generator<void, T, void>;

/** The longest stretch work given in steps holds the extension host before it lets other work run. */
export const SLICE_MS = 10;

/** The next turn of the event loop (setImmediate in Node; a zero timeout where there is none, as in a web worker). */
export const nextTurn = (): Promise<void> =>
  new Promise(resolve => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Runs the steps to the end, at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The longest a step should take: a slice ends after the step that uses it up, so a step is what a slice can overrun by. */
export const STEP_MS = 5;
/** units of work between two looks at the clock */
const CLOCK_EVERY = 1024;

/**
 * Counts units of work and says when a step is due: every `every` units, or sooner once the step has taken
 * STEP_MS (`if (pace.due()) yield;`). The count alone is not enough: code run for the first time is not yet
 * compiled and can be ten times slower, so a step sized for compiled code held the host ~100 ms (the first
 * freeze of a 2,000-report library's index).
 */
export class Pace {
  private count = 0;
  private sinceClock = 0;
  private started = Date.now();
  constructor(private readonly every: number) {}
  due(units = 1): boolean {
    this.count += units;
    if (this.count < this.every) {
      this.sinceClock += units;
      if (this.sinceClock < CLOCK_EVERY) return false;
      this.sinceClock = 0;
      if (Date.now() - this.started < STEP_MS) return false;
    }
    this.count = 0;
    this.sinceClock = 0;
    this.started = Date.now();
    return true;
  }
}

/**
 * Runs work given in steps a slice at a time: steps for up to `sliceMs`, then a turn of the event loop so
 * typing, other extensions and the editor's own requests go on. Undefined, and no more work done, once
 * `cancelled()` says the answer is no longer wanted (the note changed or closed, a newer library came).
 */
export async function runInSlices<T>(steps: Steps<T>, cancelled: () => boolean = () => false, sliceMs = SLICE_MS): Promise<T | undefined> {
  for (;;) {
    if (cancelled()) {
      steps.return(undefined as T);
      return undefined;
    }
    const until = Date.now() + sliceMs;
    do {
      const next = steps.next();
      if (next.done) return next.value;
    } while (Date.now() < until);
    await nextTurn();
  }
}
