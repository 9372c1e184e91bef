// The readout over the lane labels: the time under the pointer (or the window
// start), and its offset from the reference point when one is set.

import { formatDate, formatRelative, formatTime, zoneLabel } from '../ui/format.ts';
import { useStore } from '../store/store.ts';

export function CursorReadout() {
  const cursor = useStore((s) => s.cursor);
  const reference = useStore((s) => s.reference);
  const zone = useStore((s) => s.timeZone);
  const start = useStore((s) => s.window[0]);
  const t = cursor ?? start;
  return (
    <div className="tl-readout" aria-live="off">
      <div className="tl-readout-time">{formatTime(t, zone)}</div>
      <div className="tl-readout-sub muted">
        {reference !== null ? `${formatRelative(t - reference)} from ref` : `${formatDate(t, zone)} ${zoneLabel(zone)}`}
      </div>
    </div>
  );
}
