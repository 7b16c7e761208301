import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTcpServer, Socket, type AddressInfo } from 'node:net';
import { pinnedRequest, untilAborted, WebhookTarget } from './webhook-target';

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
    // The signal's reason, not node:http's generic AbortError: a deadline says it is one.
    await expect(pinnedRequest(target(), { method: 'GET', headers: {}, signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});

/** A raw TCP endpoint on loopback whose behaviour each test writes; it notes when a client's socket closes. */
async function rawEndpoint(
  onConnection: (socket: Socket) => void,
): Promise<{ target: WebhookTarget; closed: Promise<void>; close(): Promise<void> }> {
  let noteClosed!: () => void;
  const closed = new Promise<void>((resolve) => (noteClosed = resolve));
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', noteClosed);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    target: { url: new URL(`http://127.0.0.1:${port}/hook`), addresses: [{ address: '127.0.0.1', family: 4 }] },
    closed,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('pinnedRequest limits', () => {
  const endpoints: { close(): Promise<void> }[] = [];
  const timers: NodeJS.Timeout[] = [];
  afterEach(async () => {
    timers.splice(0).forEach(clearInterval);
    await Promise.all(endpoints.splice(0).map((e) => e.close()));
  });

  it('gives up at the deadline although the endpoint keeps the connection busy, a byte at a time', async () => {
    const endpoint = await rawEndpoint((socket) => {
      const head = 'HTTP/1.1 200 OK\r\nx-slow: ' + 'a'.repeat(10_000);
      let i = 0;
      timers.push(setInterval(() => socket.destroyed || socket.write(head[i++] ?? 'a'), 50));
    });
    endpoints.push(endpoint);
    const started = performance.now();
    const error = await pinnedRequest(endpoint.target, {
      method: 'POST',
      headers: {},
      body: '{}',
      idleTimeoutMs: 1000, // never reached: a byte comes every 50 ms
      signal: AbortSignal.timeout(400),
    }).catch((e: Error) => e);
    const ms = performance.now() - started;
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1500);
    await endpoint.closed; // and the connection is gone
  });

  it('closes the connection once the status is in, without reading a body that never ends', async () => {
    let sent = 0;
    const endpoint = await rawEndpoint((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
        timers.push(
          setInterval(() => {
            if (socket.destroyed) return;
            const chunk = 'x'.repeat(16_384);
            sent += chunk.length;
            socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
          }, 5),
        );
      });
    });
    endpoints.push(endpoint);
    const answer = await pinnedRequest(endpoint.target, { method: 'POST', headers: {}, body: '{}', signal: AbortSignal.timeout(2000) });
    expect(answer).toMatchObject({ status: 200, body: null });
    await endpoint.closed;
    const atClose = sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toBe(atClose); // nothing more was sent once the socket closed
    expect(sent).toBeLessThan(1_000_000);
  });

  it("untilAborted answers with the signal's reason for a step that takes no signal (a name lookup)", async () => {
    const never = new Promise<string>(() => undefined);
    await expect(untilAborted(never, AbortSignal.timeout(20))).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(untilAborted(Promise.resolve('done'), AbortSignal.timeout(1000))).resolves.toBe('done');
  });
});
