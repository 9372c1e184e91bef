// ?url=<address> in a real browser, against a second origin (another port):
// a log served with CORS loads like a dropped file; a server that does not
// allow CORS, a 404 and a web page each get their own clear message.

import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitLoaded } from './harness/browser.ts';
import { incidentSets } from './harness/incidents.ts';
import { CLEAN, guardedBrowser, guardReport, headerError } from './share-helpers.ts';

const browser = guardedBrowser();
let server: Server;
let other = '';
const set = incidentSets()[0];
const logPath = set.paths.find((p) => !p.endsWith('.gz')) ?? set.paths[0];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/cors/app.log') {
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end(readFileSync(logPath));
    } else if (path === '/nocors/app.log') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(readFileSync(logPath));
    } else if (path === '/cors/page.html') {
      res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
      res.end(`<!doctype html><html><body><script>window.__pwned=701</script>${'x'.repeat(2000)}</body></html>`);
    } else {
      res.writeHead(404, { 'access-control-allow-origin': '*' });
      res.end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  other = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const open = (address: string) => browser.open(`${inject('baseUrl')}?url=${encodeURIComponent(address)}`);

describe('?url=', () => {
  it('loads a log from another origin that allows CORS', async () => {
    const { page } = await open(`${other}/cors/app.log`);
    await waitLoaded(page, 0);
    expect(await page.textContent('[data-lane="file:app.log"]')).toBe('app.log');
    expect(await page.textContent('.status-title')).toBe('app.log');
    expect(await guardReport(page)).toEqual(CLEAN);
  });

  it('explains a server that does not allow CORS', async () => {
    const { page } = await open(`${other}/nocors/app.log`);
    expect(await headerError(page)).toMatch(/answered, but does not let other web pages read this file \(CORS\)/);
  });

  it('explains a 404 and a web page', async () => {
    const notFound = await open(`${other}/cors/missing.log`);
    expect(await headerError(notFound.page)).toMatch(/Not found \(404\)/);
    const html = await open(`${other}/cors/page.html`);
    expect(await headerError(html.page)).toMatch(/web page \(HTML\), not a log file/);
    expect(await guardReport(html.page)).toEqual(CLEAN);
  });

  it('explains an unreachable host', async () => {
    const { page } = await open('http://127.0.0.1:9/app.log');
    expect(await headerError(page)).toMatch(/Could not reach 127\.0\.0\.1:9/);
  });
});
