// What a first visit shows in place of the timeline: how to load logs, and
// the sample incidents one click away. Same box as the timeline, so nothing
// shifts when data arrives.

import { useStore } from '../store/store.ts';
import { OpenFilesButton } from './Header.tsx';
import { loadSample } from './load/open-sample.ts';
import { useSamples } from './SampleMenu.tsx';

export function EmptyState() {
  const samples = useSamples();
  const status = useStore((s) => s.status);
  const setPasteOpen = useStore((s) => s.setPasteOpen);
  return (
    <div className="empty-state">
      <div className="empty-title">{status === 'loading' ? 'Reading logs…' : 'Drop the logs of a bad night here'}</div>
      <div className="empty-sub">
        Any number of files, plain or .gz: JSON lines, logfmt, syslog, klog, access logs and most text logs.
        Everything is parsed in this browser; nothing is uploaded.
      </div>
      <div className="empty-actions">
        <OpenFilesButton />
        <button type="button" className="btn" onClick={() => setPasteOpen(true)}>Paste text</button>
      </div>
      {samples.length > 0 && (
        <div className="empty-samples">
          <div className="muted small">Or open a sample incident:</div>
          <div className="sample-cards">
            {samples.map((s) => (
              <button key={s.id} type="button" className="sample-card" onClick={() => void loadSample(s)}>
                <span className="sample-card-title">{s.title}</span>
                <span className="sample-card-sub">{s.description}</span>
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
