// A share link is at most 2 MB of text but may unpack to 64 MB of JSON, and
// JSON like [[[[…]]]] nested millions deep makes JSON.parse build millions of
// objects (gigabytes, seconds) before validation can say no. Timberline's own
// links nest a handful of levels, so the depth is checked on the bytes first,
// in one pass that allocates nothing.

/** Deeper than any link Timberline makes (payload → events → fields → a nested value of a field). */
export const MAX_JSON_DEPTH = 64;

/** Whether the JSON text nests objects and arrays deeper than `max` (brackets inside strings do not count). */
export function jsonDeeperThan(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
