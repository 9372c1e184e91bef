// The Share dialog's per-settings work, apart from React and runnable where
// the engine runs (the worker): reduce -> redact -> encode -> link, and which
// reductions would bring an over-long link back under the chat limit.
// Redacting and compressing 50,000 events takes a second or two; in the
// worker that no longer freezes the page while the user flips switches.

import { encodePayload } from './codec.ts';
import { CHAT_LIMIT } from './limits.ts';
import type { SharePayload } from './payload.ts';
import type { CategoryId } from './redact-rules.ts';
import { redactPayload } from './redact-payload.ts';
import type { CategoryReport, CustomPattern, CustomPatternProblem } from './redact.ts';
import { withoutHost } from './validate-provenance.ts';
import { dropDebug, findingWindow, firstLinesOnly, messagesOnly, narrowWindow, reductionOptions, type ReductionId } from './reduce.ts';

export interface ShareSettings {
  categories: Partial<Record<CategoryId, boolean>>;
  custom: CustomPattern[];
  applied: ReductionId[];
  /** Name the server a pulled window came from (off unless the sender ticks it; credentials are never in a link). */
  includeHost?: boolean;
}

export interface ShareResult {
  payload: SharePayload;
  link: string;
  report: CategoryReport[];
  problems: CustomPatternProblem[];
  /** Reductions that would shorten the link (only when it is over the chat limit). */
  options: { id: ReductionId; label: string; chars: number }[];
}

export function applyReductions(p: SharePayload, applied: readonly ReductionId[]): SharePayload {
  let out = p;
  for (const id of applied) {
    if (id === 'drop-debug') out = dropDebug(out);
    else if (id === 'first-lines') out = firstLinesOnly(out);
    else if (id === 'messages-only') out = messagesOnly(out);
    else if (id === 'narrow') {
      const w = findingWindow(out);
      if (w) out = narrowWindow(out, { start: Math.max(w.start, out.window.start), end: Math.min(w.end, out.window.end) });
    }
  }
  return out;
}

/** The link for `base` under `settings`; `prefix` is the page's share URL up to the payload. */
export async function buildShareLink(base: SharePayload, settings: ShareSettings, prefix: string): Promise<ShareResult> {
  const reduced = applyReductions(base, settings.applied);
  const red = redactPayload(reduced, { categories: settings.categories, custom: settings.custom });
  if (red.payload.provenance && !settings.includeHost) red.payload = { ...red.payload, provenance: withoutHost(red.payload.provenance) };
  const link = prefix + (await encodePayload(red.payload));
  let options: ShareResult['options'] = [];
  if (link.length > CHAT_LIMIT) {
    const all = await reductionOptions(red.payload);
    options = all.filter((o) => !settings.applied.includes(o.id)).map((o) => ({ id: o.id, label: o.label, chars: o.chars + prefix.length }));
  }
  return { payload: red.payload, link, report: red.report, problems: red.problems, options };
}
