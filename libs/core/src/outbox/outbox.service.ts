import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { currentTraceparent } from '../observability/tracing-context';
import { OutboxMessageEntity } from './outbox-message.entity';

export interface OutboxMessage {
  organizationId: string | null;
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  dedupeKey?: string;
}

/**
 * Announces work for the worker. Always called with the transaction that makes the change, so a change is never
 * committed without its job, and a job never refers to an uncommitted change.
 */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, message: OutboxMessage): Promise<void> {
    await manager.insert(OutboxMessageEntity, {
      organizationId: message.organizationId,
      queue: message.queue,
      jobName: message.jobName,
      payload: message.payload as never,
      dedupeKey: message.dedupeKey ?? null,
      // The request's trace continues in the job the relay makes of this row.
      traceContext: currentTraceparent() ?? null,
    });
    // Wakes the relay at once instead of at its next poll; delivered only if the transaction commits.
    await manager.query(`SELECT pg_notify('outbox', $1)`, [message.queue]);
  }
}
