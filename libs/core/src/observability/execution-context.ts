import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the code running now works for: an HTTP request (its id) or a job (id, queue), and the trace it belongs to.
 * Set once at the edge (a Fastify hook, the worker's processor wrapper) and read where it is needed — audit rows,
 * log lines — without passing it through every call.
 */
export interface ExecutionContext {
  requestId?: string;
  /**
   * The HTTP client as the API sees it (the proxy's forwarded address where TRUST_PROXY names it): a session records
   * it. A function, so that requests that never ask (nearly all) do not work out the forwarded address.
   */
  client?: () => { address: string; userAgent?: string };
  jobId?: string;
  queue?: string;
  traceId?: string;
}

const storage = new AsyncLocalStorage<ExecutionContext>();

export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): ExecutionContext | undefined {
  return storage.getStore();
}

/** The W3C trace id of a `traceparent` (version-traceid-spanid-flags), if well formed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '');
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}
