// A compact legend behind a disclosure: level colours and mark glyphs, so a
// first-time user can read the lanes without documentation.

import { useRef } from 'react';
import { useDismissDetails } from '../ui/use-dismiss.ts';

export function Legend() {
  const ref = useRef<HTMLDetailsElement>(null);
  useDismissDetails(ref);
  return (
    <details className="legend" ref={ref}>
      <summary className="btn">Legend</summary>
      <div className="legend-body" role="group" aria-label="Legend">
        <div className="legend-title">Levels</div>
        {['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((l) => (
          <div key={l} className="legend-row"><span className={`swatch lvl-bg-${l}`} />{l}</div>
        ))}
        <div className="legend-title">Marks</div>
        <div className="legend-row"><span className="glyph glyph-signal" />Signal / reload</div>
        <div className="legend-row"><span className="glyph glyph-op" />Operation</div>
        <div className="legend-row"><span className="glyph glyph-op-open" />Operation that never finished</div>
        <div className="legend-row"><span className="glyph glyph-op-failed" />Failed operation</div>
        <div className="legend-row"><span className="glyph glyph-timeout" />Timeout burst</div>
        <div className="legend-row"><span className="glyph glyph-error" />Error burst</div>
        <div className="legend-row"><span className="glyph glyph-restart" />Restart</div>
        <div className="legend-row"><span className="glyph glyph-crash" />Crash</div>
        <div className="legend-row"><span className="glyph glyph-gap" />Gap (no logs)</div>
        <div className="legend-hint">Lanes show ticks per event when zoomed in, and a density histogram (errors red, warnings amber) when events outnumber pixels.</div>
      </div>
    </details>
  );
}
