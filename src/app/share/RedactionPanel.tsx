// The redaction preview of the Share dialog: every category with what it
// found (count, distinct values, a few examples as "value -> placeholder"),
// a switch per category (all on by default), and the user's own patterns.
// Examples are log text: rendered as React text, never as HTML.

import { useState } from 'react';
import { CATEGORY_IDS, type CategoryId } from '../../share/redact-rules.ts';
import { checkCustomPatterns, labelToPrefix, type CategoryReport, type CustomPattern, type CustomPatternProblem } from '../../share/redact.ts';

export interface RedactionPanelProps {
  report: CategoryReport[];
  problems: CustomPatternProblem[];
  categories: Partial<Record<CategoryId, boolean>>;
  custom: CustomPattern[];
  onCategories(c: Partial<Record<CategoryId, boolean>>): void;
  onCustom(c: CustomPattern[]): void;
}

const isCategory = (id: string): id is CategoryId => (CATEGORY_IDS as readonly string[]).includes(id);

export function RedactionPanel(p: RedactionPanelProps) {
  const [label, setLabel] = useState('');
  const [pattern, setPattern] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const entry = { label: label.trim() || 'custom', pattern };
    const problems = checkCustomPatterns([entry]);
    if (problems.length > 0) {
      setError(`Pattern refused: ${problems[0].error}.`);
      return;
    }
    setError(null);
    setLabel('');
    setPattern('');
    p.onCustom([...p.custom, entry]);
  };
  const total = p.report.filter((c) => c.enabled).reduce((a, c) => a + c.count, 0);
  return (
    <fieldset className="share-redact">
      <legend>Redact before sharing</legend>
      <p className="muted">
        {total > 0 ? `${total} values will be replaced by placeholders; the same value always gets the same placeholder.` : 'Nothing to redact was found.'}
      </p>
      <ul className="share-cats">
        {p.report.map((c) => {
          const custom = !isCategory(c.id);
          return (
            <li key={c.id} data-category={c.id} className={c.count > 0 ? 'share-cat share-cat--found' : 'share-cat'}>
              <label>
                <input
                  type="checkbox"
                  checked={c.enabled}
                  disabled={custom}
                  onChange={(e) => {
                    if (isCategory(c.id)) p.onCategories({ ...p.categories, [c.id]: e.currentTarget.checked });
                  }}
                />
                <span className="share-cat-label">{c.label}</span>
                <span className="share-cat-count">{c.count > 0 ? `${c.count} (${c.distinct} distinct)` : 'none'}</span>
              </label>
              {custom && (
                <button type="button" className="btn btn-small" onClick={() => p.onCustom(p.custom.filter((x) => `custom:${labelToPrefix(x.label)}` !== c.id))}>
                  Remove
                </button>
              )}
              {c.examples.length > 0 && (
                <ul className="share-examples">
                  {c.examples.map((x, i) => (
                    <li key={i}>
                      <code>{x.value}</code> → <code>{x.placeholder}</code>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {p.problems.length > 0 && (
        <p className="status-error" role="alert">
          {p.problems.map((x) => `${x.label}: ${x.error}`).join('; ')}
        </p>
      )}
      <form
        className="share-custom"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input type="text" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="customer" aria-label="Pattern name" />
        </label>
        <label className="field field-grow">
          <span>Your own pattern (regular expression)</span>
          <input type="text" value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="cust-\d{6}" aria-label="Regular expression to redact" spellCheck={false} />
        </label>
        <button type="submit" className="btn" disabled={!pattern}>Add pattern</button>
      </form>
      {error && <p className="status-error" role="alert">{error}</p>}
    </fieldset>
  );
}
