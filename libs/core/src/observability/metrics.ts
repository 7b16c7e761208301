import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client), one registry per process. Served by `startMetricsServer` on a
 * port of its own (METRICS_PORT on the API, WORKER_METRICS_PORT on the worker), never on the public port.
 * Names follow Prometheus conventions: base units (seconds), `_total` for counters.
 */
export const metricsRegistry = new Registry();
let defaultsCollected = false;

/** Node.js process metrics (CPU, memory, event-loop lag, GC), once per process. */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'hireloop_' });
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'hireloop_http_request_duration_seconds',
  help: 'HTTP request duration by route pattern (not the raw URL), method and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: DURATION_BUCKETS,
  registers: [metricsRegistry],
});

/** Where the pool gauges read from: set by each process once its TypeORM data source exists. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
let poolSource: (() => PoolStats | undefined) | undefined;
export function setPoolSource(source: () => PoolStats | undefined): void {
  poolSource = source;
}

export const dbPoolConnections = new Gauge({
  name: 'hireloop_db_pool_connections',
  help: 'Database pool connections of this process by state: in_use, idle, waiting (clients queued for one), total',
  labelNames: ['state'] as const,
  registers: [metricsRegistry],
  collect() {
    const stats = poolSource?.();
    if (!stats) return;
    this.set({ state: 'total' }, stats.totalCount);
    this.set({ state: 'idle' }, stats.idleCount);
    this.set({ state: 'in_use' }, stats.totalCount - stats.idleCount);
    this.set({ state: 'waiting' }, stats.waitingCount);
  },
});

export const queueJobs = new Gauge({
  name: 'hireloop_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read from Redis at scrape time',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'hireloop_job_duration_seconds',
  help: 'Job processing time in this worker by queue, job name and outcome (completed, failed)',
  labelNames: ['queue', 'name', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const outboxBacklog = new Gauge({
  name: 'hireloop_outbox_backlog',
  help: 'Outbox rows not yet published to BullMQ',
  registers: [metricsRegistry],
});

export const outboxOldestAge = new Gauge({
  name: 'hireloop_outbox_oldest_age_seconds',
  help: 'Age of the oldest unpublished outbox row (0 when none)',
  registers: [metricsRegistry],
});

export const reportFreshness = new Histogram({
  name: 'hireloop_report_freshness_seconds',
  help: 'From a submission (its outbox row) to the calibration report that includes it being stored',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [metricsRegistry],
});

export const remindersCreated = new Counter({
  name: 'hireloop_reminders_created_total',
  help: 'Feedback-reminder notifications created by reminder scans',
  registers: [metricsRegistry],
});

export const webhookDeliveries = new Counter({
  name: 'hireloop_webhook_delivery_attempts_total',
  help: 'Webhook delivery attempts by outcome: delivered, retrying, failed (no attempts left), skipped',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const emailDeliveries = new Counter({
  name: 'hireloop_email_delivery_attempts_total',
  help: 'Email delivery attempts by outcome: sent, retrying (transient failure, back-off), failed (permanently: 5xx or no attempts left)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const jobSweepRequests = new Counter({
  name: 'hireloop_job_sweep_requests_total',
  help: 'Work the job sweep asked for again because its job was lost or failed for good: report (an application whose report did not follow its feedback), report_algorithm (a report of an older calibration algorithm, recomputed), email (a delivery whose send job was gone)',
  labelNames: ['kind'] as const,
  registers: [metricsRegistry],
});

export const membershipCacheLookups = new Counter({
  name: 'hireloop_membership_cache_lookups_total',
  help: 'Membership checks of authenticated requests by result: hit (answered from memory), miss (read from the database), not_listening (read from the database because changes cannot be heard: LISTEN connection not up)',
  labelNames: ['result'] as const,
  registers: [metricsRegistry],
});

const scrapeHooks = new Set<() => Promise<void>>();

/**
 * Work done at scrape time before the metrics are rendered (e.g. reading queue counts from Redis). A hook that
 * fails or takes over 2 s leaves its gauges at their last values. Returns the removal.
 */
export function addScrapeHook(hook: () => Promise<void>): () => void {
  scrapeHooks.add(hook);
  return () => scrapeHooks.delete(hook);
}

/** The text exposition of every metric of this process. */
export async function renderMetrics(): Promise<string> {
  await Promise.all(
    [...scrapeHooks].map((hook) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
      return Promise.race([hook().catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
    }),
  );
  return metricsRegistry.metrics();
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;
