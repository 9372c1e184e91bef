// Controls above the timeline: fit all, zoom buttons, the visible window,
// lane grouping, UTC/local, the reference point and the brushed range.

import { formatDuration, formatTime, differentDays } from '../ui/format.ts';
import { useStore } from '../store/store.ts';
import { getDataset } from '../store/dataset.ts';
import { Legend } from './Legend.tsx';
import { navigate } from '../store/navigation.ts';

export function TimelineToolbar() {
  const win = useStore((s) => s.window);
  const zone = useStore((s) => s.timeZone);
  const laneMode = useStore((s) => s.laneMode);
  const range = useStore((s) => s.range);
  const reference = useStore((s) => s.reference);
  const selectedRow = useStore((s) => s.selectedRow);
  const st = useStore.getState;
  const withDate = differentDays(win[0], win[1], zone);
  return (
    <div className={`tl-toolbar${range ? ' tl-toolbar--range' : ''}`} role="toolbar" aria-label="Timeline controls">
      <div className="btn-group">
        <button type="button" className="btn" onClick={() => navigate('window', () => st().fitAll())} title="Show everything (F)">Fit all</button>
        <button type="button" className="btn btn-icon" onClick={() => st().zoomBy(1 / 1.6)} aria-label="Zoom out" title="Zoom out (S)">−</button>
        <button type="button" className="btn btn-icon" onClick={() => st().zoomBy(1.6)} aria-label="Zoom in" title="Zoom in (W)">+</button>
      </div>
      <div className="tl-window" aria-label="Visible window">
        <span>{formatTime(win[0], zone, { date: withDate })}</span>
        <span className="muted"> – </span>
        <span>{formatTime(win[1], zone, { date: withDate })}</span>
        <span className="muted"> ({formatDuration(win[1] - win[0])})</span>
      </div>
      {range && (
        <div className="btn-group" aria-label="Selected range">
          <span className="chip">Range {formatDuration(range[1] - range[0])}</span>
          <button type="button" className="btn" onClick={() => navigate('window', () => { st().setWindow(range[0], range[1]); st().setRange(null); })}>Zoom to range</button>
          <button type="button" className="btn" title="What is over-represented in the range against the rest of the logs" onClick={() => st().setCompareRange(range)}>Compare with the rest</button>
          <button type="button" className="btn btn-icon" onClick={() => st().setRange(null)} aria-label="Clear range">×</button>
        </div>
      )}
      <div className="spacer" />
      <div className="btn-group" aria-label="Reference point">
        {reference === null ? (
          <button
            type="button"
            className="btn"
            disabled={selectedRow === null}
            title="Measure times relative to the selected event (Alt+click on the timeline sets it anywhere; R sets it at the pointer)"
            onClick={() => { const r = st().selectedRow; if (r !== null) st().setReference(timeOfRow(r)); }}
          >
            Set reference
          </button>
        ) : (
          <>
            <button type="button" className="btn" title="Centre the reference point" onClick={() => { const w = st().window; st().setWindow(reference - (w[1] - w[0]) / 2, reference + (w[1] - w[0]) / 2); }}>
              Ref {formatTime(reference, zone)}
            </button>
            <button type="button" className="btn btn-icon" onClick={() => st().setReference(null)} aria-label="Clear reference point">×</button>
          </>
        )}
      </div>
      <Segmented
        label="Group lanes by"
        value={laneMode}
        options={[['file', 'Files'], ['logger', 'Loggers']]}
        onChange={(v) => st().setLaneMode(v)}
      />
      <Segmented label="Time zone" value={zone} options={[['utc', 'UTC'], ['local', 'Local']]} onChange={(v) => st().setTimeZone(v)} />
      <Legend />
    </div>
  );
}

function timeOfRow(row: number): number {
  return getDataset().table.tMs[row];
}

function Segmented<T extends string>(props: { label: string; value: T; options: [T, string][]; onChange(v: T): void }) {
  return (
    <div className="segmented" role="group" aria-label={props.label}>
      {props.options.map(([v, text]) => (
        <button key={v} type="button" aria-pressed={props.value === v} className="seg" onClick={() => props.onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}
