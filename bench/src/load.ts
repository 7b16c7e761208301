import autocannon, { AutocannonRequest } from 'autocannon';
import { summarize } from './stats';

/** One closed-loop load run: `connections` clients, each sending its next request as soon as the last one answered. */
export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** 2xx answers per second over the run. */
  rps: number;
  /** Latency of every answer, ms. */
  p50: number;
  p99: number;
  mean: number;
  /** Connection errors, timeouts and answers that were not 2xx: a run with any of these is flagged. */
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface HttpLoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Builds each request (a different scorecard per request, for example). */
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

/** An HTTP load run with autocannon (in this process). */
export async function httpLoad(options: HttpLoadOptions): Promise<LoadResult> {
  const request: AutocannonRequest = { method: options.method ?? 'GET', headers: options.headers, body: options.body };
  if (options.setupRequest) request.setupRequest = options.setupRequest;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 30,
    requests: [request],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count;
  return {
    connections: options.connections,
    durationSeconds: result.duration,
    ok: result['2xx'],
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
  };
}

/**
 * The same closed loop for any async operation (the plain-`pg` ceiling): `connections` loops, each running `operation`
 * back to back until the duration is over. Latency is measured per operation.
 */
export async function closedLoop(
  connections: number,
  durationSeconds: number,
  operation: (loop: number) => Promise<void>,
): Promise<LoadResult & { firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const endAt = started + BigInt(Math.round(durationSeconds * 1e9));
  const loops = Array.from({ length: connections }, async (_, loop) => {
    while (process.hrtime.bigint() < endAt) {
      const t0 = process.hrtime.bigint();
      try {
        await operation(loop);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (error) {
        errors++;
        firstError ??= (error as Error)?.message ?? String(error);
      }
    }
  });
  await Promise.all(loops);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const s = summarize(latencies);
  return {
    connections,
    durationSeconds: elapsed,
    ok: latencies.length,
    rps: latencies.length / elapsed,
    p50: s.p50,
    p99: s.p99,
    mean: s.mean,
    errors,
    timeouts: 0,
    non2xx: 0,
    statusCodes: {},
    firstError,
  };
}

/** True when the run had no error of any kind. */
export function clean(result: LoadResult): boolean {
  return result.errors === 0 && result.timeouts === 0 && result.non2xx === 0;
}
