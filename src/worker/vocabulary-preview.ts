// The Vocabulary dialog's preview, run where the engine session lives (the
// worker, or the main-thread fallback): for each draft entry, how many loaded
// events its pattern matches, how many of those would change kind, and a few
// of the matching messages, without re-reading the files. It matches the
// message text only (the fields the classifier also looks at, such as
// `error`, are not kept per event), so Apply can still find a few more.
// Patterns are checked with the same rules as share links before they run.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import { Flag, kindFromName } from '../engine/model/kinds.ts';
import type { EngineSession } from '../engine/session/session.ts';
import { checkUserRegex } from '../share/regex-safety.ts';
import { abortError } from './abortable.ts';

export interface EntryPreview {
  /** Why the pattern cannot run, or null. */
  error: string | null;
  /** Loaded events whose message the pattern matches. */
  matches: number;
  /** Of those, events that currently have another kind (or another failed flag). */
  changes: number;
  /** A few distinct matching messages, clipped. */
  samples: string[];
}

const SAMPLES = 3;
const SAMPLE_CHARS = 240;
/** Messages read back from the files per call, for rows whose text is not kept in memory. */
const READ_BATCH = 4096;

type Draft = Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>;

export function vocabularyPreviewApi(session: EngineSession) {
  return {
    /** Aborting `signal` (the draft changed again) stops the scan at its next batch of messages read back. */
    async previewVocabulary(entries: Draft[], signal?: AbortSignal): Promise<EntryPreview[]> {
      if (signal?.aborted) throw abortError();
      const checks = entries.map((e) => checkUserRegex(e.pattern));
      const out: EntryPreview[] = checks.map((c) => ({ error: c.ok ? null : c.error, matches: 0, changes: 0, samples: [] }));
      const r = session.loaded;
      if (!r) return out;
      const t = r.table;
      const live = checks.flatMap((c, k) => (c.ok ? [{ k, re: c.re, kind: kindFromName(entries[k].kind) ?? 0, failed: entries[k].failed ? Flag.failed : 0 }] : []));
      if (live.length === 0) return out;
      const test = (row: number, message: string) => {
        for (const l of live) {
          if (!l.re.test(message)) continue;
          const p = out[l.k];
          p.matches++;
          if (t.kind[row] !== l.kind || (t.flags[row] & Flag.failed) !== l.failed) p.changes++;
          if (p.samples.length < SAMPLES) {
            const s = message.length > SAMPLE_CHARS ? `${message.slice(0, SAMPLE_CHARS)}…` : message;
            if (!p.samples.includes(s)) p.samples.push(s);
          }
        }
      };
      let missing: number[] = [];
      const flush = async () => {
        if (signal?.aborted) throw abortError();
        const texts = await session.messages(missing);
        for (let j = 0; j < missing.length; j++) test(missing[j], texts[j] ?? '');
        missing = [];
      };
      for (let row = 0; row < t.length; row++) {
        const m = r.messages[row];
        if (m !== undefined) test(row, m);
        else {
          missing.push(row);
          if (missing.length >= READ_BATCH) await flush();
        }
      }
      if (missing.length > 0) await flush();
      if (signal?.aborted) throw abortError();
      return out;
    },
  };
}
