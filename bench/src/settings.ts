import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Benchmark settings, from the environment (see bench/README.md). Defaults keep the benchmark away from the
 * development database, queues and port: database `hireloop_bench`, queue prefix `hireloop-bench`, port 3200.
 */
export interface BenchSettings {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port: number;
  /** Root of the compiled tree (holds apps/, libs/, bench/). */
  distRoot: string;
  /** Where latest.json and the process logs go. */
  resultsDir: string;
  /** Seconds of each load run (submission, ceilings, debrief). */
  durationSeconds: number;
  /** Seconds of the unmeasured warm-up before each load run. */
  warmupSeconds: number;
  /** Client counts of the submission figure. */
  submissionClients: number[];
  /** Panels of the freshness figure, and how many are in flight at once. */
  freshnessPanels: number;
  freshnessInFlight: number;
  /** Application counts of the aggregation figure. */
  aggregationSizes: number[];
  /** Worker processes sharing the aggregation queue during figure 3 (the other figures run one). */
  aggregationWorkers: number;
  /** Ratings of the calibration figure (5 raters × 8 dimensions per application). */
  calibrationRatings: number;
  /** Figures to run (default all): submission, freshness, debrief, aggregation, calibration, build-report. */
  only: Set<string> | null;
  /** Hard limit of the whole run. */
  deadlineSeconds: number;
}

export const ALL_FIGURES = [
  'build-report',
  'submission',
  'processes',
  'freshness',
  'debrief',
  'read-processes',
  'aggregation',
  'calibration',
  'rls',
] as const;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

function intList(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((part) => int({ [name]: part.trim() }, name, 0));
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  // dist/bench/src/settings.js → dist/
  const distRoot = path.resolve(__dirname, '..', '..');
  const repoRoot = findRepoRoot(distRoot);
  const only = env.BENCH_ONLY?.trim() ? new Set(env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
  for (const name of only ?? []) {
    if (!(ALL_FIGURES as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown figure ${name} (known: ${ALL_FIGURES.join(', ')})`);
  }
  // Never DATABASE_URL: the benchmark drops the schema of its database, so it only takes one named for it.
  const databaseUrl = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/hireloop_bench';
  const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!databaseName.includes('bench')) {
    throw new Error(`BENCH_DATABASE_URL names the database "${databaseName}"; the benchmark empties its database, so the name must contain "bench"`);
  }
  return {
    databaseUrl,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: env.BENCH_QUEUE_PREFIX || 'hireloop-bench',
    port: int(env, 'BENCH_PORT', 3200),
    distRoot,
    resultsDir: env.BENCH_RESULTS_DIR || path.join(repoRoot, 'bench', 'results'),
    durationSeconds: int(env, 'BENCH_DURATION_S', 10),
    warmupSeconds: int(env, 'BENCH_WARMUP_S', 2),
    submissionClients: intList(env, 'BENCH_SUBMISSION_CLIENTS', [16, 64]),
    freshnessPanels: int(env, 'BENCH_FRESHNESS_PANELS', 200),
    freshnessInFlight: int(env, 'BENCH_FRESHNESS_IN_FLIGHT', 8),
    aggregationSizes: intList(env, 'BENCH_AGGREGATION_SIZES', [10_000, 20_000]),
    aggregationWorkers: int(env, 'BENCH_AGGREGATION_WORKERS', 1),
    calibrationRatings: int(env, 'BENCH_CALIBRATION_RATINGS', 1_000_000),
    only,
    deadlineSeconds: int(env, 'BENCH_DEADLINE_S', 1500),
  };
}

/** The nearest ancestor of the compiled tree that holds package.json (dist/ or .run/bench-dist/ → the repository). */
function findRepoRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export function wants(settings: BenchSettings, figure: (typeof ALL_FIGURES)[number]): boolean {
  return settings.only === null || settings.only.has(figure);
}
