// The log panel's two views: the events themselves, or their message
// patterns. Sits at the start of each view's toolbar so switching costs no
// vertical space.

import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import type { LogTab } from '../../store/panel-slice.ts';

const TABS: [LogTab, string][] = [
  ['events', 'Events'],
  ['patterns', 'Patterns'],
];

export function LogTabs() {
  const tab = useStore((s) => s.logTab);
  const setTab = useStore((s) => s.setLogTab);
  const patterns = useStore((s) => (s.dataVersion > 0 && !s.provisional ? getDataset().templates.length : 0));
  return (
    <div className="segmented log-tabs" role="tablist" aria-label="Log view">
      {TABS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          className="seg"
          aria-selected={tab === id}
          aria-controls={id === 'events' ? 'log-tab-events' : 'log-tab-patterns'}
          onClick={() => setTab(id)}
        >
          {label}
          {id === 'patterns' && patterns > 0 && <span className="count">{patterns}</span>}
        </button>
      ))}
    </div>
  );
}
