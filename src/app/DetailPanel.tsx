// Detail of what is selected. An event: every parsed field, the raw line and
// its continuation lines (a stack trace), read back from the file by the
// worker. A mark: its span, count and the events that make it up. All text
// is rendered as React text: log content is never HTML.

import { useEffect, useState, type ReactNode } from 'react';
import { engineClient } from '../bridge/engine-client.ts';
import type { EventDetail } from '../engine/session/session.ts';
import { getDataset } from '../store/dataset.ts';
import { useStore } from '../store/store.ts';
import { markKindLabel } from '../timeline/mark-text.ts';
import { formatDuration, formatInt, formatRelative, formatTime } from '../ui/format.ts';
import { isUnknownDay, unknownDateLabel } from '../engine/model/time-of-day.ts';
import { inferredFrom, InferredFrom } from '../engine/model/inferred-time.ts';
import { FieldTable } from './FieldTable.tsx';

function useDetail(row: number | null, version: number): EventDetail | null | 'loading' {
  const [detail, setDetail] = useState<{ key: string; value: EventDetail | null } | null>(null);
  const key = `${version}:${row}`;
  useEffect(() => {
    if (row === null) return;
    let live = true;
    void engineClient()
      .then((c) => c.detail(row))
      .then((value) => live && setDetail({ key, value }))
      .catch(() => live && setDetail({ key, value: null }));
    return () => {
      live = false;
    };
  }, [row, key]);
  if (row === null) return null;
  return detail?.key === key ? detail.value : 'loading';
}

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <>
      <dt>{k}</dt>
      <dd data-key={k.toLowerCase().replace(/\s+/g, '-')}>{children}</dd>
    </>
  );
}

function EventView({ row }: { row: number }) {
  const version = useStore((s) => s.dataVersion);
  const zone = useStore((s) => s.timeZone);
  const reference = useStore((s) => s.reference);
  const d = useDetail(row, version);
  const [copied, setCopied] = useState(false);
  const t = getDataset().table;
  if (d === 'loading' || d === null) return <div className="empty-note">{d === null ? 'This event could not be read back.' : 'Reading…'}</div>;
  const tMs = t.tMs[row];
  // A file whose clock is an uptime: its times are elapsed time, not a time of day in any zone.
  const uptime = isUnknownDay(tMs) && getDataset().files[t.file[row]]?.uptimeClock === true;
  const inferred = inferredFrom(t, row);
  return (
    <div className="detail-body">
      <div className="detail-title">
        <span className={`lvl lvl-${d.level}`}>{d.level}</span>
        {d.kind !== 'plain' && <span className={`kind kind-${d.kind}`}>{d.kind}</span>}
        <span className="detail-msg">{d.message}</span>
      </div>
      <dl className="kv">
        <Row k="Time">
          {/* UTC: the engine's ISO time keeps sub-millisecond digits; local: the wall clock, ISO on hover. */}
          {uptime ? `${d.time.replace('Z', '')} after the program started (uptime; date unknown)` : zone === 'utc' ? `${isUnknownDay(tMs) ? `${unknownDateLabel(tMs)} ${d.time.slice(d.time.lastIndexOf(' ') + 1)}` : d.time.replace('T', ' ')}`.replace('Z', '') + ' UTC' : <span title={d.time}>{formatTime(tMs, zone, { date: true })}</span>}
          {inferred !== InferredFrom.none && (
            <span className="muted">
              {inferred === InferredFrom.before
                ? ' · inferred from the line before: this line has no time of its own'
                : " · inferred from the line after: this line has no time of its own and comes before the file's first time"}
            </span>
          )}
        </Row>
        {reference !== null && <Row k="From ref">{formatRelative(tMs - reference)}</Row>}
        <Row k="Source">
          {d.file}:{d.line}
          {d.lineCount > 1 && <span className="muted"> – {d.line + d.lineCount - 1} ({d.lineCount} lines)</span>}
        </Row>
        {d.logger && <Row k="Logger">{d.logger}</Row>}
      </dl>
      {d.fields && Object.keys(d.fields).length > 0 && (
        <>
          <h3>Fields</h3>
          <FieldTable fields={d.fields} />
        </>
      )}
      <div className="detail-raw-head">
        <h3>Raw {d.lineCount > 1 ? `(${d.lineCount} lines)` : 'line'}</h3>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            void navigator.clipboard?.writeText(d.raw).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre className="raw" tabIndex={0} aria-label="Raw text">{d.raw}</pre>
      <div className="detail-actions">
        <button type="button" className="btn btn-small" onClick={() => useStore.getState().setReference(tMs)}>Use as reference</button>
        <button type="button" className="btn btn-small" onClick={() => useStore.getState().selectRow(row, { reveal: true, scroll: true })}>Show in list</button>
      </div>
    </div>
  );
}

function MarkView({ index }: { index: number }) {
  const zone = useStore((s) => s.timeZone);
  const m = getDataset().marks[index];
  const t = getDataset().table;
  if (!m) return null;
  const shown = m.events.slice(0, 200);
  return (
    <div className="detail-body">
      <div className="detail-title">
        <span className={`mk mk-${m.kind}`}>{markKindLabel(m)}</span>
        <span className="detail-msg">{m.label}</span>
      </div>
      <dl className="kv">
        <Row k="From">{formatTime(m.start, zone, { date: true })}</Row>
        {m.end > m.start && <Row k="To">{formatTime(m.end, zone, { date: true })} <span className="muted">({formatDuration(m.end - m.start)})</span></Row>}
        {m.spanEnd && <Row k="End">{m.spanEnd === 'open' ? 'never finished in these logs' : m.spanEnd}</Row>}
        <Row k="Events">{formatInt(m.count)}</Row>
      </dl>
      {shown.length > 0 && (
        <>
          <h3>Events</h3>
          <ul className="mark-events">
            {shown.map((r) => (
              <li key={r}>
                <button type="button" className="link" onClick={() => useStore.getState().selectRow(r, { reveal: true, scroll: true })}>
                  {formatTime(t.tMs[r], zone)} · {getDataset().files[t.file[r]]?.name}:{t.line[r]}
                </button>
              </li>
            ))}
          </ul>
          {m.events.length > shown.length && <div className="muted small">and {formatInt(m.events.length - shown.length)} more</div>}
        </>
      )}
      <div className="detail-actions">
        <button type="button" className="btn btn-small" onClick={() => { const s = useStore.getState(); const span = Math.max(m.end - m.start, 2000) * 1.6; s.setWindow((m.start + m.end) / 2 - span / 2, (m.start + m.end) / 2 + span / 2); }}>
          Zoom to mark
        </button>
      </div>
    </div>
  );
}

export function DetailPanel() {
  const row = useStore((s) => s.selectedRow);
  const mark = useStore((s) => s.selectedMark);
  const provisional = useStore((s) => s.provisional);
  const clear = () => {
    const s = useStore.getState();
    s.selectRow(null);
    s.selectMark(null);
  };
  if (row === null && mark === null) return null;
  return (
    <section aria-label="Detail" className="panel detail-panel">
      <div className="panel-head">
        <h2>{row !== null ? 'Event' : 'Mark'}</h2>
        <div className="spacer" />
        <button type="button" className="btn btn-icon" aria-label="Close detail" onClick={clear}>×</button>
      </div>
      {provisional ? (
        <div className="empty-note">The detail is available once loading has finished.</div>
      ) : row !== null ? (
        <EventView key={row} row={row} />
      ) : mark !== null ? (
        <MarkView index={mark} />
      ) : null}
    </section>
  );
}
