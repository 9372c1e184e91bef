// Opening a share link: the page was loaded with `#s=...` (or the fragment
// changed to one). The engine decodes and adopts the incident (no files), the
// result is installed as the dataset the way a load installs it, and the
// shared view (window, brush, lanes, filters, selected finding, time zone,
// list columns) is applied, and the sender's custom vocabulary entries become active (for
// this page; the Vocabulary dialog offers to keep them). A link made from a
// pulled window names its query, which the Files panel shows. A bad link leaves what was on screen and says why.

import { engineClient, type OpenedShare } from '../../bridge/engine-client.ts';
import { messageCache } from '../../bridge/message-cache.ts';
import { setDataset } from '../../store/dataset.ts';
import { setSearchMask } from '../../store/derived.ts';
import { useStore } from '../../store/store.ts';
import { hasShareFragment } from '../../share/link.ts';
import { takePendingView } from '../url-state.ts';
import { forgetLoadedFiles } from '../load/loader.ts';
import { abortDownload } from '../load/downloads.ts';
import { specsOf } from '../../store/rule-files.ts';

let seq = 0;
/** Dataset version installed from the link in the address bar, so other loads can drop the fragment. */
let sharedVersion = -1;

function notices(o: OpenedShare): string[] {
  const out: string[] = [];
  if (o.redaction.replaced > 0) out.push(`the sender redacted ${o.redaction.replaced} values (${o.redaction.categories.join(', ')})`);
  for (const r of o.reductions) out.push(`the sender left some lines out: ${r}`);
  return out;
}

function install(o: OpenedShare): void {
  const { summary, view } = o;
  // The sender's pattern filter, by pattern text, onto the templates made here from the shared events.
  const patterns = new Set(view.filters.patterns ?? []);
  const templates = patterns.size === 0 ? [] : summary.templates.filter((t) => patterns.has(t.pattern)).map((t) => t.id);
  const lost = patterns.size > 0 && templates.length === 0 ? [`the sender filtered by ${patterns.size} message pattern(s) not found among these events; that filter is off`] : [];
  const files = summary.files.map((f, i) => (i === 0 ? { ...f, notices: [...f.notices, ...notices(o), ...lost] } : f));
  const ds = setDataset({ table: summary.table, files, templates: summary.templates, marks: summary.analysis.marks, findings: summary.analysis.findings, provenance: o.provenance });
  messageCache.reset();
  setSearchMask('', null);
  const s = useStore.getState();
  s.clearSelection();
  s.setDataExtent(ds.extent, [view.window.start, view.window.end]);
  const made = o.created.slice(0, 16).replace('T', ' ');
  sharedVersion = ds.version;
  forgetLoadedFiles();
  // The link's kinds were classified by the sender with these entries.
  s.setLinkVocabulary(o.vocabulary);
  s.setVocabularyApplied(o.vocabulary);
  // And its findings were made with the sender's rule files: shown, marked, in the Rules dialog.
  s.setLinkRules(o.rules);
  s.setRulesApplied(specsOf(o.rules));
  s.setLoaded(ds.version, files, `Shared incident (made ${made} UTC)`, {});
  s.setLaneMode(view.lanes);
  s.setTimeZone(view.timeZone);
  s.setColumns(view.columns ?? []);
  s.setFilters({ text: view.filters.text, levels: view.filters.levels, kinds: view.filters.kinds, sources: view.filters.sources, templates });
  if (view.selectedFinding !== null) s.selectFinding(view.selectedFinding); // also scrolls the list to its evidence
  s.setRange(view.brush ? [view.brush.start, view.brush.end] : null);
  s.setWindow(view.window.start, view.window.end);
  // Reloading a share link whose view the user has since moved (?from=&to=... in the query) lands where they were.
  const pending = takePendingView();
  if (pending) {
    pending.apply();
    if (pending.window) s.setWindow(pending.window[0], pending.window[1]);
  }
}

/** Open the share link in `hash` if it holds one; returns whether it did (successfully or with an error shown). */
export async function openShareFromHash(hash: string = location.hash): Promise<boolean> {
  if (!hasShareFragment(hash)) return false;
  const my = ++seq;
  abortDownload('superseded');
  const st = useStore.getState();
  st.setLoading({ bytes: 0, totalBytes: 0, lines: 0, events: 0, elapsedMs: 0, fileName: 'shared incident' });
  try {
    const r = await (await engineClient()).openShare(hash);
    if (my !== seq) return true;
    if (!r.ok) useStore.getState().setLoadError(r.message);
    else install(r.opened);
  } catch (e) {
    if (my === seq) useStore.getState().setLoadError(`Could not open the share link: ${e instanceof Error ? e.message : String(e)}`);
  }
  return true;
}

/**
 * Pasting a share link into the address bar of an open tab changes only the
 * fragment: open it then too. And when other logs are loaded over a shared
 * incident, drop `#s=` from the address, or a reload would bring the link back.
 */
export function startShareHashListener(): () => void {
  const onHash = () => void openShareFromHash(location.hash);
  window.addEventListener('hashchange', onHash);
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.dataVersion !== prev.dataVersion && s.dataVersion !== sharedVersion && hasShareFragment(location.hash)) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    }
  });
  return () => {
    window.removeEventListener('hashchange', onHash);
    unsubscribe();
  };
}
