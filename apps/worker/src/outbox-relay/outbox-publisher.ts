import { JobsOptions, Queue } from 'bullmq';
import type { ClaimedOutboxRow } from '@hireloop/core/outbox/outbox-relay.repository';
import { ALL_QUEUES, DEFAULT_JOB_OPTIONS, QueueName, redisConnectionFromUrl, withJobContext } from '@hireloop/queue';

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

  constructor(redisUrl: string, prefix: string, overrides: QueueJobOverrides = {}) {
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
          await queue.addBulk(indexes.map((i) => jobOf(rows[i])));
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

function jobOf(row: ClaimedOutboxRow): { name: string; data: Record<string, unknown>; opts: JobsOptions } {
  const outboxCreatedAt = row.createdAt ? new Date(row.createdAt).toISOString() : undefined;
  return {
    name: row.jobName,
    data: withJobContext(row.payload, { outboxCreatedAt, traceparent: row.traceContext ?? undefined }),
    opts: jobOptionsFor(row),
  };
}
