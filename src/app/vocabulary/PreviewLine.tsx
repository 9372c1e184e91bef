// One line saying what a vocabulary pattern matches in the loaded events:
// "matches 23 loaded events, 20 of them would change kind".

import type { EntryPreview } from '../../bridge/engine-client.ts';
import { formatInt } from '../../ui/format.ts';

const events = (n: number) => `${formatInt(n)} loaded event${n === 1 ? '' : 's'}`;

export function PreviewLine({ preview, busy, what }: { preview: EntryPreview | null; busy: boolean; what: string }) {
  if (busy || !preview) return <p className="muted vocab-preview">Counting matches…</p>;
  if (preview.error) return <p className="status-error vocab-preview">Refused: {preview.error}.</p>;
  return (
    <p className="vocab-preview" data-matches={preview.matches}>
      {what} matches <strong>{events(preview.matches)}</strong>
      {preview.matches > 0 && (preview.changes === 0 ? ', all already of this kind.' : `, ${formatInt(preview.changes)} of them would change kind.`)}
      {preview.matches === 0 && '.'}
    </p>
  );
}
