import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings } from './settings';

/**
 * The API and the worker as child processes of the benchmark, started from the compiled tree with the benchmark's
 * environment. Every child is tracked and killed when the benchmark exits, however it exits.
 */

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Current and peak resident set size in MB, from /proc (null when unavailable). */
  memory(): { rssMb: number; hwmMb: number } | null;
}

const children = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL). Installed once, on exit and on the usual signals. */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n[bench] ${signal}: stopping the API and the worker\n`);
      killAllChildren();
      process.exit(130);
    });
  }
}

const TUNING = [
  'DATABASE_POOL_SIZE',
  'DATABASE_PREPARED_STATEMENTS',
  'DATABASE_PIPELINE',
  'PANEL_AGGREGATION_CONCURRENCY',
  'AGGREGATION_BATCH_SIZE',
  'AGGREGATION_BATCH_PARALLELISM',
  'OUTBOX_BATCH_SIZE',
  'OUTBOX_POLL_INTERVAL_MS',
  'UV_THREADPOOL_SIZE',
];

/** The environment of both processes: production mode, quiet logs, the benchmark's database, queues and port. */
/** One master key per benchmark run, shared by its API and worker (production requires one; never a fixed value). */
export const BENCH_DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

export function serviceEnv(settings: BenchSettings, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    // Production refuses to start without a secret; a fixed one is fine for a benchmark on loopback.
    JWT_SECRET: 'hireloop-benchmark-secret-not-for-production-use-0123456789',
    JWT_EXPIRES_IN_SECONDS: '7200',
    DATA_ENCRYPTION_KEY: BENCH_DATA_ENCRYPTION_KEY,
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    QUEUE_PREFIX: settings.queuePrefix,
    PORT: String(settings.port),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    MIGRATIONS_RUN: 'false',
    SERVE_WEB: 'false',
    // Every benchmark client comes from 127.0.0.1: the per-address sign-in throttle would refuse the set-up's invites.
    LOGIN_THROTTLE_LIMIT: '100000',
    LOGIN_THROTTLE_ADDRESS_LIMIT: '100000',
    // The set-up signs its organization up through the API and reads no mail: the explicit opt-out of verification.
    SIGNUP_EMAIL_VERIFICATION: 'false',
    // The nightly jobs must not fire in the middle of a figure: pushed to 1 January.
    CALIBRATION_CRON: '0 0 1 1 *',
    REMINDER_CRON: '0 0 1 1 *',
    // Tuning knobs passed through when set, so their effect can be measured (see bench/README.md).
    ...Object.fromEntries(TUNING.filter((name) => process.env[name]).map((name) => [name, process.env[name]!])),
    ...extra,
  };
}

function start(
  settings: BenchSettings,
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): { child: ChildProcess; process: ManagedProcess; output: () => string } {
  installExitHooks();
  const logDir = path.join(settings.resultsDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let recent = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recent = (recent + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      log.end();
      resolve(code);
    });
  });
  const managed: ManagedProcess = {
    name,
    pid: child.pid!,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    memory: () => readMemory(child.pid!),
  };
  return { child, process: managed, output: () => recent };
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB. */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

async function waitFor(
  what: string,
  timeoutMs: number,
  exited: Promise<number | null>,
  output: () => string,
  check: () => Promise<boolean> | boolean,
): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`${what} exited (code ${gone}) during start-up:\n${output().slice(-4000)}`);
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms:\n${output().slice(-4000)}`);
}

export async function startApi(settings: BenchSettings, extraEnv: Record<string, string> = {}): Promise<ManagedProcess> {
  const script = path.join(settings.distRoot, 'apps', 'api', 'src', 'main.js');
  // BENCH_API_NODE_ARGS, e.g. "--prof", to profile the API under the benchmark's load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { process: api, output } = start(settings, 'api', script, serviceEnv(settings, extraEnv), nodeArgs);
  await waitFor('the API', 60_000, api.exited, output, async () => {
    try {
      const res = await fetch(`http://127.0.0.1:${settings.port}/health`);
      return res.ok;
    } catch {
      return false;
    }
  });
  return api;
}

export async function startWorker(settings: BenchSettings, name = 'worker'): Promise<ManagedProcess> {
  const script = path.join(settings.distRoot, 'apps', 'worker', 'src', 'main.js');
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=DIR", to profile the worker (the profile is written when
  // it stops).
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { process: worker, output } = start(settings, name, script, serviceEnv(settings), nodeArgs);
  // The worker logs this line once every module (processors, relay) is initialised.
  await waitFor('the worker', 60_000, worker.exited, output, () => /worker started/.test(output()));
  return worker;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU time counters: a process's (utime + stime), the benchmark's own, and the whole machine's busy and total. */
interface CpuSnapshot {
  at: bigint;
  processTicks: number[];
  self: NodeJS.CpuUsage;
  machineBusy: number;
  machineTotal: number;
}

/** Cores used over an interval: by each watched process, by the benchmark itself (the load generator), by the machine. */
export interface CpuUsage {
  /** Per watched process, in the order given. */
  processes: number[];
  benchmark: number;
  machine: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const values = cpu.trim().split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((s, v) => s + v, 0);
    const idle = values[3] + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

/** Starts measuring; the returned function gives the cores used since. */
export function measureCpu(pids: number[]): () => CpuUsage {
  const snap = (): CpuSnapshot => {
    const m = machineTicks();
    return {
      at: process.hrtime.bigint(),
      processTicks: pids.map(processTicks),
      self: process.cpuUsage(),
      machineBusy: m.busy,
      machineTotal: m.total,
    };
  };
  const start = snap();
  return () => {
    const end = snap();
    const seconds = Number(end.at - start.at) / 1e9;
    const cores = os.cpus().length;
    return {
      processes: pids.map((_, i) => (end.processTicks[i] - start.processTicks[i]) / TICKS_PER_SECOND / seconds),
      benchmark: (end.self.user - start.self.user + end.self.system - start.self.system) / 1e6 / seconds,
      machine: ((end.machineBusy - start.machineBusy) / (end.machineTotal - start.machineTotal)) * cores,
    };
  };
}

/**
 * CPU seconds used since the call by every process of each command name (`/proc/<pid>/comm`: "postgres" counts every
 * backend and PostgreSQL's own helpers, "redis-server" Redis). A process that exits in between is not counted.
 */
export function measureCommandCpu(commands: readonly string[]): () => Record<string, number> {
  const snap = (): Map<string, Map<number, number>> => {
    const byCommand = new Map(commands.map((command) => [command, new Map<number, number>()]));
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let command: string;
      try {
        command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      } catch {
        continue;
      }
      const pids = byCommand.get(command);
      if (pids) pids.set(Number(entry), processTicks(Number(entry)));
    }
    return byCommand;
  };
  const start = snap();
  return () => {
    const end = snap();
    const seconds: Record<string, number> = {};
    for (const command of commands) {
      let ticks = 0;
      for (const [pid, now] of end.get(command)!) {
        const before = start.get(command)!.get(pid) ?? 0;
        if (Number.isFinite(now) && Number.isFinite(before)) ticks += now - before;
      }
      seconds[command] = ticks / TICKS_PER_SECOND;
    }
    return seconds;
  };
}

/** Deletes every key of a BullMQ prefix: a benchmark's queues start empty, like its database. */
export async function flushQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
