import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { runWithScope } from '@hireloop/database';
import { AppError } from '../common/app-error';
import { headerText } from '../email/email-text';
import { MembershipCache } from '../members/membership-cache';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { currentContext } from '../observability/execution-context';
import { SessionRow, SessionsRepository } from './sessions.repository';

/** Longest user agent kept: enough to tell browsers and systems apart, bounded against abuse. */
const MAX_USER_AGENT_LENGTH = 400;
/** Sessions whose last use this process wrote recently; beyond it a use costs one statement that changes nothing. */
const MAX_RECENT_USES = 10_000;

export interface SessionView extends SessionRow {
  organizationName: string;
}

/**
 * Where an account is signed in. Every issued token is recorded with the client that asked for it; the owner lists
 * the live ones and ends any of them (a token is refused from then on, in every API process). The record never lets
 * a token in: the membership check decides, so tokens issued before this existed keep working, unlisted.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  private readonly activitySeconds: number;
  /** The sessions whose use this process wrote within the last SESSION_ACTIVITY_SECONDS (none kept when 0). */
  private readonly recentUses?: LRUCache<string, true>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly memberships: MembershipCache,
    private readonly organizations: OrganizationsRepository,
    config: AppConfig,
  ) {
    this.activitySeconds = config.SESSION_ACTIVITY_SECONDS;
    if (this.activitySeconds > 0) this.recentUses = new LRUCache({ max: MAX_RECENT_USES, ttl: this.activitySeconds * 1000 });
  }

  /** Records a token being issued now, with the client of the request that asked for it (if any). */
  async record(session: { id: string; userId: string; memberId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    const client = currentContext()?.client?.();
    // One line, as a mail header would take it: a client cannot put line breaks or controls into what the owner reads.
    const userAgent = headerText(client?.userAgent, MAX_USER_AGENT_LENGTH);
    await this.sessions.insert(this.dataSource.manager, {
      ...session,
      userAgent: userAgent || null,
      ipAddress: client?.address?.slice(0, 64) ?? null,
    });
  }

  /**
   * A request was let in with this session: its last use is written at most once per SESSION_ACTIVITY_SECONDS (per
   * process here, across processes by the statement itself). Never awaited: a lost write costs the list some
   * freshness, never a request its answer.
   */
  noteUse(sessionId: string): void {
    if (this.recentUses) {
      if (this.recentUses.has(sessionId)) return;
      this.recentUses.set(sessionId, true);
    }
    this.sessions.recordUse(this.dataSource.manager, sessionId, this.activitySeconds).catch((error: Error) => {
      this.recentUses?.delete(sessionId);
      this.logger.warn(`could not record the use of a session: ${error.message}`);
    });
  }

  async list(userId: string): Promise<SessionView[]> {
    const rows = await runWithScope({ userId }, () => this.sessions.listLive(this.dataSource.manager, userId));
    const names = await this.organizations.namesOf(rows.map((r) => r.organizationId));
    return rows.map((r) => ({ ...r, organizationName: names.get(r.organizationId) ?? '' }));
  }

  /** Ends one of the account's sessions; 404 for a session that is not the account's (or has expired). */
  async end(userId: string, sessionId: string): Promise<void> {
    await runWithScope({ userId }, () =>
      this.dataSource.transaction(async (manager) => {
        const session = await this.sessions.findOwn(manager, userId, sessionId);
        if (!session) throw AppError.notFound('Session', sessionId);
        await this.sessions.revoke(manager, sessionId, session.expiresAt);
      }),
    );
    this.memberships.forgetToken(sessionId);
  }

  /** Signs one token out (sign-out of the session that presents it). */
  async revokeToken(tokenId: string, expiresAt: Date): Promise<void> {
    await this.sessions.revoke(this.dataSource.manager, tokenId, expiresAt);
    this.memberships.forgetToken(tokenId);
  }
}
