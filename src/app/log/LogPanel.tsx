// The panel under the timeline: the log list of events, or the message
// patterns they group into. The list stays mounted while Patterns shows, so
// coming back finds it where it was.

import { useStore } from '../../store/store.ts';
import { PatternsPanel } from '../patterns/PatternsPanel.tsx';
import { PatternsToolbar } from '../patterns/PatternsToolbar.tsx';
import { LogFilters } from './LogFilters.tsx';
import { LogList } from './LogList.tsx';
import '../patterns/patterns.css';

export function LogPanel() {
  const tab = useStore((s) => s.logTab);
  return (
    <section aria-label="Log" className="log-panel">
      {tab === 'events' ? <LogFilters /> : <PatternsToolbar />}
      <LogList hidden={tab !== 'events'} />
      {tab === 'patterns' && <PatternsPanel />}
    </section>
  );
}
