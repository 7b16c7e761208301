import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The retention purge's deletes: each removes at most `limit` rows in its own short statement and returns how many
 * it removed (RetentionService repeats it until fewer come back).
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  deleteIdempotencyKeysCreatedBefore(before: Date, limit: number): Promise<number> {
    return this.deleted(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE created_at < $1 LIMIT ${limit})`,
      before,
    );
  }

  /** Published rows only: unpublished ones are work still to do. */
  deleteOutboxMessagesPublishedBefore(before: Date, limit: number): Promise<number> {
    return this.deleted(
      `DELETE FROM outbox_messages WHERE id IN (
         SELECT id FROM outbox_messages WHERE published_at IS NOT NULL AND published_at < $1 ORDER BY id LIMIT ${limit})`,
      before,
    );
  }

  deleteRevokedAccessTokensExpiredBefore(before: Date, limit: number): Promise<number> {
    return this.deleted(
      `DELETE FROM revoked_access_tokens WHERE jti IN (SELECT jti FROM revoked_access_tokens WHERE expires_at < $1 LIMIT ${limit})`,
      before,
    );
  }

  /** A session's record (its client and address) once its token has expired: it can no longer be used or ended. */
  deleteSessionsExpiredBefore(before: Date, limit: number): Promise<number> {
    return this.deleted(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < $1 LIMIT ${limit})`, before);
  }

  private async deleted(sql: string, before: Date): Promise<number> {
    const [, deleted] = (await this.dataSource.query(sql, [before])) as [unknown, number];
    return deleted;
  }
}
