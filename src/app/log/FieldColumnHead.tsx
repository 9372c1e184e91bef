// The header of one field column in the log list: the field's name, a way to
// remove the column, and for an automatic column (a field varying beside a
// repeated message) a subtle "auto" mark with Pin (keep it as a chosen
// column) and Hide, and a grip to resize it. A chosen column is moved by
// dragging its name onto another chosen column (or Alt+Shift+arrows on its grip).
// Field names come from the log: shown as text only, and a dragged name is
// matched against the chosen columns, never used as anything else.

import { useState, type DragEvent } from 'react';
import { navigate } from '../../store/navigation.ts';
import { useStore } from '../../store/store.ts';
import { columnCss, type AutoReason, type ShownColumn } from './list-columns.ts';
import { ColumnResizer } from './ColumnResizer.tsx';

/** The drag data type of a column being moved (a file dragged in has 'Files' and goes to the drop zone). */
const COLUMN_DRAG = 'application/x-timberline-column';

function isColumnDrag(e: DragEvent<HTMLElement>): boolean {
  return e.dataTransfer.types.includes(COLUMN_DRAG);
}

/** Move a chosen column to where another chosen column is, as one step of history. */
function moveTo(field: string, target: string): void {
  const to = useStore.getState().columns.indexOf(target);
  if (field !== target && to >= 0) navigate('columns', () => useStore.getState().moveColumn(field, to));
}

/** Focus stays in the list when the header button under it goes away. */
function focusList(): void {
  document.querySelector<HTMLElement>('.log-scroll')?.focus();
}

export function FieldColumnHead({ column, reason }: { column: ShownColumn; reason: AutoReason | null }) {
  const { field, auto } = column;
  const [dropping, setDropping] = useState(false);
  const over = (e: DragEvent<HTMLElement>) => {
    if (auto || !isColumnDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setDropping(true);
  };
  const why = auto && reason
    ? `${field}: shown automatically, because ${Math.round(reason.share * 100)}% of the rows in view say "${reason.pattern}" and this field varies most among them`
    : field;
  return (
    <span
      className={`c-field c-field-head${auto ? ' c-field--auto' : ''}${dropping ? ' c-field-head--drop' : ''}`}
      style={{ width: columnCss(column) }}
      data-col={field}
      onDragOver={over}
      onDragEnter={over}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        if (auto || !isColumnDrag(e)) return;
        e.preventDefault();
        moveTo(e.dataTransfer.getData(COLUMN_DRAG), field);
      }}
    >
      <span
        className={`col-name ellipsis${auto ? '' : ' col-name--drag'}`}
        title={auto ? why : `${why} (drag onto another column to move it there)`}
        draggable={!auto}
        onDragStart={(e) => {
          e.dataTransfer.setData(COLUMN_DRAG, field);
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        {field}
      </span>
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
      <ColumnResizer
        label={`Resize column ${field}`}
        onResize={(px) => useStore.getState().setColumnWidth(field, px)}
        onMove={auto ? undefined : (by) => {
          const cols = useStore.getState().columns;
          const target = cols[cols.indexOf(field) + by];
          if (target !== undefined) moveTo(field, target);
        }}
      />
    </span>
  );
}
