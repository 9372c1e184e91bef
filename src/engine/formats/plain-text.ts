// Plain text logs: every line is read by the dialect table (text-patterns.ts)
// through the generic runner in text-line.ts. Lines of no known shape become
// continuations (stack traces) or untimed events in the driver, so this
// parser only says "text"; detection scores how many lines have a time.

import { newTimeOut } from '../model/time.ts';
import { TextMatch, TextReader } from './text-line.ts';
import { LineType, newRecordOut, resetRecord, type LineParser, type LogFormat, type ParseEnv } from './types.ts';

export interface TextProfile {
  nonBlank: number;
  timed: number;
  untimed: number;
  patterns: ReadonlyMap<string, number>;
}

/** Profiles made, per lines array, with the strings it held then (kept only while the array is: no text outlives its caller). */
const made = new WeakMap<readonly string[], { copy: readonly string[]; profile: TextProfile }>();

/**
 * Share of non-blank lines the text runner reads with a time, and which
 * patterns did. Detection asks this twice of the same first lines (plain
 * text and syslog each score from it), and reading 200 JSON lines through the
 * text runner costs ~10 ms before a big file's slices can start: the same
 * array still holding the same strings gets the profile already made.
 */
export function textProfile(lines: readonly string[]): TextProfile {
  const seen = made.get(lines);
  if (seen && seen.copy.length === lines.length && seen.copy.every((l, i) => l === lines[i])) return seen.profile;
  const profile = readProfile(lines);
  made.set(lines, { copy: lines.slice(), profile });
  return profile;
}

function readProfile(lines: readonly string[]): TextProfile {
  const reader = new TextReader({ year: 2000, time: newTimeOut() });
  const out = newRecordOut();
  const patterns = new Map<string, number>();
  let nonBlank = 0;
  let timed = 0;
  let untimed = 0;
  for (const l of lines) {
    if (!l.trim()) continue;
    nonBlank++;
    resetRecord(out);
    const found = reader.read(l, out);
    if (found === TextMatch.none) continue;
    if (found === TextMatch.timed) timed++;
    else untimed++;
    const id = reader.lastPattern || (l.trimStart().startsWith('{') ? 'json' : 'logfmt');
    patterns.set(id, (patterns.get(id) ?? 0) + 1);
  }
  return { nonBlank, timed, untimed, patterns };
}

export const plainTextFormat: LogFormat = {
  id: 'text',
  label: 'Plain text',
  splittable: true,
  detect(_name, lines) {
    const p = textProfile(lines);
    // Always a candidate (it is the fallback); more confident the more lines have a time.
    return p.nonBlank === 0 ? 0.05 : 0.1 + 0.45 * ((p.timed + 0.5 * p.untimed) / p.nonBlank);
  },
  createParser: textLineParser,
  fields: textFields,
};

/** Detail-panel fields of a text event: its first line's dialect and captured groups. */
export function textFields(raw: string, env: ParseEnv): Record<string, unknown> {
  const nl = raw.indexOf('\n');
  return new TextReader(env).fields(nl < 0 ? raw : raw.slice(0, nl));
}

/** Every line goes to the driver's text path (shared by the formats whose lines are plain text). */
export function textLineParser(): LineParser {
  return {
    parseLine(line, out) {
      if (line.trim().length === 0) return LineType.blank;
      out.text = line;
      return LineType.text;
    },
  };
}
