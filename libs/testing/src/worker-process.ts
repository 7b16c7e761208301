import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real processes for e2e tests: the worker (apps/worker/src/main.ts run from source through an SWC require hook,
 * no build needed) and private redis-servers that a test may stop and restart. Every process started here is
 * tracked; `stopAllProcesses()` (call it in afterAll) kills whatever a failed test left behind.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const REGISTER = path.join(ROOT, 'test', 'support', 'swc-register.js');
const WORKER_MAIN = path.join(ROOT, 'apps', 'worker', 'src', 'main.ts');

export interface ManagedProcess {
  readonly pid: number;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal (default SIGKILL: no shutdown hooks run) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

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

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGKILL');
    });
  }
}

function manage(child: ChildProcess, buffer: { text: string }): ManagedProcess {
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    pid: child.pid!,
    output: () => buffer.text,
    exited,
    async stop(graceMs = 10_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (gone()) return;
      child.kill(signal);
      await exited;
    },
  };
}

function capture(child: ChildProcess, buffer: { text: string }, onData?: () => void): void {
  const append = (chunk: Buffer) => {
    buffer.text += chunk.toString();
    // Keep the tail only: a long test must not grow memory without bound.
    if (buffer.text.length > 200_000) buffer.text = buffer.text.slice(-100_000);
    onData?.();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
}

/** Starts the real worker process and resolves once it reports that it has started (processors and relay running). */
export async function startWorker(options: StartWorkerOptions = {}): Promise<WorkerProcess> {
  const name = options.name ?? 'worker';
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', MIGRATIONS_RUN: 'false', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, ['--require', REGISTER, WORKER_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const buffer = { text: '' };
  const managed = manage(child, buffer);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${options.readyTimeoutMs ?? 60_000} ms:\n${buffer.text}`));
    }, options.readyTimeoutMs ?? 60_000);
    capture(child, buffer, () => {
      if (buffer.text.includes('hireloop worker started')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it started (code ${code}, signal ${signal}):\n${buffer.text}`));
    });
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

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
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
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no', '--protected-mode', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    track(child);
    const buffer = { text: '' };
    current = manage(child, buffer);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server on ${port} did not start:\n${buffer.text}`)), 15_000);
      capture(child, buffer, () => {
        if (/Ready to accept connections/i.test(buffer.text)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server on ${port} exited (code ${code}):\n${buffer.text}`));
      });
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

/** Kills every process started through this module that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
