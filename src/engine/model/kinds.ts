// Event kinds: what the analysis cares about. Stored in the Uint8 kind column;
// the vocabulary in ../classify decides which kind an event gets.

export const Kind = {
  plain: 0,
  signal: 1,
  opStart: 2,
  opEnd: 3,
  timeout: 4,
  healthFail: 5,
  restart: 6,
  crash: 7,
} as const;
export type KindCode = (typeof Kind)[keyof typeof Kind];
export const KIND_NAMES = ['plain', 'signal', 'op-start', 'op-end', 'timeout', 'health-fail', 'restart', 'crash'] as const;
export type KindName = (typeof KIND_NAMES)[number];

export function kindFromName(name: string): KindCode | undefined {
  const i = (KIND_NAMES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : (i as KindCode);
}

/** Bits of the Uint8 flags column. */
export const Flag = {
  /** The operation (op-end) or request ended in failure. */
  failed: 1,
  /** The line did not parse in its file's format; the raw text is the message. */
  malformed: 2,
  /** The line carried no time of its own; it took its predecessor's. */
  untimed: 4,
  /** The time carried no zone and was read as UTC. */
  zoneAssumed: 8,
  /** Line was longer than the engine keeps; message truncated. */
  truncated: 16,
  /** A hand-edited line (cut with "...", a missing brace): read up to the cut, the raw text kept. */
  recovered: 32,
  /** Lines before this event were cut out of the log (an elision line such as "..."). */
  afterElision: 64,
  /** A restart-kind line that announces a start (listening, ready), not a restart in its own words. */
  start: 128,
} as const;
