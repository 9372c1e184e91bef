// Marks people put in a log excerpt where they cut lines or fields out: "...",
// "…", "[...]", "<snip>", "<big list of alt names>". A line that is only such
// a mark is not an event (it is counted with the blank lines and the next
// event says lines were cut before it); inside a JSON line the mark is where
// the record stops (json-recover.ts).
//
// Runtime output that merely contains dots stays what it is: Java's
// "... 23 more" and Go's "...additional frames elided..." continue a stack
// trace and are not matched here.

const DOTS = String.raw`(?:\.{2,}|…+|\. \. \.)`;

/** The whole line is a cut mark (after trimming). */
const ELISION_LINE = new RegExp(
  String.raw`^(?:${DOTS}|\[\s*${DOTS}\s*\]|\(\s*${DOTS}\s*\)|\{\s*${DOTS}\s*\}|<\s*${DOTS}\s*>|[[(<]?\s*(?:snip|snipped|cut|truncated|omitted)\s*[\])>]?|-{2,}\s*(?:snip|cut)\s*-{2,}|#\s*${DOTS})$`,
  'i',
);

/** Is this line only a mark where the author cut lines out? */
export function isElisionLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 40) return false;
  const c = t.charCodeAt(0);
  // Cheap reject: every mark starts with one of . … [ ( { < - # or a letter of "snip"/"cut"/...
  if (c !== 46 && c !== 0x2026 && c !== 91 && c !== 40 && c !== 123 && c !== 60 && c !== 45 && c !== 35 && !/^[scto]/i.test(t)) return false;
  return ELISION_LINE.test(t);
}

/**
 * Where a cut mark starts at s[i] inside a record: "...", "…", "[...]",
 * "<big list of alt names>", "<snip>". Returns true when s[i] starts one.
 */
export function startsCutMark(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 0x2026) return true;
  if (c === 46) return s.charCodeAt(i + 1) === 46;
  if (c === 91 || c === 40) {
    const n = s.charCodeAt(i + 1);
    return n === 46 || n === 0x2026;
  }
  // "<big list of alt names>", "<snip>", "<redacted>": an author's placeholder in angle brackets.
  if (c === 60) return /^<[^<>"{}]{1,80}>/.test(s.slice(i, i + 84));
  return false;
}
