// Size limits for share links, in one place so the encoder, the decoder, the
// dialog and docs/limits.md agree. Where a number comes from:
//   - Discord refuses messages over 2,000 characters; links under ~2,000
//     characters also survive every old browser and proxy.
//   - Slack asks clients to keep a message under 4,000 characters (its socket
//     drops messages over 16 KB) and truncates message text over 40,000.
//   - Microsoft Teams caps a message at roughly 28 KB.
//   - Chromium's address bar shows at most 32 KB of a URL (kMaxURLDisplayChars)
//     and Chromium refuses URLs over 2 MB (2,097,152 characters) outright.
// So a link up to CHAT_LIMIT pastes into Slack, Teams, GitHub comments
// (65,536) and an address bar; past it the dialog offers to shrink the link.

export interface LinkTier {
  max: number;
  label: string;
}

/** Fits any chat message, Discord included. */
export const TINY_LIMIT = 2_000;
/** Slack's recommended message size. */
export const SLACK_SOFT_LIMIT = 4_000;
/** The dialog's "fits chat tools" budget (Teams ~28 KB, below Chromium's 32 KB address bar). */
export const CHAT_LIMIT = 28_000;
/** Chromium refuses longer URLs; nothing longer is ever made or opened. */
export const BROWSER_URL_LIMIT = 2_097_152;

/** Decoder caps: a link longer than this is refused before any decoding. */
export const MAX_ENCODED_CHARS = BROWSER_URL_LIMIT;
/** Decompression stops (and the link is refused) past this many bytes of JSON. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Structural caps checked during validation, before anything is allocated from the payload's numbers. */
export const MAX_EVENTS = 200_000;
export const MAX_FILES = 1_000;
export const MAX_MARKS = 20_000;
export const MAX_FINDINGS = 1_000;
export const MAX_VOCABULARY = 500;
/** Rule files per link; each is also capped by the rule loader's MAX_RULE_FILE_BYTES. */
export const MAX_RULE_FILES = 10;
/** Raw text per shared event (a 10 MB line travels as its first 16 KB). */
export const MAX_SHARED_RAW_CHARS = 16 * 1024;
export const MAX_SHARED_MESSAGE_CHARS = 4096;
/** Evidence events kept per finding when it is cut to a window. */
export const MAX_EVIDENCE_PER_FINDING = 200;

/** Longest text per field a link may carry; the encoder clips to these and the decoder refuses more. */
export const TEXT_CAPS = {
  fileName: 1024,
  format: 64,
  formatLabel: 128,
  notice: 1000,
  notices: 50,
  error: 1000,
  logger: 512,
  loggers: 100_000,
  label: 1000,
  rule: 128,
  title: 500,
  detail: 20_000,
  filterText: 1000,
  source: 1100,
  sources: 1000,
  /** Patterns in the view's filter (each capped like a vocabulary pattern). */
  patterns: 200,
  msg: MAX_SHARED_MESSAGE_CHARS * 2,
  raw: MAX_SHARED_RAW_CHARS * 2,
  note: 1000,
  sample: 1000,
  samples: 20,
  pattern: 1000,
  refs: 10_000,
  reduction: 200,
  ruleFileName: 200,
  reductions: 20,
  /** Log-list columns in the view (the list shows at most 8; field names as the store caps them). */
  columns: 8,
  column: 200,
} as const;

export const LINK_TIERS: readonly LinkTier[] = [
  { max: TINY_LIMIT, label: 'fits any chat message' },
  { max: SLACK_SOFT_LIMIT, label: 'fits a Slack message' },
  { max: CHAT_LIMIT, label: 'fits Slack, Teams and GitHub comments' },
  { max: BROWSER_URL_LIMIT, label: 'too long for chat tools: send it as a file or shrink it' },
];

/** Human description of a link length. */
export function describeLinkSize(chars: number): { tier: LinkTier | null; fitsChat: boolean; tooLong: boolean } {
  const tier = LINK_TIERS.find((t) => chars <= t.max) ?? null;
  return { tier, fitsChat: chars <= CHAT_LIMIT, tooLong: chars > BROWSER_URL_LIMIT };
}

export function formatChars(n: number): string {
  if (n < 1000) return `${n} characters`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k characters`;
  return `${(n / 1_000_000).toFixed(1)}M characters`;
}
