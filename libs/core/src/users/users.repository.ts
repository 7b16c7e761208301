import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updatedRows } from '../email/email-deliveries.repository';

/** A new account's values; `passwordHash` null: no password yet (an invitation, a single sign-on). */
export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string | null;
}

/** `users`: accounts across organizations, one per e-mail address. The one place an account is created. */
@Injectable()
export class UsersRepository {
  /**
   * The account of this address, created with these values when there is none; an existing account keeps its name
   * and password. `created` tells which, so that a caller can treat a known address differently (signup).
   */
  async findOrCreate(manager: EntityManager, account: NewAccount): Promise<{ id: string; name: string; created: boolean }> {
    const [inserted]: { id: string; name: string }[] = await manager.query(
      `INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING id, name`,
      [account.email, account.name, account.passwordHash],
    );
    if (inserted) return { ...inserted, created: true };
    const [existing]: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM users WHERE email = $1`, [account.email]);
    return { ...existing, created: false };
  }

  /**
   * Drops the password of an account that was never active in any organization: such a password was set by a sign-up
   * whose verification link was never used, and anyone can start a sign-up with any address. Called once the address
   * is proven another way (single sign-on), so that whoever started that sign-up cannot then sign in as the owner.
   * Returns whether a password was dropped. Reads the user's memberships in every organization: the caller's scope
   * must include the user (`enterUser`).
   */
  async dropUnprovenPassword(manager: EntityManager, userId: string): Promise<boolean> {
    const dropped = await manager.query(
      `UPDATE users u SET password_hash = NULL, updated_at = now()
        WHERE u.id = $1 AND u.password_hash IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM members m WHERE m.user_id = u.id AND m.status <> 'invited')
        RETURNING u.id`,
      [userId],
    );
    return updatedRows(dropped).length > 0;
  }

  /** The account, locked until the transaction ends (the caller changes it next); `passwordHash` null: no password yet. */
  async lockAccount(manager: EntityManager, userId: string): Promise<{ email: string; name: string; passwordHash: string | null } | null> {
    const [row]: { email: string; name: string; passwordHash: string | null }[] = await manager.query(
      `SELECT email, name, password_hash AS "passwordHash" FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    return row ?? null;
  }

  /**
   * The new password; every session of the account issued before `sessionsValidAfter` ends. That moment is read from
   * the API's clock, not PostgreSQL's, because tokens carry their issue time from the API's clock: with the two apart,
   * a database clock ahead would refuse the tokens of a sign-in right after the change.
   */
  async setPassword(manager: EntityManager, userId: string, passwordHash: string, sessionsValidAfter: Date): Promise<void> {
    await manager.query(`UPDATE users SET password_hash = $2, sessions_valid_after = $3, updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
      sessionsValidAfter,
    ]);
  }

  /** Every session of the account issued before `sessionsValidAfter` (the API's clock, as for `setPassword`) ends. */
  async endSessions(manager: EntityManager, userId: string, sessionsValidAfter: Date): Promise<void> {
    await manager.query(`UPDATE users SET sessions_valid_after = $2, updated_at = now() WHERE id = $1`, [userId, sessionsValidAfter]);
  }

  /** The account's sign-in address (lower-cased, as stored); the unique index refuses one another account has. */
  async setEmail(manager: EntityManager, userId: string, email: string): Promise<void> {
    await manager.query(`UPDATE users SET email = $2, updated_at = now() WHERE id = $1`, [userId, email]);
  }

  async rename(manager: EntityManager, userId: string, name: string): Promise<void> {
    await manager.query(`UPDATE users SET name = $2, updated_at = now() WHERE id = $1`, [userId, name]);
  }
}
