// Findings: one item per incident pattern the rules recognised, most severe
// first. Selecting one zooms the timeline to its window, rings its evidence
// events and scrolls the log list to the first of them (selection-slice);
// the selected one opens its explanation (FindingExplanation).

import { useEffect, useRef } from 'react';
import { getDataset } from '../store/dataset.ts';
import { useStore } from '../store/store.ts';
import { formatDuration, formatTime, differentDays } from '../ui/format.ts';
import { navigate } from '../store/navigation.ts';
import { FindingExplanation } from './FindingExplanation.tsx';
import { RichText } from './RichText.tsx';
import { WindowComparison } from './compare/WindowComparison.tsx';

export function FindingsPanel() {
  const version = useStore((s) => s.dataVersion);
  const status = useStore((s) => s.status);
  const selected = useStore((s) => s.selectedFinding);
  const zone = useStore((s) => s.timeZone);
  const selectFinding = useStore((s) => s.selectFinding);
  const listRef = useRef<HTMLOListElement>(null);
  const provisional = useStore((s) => s.provisional);
  const findings = version > 0 ? getDataset().findings : [];
  useEffect(() => {
    if (selected === null) return;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <section aria-label="Findings" className="panel findings-panel">
      <div className="panel-head">
        <h2>Findings <span className="count">{findings.length}</span></h2>
        <div className="spacer" />
        {findings.length > 1 && <span className="muted small">N / P to step</span>}
      </div>
      {findings.length === 0 ? (
        <div className="empty-note">
          {version === 0 || provisional
            ? status === 'loading' ? 'Analysing once everything is read…' : 'Findings appear here once logs are loaded.'
            : 'No known incident pattern in these logs. The timeline and the list still show everything; filter for errors to start.'}
        </div>
      ) : (
        <ol className="findings" ref={listRef}>
          {findings.map((f, i) => {
            const on = selected === i;
            const withDate = differentDays(f.start, f.end, zone);
            return (
              <li key={i} data-rule={f.rule} data-user-rule={f.userRule ? 'yes' : undefined} data-severity={f.severity} data-index={i} className={`finding finding--${f.severity}${on ? ' finding--on' : ''}`}>
                <button type="button" className="finding-button" aria-pressed={on} onClick={() => navigate('finding', () => selectFinding(on ? null : i))}>
                  <div className="finding-top">
                    <span className={`sev sev-${f.severity}`}>{f.severity}</span>
                    <span className="finding-title"><RichText text={f.title} /></span>
                    {f.userRule && <span className="chip finding-user" title={`From your rule ${f.rule}, not a built-in one`}>your rule</span>}
                  </div>
                  <div className="finding-window">
                    {f.untimed ? (
                      <span title="The lines of this finding carry no time">untimed</span>
                    ) : (
                      <>
                        {formatTime(f.start, zone, { date: true, ms: false })} – {formatTime(f.end, zone, { date: withDate, ms: false })}
                        <span className="muted"> · {formatDuration(f.end - f.start)}</span>
                      </>
                    )}
                    <span className="muted"> · {Math.round(f.confidence * 100)}% sure</span>
                    {f.evidence.length > 0 && <span className="muted"> · {f.evidence.length} evidence events</span>}
                  </div>
                  {!on && <div className="finding-detail finding-detail--clamped"><RichText text={f.detail} /></div>}
                </button>
                {on && <FindingExplanation finding={f} />}
                {on && !provisional && <WindowComparison finding={f} />}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
