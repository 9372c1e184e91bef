// Which field columns the log list shows and how wide: the fields the user
// chose, or, when they chose none and one message repeats on most rows, the
// fields that vary among those rows (chosen by the worker from a sample of
// the list, see engine/query/varying-fields.ts). Asked again when the rows
// settle after a zoom, pan or filter; the last answer stays on screen meanwhile.

import { useEffect, useMemo, useState } from 'react';
import { engineClient, type ListColumns } from '../../bridge/engine-client.ts';
import { MAX_COLUMN_CHARS } from '../../engine/query/column-values.ts';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { sampleRows, type ListView } from './list-view.ts';

/** Rows sampled: a 60% share is then known to a few percent, and the values' widths are typical. */
const SAMPLE_ROWS = 600;
/** Wait for the view to settle (a wheel zoom is many windows). */
const SETTLE_MS = 250;
/** Narrowest column (a status code with room to breathe). */
const MIN_CHARS = 4;

export interface ShownColumn {
  field: string;
  /** Chosen by the worker (varying beside a repeated message), not by the user. */
  auto: boolean;
  /** Width in characters of the list's monospace font. */
  chars: number;
  /** Width the user dragged it to, in px (it wins over chars); null: as wide as its values. */
  px: number | null;
}

/** A column's CSS width: the dragged one, else its values' width in ch of the list's font. */
export function columnCss(c: ShownColumn): string {
  return c.px !== null ? `${c.px}px` : `${c.chars}ch`;
}

export interface AutoReason {
  /** The repeated message's pattern, and the share of the list's rows that have it. */
  pattern: string;
  share: number;
}

export interface ListColumnsState {
  shown: ShownColumn[];
  /** Why automatic columns show (null when they do not). */
  auto: AutoReason | null;
}

/** Width of a column: its values' typical length, and room for its header (name, and the automatic column's controls). */
export function columnWidth(field: string, valueChars: number, auto: boolean): number {
  const head = Math.min(field.length, 16) + (auto ? 11 : 3);
  return Math.max(MIN_CHARS, Math.min(MAX_COLUMN_CHARS, Math.max(valueChars, head)));
}

export function useListColumns(view: ListView): ListColumnsState {
  const chosen = useStore((s) => s.columns);
  const dismissed = useStore((s) => s.dismissedAuto);
  const provisional = useStore((s) => s.provisional);
  const dragged = useStore((s) => s.columnWidths);
  const [answer, setAnswer] = useState<ListColumns | null>(null);

  useEffect(() => {
    if (provisional) return;
    if (view.count === 0) {
      setAnswer(null);
      return;
    }
    let live = true;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      void engineClient()
        .then((c) => c.listColumns(sampleRows(view, SAMPLE_ROWS), [...chosen], chosen.length === 0, ac.signal))
        .then((a) => live && setAnswer(a))
        // Superseded, or the engine restarted: keep what is shown.
        .catch(() => undefined);
    }, SETTLE_MS);
    return () => {
      live = false;
      ac.abort();
      clearTimeout(timer);
    };
  }, [view, chosen, provisional]);

  return useMemo(() => {
    const widths = new Map((answer?.widths ?? []).map((w) => [w.field, w.chars]));
    const px = (field: string) => dragged.get(field) ?? null;
    if (chosen.length > 0) return { shown: chosen.map((field) => ({ field, auto: false, chars: columnWidth(field, widths.get(field) ?? 0, false), px: px(field) })), auto: null };
    const found = answer?.auto;
    const shown = (found?.fields ?? []).filter((f) => !dismissed.includes(f.field)).map((f) => ({ field: f.field, auto: true, chars: columnWidth(f.field, widths.get(f.field) ?? 0, true), px: px(f.field) }));
    if (!found || shown.length === 0) return { shown: [], auto: null };
    const pattern = getDataset().templates.find((t) => t.id === found.template)?.pattern ?? '';
    return { shown, auto: { pattern, share: found.share } };
  }, [answer, chosen, dismissed, dragged]);
}
