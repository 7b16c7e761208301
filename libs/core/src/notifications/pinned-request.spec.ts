import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pinnedRequest, WebhookTarget } from './webhook-target';

/** A loopback HTTP server whose handler each test sets; it records what arrived. */
describe('pinnedRequest (the one way out to a checked URL)', () => {
  let server: Server;
  let port: number;
  let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const arrived: { host?: string; method?: string; body: string; length?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        arrived.push({ host: req.headers.host, method: req.method, body, length: req.headers['content-length'] });
        handle(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (arrived.length = 0));

  /** A name that resolves nowhere: only the pinned address can take the request there. */
  const target = (path = '/hook'): WebhookTarget => ({
    url: new URL(`http://hooks.example.invalid:${port}${path}`),
    addresses: [{ address: '127.0.0.1', family: 4 }],
  });

  it('connects to the checked address whatever the name would resolve to, and sends the body with its length', async () => {
    handle = (_req, res) => res.writeHead(204).end();
    const answer = await pinnedRequest(target(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"é":1}' });
    expect(answer).toMatchObject({ status: 204, body: null });
    expect(arrived).toEqual([{ host: `hooks.example.invalid:${port}`, method: 'POST', body: '{"é":1}', length: '8' }]);
  });

  it('does not follow redirects', async () => {
    handle = (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    const answer = await pinnedRequest(target(), { method: 'GET', headers: {} });
    expect(answer.status).toBe(302);
    expect(arrived.map((a) => a.method)).toEqual(['GET']);
  });

  it('reads the body up to the limit, and refuses a longer one with the caller’s error', async () => {
    handle = (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(1000));
    const read = await pinnedRequest(target(), { method: 'GET', headers: {}, readBody: { maxBytes: 1000, tooLarge: () => new Error('too large') } });
    expect(read.body?.toString()).toBe('x'.repeat(1000));
    expect(read.headers['content-type']).toBe('text/plain');
    await expect(
      pinnedRequest(target(), { method: 'GET', headers: {}, readBody: { maxBytes: 999, tooLarge: () => new Error('too large') } }),
    ).rejects.toThrow('too large');
    // The same when the answer streams in (the limit is crossed mid-way; the rest is never waited for).
    handle = (_req, res) => {
      res.writeHead(200);
      let sent = 0;
      const more = setInterval(() => {
        if (res.destroyed || ++sent > 50) {
          clearInterval(more);
          res.end();
        } else res.write('y'.repeat(200));
      }, 5);
    };
    await expect(
      pinnedRequest(target(), { method: 'GET', headers: {}, readBody: { maxBytes: 999, tooLarge: () => new Error('too large') } }),
    ).rejects.toThrow('too large');
  });

  it('gives up with a TimeoutError when the other side stays silent, and on the caller’s signal', async () => {
    handle = () => undefined; // never answers
    await expect(pinnedRequest(target(), { method: 'POST', headers: {}, body: '{}', idleTimeoutMs: 100 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await expect(pinnedRequest(target(), { method: 'GET', headers: {}, signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
