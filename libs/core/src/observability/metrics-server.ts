import { createServer, Server } from 'node:http';
import { METRICS_CONTENT_TYPE, renderMetrics } from './metrics';

export interface MetricsServerOptions {
  port: number;
  host?: string;
  /** `GET /health` answers 200 while this returns true (the worker's liveness probe), 503 otherwise. */
  healthy?: () => boolean;
}

/**
 * A small HTTP listener of its own for `GET /metrics` (and `GET /health`), separate from the public port: in
 * production only the cluster network (Prometheus, the kubelet) reaches it; the NetworkPolicy and the Service keep
 * it off the ingress.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/metrics') {
      renderMetrics().then(
        (text) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${error.message}`),
      );
    } else if (path === '/health') {
      const ok = options.healthy?.() ?? true;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unhealthy' }));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function stopMetricsServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
