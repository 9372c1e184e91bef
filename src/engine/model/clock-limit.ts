// How large a clock correction may be, shared by ingest (which applies it),
// the URL and share-link readers (which bound what they accept) and the CLI.
// Kept in its own file so the page can check a value without loading ingest.

/** A week: anything beyond is a date or zone problem, not a clock's drift. */
export const MAX_CLOCK_OFFSET_MS = 7 * 86400_000;
