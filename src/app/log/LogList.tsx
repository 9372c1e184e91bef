// The virtualized log list: the events of the visible window that pass the
// filters, one fixed-height row each (smooth at millions of rows: only the
// rows on screen exist in the DOM, and their message text is fetched from the
// worker for those rows only). Selection is shared with the timeline both
// ways, and the span of rows on screen is drawn on the timeline's axis. When
// the rows change (zoom, pan, filters) the list stays on the event it showed
// (scroll-anchor.ts) instead of jumping to the top. Field columns (chosen,
// or varying beside a repeated message: list-columns.ts) sit between the
// source and the message; their values come with the rows' text.

import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { messageCache } from '../../bridge/message-cache.ts';
import { Flag, KIND_NAMES } from '../../engine/model/kinds.ts';
import { LEVEL_NAMES } from '../../engine/model/levels.ts';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { differentDays, formatRelative, formatTime, zoneLabel } from '../../ui/format.ts';
import { listView } from './list-view.ts';
import { captureAnchor, placeAfterChange, type ListAnchor } from './scroll-anchor.ts';
import { realOffset, scrollTopAt, scrollTopFor, viewport } from './virtual-scroll.ts';
import { useFilterResult } from '../../store/use-filter.ts';
import { columnCss, useListColumns } from './list-columns.ts';
import { ColumnResizer } from './ColumnResizer.tsx';
import { FieldColumnHead } from './FieldColumnHead.tsx';

export const ROW_H = 22;

export function useListView() {
  const win = useStore((s) => s.window);
  const fr = useFilterResult();
  return useMemo(() => listView(getDataset().table, win, fr.rows, () => getDataset().table), [win, fr]);
}

export function LogList({ hidden = false }: { hidden?: boolean }) {
  const view = useListView();
  const zone = useStore((s) => s.timeZone);
  const reference = useStore((s) => s.reference);
  const selectedRow = useStore((s) => s.selectedRow);
  const selectedFinding = useStore((s) => s.selectedFinding);
  const scrollTo = useStore((s) => s.scrollTo);
  const searchState = useStore((s) => s.searchState);
  const text = useStore((s) => s.text);
  const laneMode = useStore((s) => s.laneMode);
  const sourceWidth = useStore((s) => s.sourceWidth);
  useSyncExternalStore((fn) => messageCache.subscribe(fn), () => messageCache.version);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(400);
  const anchor = useRef<ListAnchor | null>(null);
  /** A scroll request that came while the list was hidden (Patterns tab), served when it shows again. */
  const deferred = useRef<number | null>(null);
  const d = getDataset();
  const t = d.table;
  const columns = useListColumns(view);
  const fields = useMemo(() => columns.shown.map((c) => c.field), [columns]);

  /**
   * The scroll position and height as last set or reported. The layout
   * effects below use these rather than reading the DOM: a read right after
   * React changed the rows forces a synchronous layout of the whole page,
   * which while a big file loads made each new snapshot a long task.
   */
  const known = useRef({ top: 0, height: 0 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      known.current.height = el.clientHeight;
      setViewH(el.clientHeight);
    });
    ro.observe(el);
    known.current.height = el.clientHeight;
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // A hidden list has no height and loses its scroll position: measure and scroll again once it shows.
  useLayoutEffect(() => {
    if (hidden) known.current = { top: -1, height: 0 };
  }, [hidden]);
  const heightOf = (el: HTMLDivElement) => {
    if (known.current.height <= 0) known.current.height = el.clientHeight;
    return known.current.height;
  };
  const scrollTopTo = (el: HTMLDivElement, top: number) => {
    if (top !== known.current.top) el.scrollTop = top;
    known.current.top = top;
    setScrollTop(top);
  };

  const scrollToIndex = (i: number, frac = 0.4) => {
    const el = scroller.current;
    if (!el || i < 0) return;
    scrollTopTo(el, scrollTopFor(i, view.count, ROW_H, heightOf(el), frac));
  };

  // A new set of rows (window moved, filters changed), or the list shown again: stay on the anchored event.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || hidden) return;
    if (deferred.current !== null && view.indexOf(deferred.current) >= 0) {
      scrollToIndex(view.indexOf(deferred.current));
      deferred.current = null;
      return;
    }
    deferred.current = null;
    const h = heightOf(el);
    const p = placeAfterChange(anchor.current, view, d.version, selectedRow, h, ROW_H);
    scrollTopTo(el, scrollTopAt(p.index, view.count, ROW_H, h, p.offset));
  }, [view, hidden]);

  // Remember what is on screen after every change (the effect above may just have scrolled).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || hidden) return;
    const h = heightOf(el);
    const real = realOffset(view.count, ROW_H, h, known.current.top);
    anchor.current = captureAnchor(view, t.tMs, d.version, real, h, ROW_H, selectedRow);
  });

  // Explicit requests (finding selected, event clicked on the timeline).
  useLayoutEffect(() => {
    if (!scrollTo) return;
    if (hidden) deferred.current = scrollTo.row;
    else scrollToIndex(view.indexOf(scrollTo.row));
  }, [scrollTo]);

  const vp = viewport(view.count, ROW_H, viewH, scrollTop);
  const rows: number[] = [];
  for (let k = 0; k < vp.visible; k++) rows.push(view.rowAt(vp.first + k));

  // Tell the timeline which time span the list shows.
  const spanA = rows.length ? t.tMs[rows[0]] : NaN;
  const spanB = rows.length ? t.tMs[rows[rows.length - 1]] : NaN;
  useEffect(() => {
    useStore.getState().setListSpan(Number.isFinite(spanA) ? [spanA, spanB] : null);
  }, [spanA, spanB]);

  // Fetch the next screenful ahead of scrolling.
  useEffect(() => {
    const ahead: number[] = [];
    for (let k = vp.first + vp.visible; k < Math.min(view.count, vp.first + vp.visible * 2); k++) ahead.push(view.rowAt(k));
    messageCache.prefetch(ahead);
  }, [vp.first, vp.visible, view]);

  const evidence = useMemo(() => new Set(selectedFinding !== null ? d.findings[selectedFinding]?.evidence ?? [] : []), [selectedFinding, d]);
  const withDate = view.count > 0 && differentDays(t.tMs[view.rowAt(0)], t.tMs[view.rowAt(view.count - 1)], zone);
  // The time column is as wide as the longest time it shows (digits are 1ch
  // with tabular figures), so a date+time never runs into LEVEL and SOURCE.
  const timeChars = view.count > 0
    ? Math.max(formatTime(t.tMs[view.rowAt(0)], zone, { date: withDate }).length, formatTime(t.tMs[view.rowAt(view.count - 1)], zone, { date: withDate }).length)
    : 12;
  const select = (row: number) => useStore.getState().selectRow(row);

  const onKey = (e: KeyboardEvent) => {
    if (view.count === 0) return;
    const cur = selectedRow === null ? -1 : view.indexOf(selectedRow);
    const page = Math.max(1, Math.floor(viewH / ROW_H) - 1);
    let next = cur < 0 ? vp.first : cur;
    switch (e.key) {
      case 'ArrowDown': next = cur < 0 ? vp.first : cur + 1; break;
      case 'ArrowUp': next = cur < 0 ? vp.first : cur - 1; break;
      case 'PageDown': next += page; break;
      case 'PageUp': next -= page; break;
      case 'Home': next = 0; break;
      case 'End': next = view.count - 1; break;
      case 'Enter':
        if (selectedRow !== null) useStore.getState().selectRow(selectedRow, { reveal: true });
        e.preventDefault();
        return;
      default: return;
    }
    e.preventDefault();
    next = Math.max(0, Math.min(view.count - 1, next));
    select(view.rowAt(next));
    const el = scroller.current;
    if (el && (next < vp.first + 1 || next >= vp.first + vp.visible - 2)) scrollToIndex(next, next < vp.first + 1 ? 0.1 : 0.9);
  };

  let empty: string | null = null;
  if (d.version === 0) empty = 'Events appear here once logs are loaded.';
  else if (text && searchState === 'running') empty = 'Searching…';
  else if (view.count === 0 && view.windowCount > 0) empty = 'No events in this window match the filters.';
  else if (view.count === 0) empty = 'No events in this window. Zoom out or press F to fit all.';

  return (
    <div className="log-list" id="log-tab-events" role="tabpanel" aria-label="Events" hidden={hidden} style={{ ['--time-w' as string]: `${timeChars + 1}ch`, ...(sourceWidth !== null ? { ['--src-w' as string]: `${sourceWidth}px` } : {}) }}>
      <div className="log-head">
        <span className="c-time" aria-hidden="true">Time ({zoneLabel(zone)})</span>
        {reference !== null && <span className="c-rel" aria-hidden="true">From ref</span>}
        <span className="c-lvl" aria-hidden="true">Level</span>
        <span className="c-src c-src-head">
          <span aria-hidden="true">{laneMode === 'logger' ? 'Logger' : 'Source'}</span>
          <ColumnResizer label={`Resize column ${laneMode === 'logger' ? 'Logger' : 'Source'}`} onResize={(px) => useStore.getState().setSourceWidth(px)} />
        </span>
        {columns.shown.map((c) => <FieldColumnHead key={c.field} column={c} reason={columns.auto} />)}
        <span className="c-msg" aria-hidden="true">Message</span>
      </div>
      <div
        className="log-scroll"
        ref={scroller}
        tabIndex={0}
        // An empty listbox is an error to assistive tech; with no rows it is a plain labelled region.
        role={rows.length > 0 ? 'listbox' : 'region'}
        aria-label="Log events"
        aria-activedescendant={selectedRow !== null && view.indexOf(selectedRow) >= 0 ? `log-row-${selectedRow}` : undefined}
        onScroll={(e) => {
          known.current.top = e.currentTarget.scrollTop;
          setScrollTop(known.current.top);
        }}
        onKeyDown={onKey}
      >
        <div className="log-spacer" style={{ height: vp.scrollHeight }} />
        <div className="log-rows" style={{ transform: `translateY(${scrollTop - vp.shift}px)` }}>
          {rows.map((row) => {
            const level = LEVEL_NAMES[t.level[row]] ?? 'none';
            const kind = KIND_NAMES[t.kind[row]] ?? 'plain';
            // A start announced in so many words (listening, ready) is badged as one, not as a restart.
            const badge = kind === 'restart' && (t.flags[row] & Flag.start) !== 0 ? 'start' : kind;
            const msg = messageCache.get(row);
            const values = messageCache.values(row, fields);
            const src = laneMode === 'logger' ? t.loggers[t.logger[row]] || d.files[t.file[row]]?.name : d.files[t.file[row]]?.name;
            const on = row === selectedRow;
            return (
              <div
                key={row}
                id={`log-row-${row}`}
                role="option"
                aria-selected={on}
                data-row={row}
                className={`log-row lvl-row-${level}${on ? ' log-row--on' : ''}${evidence.has(row) ? ' log-row--evidence' : ''}${t.flags[row] & Flag.afterElision ? ' log-row--cut' : ''}`}
                title={t.flags[row] & Flag.afterElision ? 'Lines were cut out of the log before this one ("...")' : undefined}
                onClick={() => select(row)}
              >
                <span className="c-time">{formatTime(t.tMs[row], zone, { date: withDate })}</span>
                {reference !== null && <span className="c-rel">{formatRelative(t.tMs[row] - reference)}</span>}
                <span className={`c-lvl lvl lvl-${level}`}>{level === 'none' ? '' : level}</span>
                <span className="c-src" title={src}>{src}</span>
                {columns.shown.map((c, j) => {
                  const v = values?.[j] ?? null;
                  return (
                    <span key={c.field} className="c-field" data-col={c.field} style={{ width: columnCss(c) }} title={v ?? undefined}>
                      {values === undefined ? <span className="muted">…</span> : v}
                    </span>
                  );
                })}
                <span className="c-msg">
                  {kind !== 'plain' && <span className={`kind kind-${kind}`}>{badge}</span>}
                  {msg === undefined ? <span className="muted">…</span> : msg}
                  {t.lineCount[row] > 1 && <span className="more-lines">+{t.lineCount[row] - 1} lines</span>}
                </span>
              </div>
            );
          })}
        </div>
        {empty && <div className="log-empty">{empty}</div>}
      </div>
    </div>
  );
}
