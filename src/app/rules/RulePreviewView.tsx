// What one rule finds in the loaded logs (each finding with its window) and
// whether its own test cases pass, for the Rules dialog. Titles, details and
// case names come from a rule file: untrusted, rendered as React text only.

import type { RulePreview } from '../../bridge/engine-client.ts';
import { useStore } from '../../store/store.ts';
import { differentDays, formatDuration, formatTime } from '../../ui/format.ts';

function Cases({ p }: { p: RulePreview }) {
  const pass = p.cases.filter((c) => c.ok).length;
  const failing = p.cases.filter((c) => !c.ok);
  return (
    <div className="rule-cases" data-pass={pass} data-total={p.cases.length}>
      <span className={failing.length ? 'status-error' : 'muted'}>
        {p.cases.length === 0 ? 'It carries no test cases.' : `${pass} of ${p.cases.length} of its own cases pass.`}
      </span>
      {failing.length > 0 && (
        <ul className="rule-case-problems">
          {failing.map((c, i) => (
            <li key={i}>
              <strong>{c.name}</strong>: {c.problems.join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RulePreviewView({ preview, busy, loaded }: { preview: RulePreview | null; busy: boolean; loaded: boolean }) {
  const zone = useStore((s) => s.timeZone);
  if (busy || !preview) return <p className="muted rule-preview">Running the rule…</p>;
  if (preview.error) return <p className="status-error rule-preview">Refused: {preview.error}</p>;
  const n = preview.findings.length;
  return (
    <div className="rule-preview" data-rule={preview.id} data-findings={n}>
      {loaded ? (
        <p>
          <code>{preview.id}</code> finds <strong>{n === 0 ? 'nothing' : `${n} finding${n === 1 ? '' : 's'}`}</strong> in the loaded logs{n ? ':' : '.'}
        </p>
      ) : (
        <p className="muted">Load logs to see what <code>{preview.id}</code> finds in them.</p>
      )}
      {n > 0 && (
        <ul className="rule-findings" aria-label={`What ${preview.id} finds`}>
          {preview.findings.map((f, i) => (
            <li key={i} className="rule-finding">
              <span className={`sev sev-${f.severity}`}>{f.severity}</span>
              <span className="rule-finding-title">{f.title}</span>
              <span className="muted rule-finding-window">
                {formatTime(f.start, zone, { date: true, ms: false })} – {formatTime(f.end, zone, { date: differentDays(f.start, f.end, zone), ms: false })} · {formatDuration(f.end - f.start)} · {f.evidence} evidence events
              </span>
            </li>
          ))}
        </ul>
      )}
      <Cases p={preview} />
    </div>
  );
}
