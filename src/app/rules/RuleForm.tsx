// The Rules dialog's editor: paste a rule file or open one from disk, see each
// problem against the line of the file that caused it, and a live preview of
// what the rule finds in the loaded logs before adding it. The text is
// untrusted: it is parsed by the rule loader (never evaluated) and shown as
// React text only.

import { useId, useRef, useState } from 'react';
import { MAX_RULE_FILE_BYTES, type RuleError } from '../../engine/knowledge/rule-loader.ts';
import { checkRuleText, MAX_RULE_FILE_NAME } from '../../store/rule-files.ts';
import { EXAMPLE_RULE } from './example-rule.ts';
import { RulePreviewView } from './RulePreviewView.tsx';
import { useRulesPreview } from './use-rules-preview.ts';

const MAX_SHOWN_LINE = 160;

function ErrorList({ errors, text }: { errors: readonly RuleError[]; text: string }) {
  const lines = text.split('\n');
  return (
    <ul className="rule-errors" role="alert" aria-label="Problems in the rule file">
      {errors.slice(0, 30).map((e, i) => {
        const src = (lines[e.line - 1] ?? '').trim();
        return (
          <li key={i} className="rule-error" data-line={e.line}>
            <span className="rule-error-line">Line {e.line}</span>
            {src && <code className="rule-error-source">{src.length > MAX_SHOWN_LINE ? `${src.slice(0, MAX_SHOWN_LINE)}…` : src}</code>}
            <span className="rule-error-message">{e.path ? `${e.path}: ` : ''}{e.message}</span>
          </li>
        );
      })}
      {errors.length > 30 && <li className="muted">…and {errors.length - 30} more</li>}
    </ul>
  );
}

export function RuleForm({ dataVersion, onAdd }: { dataVersion: number; onAdd(name: string, text: string): void }) {
  const [name, setName] = useState('my-rules.json');
  const [text, setText] = useState('');
  const [openError, setOpenError] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const checked = text.trim() ? checkRuleText(text) : null;
  const ok = checked !== null && checked.errors.length === 0 && checked.rules.length > 0;
  const { previews, busy } = useRulesPreview(ok ? checked.rules : [], dataVersion);

  const open = async (file: File | undefined) => {
    setOpenError('');
    if (!file) return;
    if (file.size > MAX_RULE_FILE_BYTES) return setOpenError(`${file.name} is larger than ${MAX_RULE_FILE_BYTES / 1024} KB: a rule file is small.`);
    setName(file.name.slice(0, MAX_RULE_FILE_NAME));
    setText(await file.text());
  };
  const add = () => {
    if (!ok) return;
    onAdd(name.trim().slice(0, MAX_RULE_FILE_NAME) || 'rules.json', text);
    setText('');
  };

  return (
    <form className="vocab-form rule-form" aria-label="Add a rule file" onSubmit={(e) => { e.preventDefault(); add(); }}>
      <h3>Add a rule file</h3>
      <div className="vocab-form-row">
        <label className="field field-grow">
          <span>File name</span>
          <input type="text" value={name} maxLength={MAX_RULE_FILE_NAME} onChange={(e) => setName(e.target.value)} aria-label="Rule file name" spellCheck={false} autoComplete="off" />
        </label>
        <button type="button" className="btn" onClick={() => fileRef.current?.click()}>Open a rule file…</button>
        <input ref={fileRef} type="file" accept=".json,application/json" hidden aria-hidden="true" tabIndex={-1} onChange={(e) => { void open(e.target.files?.[0]); e.target.value = ''; }} />
        <button type="button" className="btn" onClick={() => setText(EXAMPLE_RULE)}>Start from an example</button>
      </div>
      <label className="field">
        <span>Rule file (JSON: one rule or a list; see docs/rules.md)</span>
        <textarea
          className="rule-text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Rule file text"
          aria-invalid={checked !== null && !ok}
          aria-describedby={`${id}-status`}
          spellCheck={false}
          rows={12}
          placeholder='{ "id": "my-rule", "title": …, "detector": { "type": "series", … }, "cases": [ … ] }'
        />
      </label>
      <div id={`${id}-status`} className="vocab-form-status" aria-live="polite">
        {openError && <p className="status-error" role="alert">{openError}</p>}
        {checked && checked.errors.length > 0 && <ErrorList errors={checked.errors} text={text} />}
        {ok && checked.rules.map((r, i) => <RulePreviewView key={r.id} preview={previews?.[i] ?? null} busy={busy} loaded={dataVersion > 0} />)}
      </div>
      <div className="vocab-form-row rule-form-actions">
        <button type="submit" className="btn btn-primary" disabled={!ok}>Add rule file</button>
      </div>
    </form>
  );
}
