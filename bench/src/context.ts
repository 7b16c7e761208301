import os from 'node:os';
import type { Pool } from 'pg';
import type { ApiClient } from './http';
import type { HttpLoadOptions, LoadResult } from './load';
import type { CpuUsage } from './processes';
import type { Scene } from './scene';
import type { BenchSettings } from './settings';
import type { TableRow } from './table';

/** What every figure gets: settings, an API client, a small pool for seeding and polling, and the scene (if made). */
export interface BenchContext {
  settings: BenchSettings;
  api: ApiClient;
  /** Seeding and polling; the plain-pg ceiling has its own pool. */
  pool: Pool;
  scene?: Scene;
  /** GET /health load runs by client count: the framework's ceiling, reused by later figures. */
  healthRuns: Map<number, LoadResult>;
  /** Set by the submission figure: its load runs, for the several-processes figure (same scene, same queue). */
  submissionRunners?: {
    api: (clients: number, seconds: number, baseUrl?: string) => Promise<LoadResult>;
    minimal: (clients: number, seconds: number) => Promise<LoadResult>;
    ensure: () => Promise<void>;
  };
  /** Set by the debrief figure: its reads at 64 clients as load options against a base URL (for figure 7). */
  reads?: (baseUrl: string) => readonly { readonly what: 'debrief' | 'kit' | 'mine'; readonly options: ReadLoadOptions }[];
  /** The running API and worker processes (for CPU accounting). */
  apiPid?: number;
  workerPid?: number;
  /** Further worker processes sharing the queues (BENCH_AGGREGATION_WORKERS, figure 3 only). */
  extraWorkerPids?: number[];
  /** buildReport reports/s in one process (the aggregation's compute ceiling), when measured. */
  buildReportRate?: number;
}

/** An httpLoad's options without its connections and duration. */
export type ReadLoadOptions = Omit<HttpLoadOptions, 'connections' | 'durationSeconds'>;

/** A figure's outcome: raw numbers for latest.json and the rows of the table. */
export interface FigureResult<T = unknown> {
  raw: T;
  rows: TableRow[];
}

/** "API 0.97 cores, load generator 0.41, machine 1.95 of 2" */
export function cpuLine(usage: CpuUsage, names: string[]): string {
  const parts = usage.processes.map((cores, i) => `${names[i]} ${cores.toFixed(2)}`);
  return `cores used: ${[...parts, `load generator ${usage.benchmark.toFixed(2)}`, `machine ${usage.machine.toFixed(2)} of ${os.cpus().length}`].join(', ')}`;
}

/** Logs a progress line with the time since the benchmark started (stderr, so stdout stays the table). */
const started = Date.now();
export function log(message: string): void {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}
