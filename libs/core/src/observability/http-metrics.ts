import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runInContext } from './execution-context';
import { httpRequestDuration } from './metrics';

/** The route label: Fastify's route pattern (`/v1/roles/:id`), never the raw URL (unbounded label values). */
export function routeLabel(request: Pick<FastifyRequest, 'routeOptions'>): string {
  return request.routeOptions?.url ?? 'unmatched';
}

/** Records every response's duration in `hireloop_http_request_duration_seconds`. */
export function installHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    httpRequestDuration.observe(
      { method: request.method, route: routeLabel(request), status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** Runs each request inside an execution context holding its request id (audit rows record it) and its client. */
export function installRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    runInContext({ requestId: String(request.id), client: () => ({ address: request.ip, userAgent: request.headers['user-agent'] }) }, done);
  });
}
