// ?url= loading against a real local HTTP server: logs load with progress;
// 404s, web pages, archives, oversized and empty bodies get clear messages;
// only http(s) addresses are ever fetched.
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLogFromUrl, nameFor, parseLogUrl, UrlLoadError, type UrlLoadErrorCode } from '../../src/share/url-loader.ts';
import { HOSTILE_URLS } from '../fixtures/hostile/payloads.ts';

const LOG = Array.from({ length: 2000 }, (_, i) => `2024-05-01T10:00:${String(i % 60).padStart(2, '0')}Z INFO line ${i}`).join('\n');
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/app.log') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(LOG)) });
      res.end(LOG);
    } else if (path === '/download') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="night <1>.log.gz"' });
      res.end(gzipSync(LOG));
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('\n  <!DOCTYPE html><html><head><title>Log viewer</title></head><body>' + 'x'.repeat(2000) + '</body></html>');
    } else if (path === '/archive.zip') {
      res.writeHead(200);
      res.end(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x'.repeat(1000));
      setTimeout(() => res.destroy(), 50);
    } else if (path === '/big-streamed') {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked: no length up front
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += 64 * 1024;
          if (!res.write('y'.repeat(64 * 1024))) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (path === '/empty') {
      res.writeHead(200);
      res.end();
    } else if (path === '/secret') {
      res.writeHead(403);
      res.end('no');
    } else {
      res.writeHead(404, 'Not Found');
      res.end('nothing here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(address: string, options: Parameters<typeof loadLogFromUrl>[1] = {}): Promise<UrlLoadError> {
  try {
    await loadLogFromUrl(address, options);
  } catch (e) {
    expect(e).toBeInstanceOf(UrlLoadError);
    return e as UrlLoadError;
  }
  throw new Error(`${address} loaded`);
}

const codeOf = async (address: string, options?: Parameters<typeof loadLogFromUrl>[1]): Promise<UrlLoadErrorCode> => (await failure(address, options)).code;

describe('?url= loading', () => {
  it('loads a log with progress and names it after the path', async () => {
    const seen: number[] = [];
    const got = await loadLogFromUrl(`${base}/app.log`, { onProgress: (p) => seen.push(p.bytes) });
    expect(got.name).toBe('app.log');
    expect(await got.blob.text()).toBe(LOG);
    expect(seen.at(-1)).toBe(Buffer.byteLength(LOG));
  });

  it('takes the name from Content-Disposition and keeps gzip bytes for the engine', async () => {
    const got = await loadLogFromUrl(`${base}/download`);
    expect(got.name).toBe('night <1>.log.gz');
    const head = new Uint8Array(await got.blob.slice(0, 2).arrayBuffer());
    expect(Array.from(head)).toEqual([0x1f, 0x8b]);
  });

  it('explains HTTP errors', async () => {
    const notFound = await failure(`${base}/missing.log`);
    expect(notFound).toMatchObject({ code: 'http', status: 404 });
    expect(notFound.message).toMatch(/^Not found \(404\) at 127\.0\.0\.1:\d+: check the address\.$/);
    expect((await failure(`${base}/secret`)).message).toMatch(/refused access \(403\).*sends no cookies/);
  });

  it('refuses web pages and archives, saying what they are', async () => {
    const page = await failure(`${base}/page`);
    expect(page.code).toBe('not-log');
    expect(page.message).toMatch(/web page \(HTML\)/);
    expect((await failure(`${base}/archive.zip`)).message).toMatch(/ZIP archive/);
    expect(await codeOf(`${base}/empty`)).toBe('empty');
  });

  it('stops at the size limit, whether declared or streamed', async () => {
    expect(await codeOf(`${base}/big-declared`, { maxBytes: 1024 * 1024 })).toBe('too-big');
    const streamed = await failure(`${base}/big-streamed`, { maxBytes: 1024 * 1024 });
    expect(streamed.code).toBe('too-big');
    expect(streamed.message).toMatch(/larger than 1 MB/);
  });

  it('tells a CORS refusal from an unreachable host', async () => {
    const calls: string[] = [];
    const corsBlocked: typeof fetch = async (_input, init) => {
      calls.push(init?.mode ?? '');
      if (init?.mode === 'cors') throw new TypeError('Failed to fetch');
      return new Response(null, { status: 200 });
    };
    const cors = await failure('https://logs.example.com/app.log', { fetch: corsBlocked });
    expect(cors.code).toBe('cors');
    expect(cors.message).toMatch(/logs\.example\.com answered, but does not let other web pages read this file \(CORS\)/);
    expect(calls).toEqual(['cors', 'no-cors']);
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await failure('https://logs.example.com/app.log', { fetch: down })).message).toMatch(/Could not reach logs\.example\.com/);
    const refused = await failure(`http://127.0.0.1:1/app.log`);
    expect(refused.code).toBe('network');
  });

  it('says when the address redirects to a non-web scheme, instead of blaming the network', async () => {
    const r = await failure(`${base}/to-file`);
    expect(r.code).toBe('bad-redirect');
    expect(r.message).toMatch(/redirects to a file: address: only redirects to http:\/\/ and https:\/\/ are followed/);
  });

  it('refuses http:// from an https page (mixed content) before fetching', async () => {
    const never: typeof fetch = async () => {
      throw new Error('must not fetch');
    };
    expect(await codeOf('http://logs.example.com/a.log', { base: 'https://tools.example/', fetch: never })).toBe('mixed-content');
  });

  it.each(HOSTILE_URLS)('never fetches %s', async (address) => {
    const never: typeof fetch = async () => {
      throw new Error('must not fetch');
    };
    const err = await failure(address, { fetch: never, base: 'https://tools.example/app/' });
    expect(err.code).toBe('bad-url');
  });

  it('resolves relative addresses against the page and vets the result', () => {
    expect(parseLogUrl('samples/app.log', 'https://tools.example/team/timberline/').href).toBe('https://tools.example/team/timberline/samples/app.log');
    expect(() => parseLogUrl('::::')).toThrow(/not a web address/);
    expect(nameFor(new URL('https://x.example/logs/%3Cimg%3E%2F..%2Fa.log'), null)).toBe('<img>_.._a.log');
    expect(nameFor(new URL('https://x.example/'), null)).toBe('x.example');
  });
});
