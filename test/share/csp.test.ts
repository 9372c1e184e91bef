// The Content-Security-Policy forbids inline and remote script, and the
// helpers that guard it (dev-server strip, inline-script finder) do their job.
import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META, CSP_POLICY, cspOf, devCspStrip, inlineScripts } from '../../src/share/csp.ts';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('Content-Security-Policy', () => {
  it('allows only bundled script, no inline script, no eval, no plugins', () => {
    const d = directives(CSP_POLICY);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(CSP_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    // ?url= may fetch any http(s) host the user names; nothing else is widened.
    expect(d.get('connect-src')).toEqual(["'self'", 'https:', 'http:']);
    expect(CSP_HEADER).toBe(`${CSP_POLICY}; frame-ancestors 'none'`);
  });

  it('finds the policy in a page and any inline script', () => {
    const html = `<html><head>${CSP_META}<script type="module" src="./assets/a.js"></script></head><body><script>alert(1)</script></body></html>`;
    expect(cspOf(html)).toBe(CSP_POLICY);
    expect(inlineScripts(html)).toEqual(['<script>alert(1)</script>']);
    expect(inlineScripts(html.replace('<script>alert(1)</script>', ''))).toEqual([]);
  });

  it('is removed on the dev server only (hot reload injects inline script)', () => {
    const plugin = devCspStrip();
    expect(plugin.apply).toBe('serve');
    const hook = plugin.transformIndexHtml as (html: string) => string;
    const out = hook(`<head>${CSP_META}</head>`);
    expect(cspOf(out)).toBeNull();
  });
});
