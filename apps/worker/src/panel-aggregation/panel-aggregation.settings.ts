import { hostname } from 'node:os';
import type { WorkerOptions } from 'bullmq';
import { EnvironmentVariables, validateEnvironment } from '@hireloop/config';

/**
 * Worker options of the panel-aggregation queue, from the validated environment (libs/config:
 * PANEL_AGGREGATION_CONCURRENCY, AGGREGATION_BATCH_SIZE, AGGREGATION_BATCH_PARALLELISM, WORKER_LOCK_DURATION_MS,
 * WORKER_STALLED_INTERVAL_MS, AGGREGATION_TEST_DELAY_MS). Read when the processor class loads: the @Processor
 * decorator needs them before Nest's injector exists.
 */
const bootEnvironment = (): EnvironmentVariables => validateEnvironment(process.env as Record<string, unknown>);

export function panelAggregationWorkerOptions(env: EnvironmentVariables = bootEnvironment()): Omit<WorkerOptions, 'connection'> {
  return {
    // Stored on every job it processes (job.processedBy): which worker process did what.
    name: `${hostname()}:${process.pid}`,
    concurrency: env.PANEL_AGGREGATION_CONCURRENCY,
    lockDuration: env.WORKER_LOCK_DURATION_MS,
    stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
    // A job whose worker died twice is still retried instead of failing for good.
    maxStalledCount: 2,
  };
}

/** The test delay is honoured only under NODE_ENV=test. */
export function aggregationTestDelayMs(env: EnvironmentVariables = bootEnvironment()): number {
  return env.NODE_ENV === 'test' ? env.AGGREGATION_TEST_DELAY_MS : 0;
}

export function aggregationBatchOptions(env: EnvironmentVariables = bootEnvironment()): { maxBatchSize: number; parallel: number } {
  return { maxBatchSize: env.AGGREGATION_BATCH_SIZE, parallel: env.AGGREGATION_BATCH_PARALLELISM };
}
