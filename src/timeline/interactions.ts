// Pointer input on the plot: d3-zoom for drag-to-pan and touch pinch, our own
// wheel handler (vertical wheel and trackpad pinch zoom around the pointer,
// horizontal wheel pans), hover and click. The store's window is the single
// source of truth; d3-zoom's transform is re-derived from it after every
// change so gestures always start from what is on screen.

import { select, scaleUtc, zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3';
import { useStore } from '../store/store.ts';
import { MIN_SPAN_MS } from '../store/window-math.ts';

export interface PlotHandlers {
  /** Pointer moved to (x, y) CSS px within the plot; null when it left. */
  hover(pos: { x: number; y: number; clientX: number; clientY: number } | null): void;
  click(pos: { x: number; y: number }, e: MouseEvent): void;
}

export function attachPlotInteractions(el: HTMLElement, handlers: PlotHandlers): () => void {
  // The plot's width as the ResizeObserver last saw it: reading clientWidth on
  // every window change would force a layout of the page right after React
  // changed it (each snapshot of a loading file moves the window).
  let knownWidth = 0;
  const width = () => Math.max(1, knownWidth > 0 ? knownWidth : el.clientWidth);
  const base = () => {
    const l = useStore.getState().limits;
    return scaleUtc().domain([l[0], l[1]]).range([0, width()]);
  };
  const behavior: ZoomBehavior<HTMLElement, unknown> = zoom<HTMLElement, unknown>()
    // Wheel is ours (below); no double-click zoom (double-click would fight selection).
    .filter((e: Event) => e.type !== 'wheel' && e.type !== 'dblclick' && !(e as MouseEvent).button)
    .on('zoom', (e: D3ZoomEvent<HTMLElement, unknown>) => {
      if (!e.sourceEvent) return; // our own sync below
      const d = e.transform.rescaleX(base()).domain();
      useStore.getState().setWindow(d[0].getTime(), d[1].getTime());
    });
  const sel = select(el);
  sel.call(behavior);

  const sync = () => {
    // Not measured yet: the observer's first report (before the first paint) syncs.
    if (knownWidth === 0) return;
    const { limits, window: w } = useStore.getState();
    const span = limits[1] - limits[0];
    const k = span / Math.max(MIN_SPAN_MS, w[1] - w[0]);
    const wpx = width();
    behavior.scaleExtent([1, span / MIN_SPAN_MS]).translateExtent([[0, 0], [wpx, 1]]).extent([[0, 0], [wpx, 1]]);
    const tx = -((w[0] - limits[0]) / span) * wpx * k;
    behavior.transform(sel, zoomIdentity.translate(tx, 0).scale(k));
  };
  const unsub = useStore.subscribe((s, prev) => {
    if (s.window !== prev.window || s.limits !== prev.limits) sync();
  });

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? el.clientHeight : 1;
    let dx = e.deltaX * unit;
    let dy = e.deltaY * unit;
    if (e.shiftKey && dx === 0) [dx, dy] = [dy, 0];
    const st = useStore.getState();
    if (Math.abs(dx) > Math.abs(dy)) {
      st.panBy(dx / width());
      return;
    }
    const rect = el.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const [a, b] = st.window;
    const anchor = a + ((b - a) * x) / width();
    // Trackpad pinch arrives as ctrl+wheel with small deltas: zoom faster per unit.
    const factor = Math.pow(2, -dy * (e.ctrlKey ? 0.01 : 0.002));
    st.zoomBy(factor, anchor);
  };
  const local = (e: MouseEvent) => {
    const rect = el.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const onMove = (e: PointerEvent) => handlers.hover({ ...local(e), clientX: e.clientX, clientY: e.clientY });
  const onLeave = () => handlers.hover(null);
  const onClick = (e: MouseEvent) => handlers.click(local(e), e);
  el.addEventListener('wheel', onWheel, { passive: false });
  el.addEventListener('pointermove', onMove);
  el.addEventListener('pointerleave', onLeave);
  el.addEventListener('click', onClick);
  const ro = new ResizeObserver(() => {
    knownWidth = el.clientWidth;
    sync();
  });
  ro.observe(el);
  return () => {
    unsub();
    ro.disconnect();
    sel.on('.zoom', null);
    el.removeEventListener('wheel', onWheel);
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerleave', onLeave);
    el.removeEventListener('click', onClick);
  };
}
