// Where a share payload sits in a URL: the fragment, as `#s=<payload>`
// (other `&key=value` pairs in the fragment are ignored). The fragment is never
// sent to a server, so the incident goes only where the link is pasted. A
// share URL keeps the page's path but drops its query (?sample=, ?url=, view
// parameters), which would otherwise load something else over the incident.

export const SHARE_KEY = 's';

/** Payload text from a full URL, a `#...` hash or a bare payload; null when the input carries none. */
export function shareFragment(input: string): string | null {
  const text = input.trim();
  const hash = text.indexOf('#');
  if (hash < 0) return /^[A-Za-z0-9_-]+$/.test(text.replace(/\s+/g, '')) && text.length > 0 ? text : null;
  for (const part of text.slice(hash + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === SHARE_KEY) return part.slice(eq + 1);
  }
  return null;
}

/** True when the page was opened with a share link. */
export function hasShareFragment(hash: string): boolean {
  return shareFragment(hash.startsWith('#') ? hash : `#${hash}`) !== null;
}

/** The link to copy: this page's address (no query), with the payload in the fragment. */
export function shareUrl(page: { origin: string; pathname: string }, encoded: string): string {
  return `${page.origin}${page.pathname}#${SHARE_KEY}=${encoded}`;
}
