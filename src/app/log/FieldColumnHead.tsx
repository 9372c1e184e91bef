// The header of one field column in the log list: the field's name, a way to
// remove the column, and for an automatic column (a field varying beside a
// repeated message) a subtle "auto" mark with Pin (keep it as a chosen
// column) and Hide, and a grip to resize it. Field names come from the log:
// shown as text only.

import { navigate } from '../../store/navigation.ts';
import { useStore } from '../../store/store.ts';
import { columnCss, type AutoReason, type ShownColumn } from './list-columns.ts';
import { ColumnResizer } from './ColumnResizer.tsx';

/** Focus stays in the list when the header button under it goes away. */
function focusList(): void {
  document.querySelector<HTMLElement>('.log-scroll')?.focus();
}

export function FieldColumnHead({ column, reason }: { column: ShownColumn; reason: AutoReason | null }) {
  const { field, auto } = column;
  const why = auto && reason
    ? `${field}: shown automatically, because ${Math.round(reason.share * 100)}% of the rows in view say "${reason.pattern}" and this field varies most among them`
    : field;
  return (
    <span className={`c-field c-field-head${auto ? ' c-field--auto' : ''}`} style={{ width: columnCss(column) }} data-col={field}>
      <span className="col-name ellipsis" title={why}>{field}</span>
      {auto && <span className="col-auto" aria-hidden="true">auto</span>}
      {auto ? (
        <>
          <button
            type="button"
            className="col-btn"
            aria-label={`Pin column ${field}`}
            title={`Keep ${field} as a column (automatic columns give way to the ones you choose)`}
            onClick={() => {
              navigate('columns', () => useStore.getState().setColumns([field]));
              focusList();
            }}
          >
            pin
          </button>
          <button
            type="button"
            className="col-btn"
            aria-label={`Hide automatic column ${field}`}
            title={`Hide ${field} (it is not shown automatically again)`}
            onClick={() => {
              useStore.getState().dismissAuto(field);
              focusList();
            }}
          >
            ×
          </button>
        </>
      ) : (
        <button
          type="button"
          className="col-btn"
          aria-label={`Remove column ${field}`}
          title={`Remove the ${field} column`}
          onClick={() => {
            navigate('columns', () => useStore.getState().toggleColumn(field));
            focusList();
          }}
        >
          ×
        </button>
      )}
      <ColumnResizer label={`Resize column ${field}`} onResize={(px) => useStore.getState().setColumnWidth(field, px)} />
    </span>
  );
}
