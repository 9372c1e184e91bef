// The bar at the foot of the Vocabulary and Rules dialogs: says whether the
// incident on screen already reflects what the dialog holds, and offers to
// apply it (the loaded files are read again). Both dialogs word their own
// states; the logic of when Apply is possible is here once.

import { useState } from 'react';
import { useStore } from '../store/store.ts';
import { canReingest } from './load/loader.ts';

export interface ApplyTexts {
  /** Nothing loaded yet. */
  empty: string;
  /** Busy re-reading. */
  loading: string;
  /** Already applied (shown unless a note from the last Apply replaces it). */
  current: string;
  /** A share link's incident: no files to read again. */
  shared: string;
  /** Changed since the files were read. */
  pending: string;
}

/** `onApply` re-reads the files and returns the note to show after, or '' when nothing was applied. */
export function ApplyBar({ current, texts, onApply }: { current: boolean; texts: ApplyTexts; onApply(): Promise<string> }) {
  const dataVersion = useStore((s) => s.dataVersion);
  const loading = useStore((s) => s.status === 'loading');
  const [note, setNote] = useState('');
  const apply = async () => {
    setNote('');
    setNote(await onApply());
  };
  const pending = !loading && !current && dataVersion > 0 && canReingest();
  let text: string;
  if (loading) text = texts.loading;
  else if (dataVersion === 0) text = texts.empty;
  else if (current) text = note || texts.current;
  else if (!canReingest()) text = texts.shared;
  else text = texts.pending;
  return (
    <div className="vocab-apply" data-applied={current ? 'yes' : 'no'}>
      <p className="muted" role="status">{text}</p>
      {/* Primary only when there is something to apply: a disabled primary button still looks clickable in the dark theme. */}
      <button type="button" className={pending ? 'btn btn-primary' : 'btn'} disabled={!pending} onClick={() => void apply()}>
        Apply to loaded logs
      </button>
    </div>
  );
}
