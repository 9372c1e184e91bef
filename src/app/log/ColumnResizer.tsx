// The grip at the right edge of a log-list column's header: drag it to make
// the column wider or narrower, or focus it and use the arrow keys (Shift for
// bigger steps); Enter, Delete or a double click give the column back its
// automatic width. Alt+Shift with an arrow (Alt alone is the browser's Back)
// moves a column the user chose one place left or right; the pointer way is
// to drag its name. A column's name comes from the log: it is only ever text
// in a label.

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_COLUMN_PX, MIN_COLUMN_PX } from '../../store/column-slice.ts';

/** Arrow-key steps in px: fine, and with Shift coarse. */
const STEP_PX = 8;
const BIG_STEP_PX = 48;

export interface ColumnResizerProps {
  /** What is resized, for assistive tech ("Resize column status"). */
  label: string;
  /** Set the column's width in px, or null to go back to its automatic width. */
  onResize(px: number | null): void;
  /** Move the column one place left (-1) or right (+1); absent when it cannot move. */
  onMove?(by: -1 | 1): void;
}

/** The column's header cell is the grip's parent: its width is the column's. */
function cellWidth(el: HTMLElement): number {
  return el.parentElement?.getBoundingClientRect().width ?? MIN_COLUMN_PX;
}

export function ColumnResizer({ label, onResize, onMove }: ColumnResizerProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const drag = useRef<{ x: number; width: number; pointer: number } | null>(null);
  const [now, setNow] = useState(0);

  // The current width, for aria-valuenow, from resize reports rather than a layout read on every render.
  useEffect(() => {
    const cell = ref.current?.parentElement;
    if (!cell) return;
    const ro = new ResizeObserver(() => setNow(Math.round(cell.getBoundingClientRect().width)));
    ro.observe(cell);
    return () => ro.disconnect();
  }, []);

  const down = (e: PointerEvent<HTMLSpanElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: cellWidth(e.currentTarget), pointer: e.pointerId };
  };
  const move = (e: PointerEvent<HTMLSpanElement>) => {
    const d = drag.current;
    if (d && d.pointer === e.pointerId) onResize(d.width + e.clientX - d.x);
  };
  const up = (e: PointerEvent<HTMLSpanElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    drag.current = null;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const key = (e: KeyboardEvent<HTMLSpanElement>) => {
    const step = e.shiftKey ? BIG_STEP_PX : STEP_PX;
    if (e.altKey && e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      if (!onMove) return;
      onMove(e.key === 'ArrowRight' ? 1 : -1);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') onResize(cellWidth(e.currentTarget) + (e.key === 'ArrowRight' ? step : -step));
    else if (e.key === 'Enter' || e.key === 'Delete' || e.key === 'Backspace') onResize(null);
    else return;
    // The list's own keys (arrows move the selection) must not see this one.
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <span
      ref={ref}
      className="col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={MIN_COLUMN_PX}
      aria-valuemax={MAX_COLUMN_PX}
      aria-valuenow={now}
      title={`${label}: drag, or arrow keys; double-click or Enter for the automatic width${onMove ? '; Alt+Shift+arrow keys move the column' : ''}`}
      tabIndex={0}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onDoubleClick={() => onResize(null)}
      onKeyDown={key}
    />
  );
}
