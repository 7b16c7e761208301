import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { OutboxRow } from './outbox.service';

/**
 * The PostgreSQL notification channel of the outbox: writers notify it (in their transaction or after its commit),
 * and the worker's relay LISTENs on it.
 */
export const OUTBOX_CHANNEL = 'outbox';

/**
 * `outbox_messages` as the writers use it (the relay's side: OutboxRelayRepository). Holds no connection: every method
 * takes the caller's transaction or data source, so `new OutboxService()` outside Nest works as well.
 */
@Injectable()
export class OutboxRepository {
  async insert(manager: EntityManager, row: OutboxRow): Promise<void> {
    await manager.insert(OutboxMessageEntity, row as never);
  }

  /** Wakes the relay for `queue`; inside a transaction, delivered only if it commits. */
  async notify(connection: Pick<EntityManager, 'query'>, queue: string): Promise<void> {
    await connection.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', $1)`, [queue]);
  }
}
