// The header's "Share" button and the dialog it opens. Disabled until an
// incident is loaded: there is nothing to share before.

import { useState } from 'react';
import { useStore } from '../../store/store.ts';
import { ShareDialog } from './ShareDialog.tsx';

export function ShareButton() {
  const [open, setOpen] = useState(false);
  const hasData = useStore((s) => s.dataVersion > 0 && s.status !== 'loading');
  return (
    <>
      <button type="button" className="btn" disabled={!hasData} onClick={() => setOpen(true)} title="Share this incident as a link, Markdown or PNG">
        Share
      </button>
      <ShareDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
