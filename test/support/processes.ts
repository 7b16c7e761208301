import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Child processes for e2e tests (API, worker, redis-server, postgres). Every process started here is tracked;
 * `stopAllProcesses()` (call it in afterAll) kills whatever a failed test left behind, and the jest process kills the
 * rest when it exits.
 */

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly pid: number;
  /** Everything the process wrote so far (stdout and stderr; the tail only for a long-running process). */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** True until the process has exited. */
  running(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal (default SIGKILL: no shutdown hooks run) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Sends a signal without waiting. */
  signal(signal: NodeJS.Signals): void;
  /** The exit, or null if the process is still running after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<ProcessExit | null>;
}

export interface SpawnManagedOptions {
  /** Label used in error messages. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as another user (postgres refuses to run as root). */
  uid?: number;
  gid?: number;
  /** The start resolves once the output matches. */
  readyWhen: RegExp;
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

/** Spawns a process and resolves once its output matches `readyWhen`; kills it if it does not within the timeout. */
export async function spawnManaged(options: SpawnManagedOptions): Promise<ManagedProcess> {
  const { name, readyWhen } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let text = '';
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  await new Promise<void>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${readyTimeoutMs} ms:\n${text}`));
    }, readyTimeoutMs);
    const append = (chunk: Buffer) => {
      text += chunk.toString();
      // Keep the tail only: a long test must not grow memory without bound.
      if (text.length > 4_000_000) text = text.slice(-2_000_000);
      if (!ready && readyWhen.test(text)) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not be started: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal}):\n${text}`));
    });
  });

  return {
    pid: child.pid!,
    output: () => text,
    exited,
    running: () => !gone(),
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
    signal(signal: NodeJS.Signals) {
      child.kill(signal);
    },
    async waitForExit(timeoutMs: number) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
      const result = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      return result;
    },
  };
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
