// `?url=<address>`: load a remote log into the page. The address comes from a
// link, so it is untrusted: only http(s) is fetched (never javascript:, data:,
// file: or blob:), no cookies or credentials are sent, and what comes back is
// checked before it is handed to the engine. Every failure gets a message
// that says what to do: CORS refusals (fetch only says "TypeError"; a second
// no-cors request tells a refusal from an unreachable host), HTTP errors,
// web pages or archives instead of logs, and sizes past the limit.

export type UrlLoadErrorCode = 'bad-url' | 'cors' | 'network' | 'mixed-content' | 'http' | 'not-log' | 'too-big' | 'empty' | 'aborted' | 'bad-redirect';

export class UrlLoadError extends Error {
  constructor(readonly code: UrlLoadErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'UrlLoadError';
  }
}

export interface UrlLoadProgress {
  bytes: number;
  /** From Content-Length when it describes the body as delivered; else null. */
  total: number | null;
}

export interface UrlLoadOptions {
  signal?: AbortSignal;
  onProgress?: (p: UrlLoadProgress) => void;
  /** Refuse bodies larger than this (default 1 GiB: the page holds the file in memory). */
  maxBytes?: number;
  /** For tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** The page's own address, to resolve relative addresses and spot mixed content. */
  base?: string;
}

export interface LoadedUrl {
  name: string;
  blob: Blob;
  url: string;
  contentType: string;
}

export const DEFAULT_MAX_URL_BYTES = 1024 * 1024 * 1024;
const SNIFF_BYTES = 1024;

/** Parse and vet an address from ?url=; throws UrlLoadError('bad-url'). */
export function parseLogUrl(input: string, base?: string): URL {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new UrlLoadError('bad-url', `"${text.slice(0, 200)}" is not a web address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UrlLoadError('bad-url', `Only http:// and https:// addresses can be loaded, not ${url.protocol.slice(0, 20)} addresses.`);
  }
  if (url.username || url.password) {
    throw new UrlLoadError('bad-url', 'Addresses with a user name or password in them are not loaded; download the file and drop it here instead.');
  }
  return url;
}

/** A file name for the loaded log: Content-Disposition, else the last path segment, else the host. */
export function nameFor(url: URL, disposition: string | null): string {
  let name = '';
  const m = disposition ? /filename\*?=(?:UTF-8''|")?([^";]+)/i.exec(disposition) : null;
  if (m) name = m[1];
  if (!name) name = url.pathname.split('/').filter(Boolean).pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as it was
  }
  name = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, 200);
  return name || url.hostname || 'remote.log';
}

/** Why the first bytes are not a log, or null when they may be one. */
export function sniffNotLog(head: Uint8Array): string | null {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(i, i + 64)).toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head') || /^<(?:body|script|meta|title)\b/.test(text)) {
    return 'This address returned a web page (HTML), not a log file. Link to the raw file instead (for example GitHub\'s "Raw" button).';
  }
  if (text.startsWith('<svg') || text.startsWith('<?xml')) return 'This address returned an XML/SVG document, not a log file.';
  const b = head;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'This address returned a ZIP archive: unzip it and drop the log files here.';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'This address returned a PDF document, not a log file.';
  if ((b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) || (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46)) {
    return 'This address returned an image, not a log file.';
  }
  return null;
}

function httpMessage(status: number, statusText: string, host: string): string {
  if (status === 404 || status === 410) return `Not found (${status}) at ${host}: check the address.`;
  if (status === 401 || status === 403) {
    return `${host} refused access (${status}). Timberline sends no cookies or passwords; download a file that needs a login and drop it here.`;
  }
  if (status === 429) return `${host} is rate-limiting requests (429); try again in a minute.`;
  return `${host} answered ${status}${statusText ? ` ${statusText}` : ''} instead of the file.`;
}

/** After fetch threw: a CORS refusal if a no-cors request gets through, else an unreachable host. */
async function explainFetchFailure(f: typeof fetch, url: URL, signal?: AbortSignal): Promise<UrlLoadError> {
  try {
    await f(url.href, { mode: 'no-cors', credentials: 'omit', referrerPolicy: 'no-referrer', signal });
  } catch {
    if (signal?.aborted) return new UrlLoadError('aborted', 'Loading was cancelled.');
    const redirect = await redirectTarget(f, url, signal);
    if (redirect !== null) {
      return new UrlLoadError(
        'bad-redirect',
        `${url.host} redirects to ${redirect ? `a ${redirect} address` : 'an address that cannot be loaded'}: only redirects to http:// and https:// are followed. Open the final address yourself, or download the file and drop it here.`,
      );
    }
    return new UrlLoadError('network', `Could not reach ${url.host}: check the address, your connection or VPN.`);
  }
  return new UrlLoadError(
    'cors',
    `${url.host} answered, but does not let other web pages read this file (CORS). Ask its owner to send "Access-Control-Allow-Origin", or download the file and drop it here.`,
  );
}

/**
 * Whether the address answers with a redirect (not followed): its target's
 * scheme when it can be read ("file:"), '' when the browser hides it (an
 * opaque redirect), null when there is no redirect or no answer.
 */
async function redirectTarget(f: typeof fetch, url: URL, signal?: AbortSignal): Promise<string | null> {
  try {
    const r = await f(url.href, { mode: 'no-cors', credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'manual', signal });
    if (r.type === 'opaqueredirect') return '';
    if (r.status < 300 || r.status >= 400) return null;
    const location = r.headers.get('location');
    if (!location) return '';
    try {
      return new URL(location, url).protocol.slice(0, 20);
    } catch {
      return '';
    }
  } catch {
    return null;
  }
}

export async function loadLogFromUrl(address: string, options: UrlLoadOptions = {}): Promise<LoadedUrl> {
  const f = options.fetch ?? fetch;
  const url = parseLogUrl(address, options.base);
  const max = options.maxBytes ?? DEFAULT_MAX_URL_BYTES;
  if (options.base?.startsWith('https:') && url.protocol === 'http:') {
    throw new UrlLoadError('mixed-content', 'This page is served over https, so the browser will not load http:// addresses. Use an https:// address or download the file.');
  }
  let res: Response;
  try {
    res = await f(url.href, { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow', signal: options.signal });
  } catch (e) {
    if (options.signal?.aborted || (e instanceof Error && e.name === 'AbortError')) throw new UrlLoadError('aborted', 'Loading was cancelled.');
    throw await explainFetchFailure(f, url, options.signal);
  }
  if (!res.ok) throw new UrlLoadError('http', httpMessage(res.status, res.statusText, url.host), res.status);
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new UrlLoadError('too-big', `The file is ${(declared / 1048576).toFixed(0)} MB; loading from an address stops at ${(max / 1048576).toFixed(0)} MB. Download it and drop it here.`);
  }
  const encoded = res.headers.get('content-encoding');
  const total = Number.isFinite(declared) && declared > 0 && (!encoded || encoded === 'identity') ? declared : null;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let sniffed = false;
  const reader = res.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      if (bytes > max) throw new UrlLoadError('too-big', `The file is larger than ${(max / 1048576).toFixed(0)} MB, the limit for loading from an address. Download it and drop it here.`);
      if (!sniffed && bytes >= SNIFF_BYTES) {
        sniffed = true;
        const why = sniffNotLog(concatHead(chunks, SNIFF_BYTES));
        if (why) throw new UrlLoadError('not-log', why);
      }
      options.onProgress?.({ bytes, total });
    }
  } catch (e) {
    await reader?.cancel().catch(() => undefined);
    if (e instanceof UrlLoadError) throw e;
    if (options.signal?.aborted) throw new UrlLoadError('aborted', 'Loading was cancelled.');
    throw new UrlLoadError('network', `The download from ${url.host} broke off: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bytes === 0) throw new UrlLoadError('empty', `${url.host} sent an empty file.`);
  if (!sniffed) {
    const why = sniffNotLog(concatHead(chunks, SNIFF_BYTES));
    if (why) throw new UrlLoadError('not-log', why);
  }
  const contentType = res.headers.get('content-type') ?? '';
  return { name: nameFor(url, res.headers.get('content-disposition')), blob: new Blob(chunks as Uint8Array<ArrayBuffer>[]), url: url.href, contentType };
}

function concatHead(chunks: readonly Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(Math.min(n, chunks.reduce((a, c) => a + c.length, 0)));
  let o = 0;
  for (const c of chunks) {
    if (o >= out.length) break;
    const part = c.subarray(0, out.length - o);
    out.set(part, o);
    o += part.length;
  }
  return out;
}
