// The first tab stop of the page once logs are loaded: jump straight to the
// findings (the selected one, else the first) instead of tabbing through the
// header, the timeline and the list. Hidden until it has focus. A button, not
// a #fragment link: the address bar's fragment carries share links.

import { useStore } from '../store/store.ts';

function focusFindings(): void {
  const list = document.querySelector('section[aria-label="Findings"]');
  const target = list?.querySelector<HTMLElement>('.finding-button[aria-pressed="true"]') ?? list?.querySelector<HTMLElement>('.finding-button');
  target?.focus();
}

export function SkipToFindings() {
  const hasData = useStore((s) => s.dataVersion > 0);
  if (!hasData) return null;
  return (
    <button type="button" className="skip-link" onClick={focusFindings}>
      Skip to findings
    </button>
  );
}
