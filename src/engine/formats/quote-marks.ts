// Logs pasted into an issue thread or a chat are often a Markdown quote:
// every line starts with "> " (or "> > " when the reply quotes a quote).
// Read as they are, the marks hide each line's time and level, and the
// indented lines of a record ("  accept: Invalid argument" under its header)
// no longer look indented. A file is read as a quote only when nearly all of
// its first lines are quoted, so a log whose lines merely start with ">"
// here and there (npm's "> app@1.0.0 start" banner) is read as written.

/** Share of the first non-blank lines that must be quoted for the file to be read as a quote. */
const QUOTED_SHARE = 0.9;
/** Fewer quoted lines than this say nothing (one ">" line is a prompt or a banner). */
const MIN_QUOTED = 2;

/** Does the line open with a Markdown quote mark (">" then a space, a tab or nothing)? */
function opensQuote(line: string): boolean {
  if (line.charCodeAt(0) !== 62) return false;
  const next = line.charCodeAt(1);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 62;
}

/** Are these first lines of a file a Markdown quote? */
export function isQuotedPaste(firstLines: readonly string[]): boolean {
  let lines = 0;
  let quoted = 0;
  for (const l of firstLines) {
    if (l.trim().length === 0) continue;
    lines++;
    if (opensQuote(l)) quoted++;
  }
  return quoted >= MIN_QUOTED && quoted >= QUOTED_SHARE * lines;
}

/**
 * The line without its quote marks: each ">" with the one space after it
 * (nested quotes too), so what the author indented stays indented.
 */
export function unquote(line: string): string {
  let i = 0;
  while (line.charCodeAt(i) === 62) {
    i++;
    if (line.charCodeAt(i) === 32) i++;
  }
  return i === 0 ? line : line.slice(i);
}
