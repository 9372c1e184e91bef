// How many occurrences one line stands for. Kubernetes folds a repeating event
// into one line with a count ("Warning FailedMount 2m (x11 over 23m)"): a
// volume that failed to mount eleven times is a run, not a single failure, and
// the rules that ask for a run of lines must count it as one.

/** kubectl's folded count: "(x11 over 23m)", "x5 over 10m". */
const FOLDED = /\bx(\d{1,6}) over \d+(?:\.\d+)?(?:ms|s|m|h|d)\b/;

/** Occurrences a line stands for: its folded count when it has one, else 1. */
export function repeatsOf(text: string): number {
  const m = FOLDED.exec(text);
  return m ? Math.max(1, Number(m[1])) : 1;
}

/** Occurrences the rows stand for, counting each folded line by its count (stops counting at `enough`). */
export function occurrences(rows: readonly number[], text: (row: number) => string, enough = Infinity): number {
  let n = 0;
  for (const row of rows) {
    n += repeatsOf(text(row));
    if (n >= enough) break;
  }
  return n;
}
