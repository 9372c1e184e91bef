// Keeps a worker's message queue moving while it reads. Stream chunks and
// promise callbacks run as microtasks, so a worker parsing a file never
// reaches a task boundary on its own: a Cancel message waits behind the whole
// file, and so does the browser's request to shut the worker down
// (terminate() is only forced after seconds). A pacer passes a task boundary
// whenever the worker has been busy for a few milliseconds.

/**
 * The longest a worker reads, inflates or parses without letting its queue
 * through: a Cancel or a terminate() waiting there acts within about this long.
 */
export const MAX_BUSY_MS = 10;

/** A task boundary (not a microtask): lets queued messages run. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });
}

/** Pass a task boundary when busy for `maxBusyMs` since the last one; cheap otherwise (call it per chunk). */
export function pacer(maxBusyMs = MAX_BUSY_MS, boundary: () => Promise<void> = macrotask): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < maxBusyMs) return;
    await boundary();
    last = performance.now();
  };
}

/** The chunks of `chunks`, with a pacer's task boundary after each one as needed. */
export async function* paced<T>(chunks: AsyncIterable<T>, pace: () => Promise<void>): AsyncGenerator<T> {
  for await (const c of chunks) {
    yield c;
    await pace();
  }
}
