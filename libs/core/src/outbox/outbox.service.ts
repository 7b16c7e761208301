import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentTraceparent } from '../observability/tracing-context';
import { OutboxRepository } from './outbox.repository';

/** `OutboxService.enqueue` notifies it in the writing transaction, `OutboxWakeup` after a commit. */
export { OUTBOX_CHANNEL } from './outbox.repository';

export interface OutboxMessage {
  organizationId: string | null;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  dedupeKey?: string;
}

/** One outbox_messages row's values (see OutboxService.row). */
export interface OutboxRow {
  organizationId: string | null;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  traceContext: string | null;
}

/**
 * Announces work for the worker. Always called with the transaction that makes the change, so a change is never
 * committed without its job, and a job never refers to an uncommitted change.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly messages: OutboxRepository = new OutboxRepository()) {}

  async enqueue(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await this.messages.insert(manager, this.row(message));
    // Wakes the relay at once instead of at its next poll; delivered only if the transaction commits.
    await this.messages.notify(manager, message.queue);
  }

  /** The row of a message, for a caller that inserts it with its own statement; call `OutboxWakeup.wake` after its commit. */
  row(message: OutboxMessage): OutboxRow {
    return {
      organizationId: message.organizationId,
      queue: message.queue,
      jobName: message.jobName,
      payload: message.payload,
      dedupeKey: message.dedupeKey ?? null,
      // The request's trace continues in the job the relay makes of this row.
      traceContext: currentTraceparent() ?? null,
    };
  }
}

/** NOTIFY after commit, for rows inserted by `OutboxService.row` callers. */
@Injectable()
export class OutboxWakeup {
  private readonly logger = new Logger(OutboxWakeup.name);
  /** Queues with a wake-up NOTIFY in flight → whether another must follow it. */
  private readonly waking = new Map<string, boolean>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messages: OutboxRepository = new OutboxRepository(),
  ) {}

  /**
   * Wakes the relay for rows committed without a NOTIFY in their transaction. PostgreSQL serialises the commits of
   * notifying transactions (one lock on the notification queue, held through each commit), which more than halved the
   * rate of the smallest submission transaction; so the hot writes notify after their commit instead, coalesced:
   * at most one NOTIFY per queue in flight, and one more after it when rows committed meanwhile. Every row is thus
   * followed by a NOTIFY sent after its commit (the relay reads every unpublished row when woken); if one is lost (the
   * process dies in between, the statement fails) the relay's poll (OUTBOX_POLL_INTERVAL_MS) picks the row up.
   */
  wake(queue: string): void {
    if (this.waking.has(queue)) {
      this.waking.set(queue, true);
      return;
    }
    this.waking.set(queue, false);
    void this.notify(queue);
  }

  private async notify(queue: string): Promise<void> {
    for (;;) {
      try {
        // In the writer's own scope: on a pooled connection already serving it, no set_config goes first.
        await this.messages.notify(this.dataSource, queue);
      } catch (error) {
        this.logger.warn(`outbox wake-up failed (the relay's poll will pick the rows up): ${(error as Error).message}`);
      }
      if (!this.waking.get(queue)) break;
      this.waking.set(queue, false);
    }
    this.waking.delete(queue);
  }
}
