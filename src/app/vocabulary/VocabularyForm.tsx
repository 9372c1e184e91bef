// The "add an entry" form of the Vocabulary dialog: a kind, a regular
// expression checked as it is typed (with the reason it is refused: invalid,
// matches empty text, nested quantifiers that could freeze the page), an
// optional note, and a live preview of what it matches in the loaded events.
// Matching messages are log text: shown as React text.

import { useId, useState } from 'react';
import type { VocabularyEntry } from '../../engine/classify/vocabulary.ts';
import { entryProblem, type VocabularyKind } from '../../store/vocabulary-entries.ts';
import { KIND_CHOICES, choiceOf, type KindChoice } from './kind-choice.ts';
import { PreviewLine } from './PreviewLine.tsx';
import { useVocabularyPreview } from './use-vocabulary-preview.ts';

export function VocabularyForm({ existing, dataVersion, onAdd }: { existing: readonly VocabularyEntry[]; dataVersion: number; onAdd(e: VocabularyEntry): void }) {
  const [choice, setChoice] = useState<KindChoice>('timeout');
  const [pattern, setPattern] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const id = useId();
  const { kind, failed } = choiceOf(choice);
  const problem = entryProblem(pattern, existing, kind as VocabularyKind, failed);
  const draft = problem === null ? [{ kind, pattern, failed }] : [];
  const { previews, busy } = useVocabularyPreview(draft, dataVersion, true);
  const preview = previews?.[0] ?? null;
  const showProblem = problem !== null && (tried || pattern !== '');

  const submit = () => {
    setTried(true);
    if (problem !== null) return;
    const e: VocabularyEntry = { kind, pattern, note: note.trim(), samples: preview?.samples ?? [] };
    if (failed) e.failed = true;
    onAdd(e);
    setPattern('');
    setNote('');
    setTried(false);
  };

  return (
    <form
      className="vocab-form"
      aria-label="Add a vocabulary entry"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3>Add an entry</h3>
      <div className="vocab-form-row">
        <label className="field">
          <span>Kind</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value as KindChoice)} aria-label="Kind of event">
            {KIND_CHOICES.map(([v, label]) => (
              <option key={v} value={v}>{label}</option>
            ))}
          </select>
        </label>
        <label className="field field-grow">
          <span>Pattern (regular expression, case-insensitive, matched against the message)</span>
          <input
            type="text"
            value={pattern}
            onChange={(e) => setPattern(e.target.value)}
            placeholder="gave up waiting for (?:upstream|backend)"
            aria-label="Pattern"
            aria-invalid={showProblem}
            aria-describedby={`${id}-status`}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      </div>
      <div className="vocab-form-row">
        <label className="field field-grow">
          <span>Note (optional: why this entry exists)</span>
          <input type="text" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} aria-label="Note" placeholder="our proxy's own wording for an upstream timeout" />
        </label>
        <button type="submit" className="btn btn-primary vocab-add">Add entry</button>
      </div>
      <div id={`${id}-status`} className="vocab-form-status" aria-live="polite">
        {showProblem ? (
          <p className="status-error" role="alert">{problem}</p>
        ) : problem === null ? (
          dataVersion === 0 ? (
            <p className="muted">Load logs to see what this pattern matches.</p>
          ) : (
            <PreviewLine preview={preview} busy={busy} what="This pattern" />
          )
        ) : null}
        {preview && preview.samples.length > 0 && (
          <ul className="vocab-samples" aria-label="Matching messages">
            {preview.samples.map((s, i) => (
              <li key={i}><code>{s}</code></li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}
