import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { runInOrganization } from '@hireloop/database';
import { updatedRows } from '../email';

/** An account that may reset its password, with how many of its reset links were made in the last hour and are unused. */
export interface ResettableAccount {
  id: string;
  email: string;
  name: string;
  openLinksLastHour: number;
  /** False for an account made by single sign-on (or an invitation not yet accepted). */
  hasPassword: boolean;
}

/** `password_reset_tokens` (each stored as its token's SHA-256) and the password they set. */
@Injectable()
export class PasswordResetRepository {
  /** The account of this address, locked so that concurrent requests count each other's links. */
  async lockAccountByEmail(manager: EntityManager, email: string): Promise<ResettableAccount | null> {
    const [user]: { id: string; email: string; name: string; open: string; hasPassword: boolean }[] = await manager.query(
      `SELECT u.id, u.email, u.name, u.password_hash IS NOT NULL AS "hasPassword",
                (SELECT count(*) FROM password_reset_tokens t WHERE t.user_id = u.id AND t.used_at IS NULL AND t.created_at > now() - interval '1 hour') AS open
           FROM users u WHERE u.email = $1
            FOR UPDATE OF u`,
      [email],
    );
    return user ? { id: user.id, email: user.email, name: user.name, openLinksLastHour: Number(user.open), hasPassword: user.hasPassword } : null;
  }

  /**
   * Whether an account without a password (made by single sign-on) may set one by reset: it is an active member of an
   * organization where single sign-on is not turned on, typically because that organization turned it off or removed
   * it. While every one of its organizations signs in with SSO, the identity provider alone decides who gets in,
   * except for admins, who keep password sign-in and reset there (break-glass: a broken provider must not lock the
   * organization out). The memberships are read in the user's own scope (`enterUser` first), each organization's SSO
   * in its own.
   */
  async mayResetWithoutPassword(manager: EntityManager, userId: string): Promise<boolean> {
    const memberships: { organization_id: string; admin: boolean }[] = await manager.query(
      `SELECT organization_id, 'admin' = ANY(roles) AS admin FROM members WHERE user_id = $1 AND status = 'active' ORDER BY created_at`,
      [userId],
    );
    if (memberships.some((m) => m.admin)) return true;
    for (const { organization_id: organizationId } of memberships) {
      const sso: unknown[] = await runInOrganization(organizationId, () =>
        manager.query(`SELECT 1 FROM organization_sso WHERE organization_id = $1 AND enabled`, [organizationId]),
      );
      if (sso.length === 0) return true;
    }
    return false;
  }

  /** Returns the new token's id. */
  async insertToken(manager: EntityManager, userId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [userId, tokenHash, expiresAt],
    );
    return id;
  }

  /** Marks the token used if it is unused and unexpired; the user it belongs to, or null when it was not. */
  async spendToken(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const rows = updatedRows<{ user_id: string }>(
      await manager.query(
        `UPDATE password_reset_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [tokenHash],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  /** Every other open token of the user stops working. */
  async spendOpenTokens(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
}
