import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { appLink, interviewCalendarFeed } from '../email';
import { enterOrganization } from '@hireloop/database';

/** How far back the feed reaches; everything scheduled ahead is in it. */
const FEED_PAST_DAYS = 60;
const FEED_MAX_EVENTS = 1000;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface CalendarFeedDto {
  /** The private subscription URL (contains the token: treat it like a password). */
  url: string;
  createdAt: string;
}

/**
 * A member's private iCalendar feed of their interviews (the same UIDs and SEQUENCEs as the emailed invitations,
 * cancelled ones as STATUS:CANCELLED). The token is 256 random bits, stored as its SHA-256; creating a new one
 * replaces the old, deleting it revokes the feed, and a deactivated member's feed answers 404.
 */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly interviews: InterviewsRepository,
  ) {}

  async create(auth: AuthContext): Promise<CalendarFeedDto> {
    const token = randomBytes(32).toString('base64url');
    const [row]: { created_at: Date }[] = await this.dataSource.query(
      `INSERT INTO calendar_feeds (member_id, organization_id, token_hash) VALUES ($1, $2, $3)
       ON CONFLICT (member_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at`,
      [auth.memberId, auth.organizationId, hashToken(token)],
    );
    return { url: appLink(this.config.PUBLIC_APP_URL, `/v1/calendar-feeds/${token}.ics`), createdAt: new Date(row.created_at).toISOString() };
  }

  async revoke(auth: AuthContext): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feeds WHERE member_id = $1 AND organization_id = $2`, [auth.memberId, auth.organizationId]);
  }

  /** The feed of a token, as text/calendar; 404 for an unknown or revoked token. */
  async feed(tokenParam: string): Promise<string> {
    const token = tokenParam.replace(/\.ics$/, '');
    // Served by its token alone: one SECURITY DEFINER function names the token's organization (nothing else), and the
    // rest of the request runs in that organization's scope (row-level security).
    const [scope]: { organization_id: string }[] = await this.dataSource.query(`SELECT organization_id FROM calendar_feed_owner($1)`, [hashToken(token)]);
    if (!scope) throw AppError.notFound('Calendar feed');
    enterOrganization(scope.organization_id);
    const [owner]: { member_id: string; organization_id: string; name: string }[] = await this.dataSource.query(
      `SELECT f.member_id, f.organization_id, o.name FROM calendar_feeds f
         JOIN members m ON m.id = f.member_id AND m.status = 'active'
         JOIN organizations o ON o.id = f.organization_id
        WHERE f.token_hash = $1`,
      [hashToken(token)],
    );
    if (!owner) throw AppError.notFound('Calendar feed');
    const interviews = await this.interviews.withNames(owner.organization_id, { interviewerId: owner.member_id, endedWithinDays: FEED_PAST_DAYS, limit: FEED_MAX_EVENTS });
    return interviewCalendarFeed(
      interviews.map((i) => ({
        interviewId: i.id,
        sequence: i.calendarSequence ?? 0,
        startsAt: i.startsAt,
        endsAt: i.endsAt,
        roundName: i.roundName,
        candidateName: i.candidateName,
        roleTitle: i.roleTitle,
        cancelled: i.status === 'cancelled',
        url: appLink(this.config.PUBLIC_APP_URL, `/interviews/${i.id}`),
        lastModified: i.updatedAt,
      })),
      { name: `Interviews · ${owner.name}` },
    );
  }
}
