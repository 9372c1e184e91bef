// Which fields are read as request or trace ids (the Files panel, under the
// files): the engine's default list, or the user's own, one name per line or
// comma-separated. Names are checked as the engine checks them; the choice is
// remembered (store/flow-slice.ts) and flows and clock offsets are read again.

import { useState } from 'react';
import { DEFAULT_FLOW_KEYS } from '../../engine/flows/keys.ts';
import { useStore } from '../../store/store.ts';
import type { FlowSummary } from '../../engine/flows/flows.ts';
import { flowBoundsText } from '../../engine/flows/flow-report.ts';
import { formatInt } from '../../ui/format.ts';

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export function parseKeyList(text: string): { keys: string[]; bad: string[] } {
  const parts = text.split(/[\s,]+/).map((k) => k.trim()).filter(Boolean);
  return { keys: parts.filter((k) => NAME.test(k)).slice(0, 64), bad: parts.filter((k) => !NAME.test(k)) };
}

/** "160 ids link 320 events", with what was left out. */
function summaryText(s: FlowSummary): string {
  const bounds = flowBoundsText(s);
  return `${formatInt(s.sharedIds)} shared id${s.sharedIds === 1 ? '' : 's'} link ${formatInt(s.linkedRows)} events${bounds ? `; ${bounds}` : ''}`;
}

export function FlowKeysEditor({ summary }: { summary: FlowSummary | null }) {
  const keys = useStore((s) => s.flowKeys);
  const current = (keys ?? DEFAULT_FLOW_KEYS).join(', ');
  const [draft, setDraft] = useState(current);
  const { keys: parsed, bad } = parseKeyList(draft);
  const apply = () => useStore.getState().setFlowKeys(parsed.length > 0 ? parsed : null);
  return (
    <details className="flow-keys">
      <summary>
        Id fields for flows and clock offsets{keys ? ' (yours)' : ''}
        {summary && <span className="muted" data-testid="flow-count"> · {summaryText(summary)}</span>}
      </summary>
      <label>
        <span className="muted small">Fields whose values link events across files (trace, request, correlation and span ids):</span>
        <textarea rows={3} value={draft} aria-label="Id fields" onChange={(e) => setDraft(e.target.value)} spellCheck={false} />
      </label>
      {bad.length > 0 && <div className="notice notice--warn">Not a field name, left out: {bad.slice(0, 5).join(' ')}</div>}
      <button type="button" className="btn btn-small" disabled={parsed.length === 0 || parsed.join(', ') === current} onClick={apply}>
        Use these fields
      </button>{' '}
      {keys && (
        <button type="button" className="btn btn-small" onClick={() => { useStore.getState().setFlowKeys(null); setDraft(DEFAULT_FLOW_KEYS.join(', ')); }}>
          Back to the defaults
        </button>
      )}
    </details>
  );
}
