import { hostname } from 'node:os';
import type { WorkerOptions } from 'bullmq';
import { intSetting } from '../outbox-relay/outbox-relay.settings';

/**
 * Worker options of the panel-aggregation queue, read from the environment when the processor class loads.
 *
 * PANEL_AGGREGATION_CONCURRENCY  jobs taken at once per worker process (default 200); they are computed in batches
 * AGGREGATION_BATCH_SIZE         most applications computed and stored in one transaction (default 100)
 * AGGREGATION_BATCH_PARALLELISM  batches in progress at once per worker process (default 2)
 * WORKER_LOCK_DURATION_MS        job lock; a worker that dies mid-job loses it after this long (default 30000)
 * WORKER_STALLED_INTERVAL_MS     how often workers look for jobs whose lock expired (default 30000)
 * AGGREGATION_TEST_DELAY_MS      NODE_ENV=test only: sleep this long at the start of each job, so tests can kill a
 *                                worker mid-job. Ignored in every other environment.
 */
export function panelAggregationWorkerOptions(env: NodeJS.ProcessEnv = process.env): Omit<WorkerOptions, 'connection'> {
  return {
    // Stored on every job it processes (job.processedBy): which worker process did what.
    name: `${hostname()}:${process.pid}`,
    concurrency: intSetting(env, 'PANEL_AGGREGATION_CONCURRENCY', 200, 1, 1000),
    lockDuration: intSetting(env, 'WORKER_LOCK_DURATION_MS', 30_000, 500, 600_000),
    stalledInterval: intSetting(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 500, 600_000),
    // A job whose worker died twice is still retried instead of failing for good.
    maxStalledCount: 2,
  };
}

export function aggregationTestDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  if (env.NODE_ENV !== 'test') return 0;
  return intSetting(env, 'AGGREGATION_TEST_DELAY_MS', 0, 0, 600_000);
}

export function aggregationBatchOptions(env: NodeJS.ProcessEnv = process.env): { maxBatchSize: number; parallel: number } {
  return {
    maxBatchSize: intSetting(env, 'AGGREGATION_BATCH_SIZE', 100, 1, 1000),
    parallel: intSetting(env, 'AGGREGATION_BATCH_PARALLELISM', 2, 1, 32),
  };
}
