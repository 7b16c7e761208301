import { Injectable } from '@nestjs/common';
import { RetentionRepository } from './retention.repository';

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
  sessions: number;
}

/** Rows deleted per statement: short transactions, so a purge never holds long locks on hot tables. */
const BATCH_SIZE = 5_000;

/**
 * Deletes what only served a transient purpose: expired idempotency keys, long-published outbox rows and the ids
 * of signed-out tokens and the records of sessions whose tokens have expired. Never touches unpublished outbox rows (they are work still to do) nor
 * anything a report or an audit depends on.
 */
@Injectable()
export class RetentionService {
  constructor(private readonly retention: RetentionRepository) {}

  async purgeExpired(policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionResult> {
    const keysBefore = new Date(now.getTime() - policy.idempotencyKeyTtlHours * 3_600_000);
    const outboxBefore = new Date(now.getTime() - policy.publishedOutboxRetentionDays * 86_400_000);
    const idempotencyKeys = await this.inBatches((limit) => this.retention.deleteIdempotencyKeysCreatedBefore(keysBefore, limit));
    const outboxMessages = await this.inBatches((limit) => this.retention.deleteOutboxMessagesPublishedBefore(outboxBefore, limit));
    // A signed-out token past its expiry is refused by its signature anyway.
    const revokedAccessTokens = await this.inBatches((limit) => this.retention.deleteRevokedAccessTokensExpiredBefore(now, limit));
    const sessions = await this.inBatches((limit) => this.retention.deleteSessionsExpiredBefore(now, limit));
    return { idempotencyKeys, outboxMessages, revokedAccessTokens, sessions };
  }

  private async inBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch(BATCH_SIZE);
      total += deleted;
      if (deleted < BATCH_SIZE) return total;
    }
  }
}
