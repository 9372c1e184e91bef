// Long passes over the event table, cut into steps so the page stays
// responsive: a builder is a generator that yields every STEP_ROWS rows; the
// same builder runs to its end at once where a caller needs the answer now
// (runSteps), or across many short tasks while a file loads (runSliced), so
// there is one implementation of each pass and both paths give equal results.

/** Rows handled between two yields: a few milliseconds of work even on a busy core. */
export const STEP_ROWS = 1 << 16;

/** A builder: yields between steps, returns its result. */
export type Steps<T> = Generator<void, T>;

/** Run a step builder to its end in one go. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Call `each` on consecutive [from, to) ranges of at most STEP_ROWS rows, yielding after each. */
export function* inSteps(n: number, each: (from: number, to: number) => void): Steps<void> {
  for (let from = 0; from < n; from += STEP_ROWS) {
    each(from, Math.min(n, from + STEP_ROWS));
    yield;
  }
}

/** Hand the thread back to the page: input, rendering and other tasks run before the next slice. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    // A message posts a task without setTimeout's clamping to 4 ms after nesting.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Run a step builder in slices of about `budgetMs`, each its own task; null
 * when `stale()` turns true between slices (a newer table arrived: the work is
 * dropped, not finished).
 */
export async function runSliced<T>(steps: Steps<T>, budgetMs: number, stale: () => boolean = () => false): Promise<T | null> {
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= budgetMs) {
      await nextTask();
      if (stale()) return null;
      sliceStart = performance.now();
    }
  }
}
