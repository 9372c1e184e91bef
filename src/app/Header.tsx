// The top bar: open files, paste, connect to ClickHouse, samples, share, the custom vocabulary,
// what is loaded (or the progress of what is loading), theme and help.

import { useRef } from 'react';
import { useStore, type AppState } from '../store/store.ts';
import type { ThemeChoice } from '../store/panel-slice.ts';
import { formatInt } from '../ui/format.ts';
import { LoadProgress } from './LoadProgress.tsx';
import { fromFiles, loadFiles, reloadFiles, titleFor } from './load/loader.ts';
import { SampleMenu } from './SampleMenu.tsx';
import { ShareButton } from './share/ShareButton.tsx';
import { setSampleParam } from './url-state.ts';
import { useConnect } from './clickhouse/connect-store.ts';

const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

export function OpenFilesButton({ className = 'btn btn-primary', label = 'Open files…' }: { className?: string; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>{label}</button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Open log files"
        data-testid="file-input"
        onChange={(e) => {
          const list = e.currentTarget.files;
          if (!list || list.length === 0) return;
          const files = fromFiles(Array.from(list));
          e.currentTarget.value = '';
          setSampleParam(null);
          void loadFiles(files, titleFor(files));
        }}
      />
    </>
  );
}

function Status() {
  const status = useStore((s: AppState) => s.status);
  const title = useStore((s) => s.title);
  const files = useStore((s) => s.files);
  const loadError = useStore((s) => s.loadError);
  const reloadOffer = useStore((s) => s.reloadOffer);
  if (status === 'loading') return <LoadProgress />;
  const events = files.reduce((a, f) => a + f.events, 0);
  const problems = files.filter((f) => f.error).length;
  return (
    <div className="status">
      {title && <span className="status-title ellipsis" title={title}>{title}</span>}
      {files.length > 0 && (
        <span className="muted">
          {formatInt(events)} events{files.length > 1 ? ` · ${files.length} files` : ''}
          {problems > 0 && <span className="warn-text"> · {problems} unreadable</span>}
        </span>
      )}
      {loadError && <span className="status-error" role="alert">{loadError}</span>}
      {reloadOffer && <button type="button" className="btn" onClick={() => void reloadFiles()}>Reload files</button>}
    </div>
  );
}

export function Header() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const setPasteOpen = useStore((s) => s.setPasteOpen);
  const setHelpOpen = useStore((s) => s.setHelpOpen);
  const setVocabularyOpen = useStore((s) => s.setVocabularyOpen);
  const customEntries = useStore((s) => s.vocabulary.length);
  const setRulesOpen = useStore((s) => s.setRulesOpen);
  const ruleFiles = useStore((s) => s.ruleFiles.length);
  const setConnectOpen = useConnect((s) => s.setOpen);
  return (
    <header className="header">
      <div className="brand">
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <rect x="1" y="3" width="10" height="3" rx="1" fill="currentColor" opacity=".9" />
          <rect x="5" y="8" width="12" height="3" rx="1" fill="currentColor" opacity=".6" />
          <rect x="3" y="13" width="7" height="3" rx="1" fill="currentColor" opacity=".35" />
        </svg>
        <span>Timberline</span>
      </div>
      <div className="header-actions">
        <OpenFilesButton />
        <button type="button" className="btn" onClick={() => setPasteOpen(true)}>Paste</button>
        <button type="button" className="btn" onClick={() => setConnectOpen(true)} title="Pull an incident window from a ClickHouse server">ClickHouse…</button>
        <SampleMenu />
        <ShareButton />
        <button type="button" className="btn" onClick={() => setVocabularyOpen(true)} title="Teach Timberline your logs' words for timeouts, reloads, crashes… (V)">
          Vocabulary
          {customEntries > 0 && <span className="badge" aria-label={`${customEntries} custom entries`}>{customEntries}</span>}
        </button>
        <button type="button" className="btn" onClick={() => setRulesOpen(true)} title="Your own rules: name incidents the built-in rules do not (U)">
          Rules
          {ruleFiles > 0 && <span className="badge" aria-label={`${ruleFiles} rule files`}>{ruleFiles}</span>}
        </button>
      </div>
      <Status />
      <div className="header-end">
        <button
          type="button"
          className="btn"
          onClick={() => setTheme(NEXT_THEME[theme])}
          title="Switch theme: system, light, dark"
        >
          {theme === 'system' ? 'Auto' : theme === 'light' ? 'Light' : 'Dark'} theme
        </button>
        <button type="button" className="btn btn-icon" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </div>
    </header>
  );
}
