// The Share dialog: the incident link (read-only box labelled "Share link",
// its size, Copy), what it carries, offers to shrink it when it is past what
// chat tools accept, the redaction preview, and the Markdown / PNG exports.
// Everything shown from the logs is React text.

import { useMemo, useRef, useState } from 'react';
import { useStore } from '../../store/store.ts';
import { describeLinkSize, formatChars, CHAT_LIMIT, BROWSER_URL_LIMIT } from '../../share/limits.ts';
import { formatTime } from '../../share/markdown.ts';
import type { CategoryId } from '../../share/redact-rules.ts';
import type { CustomPattern } from '../../share/redact.ts';
import type { ReductionId } from '../../share/reduce.ts';
import { Dialog } from '../Dialog.tsx';
import { copyText } from './clipboard.ts';
import { download, timelinePng } from './png-export.ts';
import { RedactionPanel } from './RedactionPanel.tsx';
import { useShareLink, type ShareLinkView, type ShareSettings } from './use-share-link.ts';
import { provenanceText } from '../../share/provenance-text.ts';
import './share.css';

const REDUCTION_LABELS: Record<ReductionId, string> = {
  'drop-debug': 'debug and trace lines dropped',
  'first-lines': 'multi-line events cut to their first line',
  'messages-only': 'raw lines dropped',
  narrow: 'window narrowed to the finding',
};

function Carries({ r, scope }: { r: ShareLinkView; scope: 'range' | 'window' }) {
  const c = r.carries;
  return (
    <p className="share-carries muted" data-testid="share-carries">
      Carries {c.events.toLocaleString('en')} events from {scope === 'range' ? 'the selected range' : 'the visible window'} ({formatTime(c.window.start)} → {formatTime(c.window.end)}),{' '}
      {c.findings} finding{c.findings === 1 ? '' : 's'} and {c.marks} mark{c.marks === 1 ? '' : 's'} from {c.files} file{c.files === 1 ? '' : 's'}
      {c.vocabulary > 0 ? `, with your ${c.vocabulary} custom vocabulary entr${c.vocabulary === 1 ? 'y' : 'ies'}` : ''}
      {c.rules ? `, with your ${c.rules} rule file${c.rules === 1 ? '' : 's'} (sent as written: redaction does not change them)` : ''}.
      The link holds the incident in its #fragment, which browsers never send to a server.
      {c.provenance ? ` It says the events were ${provenanceText(c.provenance, 'pulled from')}.` : ''}
    </p>
  );
}

/** Naming the ClickHouse server is the sender's choice, off by default; the user and password are never in a link. */
function HostChoice({ host, checked, onChange }: { host: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="share-host">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>Include the ClickHouse server's address ({host}) in the link and the Markdown; the user and password never are</span>
    </label>
  );
}

function SizeAdvice({ r, applied, onApply, onUndo }: { r: ShareLinkView; applied: ReductionId[]; onApply(id: ReductionId): void; onUndo(id: ReductionId): void }) {
  const size = describeLinkSize(r.link.length);
  return (
    <div className="share-size">
      <p data-testid="share-size">
        <strong>{formatChars(r.link.length)}</strong> · {size.tier?.label ?? 'too long to open in a browser'}
      </p>
      {!size.fitsChat && (
        <div className="share-advice" role="status">
          <p>
            This link is longer than chat tools accept ({formatChars(CHAT_LIMIT)} fits Slack, Teams and GitHub comments; Slack cuts messages at 40,000 characters)
            {r.link.length > BROWSER_URL_LIMIT ? ' and longer than browsers open' : ''}. Make it smaller:
          </p>
          <div className="btn-group share-offers">
            {r.options.map((o) => (
              <button key={o.id} type="button" className="btn" data-chars={o.chars} onClick={() => onApply(o.id)}>
                {o.id === 'narrow' ? 'Narrow the window to the finding' : o.label} → {formatChars(o.chars)}
              </button>
            ))}
            {r.options.length === 0 && <span className="muted">Select a shorter range on the timeline and share again.</span>}
          </div>
        </div>
      )}
      {applied.length > 0 && (
        <p className="muted share-applied">
          Applied:{' '}
          {applied.map((id) => (
            <button key={id} type="button" className="btn btn-small" onClick={() => onUndo(id)} title="Undo">
              {REDUCTION_LABELS[id]} ✕
            </button>
          ))}
        </p>
      )}
    </div>
  );
}

export function ShareDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [categories, setCategories] = useState<Partial<Record<CategoryId, boolean>>>({});
  const [custom, setCustom] = useState<CustomPattern[]>([]);
  const [applied, setApplied] = useState<ReductionId[]>([]);
  const [note, setNote] = useState('');
  const [includeHost, setIncludeHost] = useState(false);
  const settings: ShareSettings = useMemo(() => ({ categories, custom, applied, includeHost }), [categories, custom, applied, includeHost]);
  const state = useShareLink(open, settings);
  const box = useRef<HTMLTextAreaElement>(null);
  const title = useStore((s) => s.title);
  const r = state.result;

  const copy = async (text: string, what: string) => setNote((await copyText(text, what === 'link' ? box.current : null)) ? `Copied the ${what}.` : `Could not copy the ${what}; select it and copy by hand.`);
  const savePng = async () => {
    const section = document.querySelector<HTMLElement>('section[aria-label="Timeline"]');
    const blob = section && r ? await timelinePng(section, { title: r.caption.title ?? title, subtitle: `${formatTime(r.caption.window.start)} → ${formatTime(r.caption.window.end)}` }) : null;
    if (!blob) return setNote('There is no timeline to save.');
    download(blob, `timberline-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.png`);
    setNote('Saved the timeline as PNG.');
  };

  return (
    <Dialog open={open} onClose={onClose} title="Share this incident" className="dialog-share">
      <div className="share-body" aria-busy={state.busy}>
        {state.status === 'error' && <p className="status-error" role="alert">{state.error}</p>}
        <label className="field share-link-field">
          <span>Share link</span>
          <textarea
            ref={box}
            readOnly
            aria-label="Share link"
            rows={3}
            value={r?.link ?? ''}
            placeholder={state.status === 'building' ? 'Preparing the link…' : ''}
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
          />
        </label>
        <div className="share-actions">
          <button type="button" className="btn btn-primary" disabled={!r || state.busy} onClick={() => r && void copy(r.link, 'link')}>Copy link</button>
          <button type="button" className="btn" disabled={!r || state.busy} onClick={() => r && void copy(r.markdown, 'Markdown')}>Copy as Markdown</button>
          <button type="button" className="btn" disabled={!r} onClick={() => void savePng()}>Save PNG</button>
          <span className="muted share-note" role="status" aria-live="polite">{state.busy ? 'Updating…' : note}</span>
        </div>
        {r && (
          <>
            <SizeAdvice r={r} applied={applied} onApply={(id) => setApplied([...applied, id])} onUndo={(id) => setApplied(applied.filter((x) => x !== id))} />
            <Carries r={r} scope={state.scope} />
            {state.built?.provenance?.host && <HostChoice host={state.built.provenance.host} checked={includeHost} onChange={setIncludeHost} />}
            <RedactionPanel report={r.report} problems={r.problems} categories={categories} custom={custom} onCategories={setCategories} onCustom={setCustom} />
          </>
        )}
      </div>
    </Dialog>
  );
}
