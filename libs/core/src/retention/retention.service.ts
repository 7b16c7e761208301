import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RetentionPolicy {
  /** Idempotency keys are remembered at least this long; a retry after that is treated as a new request. */
  idempotencyKeyTtlHours: number;
  /** Outbox rows are kept this long after they were published (for tracing a job back to its write). */
  publishedOutboxRetentionDays: number;
}

export interface RetentionResult {
  idempotencyKeys: number;
  outboxMessages: number;
  revokedAccessTokens: number;
}

/** Rows deleted per statement: short transactions, so a purge never holds long locks on hot tables. */
const BATCH_SIZE = 5_000;

/**
 * Deletes what only served a transient purpose: expired idempotency keys, long-published outbox rows and the ids
 * of signed-out tokens that have expired. Never touches unpublished outbox rows (they are work still to do) nor
 * anything a report or an audit depends on.
 */
@Injectable()
export class RetentionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async purgeExpired(policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionResult> {
    const keysBefore = new Date(now.getTime() - policy.idempotencyKeyTtlHours * 3_600_000);
    const outboxBefore = new Date(now.getTime() - policy.publishedOutboxRetentionDays * 86_400_000);
    const idempotencyKeys = await this.deleteInBatches(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE created_at < $1 LIMIT ${BATCH_SIZE})`,
      keysBefore,
    );
    const outboxMessages = await this.deleteInBatches(
      `DELETE FROM outbox_messages WHERE id IN (
         SELECT id FROM outbox_messages WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY id LIMIT ${BATCH_SIZE})`,
      outboxBefore,
    );
    // A signed-out token past its expiry is refused by its signature anyway.
    const revokedAccessTokens = await this.deleteInBatches(
      `DELETE FROM revoked_access_tokens WHERE jti IN (SELECT jti FROM revoked_access_tokens WHERE expires_at < $1 LIMIT ${BATCH_SIZE})`,
      now,
    );
    return { idempotencyKeys, outboxMessages, revokedAccessTokens };
  }

  private async deleteInBatches(sql: string, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(sql, [before])) as [unknown, number];
      total += deleted;
      if (deleted < BATCH_SIZE) return total;
    }
  }
}
