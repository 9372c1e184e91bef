// The Flow panel: when the selected event shares a request or trace id with
// other events, the ids it carries and every event of the flow across the
// files, with its time, source, delta from the flow's first event and
// message. Each row is a button (Tab, Enter) that selects that event; the
// timeline rings the same events on every lane; an id's Filter puts it in the
// query so the log list keeps its lines. Log text is rendered as text.

import { useSyncExternalStore } from 'react';
import { messageCache } from '../../bridge/message-cache.ts';
import type { Flow } from '../../engine/flows/flows.ts';
import { getDataset } from '../../store/dataset.ts';
import { navigate } from '../../store/navigation.ts';
import { useStore } from '../../store/store.ts';
import { windowAround } from '../../store/window-math.ts';
import { appendTerm } from '../../engine/query/parse.ts';
import { formatDuration, formatInt, formatRelative, formatTime } from '../../ui/format.ts';
import './flows.css';

/** Rows listed at once; the rest are counted (a flow can hold thousands of events). */
const SHOWN = 200;

function span(flow: Flow): [number, number] {
  const t = getDataset().table.tMs;
  return [t[flow.rows[0]], t[flow.rows[flow.rows.length - 1]]];
}

/** The id as a quoted free-text term (ids hold no quotes or spaces): the list keeps the lines that name it. */
function filterById(id: string): void {
  const st = useStore.getState();
  navigate('filter', () => st.setText(appendTerm(st.text, `"${id}"`)));
}

function IdList({ flow }: { flow: Flow }) {
  return (
    <ul className="flow-ids">
      {flow.ids.map((id, i) => (
        <li key={i}>
          <span className="flow-key">{id.key}</span>{' '}
          <code className="flow-id" title={id.id}>{id.id || '(not readable again)'}</code>{' '}
          <span className="muted">
            {formatInt(id.events)} events · {id.files} file{id.files === 1 ? '' : 's'}
          </span>{' '}
          {id.id && (
            <button type="button" className="btn btn-small flow-filter" title={`Add "${id.id}" to the query: the list shows this ${id.kind}'s events`} onClick={() => filterById(id.id)}>
              Filter
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function FlowRows({ flow }: { flow: Flow }) {
  useSyncExternalStore((fn) => messageCache.subscribe(fn), () => messageCache.version);
  const zone = useStore((s) => s.timeZone);
  const selected = useStore((s) => s.selectedRow);
  const d = getDataset();
  const t = d.table;
  const first = t.tMs[flow.rows[0]];
  const shown = flow.rows.slice(0, SHOWN);
  return (
    <table className="flow-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Source</th>
          <th scope="col" className="num" title="Time since the flow's first event">Δ first</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => {
          const file = d.files[t.file[row]]?.name ?? '';
          const msg = messageCache.get(row);
          return (
            <tr key={row} className={row === selected ? 'flow-row flow-row--selected' : 'flow-row'} data-row={row}>
              <td className="flow-time">{formatTime(t.tMs[row], zone)}</td>
              <td className="flow-src ellipsis" title={`${file}:${t.line[row]}`}>{file}:{t.line[row]}</td>
              <td className="num flow-delta">{formatRelative(t.tMs[row] - first)}</td>
              <td className="flow-msg">
                <button
                  type="button"
                  className="flow-open"
                  aria-current={row === selected ? 'true' : undefined}
                  title={msg}
                  onClick={() => useStore.getState().selectRow(row, { reveal: true, scroll: true })}
                >
                  {msg ?? '…'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FlowPanel() {
  const flow = useStore((s) => s.flow);
  if (!flow || flow.rows.length === 0) return null;
  const [a, b] = span(flow);
  const files = new Set(flow.rows.map((r) => getDataset().table.file[r])).size;
  const zoom = () => {
    const s = useStore.getState();
    navigate('window', () => {
      const w = windowAround(a, b, s.limits, 50);
      s.setWindow(w[0], w[1]);
    });
  };
  return (
    <section aria-label="Request flow" className="panel flow-panel" data-testid="flow-panel">
      <div className="panel-head">
        <h2>Flow <span className="count">{formatInt(flow.total)}</span></h2>
        <span className="muted small">
          {files} file{files === 1 ? '' : 's'} · {formatDuration(b - a)}
        </span>
        <div className="spacer" />
        <button type="button" className="btn btn-small" onClick={zoom}>Zoom to flow</button>
      </div>
      <div className="flow-body">
        <IdList flow={flow} />
        <FlowRows flow={flow} />
        {flow.total > Math.min(SHOWN, flow.rows.length) && (
          <p className="muted small">The first {formatInt(Math.min(SHOWN, flow.rows.length))} of {formatInt(flow.total)} events are listed; the timeline rings the first {formatInt(flow.rows.length)}.</p>
        )}
      </div>
    </section>
  );
}
