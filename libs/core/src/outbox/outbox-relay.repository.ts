import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OutboxRow } from '../../../../apps/worker/src/outbox-relay/outbox-publisher';

/** The relay's view of `outbox_messages`. Every method runs in the relay's claiming transaction. */
@Injectable()
export class OutboxRelayRepository {
  /**
   * Claims the oldest unpublished messages for known queues. Rows claimed by another relay (another worker
   * process) are skipped, not waited for, so relays never publish the same row twice at the same time.
   */
  claim(manager: EntityManager, queues: string[], limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT id::text AS id, queue, job_name AS "jobName", payload, dedupe_key AS "dedupeKey", created_at AS "createdAt", trace_context AS "traceContext"
         FROM outbox_messages
        WHERE published_at IS NULL AND queue = ANY($1::text[])
        ORDER BY id
        LIMIT $2
          FOR UPDATE SKIP LOCKED`,
      [queues, limit],
    );
  }

  async markPublished(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE outbox_messages SET published_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Left unpublished: the next pass tries again. */
  async markFailed(manager: EntityManager, ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, error.slice(0, 1000)]);
  }
}
