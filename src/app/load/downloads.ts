// The one download (?url=) that may still become the session. Cancel aborts
// it; a newer load (files dropped, a sample, a link, another address)
// supersedes it: its fetch is aborted and, should it finish anyway, it is
// dropped instead of replacing what the user loaded since.

export type AbortReason = 'cancelled' | 'superseded';

let active: { controller: AbortController; reason: AbortReason | null } | null = null;

/** Start a download: any earlier one is superseded. */
export function startDownload(): { signal: AbortSignal; reason(): AbortReason | null; current(): boolean } {
  abortDownload('superseded');
  const entry: { controller: AbortController; reason: AbortReason | null } = { controller: new AbortController(), reason: null };
  active = entry;
  return { signal: entry.controller.signal, reason: () => entry.reason, current: () => active === entry && entry.reason === null };
}

/** Stop the running download, if any, saying why (the download's own error path reads it). */
export function abortDownload(reason: AbortReason): void {
  if (!active) return;
  active.reason = reason;
  active.controller.abort();
  active = null;
}

/** The download finished and is handed over to the loader: nothing is left to abort. */
export function endDownload(signal: AbortSignal): void {
  if (active?.controller.signal === signal) active = null;
}
