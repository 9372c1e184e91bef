// The Files panel's control for a file whose times carry no date (a pasted
// excerpt with "22:40:53.187Z"): it says the date is unknown, offers the date
// of the other loaded files when they have one, and lets the user type one;
// the file is then read again with its times of day on that date.

import { useState } from 'react';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import { DATE_PLACED_NOTICE, isUnknownDay } from '../engine/model/time-of-day.ts';
import { useStore } from '../store/store.ts';
import { fileDayOf, setFileDay } from './load/loader.ts';

const DAY_MS = 86400000;

/** Does this file have times of day that need (or were given) a date? */
export function needsDateControl(f: FileStats): boolean {
  return f.dateUnknown || f.notices.some((n) => n.startsWith(DATE_PLACED_NOTICE));
}

/** "2024-05-01" of the latest day the other, dated files reach; null when none is dated. */
function otherFilesDate(files: readonly FileStats[], self: number): string | null {
  let latest = NaN;
  files.forEach((f, i) => {
    if (i === self || f.error || f.dateUnknown || !Number.isFinite(f.lastTime) || isUnknownDay(f.lastTime)) return;
    if (!(f.lastTime <= latest)) latest = f.lastTime;
  });
  return Number.isFinite(latest) ? new Date(latest).toISOString().slice(0, 10) : null;
}

/** Midnight UTC of "YYYY-MM-DD", or null. */
function parseDay(s: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) * DAY_MS : null;
}

export function FileDateControl({ f, index }: { f: FileStats; index: number }) {
  const files = useStore((s) => s.files);
  const status = useStore((s) => s.status);
  const set = fileDayOf(index);
  const offered = f.dateUnknown ? otherFilesDate(files, index) : null;
  const shown = set !== undefined ? new Date(set).toISOString().slice(0, 10) : f.dateUnknown ? '' : Number.isFinite(f.firstTime) ? new Date(f.firstTime).toISOString().slice(0, 10) : '';
  const [draft, setDraft] = useState(shown);
  const busy = status === 'loading';
  const apply = (s: string) => {
    const day = parseDay(s);
    if (day !== null) void setFileDay(index, day);
  };
  return (
    <div className="date-control" data-testid="date-control">
      <span className={`notice notice--${f.dateUnknown ? 'warn' : 'info'}`}>
        {f.dateUnknown
          ? 'Times of day only: the date is unknown (order and spacing are kept).'
          : set !== undefined
            ? 'Times of day only: placed on the date you set.'
            : 'Times of day only: placed on the date of the other files.'}
      </span>
      <label>
        Date:{' '}
        <input type="date" aria-label="Date of this file's times of day" value={draft} disabled={busy} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="button" className="btn btn-small" disabled={busy || parseDay(draft) === null || draft === shown} onClick={() => apply(draft)}>
        Set date
      </button>
      {offered && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => apply(offered)}>
          Use {offered} (the other files’ date)
        </button>
      )}
      {set !== undefined && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void setFileDay(index, null)}>
          Clear
        </button>
      )}
    </div>
  );
}
