// A file's clock in the Files panel, when two or more files are loaded: how
// far it runs from the reference file's, estimated from the requests both
// logged (or from restarts and reloads both saw), with Apply, and a number
// the user can set instead; and what is already corrected. A correction reads
// the files again, so the timeline and the findings use the corrected times.

import { useState } from 'react';
import type { FileStats } from '../../engine/ingest/file-stats.ts';
import type { FlowSummary } from '../../engine/flows/flows.ts';
import { clockLine, offsetText } from '../../engine/flows/flow-report.ts';
import { MAX_CLOCK_OFFSET_MS } from '../../engine/model/clock-limit.ts';
import { useStore } from '../../store/store.ts';
import { setClockOffset } from '../load/clocks.ts';

interface Props {
  f: FileStats;
  index: number;
  files: readonly FileStats[];
  summary: FlowSummary | null;
  /** The files can be read again (dropped files, not a share link). */
  editable: boolean;
}

/** What the panel says about this file's clock, or null when there is nothing to say (no file could be compared). */
function describe({ f, index, files, summary }: Props): string | null {
  if (!summary || summary.clocks.reference === null) return null;
  const { reference, estimates } = summary.clocks;
  if (reference === index) return 'Clock: the reference the other files are measured against.';
  const est = estimates.find((e) => e.file === index);
  if (!est) return 'Clock: no shared request ids or anchor events with the other files, so its offset is unknown.';
  return `Clock: ${clockLine({ ...est, file: f.name }, files[reference]?.name ?? '?').replace(`${f.name} `, '')}.`;
}

export function ClockControl(props: Props) {
  const { f, index, summary, editable } = props;
  const busy = useStore((s) => s.status === 'loading');
  const applied = f.clockOffsetMs ?? 0;
  const est = summary?.clocks.estimates.find((e) => e.file === index);
  const suggested = est ? Math.round(applied + est.offsetMs) : applied;
  const [draft, setDraft] = useState(String(suggested));
  const value = Number(draft);
  const valid = draft.trim() !== '' && Number.isInteger(value) && Math.abs(value) <= MAX_CLOCK_OFFSET_MS;
  const text = describe(props);
  const isReference = summary?.clocks.reference === index;
  return (
    <div className="clock-control" data-testid="clock-control">
      {text && <span className="clock-text" data-testid="clock-estimate">{text}</span>}
      {applied !== 0 && (
        <span className="clock-text notice notice--info" data-testid="clock-applied">
          Corrected: its times are moved {offsetText(applied)} {applied > 0 ? 'earlier' : 'later'} (its clock ran {applied > 0 ? 'ahead' : 'behind'}).
        </span>
      )}
      {editable && est && Math.abs(est.offsetMs) >= 1 && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void setClockOffset(index, suggested)}>
          Apply {offsetText(suggested)} correction
        </button>
      )}
      {editable && (!isReference || applied !== 0) && (
        <details className="clock-manual" open={applied !== 0 || !!est}>
          <summary>Correct this file’s clock by hand</summary>
          <label>
            Ahead by{' '}
            <input
              type="number"
              step={1}
              inputMode="numeric"
              aria-label={`How many ms ${f.name}'s clock ran ahead`}
              value={draft}
              disabled={busy}
              onChange={(e) => setDraft(e.target.value)}
            />{' '}
            ms
          </label>{' '}
          <button type="button" className="btn btn-small" disabled={busy || !valid || value === applied} onClick={() => void setClockOffset(index, value)}>
            Set
          </button>{' '}
          {applied !== 0 && (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void setClockOffset(index, null)}>
              Clear correction
            </button>
          )}
        </details>
      )}
    </div>
  );
}
