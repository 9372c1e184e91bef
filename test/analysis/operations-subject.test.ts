// Operations pair by the identifier their records carry in a field, not only
// by what the message text names: Caddy / certmagic renew a dozen
// certificates at once, each "renewing certificate" and each "certificate
// obtained successfully" naming its domain only in `identifier`. Also: what
// the subject reader takes from JSON, envelopes and key=value lines, and
// Caddy's admin API "received request" for POST /load read as a reload.
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/engine/classify/classifier.ts';
import { lineSubject } from '../../src/engine/classify/subject.ts';
import { mapJsonRecord } from '../../src/engine/formats/json-record.ts';
import { newRecordOut } from '../../src/engine/formats/types.ts';
import { KIND_NAMES } from '../../src/engine/model/kinds.ts';
import { newTimeOut } from '../../src/engine/model/time.ts';
import { analyzeLogs, iso8601, rng, sec } from './dialects.ts';

describe('subject of a record', () => {
  it.each([
    ['{"msg":"renewing certificate","identifier":"a.example.com","remaining":2591999.3}', 'a.example.com'],
    ['{"msg":"obtaining certificate","names":["shop.example.com","www.shop.example.com"]}', 'shop.example.com,www.shop.example.com'],
    ['{"msg":"migration started","migration":"0042_add_index","id":7}', '0042_add_index'],
    ['{"msg":"job started","job_id":991}', '991'],
    ['{"log":"{\\"msg\\":\\"renewing certificate\\",\\"identifier\\":\\"b.example.com\\"}\\n","stream":"stderr","time":"2024-05-01T10:00:00Z"}', 'b.example.com'],
    ['{"timestamp":"2024-05-01T10:00:00Z","level":"INFO","fields":{"message":"backup started","backup_id":"nightly-17"},"target":"db::backup"}', 'nightly-17'],
    ['caddy-1  | {"level":"info","msg":"renewing certificate","identifier":"c.example.com"}', 'c.example.com'],
    ['time=2024-05-01T10:00:00Z level=info msg="renewing certificate" identifier=d.example.com', 'd.example.com'],
    ['level=info msg="backup started" job="nightly full"', 'nightly full'],
    ['{"msg":"renewing certificate","identifier":{"nested":"object"},"constructor":"x","__proto__":{"identifier":"evil"}}', ''],
    ['{"msg":"renewing certificate","target":"app::tls","host":"example.com"}', ''],
    ['renewing certificate {broken json', ''],
  ])('%s -> %j', (line, want) => {
    expect(lineSubject(line)).toBe(want);
  });
});

const DOMAINS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((x) => `${x}.example.com`);
/** What happens to each renewal: done after some seconds, failed, or never heard of again. */
const FATE: ('done' | 'failed' | 'never')[] = ['done', 'done', 'failed', 'done', 'never', 'done', 'failed', 'done', 'never', 'done', 'done', 'never'];

interface Line {
  t: number;
  rec: Record<string, string | number>;
}

/** Caddy's JSON log of a dozen concurrent renewals (ends arrive in a different order), plus steady access lines. */
function caddyRenewals(): { lines: Line[]; ends: Map<string, number> } {
  const r = rng(5);
  const lines: Line[] = [];
  const ends = new Map<string, number>();
  DOMAINS.forEach((d, i) => {
    const start = sec(100 + i * 0.4);
    lines.push({ t: start, rec: { level: 'info', logger: 'tls.renew', msg: 'renewing certificate', identifier: d, remaining: 2591999.3 } });
    lines.push({ t: start + 300, rec: { level: 'info', logger: 'tls.issuance.acme.acme_client', msg: 'trying to solve challenge', identifier: d, challenge_type: 'tls-alpn-01' } });
    const end = start + Math.round(8_000 + r() * 40_000);
    if (FATE[i] === 'done') lines.push({ t: end, rec: { level: 'info', logger: 'tls.renew', msg: 'certificate obtained successfully', identifier: d, issuer: 'acme-v02.api.letsencrypt.org-directory' } });
    if (FATE[i] === 'failed') lines.push({ t: end, rec: { level: 'error', logger: 'tls.renew', msg: 'could not get certificate from issuer', identifier: d, error: 'HTTP 429 urn:ietf:params:acme:error:rateLimited - too many certificates already issued' } });
    if (FATE[i] !== 'never') ends.set(d, end);
  });
  for (let t = sec(0); t < sec(400); t += 1500) lines.push({ t, rec: { level: 'info', logger: 'http.log.access', msg: 'handled request', status: 200, duration: 0.004 } });
  return { lines: lines.sort((a, b) => a.t - b.t), ends };
}

describe('operations pair by the identifier in their fields', () => {
  it.each(['caddy-json', 'logfmt'])('a dozen concurrent renewals (%s): each ends with its own completion or failure', async (dialect) => {
    const { lines, ends } = caddyRenewals();
    const text = lines.map(({ t, rec }) => dialect === 'caddy-json'
      ? JSON.stringify({ level: rec.level, ts: t / 1000, ...rec })
      : `ts=${iso8601(t)} ${Object.entries(rec).map(([k, v]) => `${k}=${/^[\w./:-]+$/.test(String(v)) ? String(v) : JSON.stringify(String(v))}`).join(' ')}`).join('\n') + '\n';
    const r = await analyzeLogs([{ name: 'caddy.log', text }]);
    const ops = r.analysis.marks.filter((m) => m.kind === 'operation');
    expect(ops).toHaveLength(12);
    for (const [i, d] of DOMAINS.entries()) {
      const op = ops.find((o) => o.key === d);
      expect(op, d).toBeDefined();
      if (!op) continue;
      expect(op.start).toBe(sec(100 + i * 0.4));
      if (FATE[i] === 'never') expect(op.spanEnd, d).toBe('open');
      else {
        expect(op.spanEnd, d).toBe(FATE[i] === 'done' ? 'ended' : 'failed');
        expect(op.end, d).toBe(ends.get(d));
      }
      expect(op.label).toContain(d);
    }
    const open = ops.filter((o) => o.spanEnd === 'open').map((o) => o.key).sort();
    expect(open).toEqual(['e.example.com', 'i.example.com', 'l.example.com']);
  });

  it('an end naming an identifier nobody started does not close another domain\'s renewal', async () => {
    const rec = (t: number, msg: string, identifier: string) => JSON.stringify({ level: 'info', ts: sec(t) / 1000, logger: 'tls.renew', msg, identifier });
    const text = [rec(10, 'renewing certificate', 'a.example.com'), rec(20, 'certificate obtained successfully', 'z.example.com'), rec(40, 'certificate obtained successfully', 'a.example.com')].join('\n') + '\n';
    const r = await analyzeLogs([{ name: 'caddy.log', text }]);
    const ops = r.analysis.marks.filter((m) => m.kind === 'operation');
    expect(ops.map((o) => [o.key, o.spanEnd, o.end])).toEqual([['a.example.com', 'ended', sec(40)]]);
  });
});

describe('Caddy admin API reloads', () => {
  const env = { year: 2024, time: newTimeOut() };
  const classify = createClassifier();
  const read = (rec: object) => {
    const out = newRecordOut();
    mapJsonRecord(JSON.parse(JSON.stringify(rec)) as Record<string, unknown>, out, env);
    return { message: out.message, kind: KIND_NAMES[classify(out.message, out.extra).kind] };
  };
  const admin = { level: 'info', ts: 1715652753.12, logger: 'admin.api', msg: 'received request', host: 'localhost:2019', remote_ip: '127.0.0.1', remote_port: '41398', headers: { 'Content-Type': ['application/json'] } };

  it('reads POST /load as a reload signal', () => {
    expect(read({ ...admin, method: 'POST', uri: '/load' })).toEqual({ message: 'received request: POST /load', kind: 'signal' });
    expect(read({ ...admin, method: 'POST', uri: '/config/apps/http/servers/srv0/routes' }).kind).toBe('signal');
  });

  it('leaves reads of the config alone', () => {
    expect(read({ ...admin, method: 'GET', uri: '/config/' })).toEqual({ message: 'received request: GET /config/', kind: 'plain' });
  });
});
