import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ManagedProcess, spawnManaged, stopAllProcesses } from './processes';

/**
 * Real processes for e2e tests: the worker (apps/worker/src/main.ts run from source through an SWC require hook,
 * no build needed) and private redis-servers that a test may stop and restart. `stopAllProcesses()` (call it in
 * afterAll) kills whatever a failed test left behind.
 */

export { freePort, stopAllProcesses };
export type { ManagedProcess };

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const REGISTER = path.join(REPOSITORY_ROOT, 'test', 'support', 'swc-register.js');
const WORKER_MAIN = path.join(REPOSITORY_ROOT, 'apps', 'worker', 'src', 'main.ts');

export interface WorkerProcess extends ManagedProcess {
  name: string;
}

export interface StartWorkerOptions {
  /** Overrides on top of the test environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX… are inherited). */
  env?: Record<string, string | undefined>;
  /** Label used in error messages. */
  name?: string;
  readyTimeoutMs?: number;
}

/** The environment of a child process: this one's, test defaults, then the overrides (undefined removes a variable). */
export function childEnvironment(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', MIGRATIONS_RUN: 'false', ...overrides };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** Runs one of our TypeScript entry points (e.g. apps/api/src/main.ts) from source in a new Node process. */
export function spawnSourceEntry(options: {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  readyWhen: RegExp;
  readyTimeoutMs?: number;
}): Promise<ManagedProcess> {
  return spawnManaged({
    name: options.name,
    command: process.execPath,
    args: ['--require', REGISTER, options.entry],
    cwd: REPOSITORY_ROOT,
    env: options.env,
    readyWhen: options.readyWhen,
    readyTimeoutMs: options.readyTimeoutMs,
  });
}

/** Starts the real worker process and resolves once it reports that it has started (processors and relay running). */
export async function startWorker(options: StartWorkerOptions = {}): Promise<WorkerProcess> {
  const name = options.name ?? 'worker';
  const managed = await spawnSourceEntry({
    name,
    entry: WORKER_MAIN,
    // The worker logs JSON through pino at LOG_LEVEL; tests read its warnings, so not the test default (silent).
    env: childEnvironment({ LOG_LEVEL: 'info', ...options.env }),
    readyWhen: /hireloop worker started/,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...managed, name };
}

export interface RedisServerProcess {
  readonly port: number;
  readonly url: string;
  /** The current redis-server process (changes on restart). */
  process(): ManagedProcess;
  /** Graceful stop (SIGTERM): with the append-only file, what was written survives a restart, as in production. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/**
 * A private redis-server (append-only file on, like docker-compose's Redis) for tests that stop Redis, so the
 * shared Redis of other tests is never touched.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServerProcess> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'hireloop-redis-'));
  let current: ManagedProcess;

  const launch = async () => {
    current = await spawnManaged({
      name: `redis-server on ${port}`,
      command: 'redis-server',
      args: [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--daemonize',
        'no',
        '--protected-mode',
        'no',
      ],
      readyWhen: /Ready to accept connections/i,
      readyTimeoutMs: 15_000,
    });
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    process: () => current,
    stop: () => current.stop(),
    restart: launch,
    async destroy() {
      await current.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
