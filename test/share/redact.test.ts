// Redaction before sharing: secrets and personal data in realistic log lines
// become consistent placeholders; timestamps, versions, UUIDs, paths and
// identifiers stay readable; categories switch off; custom patterns work
// and dangerous ones are refused.
import { describe, expect, it } from 'vitest';
import { Redactor, checkCustomPatterns } from '../../src/share/redact.ts';
import { isIpv6 } from '../../src/share/redact-rules.ts';
import { redactPayload } from '../../src/share/redact-payload.ts';
import { incidentPayload } from './helpers.ts';

const redact = (line: string) => new Redactor().text(line);

describe('what is replaced', () => {
  it.each([
    ['dial tcp 10.0.0.12:443: i/o timeout', 'dial tcp <ip-1>:443: i/o timeout'],
    ['client 2001:db8::8a2e:370:7334 reset', 'client <ipv6-1> reset'],
    ['[2001:db8:0:0:1:0:0:1]:8443 up', '[<ipv6-1>]:8443 up'],
    ['::ffff:192.0.2.128 connected', '<ipv6-1> connected'],
    ['login ok for Alice.Smith+ops@example.co.uk', 'login ok for <email-1>'],
    ['Authorization: Bearer abc123def456ghi', 'Authorization: Bearer <token-1>'],
    ['authorization: Basic dXNlcjpwYXNzd29yZA==', 'authorization: Basic <token-1>'],
    ['"Authorization":["token ghp_16C7e42F292c6912E7710c838347Ae178B4a"]', '"Authorization":["token <token-1>"]'],
    [
      'jwt=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt=<jwt-1>',
    ],
    ['Cookie: session=9f8e7d6c5b4a; theme=dark', 'Cookie: session=<cookie-1>; theme=<cookie-2>'],
    ['Set-Cookie: sid=31d4d96e407aad42; Path=/; Secure; HttpOnly', 'Set-Cookie: sid=<cookie-1>; Path=/; Secure; HttpOnly'],
    ['{"headers":{"Cookie":["a=1; b=2"]}}', '{"headers":{"Cookie":["a=<cookie-1>; b=<cookie-2>"]}}'],
    ['dsn postgres://app:hunter2@db.internal:5432/orders', 'dsn postgres://app:<password-1>@db.internal:5432/orders'],
    ['key AKIAIOSFODNN7EXAMPLE', 'key <aws-key-1>'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = <aws-secret-1>'],
    ['{"password":"s3cr3t!","db_password": "x9", "api_key":"abcd1234"}', '{"password":"<secret-1>","db_password": "<secret-2>", "api_key":"<secret-3>"}'],
    ['GET /cb?client_secret=zzTop99&state=1', 'GET /cb?client_secret=<secret-1>&state=1'],
    ['slack xoxb-123456789012-abcdefghij posted', 'slack <key-1> posted'],
    ['digest sha256:6d0e8a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab', 'digest sha256:<hex-1>'],
    ['trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7', 'trace_id=<hex-1> span=00f067aa0ba902b7'],
    ['signing with dGhpcyBpcyBhIHZlcnkgc2VjcmV0IGtleSBkb250IHNoYXJlIGl0IQ9Zx', 'signing with <secret-1>'],
  ])('%s', (line, expected) => {
    expect(redact(line)).toBe(expected);
  });
});

describe('what stays', () => {
  it.each([
    '2024-05-01T10:00:00.123456Z INFO started at 12:30:45.123 after 1.5s',
    'request 550e8400-e29b-41d4-a716-446655440000 done', // UUIDs are ids, not secrets
    'version 1.2.3.4 deployed, build v10.2.0.1', // dotted versions are not addresses
    'OID 1.3.6.1.4.1.311.21.8 matched',
    'listening on 0.0.0.0:8080, 127.0.0.1:9090 and [::1]:80, mask 255.255.255.0',
    'iface eth0 mac aa:bb:cc:dd:ee:ff up',
    'std::vector<int> at tokio::runtime::Builder',
    '/usr/local/lib/python3.11/site-packages/requests/adapters/HTTPAdapter.py',
    'at org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1040)',
    'github.com/grpc-ecosystem/grpc-gateway/v2/runtime/MarshalerForRequest2',
    'AbstractAutowireCapableBeanFactory2InitializeBeanWithPostProcessors failed',
    'pod payment-service-deployment-7d4b9c8f6d-x2k4p restarted',
    'Basic authentication failed; Token validation failed; passwords=3; max_tokens=5',
    'password: ******** and token=null and secret=[REDACTED]',
    'loaded image@2x.png; pushing to git@github.com:org/repo.git',
    'goroutine 12 [running]: main.(*cache).put(0xc000010000, {0x4b1a4e, 0x3})',
  ])('%s', (line) => {
    expect(redact(line)).toBe(line);
  });

  it('does not mistake times or MAC addresses for IPv6', () => {
    expect(isIpv6('12:30:45')).toBe(false);
    expect(isIpv6('aa:bb:cc:dd:ee:ff')).toBe(false);
    expect(isIpv6('1:2:3:4:5:6:7:8:9')).toBe(false);
    expect(isIpv6('fe80::1:2::3')).toBe(false);
    expect(isIpv6('fe80::1ff:fe23:4567:890a')).toBe(true);
  });
});

describe('consistency, switches and custom patterns', () => {
  it('gives the same value the same placeholder across lines, and different values different ones', () => {
    const r = new Redactor();
    expect(r.text('from 10.0.0.12 to 10.0.0.13')).toBe('from <ip-1> to <ip-2>');
    expect(r.text('again 10.0.0.12 by ALICE@Example.com')).toBe('again <ip-1> by <email-1>');
    expect(r.text('and alice@example.com')).toBe('and <email-1>');
    const ip = r.report().find((c) => c.id === 'ipv4')!;
    expect(ip).toMatchObject({ count: 3, distinct: 2, enabled: true });
    expect(ip.examples).toEqual([{ value: '10.0.0.12', placeholder: '<ip-1>' }, { value: '10.0.0.13', placeholder: '<ip-2>' }]);
  });

  it('shows secrets masked in the preview', () => {
    const r = new Redactor();
    r.text('Authorization: Bearer abc123def456ghi789');
    const bearer = r.report().find((c) => c.id === 'bearer')!;
    expect(bearer.examples[0].value).toBe('abc1…89 (18 chars)');
  });

  it('keeps a switched-off category but still counts what it would catch', () => {
    const r = new Redactor({ categories: { ipv4: false } });
    expect(r.text('from 10.0.0.12 user bob@example.com')).toBe('from 10.0.0.12 user <email-1>');
    const ip = r.report().find((c) => c.id === 'ipv4')!;
    expect(ip).toMatchObject({ enabled: false, count: 1, distinct: 1 });
    expect(ip.examples[0]).toEqual({ value: '10.0.0.12', placeholder: '(kept)' });
  });

  it('applies custom patterns first, replacing group 1 when there is one', () => {
    const r = new Redactor({ custom: [{ label: 'Customer', pattern: 'cust-\\d{4,}' }, { label: 'Host', pattern: 'host=([\\w.-]+)' }] });
    expect(r.text('cust-12345 on host=db1.prod and cust-12345')).toBe('<customer-1> on host=<host-1> and <customer-1>');
    expect(r.report().slice(0, 2).map((c) => c.id)).toEqual(['custom:customer', 'custom:host']);
  });

  it('refuses custom patterns that are invalid, match everything, or can freeze the page', () => {
    const problems = checkCustomPatterns([
      { label: 'bad', pattern: '(unclosed' },
      { label: 'empty', pattern: 'x*' },
      { label: 'lookahead', pattern: 'x(?=y)' },
      { label: 'ok', pattern: 'order-\\d+' },
    ]);
    expect(problems.map((p) => p.label)).toEqual(['bad', 'empty', 'lookahead']);
    expect(problems[0].error).toMatch(/not a valid regular expression: missing closing \)/);
    expect(problems[1].error).toMatch(/matches empty text/);
    expect(problems[2].error).toMatch(/uses a lookahead/);
    // A nested quantifier is no longer refused: it runs on the linear-time engine, so a long hostile line costs nothing.
    const r = new Redactor({ custom: [{ label: 'redos', pattern: '(a+)+b' }] });
    expect(r.problems).toHaveLength(0);
    expect(r.text(`${'a'.repeat(5000)}!`)).toBe(`${'a'.repeat(5000)}!`);
    expect(r.text('xaab')).toBe('x<redos-1>b');
  });
});

describe('redacting a whole payload', () => {
  it('replaces values everywhere with the same placeholders and leaves the original untouched', async () => {
    const { payload } = await incidentPayload();
    const before = JSON.stringify(payload);
    const { payload: red, report } = redactPayload(payload);
    expect(JSON.stringify(payload)).toBe(before);
    const all = JSON.stringify(red);
    for (const secret of ['10.0.0.12', 'hunter2', 'alice@example.com', 'abc123def456ghi789', 'ops0@example.com', '203.0.113.9']) expect(all).not.toContain(secret);
    // The finding detail, its data and the raw lines agree on the placeholder.
    const upstream = String(red.findings[0].data?.upstream);
    const ph = upstream.slice(0, upstream.indexOf(':'));
    expect(ph).toMatch(/^<ip-\d+>$/);
    expect(red.findings[0].detail).toContain(`failed from ${ph}.`);
    expect(red.events.raw.some((r) => r?.includes(`"upstream":"${ph}:8080"`))).toBe(true);
    expect(red.redaction.categories).toContain('ipv4');
    expect(red.redaction.replaced).toBeGreaterThan(20);
    expect(report.find((c) => c.id === 'url-password')!.count).toBeGreaterThan(0);
    // Messages without secrets are unchanged.
    expect(red.events.msg).toContain('Renewing certificate');
  });
});
