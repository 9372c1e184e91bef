// The share half of the engine API, run where the engine session lives (the
// worker, or the main-thread fallback): open a share link into the session
// (so detail, messages and search work on a shared incident exactly as on
// dropped files), and read the texts a new link needs. Failures come back as
// values, not exceptions, because an error's `code` does not survive Comlink.

import type { EngineSession, LoadSummary } from '../engine/session/session.ts';
import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import { mainThreadTable } from './table-handoff.ts';
import type { EventText } from '../share/build.ts';
import { ShareLinkError, type ShareErrorCode } from '../share/codec.ts';
import type { RedactionSummary, SharedRuleFile, ShareView, TimeRange } from '../share/payload.ts';
import { openShareLink } from '../share/restore.ts';
import { sessionTexts } from '../share/session-texts.ts';
import { buildShareLink, type ShareResult, type ShareSettings } from '../share/link-builder.ts';
import type { SharePayload } from '../share/payload.ts';
import { unlessAborted } from './abortable.ts';

export interface OpenedShare {
  summary: LoadSummary;
  view: ShareView;
  window: TimeRange;
  vocabulary: VocabularyEntry[];
  rules: SharedRuleFile[];
  redaction: RedactionSummary;
  reductions: string[];
  created: string;
}

export type OpenShareResult = { ok: true; opened: OpenedShare } | { ok: false; code: ShareErrorCode; message: string };

type Transfer = <T>(value: T, buffers: ArrayBuffer[]) => T;

/** `handOff`: the caller is another thread (see EngineApiOptions in engine-api.ts). */
export function shareApi(session: EngineSession, transfer: Transfer, handOff = false) {
  /** The Share dialog's unredacted payload, sent once per opening; every settings change redacts it here. */
  let base: SharePayload | null = null;
  return {
    /** A share link (URL, `#s=...` or the bare payload) -> the incident, now loaded in the session. */
    async openShare(link: string): Promise<OpenShareResult> {
      try {
        const r = await openShareLink(link);
        const summary = session.adopt(r.result, r.analysis, r.sources);
        const opened: OpenedShare = { summary, view: r.view, window: r.window, vocabulary: r.vocabulary, rules: r.rules, redaction: r.redaction, reductions: r.reductions, created: r.created };
        if (!handOff) return { ok: true, opened };
        // The session keeps reading the table (detail, raw lines): the main thread gets its own columns.
        const h = mainThreadTable(summary.table, true);
        return transfer({ ok: true, opened: { ...opened, summary: { ...summary, table: h.table } } }, h.buffers);
      } catch (e) {
        if (e instanceof ShareLinkError) return { ok: false, code: e.code, message: e.message };
        return { ok: false, code: 'invalid', message: `This link could not be opened: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    /** Message and raw text of rows, for building a link. */
    shareTexts: (rows: number[]): Promise<EventText[]> => sessionTexts(session, rows),
    /** Keep the payload the Share dialog builds links from (see src/share/link-builder.ts). */
    shareBase: async (payload: SharePayload): Promise<void> => {
      base = payload;
    },
    /** The link for the kept payload under these settings (`signal`: the settings changed again, drop this one). */
    shareLink: async (settings: ShareSettings, prefix: string, signal?: AbortSignal): Promise<ShareResult> => {
      const kept = base;
      if (!kept) throw new Error('no payload to share yet');
      return unlessAborted(signal, () => buildShareLink(kept, settings, prefix));
    },
  };
}
