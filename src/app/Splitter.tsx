// The draggable separator between the timeline and the log list. It sets the
// timeline's height (the --tl-h custom property) by mouse or arrow keys and
// remembers it in localStorage; the stored value is untrusted and clamped.

import { useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';

const KEY = 'timberline.timeline-height';
const MIN = 120;
const STEP = 24;

function maxHeight(): number {
  return Math.max(MIN, Math.round(window.innerHeight * 0.8));
}

export function clampHeight(v: unknown): number | null {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : typeof v === 'number' ? v : Number.NaN;
  if (!Number.isFinite(n)) return null;
  return Math.min(maxHeight(), Math.max(MIN, Math.round(n)));
}

function readStored(): number | null {
  try {
    return clampHeight(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function apply(h: number | null): void {
  const root = document.documentElement.style;
  if (h === null) root.removeProperty('--tl-h');
  else root.setProperty('--tl-h', `${h}px`);
}

/** The height the timeline has now (the stored one, or what CSS gave it). */
function currentHeight(): number {
  const slot = document.querySelector('.timeline-slot');
  return slot ? Math.round(slot.getBoundingClientRect().height) : MIN;
}

export function Splitter() {
  const [height, setHeight] = useState<number | null>(readStored);
  useEffect(() => {
    apply(height);
    if (height === null) return;
    try {
      localStorage.setItem(KEY, String(height));
    } catch {
      // Storage may be unavailable (private mode); the height still applies now.
    }
  }, [height]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startY = e.clientY;
    const startH = currentHeight();
    const move = (ev: globalThis.PointerEvent) => setHeight(clampHeight(startH + ev.clientY - startY));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const now = height ?? currentHeight();
    let next: number | null = null;
    if (e.key === 'ArrowUp') next = now - STEP;
    else if (e.key === 'ArrowDown') next = now + STEP;
    else if (e.key === 'Home') next = MIN;
    else if (e.key === 'End') next = maxHeight();
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    setHeight(clampHeight(next));
  };

  return (
    <div
      className="splitter"
      role="separator"
      tabIndex={0}
      aria-label="Timeline height"
      aria-orientation="horizontal"
      aria-valuemin={MIN}
      aria-valuemax={maxHeight()}
      aria-valuenow={height ?? currentHeight()}
      title="Drag, or use the up and down arrow keys, to resize the timeline"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
