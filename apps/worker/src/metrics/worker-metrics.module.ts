import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { runAsSystem } from '@hireloop/database';
import {
  addScrapeHook,
  collectProcessMetrics,
  jobDuration,
  outboxBacklog,
  outboxOldestAge,
  PoolStats,
  queueJobs,
  remindersCreated,
  reportFreshness,
  setPoolSource,
  startMetricsServer,
  stopMetricsServer,
  webhookDeliveries,
} from '@hireloop/core/observability';
import { ALL_QUEUES, jobContextOf, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { storedApplicationsOf } from '../panel-aggregation/stored-applications';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** What a finished job adds to the outcome metrics (pure: tested on its own). */
export function jobOutcomeMetrics(
  queue: string,
  job: Pick<Job, 'data' | 'returnvalue' | 'processedOn' | 'finishedOn' | 'attemptsMade' | 'opts'> & Partial<Pick<Job, 'progress'>>,
  outcome: 'completed' | 'failed',
  now = Date.now(),
): { durationSeconds: number; freshnessSeconds?: number; freshnessReports?: number; remindersCreated?: number; webhookOutcome?: string } {
  const finished = job.finishedOn ?? now;
  const result: ReturnType<typeof jobOutcomeMetrics> = { durationSeconds: Math.max(0, finished - (job.processedOn ?? finished)) / 1000 };
  const value = job.returnvalue as Record<string, unknown> | string | undefined;
  if (queue === QueueName.PanelAggregation && outcome === 'completed') {
    const since = Date.parse(jobContextOf(job.data).outboxCreatedAt ?? '');
    const coalesced = Array.isArray((job.data as { applicationIds?: unknown })?.applicationIds);
    if (Number.isFinite(since) && typeof value === 'object' && coalesced) {
      // A relay-coalesced job (several applications): one observation per application whose report it stored (in this
      // attempt or an earlier one, which the retry found current), each timed from the oldest request it carried (so
      // the figure errs on the late side).
      const outcomes = Object.entries((value?.outcomes ?? {}) as Record<string, { versionsCreated?: unknown }>);
      const stored = new Set([
        ...storedApplicationsOf(job.progress),
        ...outcomes.filter(([, o]) => Number(o?.versionsCreated) > 0).map(([id]) => id),
      ]);
      if (stored.size > 0) {
        result.freshnessSeconds = Math.max(0, finished - since) / 1000;
        result.freshnessReports = stored.size;
      }
    } else if (Number.isFinite(since) && typeof value === 'object' && Number(value?.versionsCreated) > 0) {
      result.freshnessSeconds = Math.max(0, finished - since) / 1000;
    }
  }
  if (queue === QueueName.FeedbackReminders && outcome === 'completed' && typeof value === 'object')
    result.remindersCreated = Number(value?.created ?? 0);
  if (queue === QueueName.WebhookDeliveries) {
    if (outcome === 'completed') result.webhookOutcome = value === 'delivered' ? 'delivered' : 'skipped';
    else result.webhookOutcome = job.attemptsMade >= (job.opts.attempts ?? 1) ? 'failed' : 'retrying';
  }
  return result;
}

/**
 * The worker's metrics: job durations and outcomes (listening to every processor's BullMQ worker), queue counts
 * and the outbox backlog read at scrape time, the pool gauges; served with `/health` on WORKER_METRICS_PORT.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private server?: Server;
  private readonly queues: Queue[] = [];
  private readonly removeHooks: (() => void)[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    collectProcessMetrics();
    setPoolSource(() => (this.dataSource.driver as unknown as { master?: PoolStats }).master);
    for (const host of this.discovery.getProviders().map((w) => w.instance as unknown)) {
      if (!(host instanceof WorkerHost) || !host.worker) continue;
      const queue = host.worker.name;
      host.worker.on('completed', (job: Job) => this.record(queue, job, 'completed'));
      host.worker.on('failed', (job: Job | undefined) => job && this.record(queue, job, 'failed'));
    }
    if (this.config.WORKER_METRICS_PORT === 0) return;
    const connection = { ...redisConnectionFromUrl(this.config.REDIS_URL), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, { connection, prefix: this.config.QUEUE_PREFIX });
      queue.on('error', () => undefined);
      this.queues.push(queue);
    }
    this.removeHooks.push(
      addScrapeHook(() => this.readQueues()),
      addScrapeHook(() => this.readOutbox()),
    );
    this.server = await startMetricsServer({ port: this.config.WORKER_METRICS_PORT });
    this.logger.log(`metrics and health on :${this.config.WORKER_METRICS_PORT}`);
  }

  async onModuleDestroy(): Promise<void> {
    for (const remove of this.removeHooks) remove();
    await stopMetricsServer(this.server);
    await Promise.allSettled(this.queues.map((q) => q.close()));
  }

  private record(queue: string, job: Job, outcome: 'completed' | 'failed'): void {
    const m = jobOutcomeMetrics(queue, job, outcome);
    jobDuration.observe({ queue, name: job.name, outcome }, m.durationSeconds);
    if (m.freshnessSeconds !== undefined) for (let i = 0; i < (m.freshnessReports ?? 1); i++) reportFreshness.observe(m.freshnessSeconds);
    if (m.remindersCreated) remindersCreated.inc(m.remindersCreated);
    if (m.webhookOutcome) webhookDeliveries.inc({ outcome: m.webhookOutcome });
  }

  private async readQueues(): Promise<void> {
    await Promise.all(
      this.queues.map(async (queue) => {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  }

  private async readOutbox(): Promise<void> {
    // Across organizations: the worker's audited system scope (row-level security).
    const [row] = await runAsSystem('outbox backlog metric', () =>
      this.dataSource.query(
        `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age
         FROM outbox_messages WHERE published_at IS NULL`,
      ),
    );
    outboxBacklog.set(row.backlog);
    outboxOldestAge.set(row.age);
  }
}

@Module({ imports: [DiscoveryModule], providers: [WorkerMetrics] })
export class WorkerMetricsModule {}
