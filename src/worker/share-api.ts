// The share half of the engine API, run where the engine session lives (the
// worker, or the main-thread fallback): open a share link into the session
// (so detail, messages and search work on a shared incident exactly as on
// dropped files), and make links: the Share dialog's payload is built,
// reduced, redacted and encoded here; the page gets counts, the redaction
// preview, the link and its Markdown. Failures to open a link come back as
// values, not exceptions, because an error's `code` does not survive Comlink.

import type { EngineSession, LoadSummary } from '../engine/session/session.ts';
import { mainThreadTable } from './table-handoff.ts';
import { buildSharePayload, type ShareRequest } from '../share/build.ts';
import { incidentMarkdown } from '../share/markdown.ts';
import { ShareLinkError, type ShareErrorCode } from '../share/codec.ts';
import type { SharedProvenance, TimeRange } from '../share/payload.ts';
import { openShareLink, type RestoredIncident } from '../share/restore.ts';
import { sessionTexts } from '../share/session-texts.ts';
import { buildShareLink, type ShareResult, type ShareSettings } from '../share/link-builder.ts';
import type { SharePayload } from '../share/payload.ts';
import { unlessAborted } from './abortable.ts';

/** A restored incident as the page gets it: the session's summary in place of the table and sources it adopted. */
export type OpenedShare = Omit<RestoredIncident, 'result' | 'analysis' | 'sources'> & { summary: LoadSummary };

export type OpenShareResult = { ok: true; opened: OpenedShare } | { ok: false; code: ShareErrorCode; message: string };

/** What a Share dialog opening covers: the events of `window` (the brushed range or the visible window) and the view to restore. */
export type ShareOpenRequest = Omit<ShareRequest, 'now'>;

/** What the link carries, counted, for the dialog's "Carries ..." line. */
export interface ShareCarries {
  events: number;
  window: TimeRange;
  findings: number;
  marks: number;
  files: number;
  vocabulary: number;
  rules: number;
  /** Where a pulled window came from, as the link states it (the server only when the sender ticked it). */
  provenance: SharedProvenance | null;
}

/**
 * What the page gets for each settings change: the link, the redaction
 * preview, the counts, and the exports made from the redacted payload (the
 * Markdown, the PNG caption). The payload itself (up to 50,000 events) stays here.
 */
export interface ShareLinkView extends Omit<ShareResult, 'payload'> {
  carries: ShareCarries;
  markdown: string;
  caption: { title: string | null; window: TimeRange };
}

function linkView(r: ShareResult): ShareLinkView {
  const { payload: p, ...rest } = r;
  return {
    ...rest,
    carries: { events: p.events.t.length, window: p.window, findings: p.findings.length, marks: p.marks.length, files: p.files.length, vocabulary: p.vocabulary.length, rules: p.rules?.length ?? 0, provenance: p.provenance ?? null },
    markdown: incidentMarkdown(p, r.link),
    caption: { title: p.findings[0]?.title ?? null, window: p.view.window },
  };
}

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
        const opened: OpenedShare = { summary, view: r.view, window: r.window, vocabulary: r.vocabulary, rules: r.rules, redaction: r.redaction, reductions: r.reductions, created: r.created, provenance: r.provenance };
        if (!handOff) return { ok: true, opened };
        // The session keeps reading the table (detail, raw lines): the main thread gets its own columns.
        const h = mainThreadTable(summary.table, true);
        return transfer({ ok: true, opened: { ...opened, summary: { ...summary, table: h.table } } }, h.buffers);
      } catch (e) {
        if (e instanceof ShareLinkError) return { ok: false, code: e.code, message: e.message };
        return { ok: false, code: 'invalid', message: `This link could not be opened: ${e instanceof Error ? e.message : String(e)}` };
      }
    },
    /**
     * Build the Share dialog's payload here, where the table and the texts
     * are (events of the window, evidence, marks; texts read back from the
     * files), and keep it: every settings change is then reduced, redacted and
     * encoded here too. Returns what it carries before any redaction.
     */
    async shareOpen(req: ShareOpenRequest, signal?: AbortSignal): Promise<ShareCarries> {
      base = null;
      const r = session.loaded;
      const a = session.analysis;
      if (!r || !a) throw new Error('nothing is loaded to share');
      const built = await unlessAborted(signal, () =>
        buildSharePayload({ table: r.table, files: r.files, marks: a.marks, findings: a.findings, texts: (rows) => sessionTexts(session, rows) }, req),
      );
      base = built;
      return linkView({ payload: built, link: '', report: [], problems: [], options: [] }).carries;
    },
    /** The link for the kept payload under these settings (`signal`: the settings changed again, drop this one). */
    shareLink: async (settings: ShareSettings, prefix: string, signal?: AbortSignal): Promise<ShareLinkView> => {
      const kept = base;
      if (!kept) throw new Error('no payload to share yet');
      return linkView(await unlessAborted(signal, () => buildShareLink(kept, settings, prefix)));
    },
  };
}
