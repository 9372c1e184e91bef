// "Open sample incident": the bundled samples, listed from the manifest.

import { useEffect, useRef, useState } from 'react';
import { loadSample } from './load/open-sample.ts';
import { useDismissDetails } from '../ui/use-dismiss.ts';
import { sampleIndex, type SampleInfo } from './load/samples.ts';

export function useSamples(): SampleInfo[] {
  const [samples, setSamples] = useState<SampleInfo[]>([]);
  useEffect(() => {
    let live = true;
    void sampleIndex().then((s) => live && setSamples(s));
    return () => {
      live = false;
    };
  }, []);
  return samples;
}

export function SampleMenu() {
  const samples = useSamples();
  const ref = useRef<HTMLDetailsElement>(null);
  useDismissDetails(ref);
  return (
    <details className="menu" ref={ref}>
      <summary className="btn">Open sample incident</summary>
      <div className="menu-body" role="menu" aria-label="Sample incidents">
        {samples.length === 0 && <div className="menu-empty muted">No samples bundled with this build.</div>}
        {samples.map((s) => (
          <button
            key={s.id}
            type="button"
            role="menuitem"
            className="menu-item"
            data-sample={s.id}
            onClick={() => {
              if (ref.current) ref.current.open = false;
              void loadSample(s);
            }}
          >
            <span className="menu-item-title">{s.title}</span>
            {s.description && <span className="menu-item-sub">{s.description}</span>}
          </button>
        ))}
      </div>
    </details>
  );
}
