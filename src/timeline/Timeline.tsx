// The swimlane timeline section: toolbar, axis with brush, DOM lane labels and
// the canvas. React lays out the DOM parts; the canvas is drawn by
// TimelineRenderer outside React renders, driven by store subscriptions.

import { useEffect, useMemo, useRef, useState } from 'react';
import { getDataset } from '../store/dataset.ts';
import { laneModel } from '../store/derived.ts';
import { useStore, type AppState } from '../store/store.ts';
import { TimeAxis } from './axis.ts';
import type { Hit } from './hit-test.ts';
import { attachPlotInteractions } from './interactions.ts';
import { LaneLabels } from './LaneLabels.tsx';
import { computeLayout } from './layout.ts';
import { TimelineRenderer } from './renderer.ts';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { TimelineTooltip, type HoverInfo, type MessageSource } from './TimelineTooltip.tsx';
import { CursorReadout } from './CursorReadout.tsx';

/** Store fields whose change means the canvas must be redrawn. */
const DRAW_KEYS: (keyof AppState)[] = [
  'window', 'selectedRow', 'selectedMark', 'selectedFinding', 'range', 'reference', 'cursor', 'timeZone',
  'levels', 'kinds', 'sources', 'templates', 'searchVersion', 'text', 'dataVersion', 'laneMode', 'flow',
];

/** `messages`: where the hover tooltip reads message text (the app's message cache). */
export function Timeline({ messages }: { messages: MessageSource }) {
  const dataVersion = useStore((s) => s.dataVersion);
  const laneMode = useStore((s) => s.laneMode);
  const theme = useStore((s) => s.theme);
  const scrollRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axisRef = useRef<SVGSVGElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const rendererRef = useRef<TimelineRenderer | null>(null);
  const [box, setBox] = useState({ w: 0, h: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<HoverInfo | null>(null);

  const layout = useMemo(() => {
    void dataVersion;
    return computeLayout(laneModel(laneMode).model, getDataset().marks);
  }, [dataVersion, laneMode]);
  const canvasH = Math.max(1, Math.min(layout.height, box.h));

  useEffect(() => {
    const canvas = canvasRef.current;
    const axisEl = axisRef.current;
    const section = sectionRef.current;
    if (!canvas || !axisEl || !section) return;
    const renderer = new TimelineRenderer(canvas, section);
    const axis = new TimeAxis(axisEl);
    renderer.onFrame = (sp) => axis.update(sp);
    rendererRef.current = renderer;
    const unsub = useStore.subscribe((s, prev) => {
      if (DRAW_KEYS.some((k) => s[k] !== prev[k])) renderer.invalidate();
      else if (s.listSpan !== prev.listSpan) renderer.invalidateAxis();
    });
    // A new devicePixelRatio (window dragged to another screen, browser zoom) needs a new backing store.
    let mq: MediaQueryList | null = null;
    const watchDpr = () => {
      mq?.removeEventListener('change', watchDpr);
      mq = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      mq.addEventListener('change', watchDpr);
      renderer.invalidate();
    };
    watchDpr();
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => renderer.refreshPalette();
    scheme.addEventListener('change', onScheme);
    const detach = attachPlotInteractions(canvas, {
      hover(pos) {
        const st = useStore.getState();
        if (!pos) {
          st.setCursor(null);
          setHover(null);
          return;
        }
        const sp = renderer.spaces();
        const t = sp.cssToT(pos.x);
        st.setCursor(t);
        const hit: Hit | null = renderer.hit(pos.x, pos.y);
        setHover({ hit, t, clientX: pos.clientX, clientY: pos.clientY });
      },
      click(pos, e) {
        const st = useStore.getState();
        const t = renderer.spaces().cssToT(pos.x);
        if (e.altKey) {
          st.setReference(t);
          return;
        }
        const hit = renderer.hit(pos.x, pos.y);
        if (hit?.type === 'event') st.selectRow(hit.row, { scroll: true });
        else if (hit?.type === 'mark') st.selectMark(hit.index);
        else st.selectRow(null);
      },
    });
    return () => {
      unsub();
      detach();
      scheme.removeEventListener('change', onScheme);
      mq?.removeEventListener('change', watchDpr);
      renderer.dispose();
      rendererRef.current = null;
    };
  }, []);

  useEffect(() => {
    rendererRef.current?.refreshPalette();
  }, [theme]);

  useEffect(() => {
    rendererRef.current?.setLayout(layout);
  }, [layout]);

  useEffect(() => {
    rendererRef.current?.setViewport(box.w, canvasH, scrollTop);
  }, [box.w, canvasH, scrollTop]);

  useEffect(() => {
    const el = scrollRef.current;
    const canvas = canvasRef.current;
    if (!el || !canvas) return;
    const measure = () => setBox({ w: canvas.parentElement?.clientWidth ?? el.clientWidth, h: el.clientHeight });
    // The observer's first report (after layout, before the first paint) gives the size: measuring
    // here as well would force a layout of the page React has just changed.
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <section aria-label="Timeline" className="tl" ref={sectionRef}>
      <TimelineToolbar />
      <div className="tl-head">
        <CursorReadout />
        <svg ref={axisRef} className="tl-axis" aria-label="Time axis: drag along it to select a range" role="img" />
      </div>
      <div className="tl-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="tl-inner" style={{ height: layout.height }}>
          <LaneLabels layout={layout} />
          <div className="tl-plot">
            <canvas
              ref={canvasRef}
              className="tl-canvas"
              style={{ height: canvasH }}
              tabIndex={0}
              aria-label="Swimlanes. W and S zoom, A and D pan, F fits all; click an event to open its detail."
            />
          </div>
        </div>
      </div>
      {hover && <TimelineTooltip info={hover} messages={messages} />}
    </section>
  );
}
