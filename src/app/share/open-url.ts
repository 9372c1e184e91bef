// `?url=<address>` at start-up: fetch the log (see src/share/url-loader.ts
// for what is refused and why), show download progress in the header, then
// load it like a dropped file. Failures appear in the header as the message
// the loader wrote for the user.

import { useStore } from '../../store/store.ts';
import { loadLogFromUrl, UrlLoadError } from '../../share/url-loader.ts';
import { loadFiles } from '../load/loader.ts';
import { endDownload, startDownload } from '../load/downloads.ts';

/** The ?url= parameter, or null. */
export function urlParam(search: string = location.search): string | null {
  const v = new URLSearchParams(search).get('url');
  return v && v.length <= 8192 ? v : null;
}

export async function loadFromUrl(address: string): Promise<void> {
  const st = useStore.getState();
  const started = performance.now();
  const download = startDownload();
  st.setLoading({ bytes: 0, totalBytes: 0, lines: 0, events: 0, elapsedMs: 0, fileName: address.slice(0, 200) });
  try {
    const got = await loadLogFromUrl(address, {
      base: location.href,
      signal: download.signal,
      onProgress: (p) => {
        if (download.current()) useStore.getState().setProgress({ bytes: p.bytes, totalBytes: p.total ?? 0, lines: 0, events: 0, elapsedMs: performance.now() - started, fileName: address.slice(0, 200) });
      },
    });
    // Cancelled or superseded while the last bytes arrived: it never replaces the session.
    if (!download.current()) return;
    endDownload(download.signal);
    await loadFiles([{ name: got.name, blob: got.blob, lastModified: Date.now() }], got.name);
  } catch (e) {
    // Superseded by a newer load: that load owns the header now.
    if (download.reason() === 'superseded') return;
    const message = e instanceof UrlLoadError ? e.message : `Could not load ${address.slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`;
    useStore.getState().setLoadError(message);
  }
}

/** Load ?url= if the page has one; returns whether it did. */
export function loadUrlParam(): boolean {
  const u = urlParam();
  if (u === null) return false;
  void loadFromUrl(u);
  return true;
}
