// Hover tooltip: time, source, level and message of the event under the
// pointer, or a mark's kind, span and count. Rendered as React text only.
// Message text comes from the engine through a MessageSource the app hands
// down (its message cache): the timeline itself never talks to the worker.

import { useSyncExternalStore } from 'react';
import { Flag, KIND_NAMES } from '../engine/model/kinds.ts';
import { LEVEL_NAMES } from '../engine/model/levels.ts';
import { formatDuration, formatRelative, formatTime } from '../ui/format.ts';
import { getDataset } from '../store/dataset.ts';
import { useStore } from '../store/store.ts';
import type { Hit } from './hit-test.ts';
import { markKindLabel } from './mark-text.ts';

export interface HoverInfo {
  hit: Hit | null;
  t: number;
  clientX: number;
  clientY: number;
}

/** Message text by row, fetched on demand; `version` changes when more text arrived. */
export interface MessageSource {
  readonly version: number;
  get(row: number): string | undefined;
  subscribe(listener: () => void): () => void;
}

function useMessage(messages: MessageSource, row: number | null): string | undefined {
  useSyncExternalStore(
    (fn) => messages.subscribe(fn),
    () => messages.version,
  );
  return row === null ? undefined : messages.get(row);
}

export function TimelineTooltip({ info, messages }: { info: HoverInfo; messages: MessageSource }) {
  const zone = useStore((s) => s.timeZone);
  const reference = useStore((s) => s.reference);
  const hit = info.hit;
  const row = hit?.type === 'event' ? hit.row : null;
  const message = useMessage(messages, row);
  if (!hit || hit.type === 'lane') return null;
  const d = getDataset();
  const left = Math.min(info.clientX + 14, window.innerWidth - 420);
  const top = info.clientY + 18 + 160 > window.innerHeight ? info.clientY - 150 : info.clientY + 18;
  const rel = (t: number) => (reference !== null ? <span className="tt-rel">{formatRelative(t - reference)}</span> : null);
  let body;
  if (hit.type === 'event') {
    const t = d.table;
    const r = hit.row;
    const level = LEVEL_NAMES[t.level[r]] ?? 'none';
    const kind = KIND_NAMES[t.kind[r]] ?? 'plain';
    const file = d.files[t.file[r]]?.name ?? '';
    const logger = t.loggers[t.logger[r]] ?? '';
    body = (
      <>
        <div className="tt-head">
          <span className={`lvl lvl-${level}`}>{level}</span>
          <span className="tt-time">{formatTime(t.tMs[r], zone, { date: true })}</span>
          {rel(t.tMs[r])}
        </div>
        <div className="tt-src">
          {file}:{t.line[r]}
          {logger ? ` · ${logger}` : ''}
          {kind !== 'plain' ? ` · ${kind === 'restart' && (t.flags[r] & Flag.start) !== 0 ? 'start' : kind}` : ''}
        </div>
        <div className="tt-msg">{message === undefined ? '…' : message.length > 400 ? `${message.slice(0, 400)}…` : message}</div>
      </>
    );
  } else {
    const m = d.marks[hit.index];
    if (!m) return null;
    body = (
      <>
        <div className="tt-head">
          <span className={`mk mk-${m.kind}`}>{markKindLabel(m)}</span>
          <span className="tt-time">{formatTime(m.start, zone, { date: true })}</span>
          {rel(m.start)}
        </div>
        <div className="tt-msg">{m.label}</div>
        <div className="tt-src">
          {m.end > m.start ? `lasted ${formatDuration(m.end - m.start)}` : 'instant'}
          {m.count > 1 ? ` · ${m.count} events` : ''}
          {m.spanEnd ? ` · ${m.spanEnd === 'open' ? 'never finished' : m.spanEnd}` : ''}
        </div>
      </>
    );
  }
  return (
    <div className="tl-tooltip" role="tooltip" style={{ left, top }}>
      {body}
    </div>
  );
}
