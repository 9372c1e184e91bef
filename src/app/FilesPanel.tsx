// The loaded files with what went wrong beside each one: unreadable or binary
// files, zone-less timestamps (with a control to say which zone they were
// written in), malformed and untimed lines, and the engine's other notices.
// Files can be added to the session here and removed from it one by one.

import type { FileStats } from '../engine/ingest/file-stats.ts';
import { useRef } from 'react';
import { useStore } from '../store/store.ts';
import { formatBytes, formatInt } from '../ui/format.ts';
import { addFiles, canReingest, fromFiles, removeFile, setZoneOffset } from './load/loader.ts';
import { setSampleParam } from './url-state.ts';
import { FileDateControl, needsDateControl } from './FileDateControl.tsx';
import { DATE_PLACED_NOTICE, DATE_UNKNOWN_NOTICE } from '../engine/model/time-of-day.ts';
import { getDataset } from '../store/dataset.ts';
import { provenanceText } from '../share/provenance-text.ts';
import { ClockControl } from './flows/ClockControl.tsx';
import { FlowKeysEditor } from './flows/FlowKeysEditor.tsx';
import { useFlowSummary } from './flows/use-flow-summary.ts';
import type { FlowSummary } from '../engine/flows/flows.ts';

const OFFSETS: number[] = [];
for (let m = -12 * 60; m <= 14 * 60; m += 30) OFFSETS.push(m);

function offsetLabel(m: number): string {
  const sign = m < 0 ? '−' : '+';
  const a = Math.abs(m);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function notices(f: FileStats): { level: 'error' | 'warn' | 'info'; text: string }[] {
  const out: { level: 'error' | 'warn' | 'info'; text: string }[] = [];
  if (f.error) out.push({ level: 'error', text: f.error });
  if (f.malformed > 0) out.push({ level: 'warn', text: `${formatInt(f.malformed)} line(s) did not parse as ${f.formatLabel || f.format}; shown as plain text` });
  if (f.timeInferred > 0) out.push({ level: 'info', text: `${formatInt(f.timeInferred)} line(s) had no timestamp: their time is inferred from the line before (the file's first time for lines before it)` });
  if (f.untimed > f.timeInferred) out.push({ level: 'info', text: `${formatInt(f.untimed - f.timeInferred)} line(s) have no time at all (nothing in the file is timed)` });
  if (f.outOfOrder > 0) out.push({ level: 'info', text: `${formatInt(f.outOfOrder)} line(s) were out of time order` });
  if (f.recovered > 0) out.push({ level: 'info', text: `${formatInt(f.recovered)} line(s) were cut by hand ("...", a missing brace); read up to the cut` });
  if (f.yearAssumed) out.push({ level: 'info', text: 'timestamps had no year; the file’s date was used' });
  for (const n of f.notices) {
    if (f.zoneAssumed && /time zone/.test(n)) continue; // shown with its control below
    if (n === DATE_UNKNOWN_NOTICE || n.startsWith(DATE_PLACED_NOTICE)) continue; // likewise
    out.push({ level: 'warn', text: n });
  }
  return out;
}

/**
 * The zone of a file's zone-less times: UTC unless the user picks one, or
 * the offset the file's own zoned times show (learned by the engine; picking
 * UTC then sets it explicitly, so the learned one does not come back).
 */
function ZoneControl({ f, index, offset, disabled }: { f: FileStats; index: number; offset: number | undefined; disabled: boolean }) {
  const learned = f.zoneLearnedMin;
  const shown = offset ?? learned ?? 0;
  const choices = learned !== undefined && !OFFSETS.includes(learned) ? [...OFFSETS, learned].sort((a, b) => a - b) : OFFSETS;
  return (
    <label className="zone-control">
      <span className={`notice notice--${learned !== undefined && offset === undefined ? 'info' : 'warn'}`}>
        {learned !== undefined && offset === undefined ? `Timestamps carry no zone; read at ${offsetLabel(learned)}, the offset the file's zoned times show. Written in:` : 'Timestamps carry no zone. Written in:'}
      </span>
      <select
        value={shown === 0 ? 'utc' : String(shown)}
        disabled={disabled}
        onChange={(e) => void setZoneOffset(index, e.target.value === 'utc' ? (learned !== undefined ? 0 : null) : Number(e.target.value))}
      >
        <option value="utc">{learned !== undefined ? 'UTC' : 'UTC (assumed)'}</option>
        {choices.filter((m) => m !== 0).map((m) => (
          <option key={m} value={m}>{offsetLabel(m)}{m === learned ? ' (from the file)' : ''}</option>
        ))}
      </select>
    </label>
  );
}

function AddFilesButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => input.current?.click()}>Add files…</button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Add log files to this session"
        data-testid="add-file-input"
        onChange={(e) => {
          const list = e.currentTarget.files;
          if (!list || list.length === 0) return;
          const files = fromFiles(Array.from(list));
          e.currentTarget.value = '';
          setSampleParam(null);
          void addFiles(files);
        }}
      />
    </>
  );
}

interface Clocks {
  files: readonly FileStats[];
  summary: FlowSummary | null;
  editable: boolean;
}

function FileRow({ f, index, removable, clocks }: { f: FileStats; index: number; removable: boolean; clocks: Clocks | null }) {
  const zoneOffsets = useStore((s) => s.zoneOffsets);
  const status = useStore((s) => s.status);
  const offset = zoneOffsets[index];
  const list = notices(f);
  return (
    <li className={`file${f.error ? ' file--error' : ''}`} data-file={f.name}>
      <div className="file-head">
        <span className="file-name ellipsis" title={f.name}>{f.name}</span>
        <span className="file-meta muted">
          {f.error ? 'not loaded' : `${f.formatLabel || f.format}${f.gzip ? ' · gzip' : ''} · ${formatInt(f.events)} events · ${formatBytes(f.bytes)}`}
        </span>
        {removable && (
          <button
            type="button"
            className="btn btn-icon btn-small file-remove"
            aria-label={`Remove ${f.name} from the session`}
            title="Remove this file (the others are analysed again)"
            disabled={status === 'loading'}
            onClick={() => {
              setSampleParam(null);
              void removeFile(index);
            }}
          >
            ×
          </button>
        )}
      </div>
      {list.length > 0 && (
        <ul className="notices">
          {list.map((n, i) => (
            <li key={i} className={`notice notice--${n.level}`}>{n.text}</li>
          ))}
        </ul>
      )}
      {needsDateControl(f) && <FileDateControl f={f} index={index} />}
      {(f.zoneAssumed || offset !== undefined) && <ZoneControl f={f} index={index} offset={offset} disabled={status === 'loading'} />}
      {clocks && !f.error && (
        // Keyed by what the draft offset starts from, so a new estimate or correction resets the input.
        <ClockControl key={`${f.clockOffsetMs ?? 0}:${Math.round(clocks.summary?.clocks.estimates.find((e) => e.file === index)?.offsetMs ?? NaN)}`} f={f} index={index} files={clocks.files} summary={clocks.summary} editable={clocks.editable} />
      )}
    </li>
  );
}

/** Where a pulled window came from, always in view (the file list may be folded): the query, as text. */
function ProvenanceLine() {
  useStore((s) => s.dataVersion);
  const p = getDataset().provenance;
  if (!p) return null;
  return <p className="provenance muted" data-testid="provenance">{provenanceText(p)}</p>;
}

export function FilesPanel() {
  const files = useStore((s) => s.files);
  const open = useStore((s) => s.filesOpen);
  const setOpen = useStore((s) => s.setFilesOpen);
  const readable = files.filter((f) => !f.error).length;
  const summary = useFlowSummary(readable >= 2);
  if (files.length === 0) return null;
  const problems = files.reduce((a, f) => a + notices(f).length + (f.zoneAssumed ? 1 : 0) + (f.dateUnknown ? 1 : 0), 0);
  const expanded = open || files.some((f) => f.error);
  const editable = canReingest();
  return (
    <section aria-label="Files" className="panel files-panel">
      <div className="panel-head">
        <h2>Files <span className="count">{files.length}</span></h2>
        {problems > 0 && <span className="chip chip-warn">{problems} notice{problems === 1 ? '' : 's'}</span>}
        <div className="spacer" />
        {editable && <AddFilesButton />}
        {!files.some((f) => f.error) && (
          <button type="button" className="btn btn-small" aria-expanded={expanded} onClick={() => setOpen(!open)}>
            {expanded ? 'Hide' : 'Show'}
          </button>
        )}
      </div>
      <ProvenanceLine />
      {expanded && (
        <ul className="files">
          {files.map((f, i) => (
            <FileRow key={`${i}:${f.name}`} f={f} index={i} removable={editable && files.length > 1} clocks={readable >= 2 ? { files, summary, editable } : null} />
          ))}
        </ul>
      )}
      {expanded && readable >= 1 && <FlowKeysEditor summary={summary} />}
    </section>
  );
}
