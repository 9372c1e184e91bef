// The application shell: header, timeline (or the empty state), the log
// panel (events or patterns) and the side panel with files, findings and detail. Starts the global services
// (URL sync, search runner, keys) and opens ?sample=<id> at start-up.

import { useEffect } from 'react';
import { useStore } from '../store/store.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { messageCache } from '../bridge/message-cache.ts';
import { DetailPanel } from './DetailPanel.tsx';
import { DropZone } from './DropZone.tsx';
import { EmptyState } from './EmptyState.tsx';
import { FilesPanel } from './FilesPanel.tsx';
import { FindingsPanel } from './FindingsPanel.tsx';
import { FieldsPanel } from './FieldsPanel.tsx';
import { ComparePanel } from './compare/ComparePanel.tsx';
import { FlowPanel } from './flows/FlowPanel.tsx';
import { startFlowRunner } from './flows/flow-runner.ts';
import { Header } from './Header.tsx';
import { HelpDialog } from './HelpDialog.tsx';
import { startKeyboard } from './keyboard.ts';
import { loadSampleById } from './load/open-sample.ts';
import { LogPanel } from './log/LogPanel.tsx';
import { startSearchRunner } from './log/search-runner.ts';
import { PasteDialog } from './PasteDialog.tsx';
import { Splitter } from './Splitter.tsx';
import { SkipToFindings } from './SkipToFindings.tsx';
import { VocabularyDialog } from './vocabulary/VocabularyDialog.tsx';
import { RulesDialog } from './rules/RulesDialog.tsx';
import { ConnectDialog } from './clickhouse/ConnectDialog.tsx';
import { DensityLanes } from './clickhouse/DensityLanes.tsx';
import { openShareFromHash, startShareHashListener } from './share/open-share.ts';
import { loadUrlParam } from './share/open-url.ts';
import { hasShareFragment } from '../share/link.ts';
import { initUrlState, sampleParam, startUrlSync } from './url-state.ts';
import { startHistory } from './history.ts';

let started = false;

/** Once per page (StrictMode mounts effects twice in development). */
function startServices(): void {
  if (started) return;
  started = true;
  initUrlState();
  startUrlSync();
  startHistory();
  startSearchRunner();
  startFlowRunner();
  startKeyboard();
  // A share link (#s=...) wins over ?sample= and ?url= (see src/app/share).
  startShareHashListener();
  const sample = sampleParam();
  if (hasShareFragment(location.hash)) void openShareFromHash();
  else if (sample) void loadSampleById(sample);
  else loadUrlParam();
}

function useTheme(): void {
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

export function App() {
  const dataVersion = useStore((s) => s.dataVersion);
  const status = useStore((s) => s.status);
  const hasData = useStore((s) => s.files.length > 0);
  useEffect(startServices, []);
  useTheme();
  return (
    // data-status / data-version let tests (and the benchmark) wait for a load to land.
    <div className="app" data-status={status} data-version={dataVersion}>
      <SkipToFindings />
      <Header />
      <main className="main">
        <div className="center">
          <div className="timeline-slot"><DensityLanes />{hasData ? <Timeline messages={messageCache} /> : <EmptyState />}</div>
          {hasData ? <Splitter /> : null}
          <LogPanel />
        </div>
        <aside className="side" aria-label="Files, findings and detail">
          <FilesPanel />
          <FindingsPanel />
          <ComparePanel />
          <FieldsPanel />
          <FlowPanel />
          <DetailPanel />
        </aside>
      </main>
      <DropZone />
      <PasteDialog />
      <HelpDialog />
      <VocabularyDialog />
      <RulesDialog />
      <ConnectDialog />
    </div>
  );
}
