import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A session as its owner sees it: where and when it was opened, and in which organization. */
export interface SessionRow {
  id: string;
  organizationId: string;
  createdAt: Date;
  /** When it was last used (its sign-in counts), to within SESSION_ACTIVITY_SECONDS. */
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
}

/** `sessions` (one row per issued access token) and `revoked_access_tokens` (the tokens signed out before they expire). */
@Injectable()
export class SessionsRepository {
  async insert(
    manager: EntityManager,
    session: { id: string; userId: string; memberId: string; createdAt: Date; expiresAt: Date; userAgent: string | null; ipAddress: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (id, user_id, member_id, created_at, expires_at, user_agent, ip_address) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [session.id, session.userId, session.memberId, session.createdAt, session.expiresAt, session.userAgent, session.ipAddress],
    );
  }

  /**
   * The account's sessions the membership check would still let in, newest first: unexpired, not signed out, issued
   * after the account's and the membership's sessions were last ended, in an active membership. Reads the user's own
   * memberships: the caller's scope must include the user.
   */
  async listLive(manager: EntityManager, userId: string): Promise<SessionRow[]> {
    return manager.query(
      `SELECT s.id, m.organization_id AS "organizationId", s.created_at AS "createdAt",
              GREATEST(s.created_at, s.last_used_at) AS "lastUsedAt", s.expires_at AS "expiresAt",
              s.user_agent AS "userAgent", s.ip_address AS "ipAddress"
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN members m ON m.id = s.member_id AND m.user_id = s.user_id AND m.status = 'active'
        WHERE s.user_id = $1 AND s.expires_at > now()
          AND (u.sessions_valid_after IS NULL OR u.sessions_valid_after <= s.created_at)
          AND (m.sessions_valid_after IS NULL OR m.sessions_valid_after <= s.created_at)
          AND NOT EXISTS (SELECT 1 FROM revoked_access_tokens r WHERE r.jti = s.id)
        ORDER BY s.created_at DESC, s.id
        LIMIT 200`,
      [userId],
    );
  }

  /** The session was used now, unless its last use (or its sign-in) is more recent than `staleAfterSeconds`. */
  async recordUse(manager: EntityManager, sessionId: string, staleAfterSeconds: number): Promise<void> {
    await manager.query(
      `UPDATE sessions SET last_used_at = now()
        WHERE id = $1 AND GREATEST(created_at, last_used_at) <= now() - make_interval(secs => $2)`,
      [sessionId, staleAfterSeconds],
    );
  }

  /** The session, if it is the account's and has not expired. */
  async findOwn(manager: EntityManager, userId: string, sessionId: string): Promise<{ expiresAt: Date } | null> {
    const [row]: { expiresAt: Date }[] = await manager.query(
      `SELECT expires_at AS "expiresAt" FROM sessions WHERE id = $1 AND user_id = $2 AND expires_at > now()`,
      [sessionId, userId],
    );
    return row ?? null;
  }

  /** The token is refused from now on (until it would have expired: the retention purge removes the row after that). */
  async revoke(manager: EntityManager, tokenId: string, expiresAt: Date): Promise<void> {
    await manager.query(`INSERT INTO revoked_access_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`, [tokenId, expiresAt]);
  }
}
