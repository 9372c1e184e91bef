// Connect to a ClickHouse server and pull an incident window with the work
// done by the server (see docs/clickhouse.md). The password field's value
// lives in memory only (connect-store.ts); the schema goes in the URL.
// While the counts are computed the dialog shows the progress and Cancel;
// a server error is shown exactly as written, as text.

import { useEffect } from 'react';
import { useStore } from '../../store/store.ts';
import { Dialog } from '../Dialog.tsx';
import { formatInt } from '../../ui/format.ts';
import { cancelLoad } from '../load/loader.ts';
import { useConnect, type ConnectForm } from './connect-store.ts';
import { readConnectParams } from './connect-url.ts';
import { connectClickHouse } from './pull-loader.ts';

function Field(props: { label: string; name: keyof ConnectForm; type?: string; placeholder?: string; hint?: string; autoComplete?: string }) {
  const value = useConnect((s) => s.form[props.name]);
  const setForm = useConnect((s) => s.setForm);
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type={props.type ?? 'text'}
        name={`ch-${props.name}`}
        value={value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        onChange={(e) => setForm({ [props.name]: e.target.value })}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}

function Progress() {
  const progress = useStore((s) => s.progress);
  const loading = useStore((s) => s.status === 'loading');
  if (!loading || !progress) return null;
  return (
    <div className="connect-progress" role="status">
      <span>{progress.fileName}</span>
      <span className="muted">{formatInt(progress.lines)} rows received</span>
      <button type="button" className="btn" onClick={() => void cancelLoad()}>Cancel</button>
    </div>
  );
}

export function ConnectDialog() {
  const open = useConnect((s) => s.open);
  const setOpen = useConnect((s) => s.setOpen);
  const error = useConnect((s) => s.error);
  const phase = useConnect((s) => s.phase);
  const setForm = useConnect((s) => s.setForm);
  // The schema a URL carries fills the form once, at start-up.
  useEffect(() => setForm(readConnectParams(location.search)), [setForm]);
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title="Connect to ClickHouse" className="dialog-connect">
      <form
        className="connect-form"
        onSubmit={(e) => {
          e.preventDefault();
          void connectClickHouse();
        }}
      >
        <p className="muted">
          Pull an incident window from a ClickHouse server that allows this page (CORS). The server counts and classifies the rows;
          only the counts and the notable events are fetched. The password is kept in this page&apos;s memory only.
        </p>
        <div className="connect-grid">
          <Field label="Server URL" name="url" placeholder="http://127.0.0.1:8123/" />
          <Field label="User" name="user" autoComplete="username" />
          <Field label="Password" name="password" type="password" autoComplete="current-password" />
          <Field label="Database" name="database" placeholder="(the user's default)" />
          <Field label="Table" name="table" />
          <Field label="Services" name="services" placeholder="all" hint="comma-separated, optional" />
          <Field label="From" name="from" placeholder="2024-05-14T02:00:00Z" />
          <Field label="To" name="to" placeholder="2024-05-14T03:00:00Z" />
        </div>
        <details className="connect-mapping">
          <summary>Column mapping (tables other than otel_logs)</summary>
          <Field
            label="Columns"
            name="mapping"
            hint="time,timeIndex,source,level,message,fields+…,errorKeys+…,severityNumber — saved in the page URL (never the credentials)"
          />
        </details>
        {error && <pre className="connect-error" role="alert">{error}</pre>}
        <Progress />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>Close</button>
          <button type="submit" className="btn btn-primary" disabled={phase !== 'idle'}>Connect</button>
        </div>
      </form>
    </Dialog>
  );
}
