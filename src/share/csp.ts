// The Content-Security-Policy: no inline script, no remote script, no eval.
// Untrusted log text is only ever rendered as text, and this policy is the
// second wall behind that rule: even if markup slipped into the DOM, the
// browser would refuse to run it.
//   script-src 'self'      the built bundle only (Vite's production build emits
//                          no inline script; a test checks dist/index.html)
//   worker-src 'self'      the engine worker is a bundled file
//   connect-src 'self' https: http:
//                          ?url= loads a log from an address the user chose, so
//                          any host may be fetched (never with cookies); on an
//                          https page browsers still block http: as mixed content
//   img-src 'self' data: blob:   PNG export and canvas snapshots
//   style-src 'self'       the bundled stylesheet; React sets `style` props
//                          through CSSOM, which CSP does not restrict
//   default-src 'none', object-src, base-uri, form-action 'none'  nothing else
// A <meta> policy cannot carry frame-ancestors; hosts that send headers should
// send CSP_HEADER (which adds it). The dev server needs an inline React-refresh
// preamble and a websocket, so the meta tag is stripped there (devCspStrip).

import type { Plugin } from 'vite';

const DIRECTIVES: [string, string][] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['connect-src', "'self' https: http:"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self'"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** The policy as index.html's <meta> carries it. */
export const CSP_POLICY = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/** The policy for hosts that send it as a header (adds what a meta tag cannot carry). */
export const CSP_HEADER = `${CSP_POLICY}; frame-ancestors 'none'`;

export const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${CSP_POLICY}" />`;

const META_RE = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i;

/** Vite plugin: remove the CSP meta tag on the dev server only (hot reload needs inline script). */
export function devCspStrip(): Plugin {
  return {
    name: 'timberline:dev-csp-strip',
    apply: 'serve',
    transformIndexHtml(html: string) {
      return html.replace(META_RE, '<!-- CSP meta removed by the dev server; the production build keeps it -->');
    },
  };
}

/** The CSP meta tag's content in an HTML document, or null. */
export function cspOf(html: string): string | null {
  const m = META_RE.exec(html);
  if (!m) return null;
  const c = /content="([^"]*)"/i.exec(m[0]);
  return c ? c[1] : null;
}

/** Inline <script> elements (no src) in an HTML document: must be none for script-src 'self'. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) if (!/\bsrc\s*=/.test(m[1])) out.push(m[0].slice(0, 200));
  return out;
}
