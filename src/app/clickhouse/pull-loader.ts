// Connecting to ClickHouse from the app: the form becomes a pull request,
// the engine worker runs the three pushdown steps (clickhouse-api.ts), the
// density counts are drawn as soon as they arrive, then the analysed events
// land like a dropped file's. A zoom fetches the raw lines of the view.
// Progress and Cancel are the header's, as for files; a server error is
// shown as the server wrote it, and whatever was loaded before stays.

import { engineClient, type PullOutcome, type PullProgress, type PullRequest } from '../../bridge/engine-client.ts';
import { ident, decodeMapping } from '../../engine/sources/clickhouse/schema.ts';
import { useStore } from '../../store/store.ts';
import { activeVocabulary } from '../../store/vocabulary-slice.ts';
import { forgetLoadedFiles, installSummary, isLatestLoad, loadSignal, supersedeLoads } from '../load/loader.ts';
import { setSampleParam } from '../url-state.ts';
import { useConnect, type ConnectForm, type PullPhase } from './connect-store.ts';
import { withConnectParams } from './connect-url.ts';

/** Raw lines are fetched for views this long at most (a zoom, not the whole window). */
export const RAW_MAX_SPAN_MS = 15 * 60_000;

const STEP_LABEL: Record<PullProgress['step'], string> = {
  density: 'ClickHouse: counting rows per service',
  classes: 'ClickHouse: classifying on the server',
  events: 'ClickHouse: fetching the classified events',
  raw: 'ClickHouse: fetching raw lines',
};

/** The form as a request, or what is wrong with it (checked before anything is sent). */
export function requestFromForm(form: ConnectForm): PullRequest | string {
  let url: URL;
  try {
    url = new URL(form.url.trim());
  } catch {
    return 'The server URL is not a URL (for example http://127.0.0.1:8123/).';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The server URL must start with http:// or https://.';
  if (url.username || url.password) return 'Put the user and password in their own fields, not in the URL.';
  const fromMs = Date.parse(form.from.trim()), toMs = Date.parse(form.to.trim());
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) return 'From and To must be times such as 2024-05-14T02:00:00Z.';
  if (toMs <= fromMs) return 'To must be later than From.';
  try {
    if (form.database.trim()) ident(form.database.trim());
    ident(form.table.trim());
    const mapping = decodeMapping(form.mapping.trim());
    const services = form.services.split(',').map((s) => s.trim()).filter(Boolean);
    return {
      conn: { url: url.toString(), user: form.user.trim() || undefined, password: form.password || undefined },
      window: {
        database: form.database.trim() || undefined, table: form.table.trim(), mapping, fromMs, toMs,
        sources: services.length > 0 ? services : undefined,
      },
    };
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function progressReporter(my: number, t0: number): (p: PullProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (!isLatestLoad(my) || now - last < 80) return;
    last = now;
    useStore.getState().setProgress({ bytes: p.bytes, totalBytes: 0, lines: p.rows, events: p.rows, elapsedMs: now - t0, fileName: STEP_LABEL[p.step] });
  };
}

function failed(out: Extract<PullOutcome, { ok: false }>): void {
  useConnect.getState().setError(out.cancelled ? null : out.message);
  useStore.getState().setLoadError(out.cancelled ? 'Pull cancelled.' : `ClickHouse: ${out.message}`);
}

async function begin(phase: PullPhase, label: string): Promise<{ my: number; t0: number; signal: AbortSignal }> {
  const my = supersedeLoads();
  const signal = loadSignal();
  const st = useStore.getState();
  useConnect.getState().setPhase(phase);
  useConnect.getState().setError(null);
  st.setLoading({ bytes: 0, totalBytes: 0, lines: 0, events: 0, elapsedMs: 0, fileName: label });
  return { my, t0: performance.now(), signal };
}

function titleOf(table: string, fromMs: number, toMs: number): string {
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  return `ClickHouse ${table}, ${iso(fromMs)} to ${iso(toMs)}`;
}

/** Connect with the dialog's form: density, then findings. Resolves when the pull ended (loaded, failed or cancelled). */
export async function connectClickHouse(): Promise<void> {
  const c = useConnect.getState();
  const req = requestFromForm(c.form);
  if (typeof req === 'string') {
    c.setError(req);
    return;
  }
  // The schema (never the server or credentials) goes in the URL.
  history.replaceState(history.state, '', withConnectParams(location.search, c.form) + location.hash);
  setSampleParam(null);
  const vocabulary = activeVocabulary(useStore.getState());
  const { my, t0, signal } = await begin('density', STEP_LABEL.density);
  c.setDensity(null);
  c.setPulled(null);
  const client = await engineClient();
  const out = await client.pullClickHouse({ ...req, vocabulary }, (d) => {
    if (!isLatestLoad(my)) return;
    const s = useConnect.getState();
    s.setDensity(d);
    s.setPhase('events');
    // The lanes are on the page now; the header carries the progress and Cancel from here.
    s.setOpen(false);
  }, progressReporter(my, t0), signal);
  if (!isLatestLoad(my)) return;
  useConnect.getState().setPhase('idle');
  if (!out.ok) return failed(out);
  forgetLoadedFiles();
  const { fromMs, toMs, table } = req.window;
  installSummary(out.summary, titleOf(table, fromMs, toMs), { vocabulary, sameData: false });
  useConnect.getState().setPulled({ fromMs, toMs, table, windowRows: out.windowRows, rowsFetched: out.rowsFetched, truncated: out.truncated, raw: null });
  useConnect.getState().setOpen(false);
}

/** Fetch every raw line of the visible window (a zoom of at most RAW_MAX_SPAN_MS) and load it among the events. */
export async function fetchRawLines(): Promise<void> {
  const pulled = useConnect.getState().pulled;
  if (!pulled) return;
  const [from, to] = useStore.getState().window;
  const lo = Math.max(from, pulled.fromMs), hi = Math.min(to, pulled.toMs);
  if (!(hi > lo) || hi - lo > RAW_MAX_SPAN_MS) return;
  const vocabulary = activeVocabulary(useStore.getState());
  const { my, t0, signal } = await begin('raw', STEP_LABEL.raw);
  const client = await engineClient();
  const out = await client.pullClickHouseRange(lo, hi, progressReporter(my, t0), signal);
  if (!isLatestLoad(my)) return;
  useConnect.getState().setPhase('idle');
  if (!out.ok) return failed(out);
  installSummary(out.summary, titleOf(pulled.table, pulled.fromMs, pulled.toMs), { vocabulary, sameData: true, window: [from, to] });
  useConnect.getState().setPulled({ ...pulled, rowsFetched: pulled.rowsFetched + out.rowsFetched, truncated: out.truncated, raw: [lo, hi] });
}
