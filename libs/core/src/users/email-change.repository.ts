import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updatedRows } from '../email';

/** `email_change_tokens` (each stored as its token's SHA-256) and the address each would set. */
@Injectable()
export class EmailChangeRepository {
  /** Every open link of the account stops working (a newer request replaces them; a confirmed change spends them). */
  async spendOpenTokens(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE email_change_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }

  /** Returns the new token's id. */
  async insertToken(manager: EntityManager, change: { userId: string; newEmail: string; tokenHash: string; expiresAt: Date }): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO email_change_tokens (user_id, new_email, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [change.userId, change.newEmail, change.tokenHash, change.expiresAt],
    );
    return id;
  }

  /** Marks the token used if it is unused and unexpired; its account and address, or null when it was not. */
  async spendToken(manager: EntityManager, tokenHash: string): Promise<{ userId: string; newEmail: string } | null> {
    const [row] = updatedRows<{ user_id: string; new_email: string }>(
      await manager.query(
        `UPDATE email_change_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id, new_email`,
        [tokenHash],
      ),
    );
    return row ? { userId: row.user_id, newEmail: row.new_email } : null;
  }

  /** Whether another account signs in with this address. */
  async addressTaken(manager: EntityManager, email: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM users WHERE email = $1 AND id <> $2`, [email, userId]);
    return rows.length > 0;
  }
}
