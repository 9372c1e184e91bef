// The Vocabulary dialog (header button, or V): the user's own classification
// entries, tried before the built-in vocabulary, with how many loaded events
// each matches; a form to add one; and Apply, which reads the loaded files
// again with the entries so kinds, marks and findings follow. Entries that
// came with a share link are marked and can be kept (saved) or removed.
// Patterns, notes and matching messages are untrusted text: React text only.

import { BUILTIN_VOCABULARY } from '../../engine/classify/vocabulary.ts';
import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { vocabularyKey } from '../../store/vocabulary-entries.ts';
import { activeVocabulary } from '../../store/vocabulary-slice.ts';
import { Dialog } from '../Dialog.tsx';
import { applyVocabulary } from '../load/loader.ts';
import { ApplyBar, type ApplyTexts } from '../ApplyBar.tsx';
import { entryKindLabel } from './kind-choice.ts';
import { PreviewLine } from './PreviewLine.tsx';
import { useVocabularyPreview } from './use-vocabulary-preview.ts';
import { VocabularyForm } from './VocabularyForm.tsx';
import './vocabulary.css';

function EntryList() {
  const vocabulary = useStore((s) => s.vocabulary);
  const dataVersion = useStore((s) => s.dataVersion);
  const st = useStore.getState;
  const { previews, busy } = useVocabularyPreview(vocabulary, dataVersion, true);
  if (vocabulary.length === 0) {
    return <p className="empty-note vocab-empty">No entries of your own yet. Add one below when your logs word a timeout, a reload or a crash in a way Timberline does not know.</p>;
  }
  return (
    <ol className="vocab-entries" aria-label="Your entries">
      {vocabulary.map((e, i) => (
        <li key={`${e.kind}:${e.failed ? 1 : 0}:${e.pattern}`} className="vocab-entry" data-kind={e.kind} data-origin={e.origin}>
          <div className="vocab-entry-head">
            <span className={`kind kind-${e.kind}`}>{entryKindLabel(e)}</span>
            <code className="vocab-pattern">{e.pattern}</code>
            {e.origin === 'link' && <span className="chip" title="Came with the share link you opened; not saved in this browser">from the link</span>}
            <div className="spacer" />
            {e.origin === 'link' && (
              <button type="button" className="btn btn-small" onClick={() => st().keepVocabularyEntry(i)} title="Save this entry in this browser">Keep</button>
            )}
            <button type="button" className="btn btn-small" onClick={() => st().removeVocabularyEntry(i)} aria-label={`Remove entry ${e.pattern.slice(0, 80)}`}>Remove</button>
          </div>
          {e.note && <div className="vocab-note">{e.note}</div>}
          {dataVersion > 0 && <PreviewLine preview={previews?.[i] ?? null} busy={busy} what="It" />}
        </li>
      ))}
    </ol>
  );
}

const VOCABULARY_APPLY: ApplyTexts = {
  loading: 'Reading the files again…',
  empty: 'Your entries apply to the logs you load next.',
  current: 'The loaded logs are classified with these entries.',
  shared: 'This incident came from a share link, classified by its sender. Your entries apply to the files you load.',
  pending: 'Changed since the logs were read: apply to update kinds, marks and findings.',
};

async function apply(): Promise<string> {
  const ok = await applyVocabulary();
  const d = getDataset();
  return ok && useStore.getState().status === 'ready' ? `Applied: ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'} and ${d.marks.length} marks now.` : '';
}

function VocabularyApply() {
  const vocabulary = useStore((s) => s.vocabulary);
  const applied = useStore((s) => s.vocabularyApplied);
  return <ApplyBar current={vocabularyKey(activeVocabulary({ vocabulary })) === applied} texts={VOCABULARY_APPLY} onApply={apply} />;
}

export function VocabularyDialog() {
  const open = useStore((s) => s.vocabularyOpen);
  const vocabulary = useStore((s) => s.vocabulary);
  const dataVersion = useStore((s) => s.dataVersion);
  const st = useStore.getState;
  return (
    <Dialog open={open} onClose={() => st().setVocabularyOpen(false)} title="Vocabulary" className="dialog-vocab">
      <div className="vocab-body">
        <p className="muted vocab-intro">
          The vocabulary decides which events are signals, operations, timeouts, health failures, restarts and crashes, and so which marks and findings appear.
          Your entries are tried before the {BUILTIN_VOCABULARY.length} built-in ones (the first match wins), are saved in this browser, and travel with share links.
        </p>
        <EntryList />
        <VocabularyForm existing={vocabulary} dataVersion={dataVersion} onAdd={(e) => st().addVocabularyEntry(e)} />
        <VocabularyApply />
        <details className="vocab-builtin">
          <summary>Built-in entries ({BUILTIN_VOCABULARY.length})</summary>
          <ul>
            {BUILTIN_VOCABULARY.map((e, i) => (
              <li key={i}>
                <span className={`kind kind-${e.kind}`}>{entryKindLabel(e)}</span> {e.note}
              </li>
            ))}
          </ul>
        </details>
      </div>
    </Dialog>
  );
}
