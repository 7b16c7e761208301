import { JobsOptions, Queue } from 'bullmq';
import type { ClaimedOutboxRow } from '@hireloop/core/outbox/outbox-relay.repository';
import {
  ALL_QUEUES,
  DEFAULT_JOB_OPTIONS,
  JobName,
  MAX_APPLICATIONS_PER_AGGREGATION_JOB,
  QueueName,
  redisConnectionFromUrl,
  withJobContext,
} from '@hireloop/queue';

/** Per-queue overrides of DEFAULT_JOB_OPTIONS (e.g. the webhook schedule). */
export type QueueJobOverrides = Partial<Record<string, Partial<JobsOptions>>>;

/**
 * BullMQ options of an outbox message. A dedupe key becomes a BullMQ *deduplication* id with `keepLastIfActive`
 * rather than a fixed job id: a fixed id makes BullMQ ignore adds while a job with that id exists, including one
 * that is running (the newest submission would be lost) or completed and retained. With deduplication there is at
 * most one waiting and one running job per key, and an add during a run schedules exactly one follow-up run.
 */
export function jobOptionsFor(row: Pick<ClaimedOutboxRow, 'dedupeKey'>): JobsOptions {
  return row.dedupeKey ? { deduplication: { id: row.dedupeKey, keepLastIfActive: true } } : {};
}

/**
 * Producer side of the relay: its own BullMQ queues whose Redis connection fails fast when Redis is down
 * (no offline queue), so an outage surfaces as an error the relay can back off from instead of a hanging add.
 */
export class OutboxPublisher {
  private readonly queues = new Map<string, Queue>();

  constructor(
    redisUrl: string,
    prefix: string,
    overrides: QueueJobOverrides = {},
    private readonly options: { coalesceAggregations: boolean } = { coalesceAggregations: true },
  ) {
    const connection = { ...redisConnectionFromUrl(redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, { connection, prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...overrides[name] } });
      // Connection errors are reported through failed adds; without a listener BullMQ would print each one.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
  }

  knows(queue: string): queue is QueueName {
    return this.queues.has(queue);
  }

  /**
   * Adds a claimed batch to its queues: one bulk add (one pipelined round trip to Redis) per queue instead of one add
   * per row. One result per row, in the batch's order: a queue's rows fail together (unknown queue, Redis error) and
   * stay in the outbox; the other queues' rows are published.
   */
  async publishMany(rows: readonly ClaimedOutboxRow[]): Promise<PromiseSettledResult<void>[]> {
    const results: PromiseSettledResult<void>[] = new Array(rows.length);
    const settle = (indexes: number[], result: PromiseSettledResult<void>) => indexes.forEach((i) => (results[i] = result));
    await Promise.all(
      [...indexesByQueue(rows)].map(async ([name, indexes]) => {
        const queue = this.queues.get(name);
        if (!queue) return settle(indexes, { status: 'rejected', reason: new Error(`unknown queue ${name}`) });
        try {
          await queue.addBulk(jobsOf(rows, indexes, this.options).map((planned) => planned.job));
          settle(indexes, { status: 'fulfilled', value: undefined });
        } catch (reason) {
          settle(indexes, { status: 'rejected', reason });
        }
      }),
    );
    return results;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }
}

/** The positions of a batch's rows per queue, queues in first-seen order and rows in batch order within each. */
export function indexesByQueue(rows: readonly Pick<ClaimedOutboxRow, 'queue'>[]): Map<string, number[]> {
  const byQueue = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const indexes = byQueue.get(row.queue);
    if (indexes) indexes.push(i);
    else byQueue.set(row.queue, [i]);
  });
  return byQueue;
}

type BulkJob = { name: string; data: Record<string, unknown>; opts: JobsOptions };

/**
 * The jobs of one queue's rows of a claimed batch, each with the rows it carries out. One job per row, except the
 * `aggregate-panel` requests of one organization naming two or more applications: those become `aggregate-panels`
 * jobs of up to MAX_APPLICATIONS_PER_AGGREGATION_JOB applications each (a burst costs BullMQ and Redis a few jobs, not
 * one per application; the worker computes them in batches either way). Such a job is not de-duplicated: a second
 * run over the same state stores nothing (under a backlog an application written to again may run once more than
 * with de-duplicated jobs). Requests marked `deduplicated` (the job sweep's) always get a job of their own. Its
 * context keeps the oldest request's time (report freshness) and links the writing requests' traces.
 */
export function jobsOf(
  rows: readonly ClaimedOutboxRow[],
  indexes: readonly number[],
  options: { coalesceAggregations: boolean } = { coalesceAggregations: true },
): { job: BulkJob; indexes: number[] }[] {
  const planned: { job: BulkJob; indexes: number[] }[] = [];
  const aggregationsByOrganization = new Map<string, Map<string, number[]>>();
  for (const i of indexes) {
    const applicationRef = options.coalesceAggregations ? aggregationRef(rows[i]) : null;
    if (!applicationRef) {
      planned.push({ job: jobOf(rows[i]), indexes: [i] });
      continue;
    }
    const applications = aggregationsByOrganization.get(applicationRef.organizationId) ?? new Map<string, number[]>();
    aggregationsByOrganization.set(applicationRef.organizationId, applications);
    applications.set(applicationRef.applicationId, [...(applications.get(applicationRef.applicationId) ?? []), i]);
  }
  for (const [organizationId, applications] of aggregationsByOrganization) {
    if (applications.size === 1) {
      for (const rowIndexes of applications.values()) for (const i of rowIndexes) planned.push({ job: jobOf(rows[i]), indexes: [i] });
      continue;
    }
    const applicationIds = [...applications.keys()];
    for (let start = 0; start < applicationIds.length; start += MAX_APPLICATIONS_PER_AGGREGATION_JOB) {
      const chunk = applicationIds.slice(start, start + MAX_APPLICATIONS_PER_AGGREGATION_JOB);
      const chunkIndexes = chunk.flatMap((applicationId) => applications.get(applicationId)!);
      const createdAt = chunkIndexes.map((i) => rows[i].createdAt).filter((at): at is Date | string => Boolean(at));
      const oldest = createdAt.length ? new Date(Math.min(...createdAt.map((at) => new Date(at).getTime()))).toISOString() : undefined;
      // At most OpenTelemetry's default span link limit (128): more would be dropped by the SDK anyway.
      const links = [...new Set(chunkIndexes.map((i) => rows[i].traceContext).filter((tp): tp is string => Boolean(tp)))].slice(0, MAX_TRACE_LINKS);
      planned.push({
        job: {
          name: JobName.AggregatePanels,
          data: withJobContext({ organizationId, applicationIds: chunk }, { outboxCreatedAt: oldest, links: links.length ? links : undefined }),
          opts: {},
        },
        indexes: chunkIndexes,
      });
    }
  }
  return planned;
}

const MAX_TRACE_LINKS = 128;

/** The application of an `aggregate-panel` row that may share a job; null for any other row. */
function aggregationRef(row: ClaimedOutboxRow): { organizationId: string; applicationId: string } | null {
  if (row.queue !== QueueName.PanelAggregation || row.jobName !== JobName.AggregatePanel) return null;
  const { organizationId, applicationId, deduplicated } = row.payload as {
    organizationId?: unknown;
    applicationId?: unknown;
    deduplicated?: unknown;
  };
  // The job sweep's requests keep BullMQ's de-duplication: while a backlog holds an application's job, asking again
  // must not add another run.
  if (deduplicated === true) return null;
  return typeof organizationId === 'string' && typeof applicationId === 'string' ? { organizationId, applicationId } : null;
}

function jobOf(row: ClaimedOutboxRow): BulkJob {
  const outboxCreatedAt = row.createdAt ? new Date(row.createdAt).toISOString() : undefined;
  return {
    name: row.jobName,
    data: withJobContext(row.payload, { outboxCreatedAt, traceparent: row.traceContext ?? undefined }),
    opts: jobOptionsFor(row),
  };
}
