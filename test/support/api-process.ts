import path from 'node:path';
import { freePort, ManagedProcess } from './processes';
import { childEnvironment, REPOSITORY_ROOT, spawnSourceEntry } from './worker-process';

/**
 * The real API as a child process (apps/api/src/main.ts from source, like the worker helper), for tests that
 * signal it or take its database away — things an in-process test app cannot show.
 */

const API_MAIN = path.join(REPOSITORY_ROOT, 'apps', 'api', 'src', 'main.ts');

export interface ApiProcess extends ManagedProcess {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
}

export interface StartApiOptions {
  /** Overrides on top of the test environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX… are inherited). */
  env?: Record<string, string | undefined>;
  name?: string;
  readyTimeoutMs?: number;
}

/** Starts the API on a free port and resolves once it listens and GET /health answers 200. */
export async function startApi(options: StartApiOptions = {}): Promise<ApiProcess> {
  const name = options.name ?? 'api';
  const port = await freePort();
  const managed = await spawnSourceEntry({
    name,
    entry: API_MAIN,
    env: childEnvironment({
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_LIMIT: '100000',
      LOGIN_THROTTLE_ADDRESS_LIMIT: '100000',
      SERVE_WEB: 'false',
      ...options.env,
      PORT: String(port),
    }),
    readyWhen: /hireloop api listening on/,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  const url = `http://127.0.0.1:${port}`;
  const health = await fetch(`${url}/health`).catch((error: Error) => error);
  if (health instanceof Error || health.status !== 200) {
    await managed.kill();
    throw new Error(`${name} listens but GET /health failed (${health instanceof Error ? health.message : health.status}):\n${managed.output()}`);
  }
  return { ...managed, port, url };
}
