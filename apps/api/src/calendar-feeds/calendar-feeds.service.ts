import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { createEvents, EventAttributes } from 'ics';
import { DataSource } from 'typeorm';
import { AppConfig } from '@hireloop/config';
import { AppError, AuthContext } from '@hireloop/core';
import { appLink, headerText, interviewCalendarUid } from '@hireloop/core/email';
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

interface FeedInterviewRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  sequence: number | null;
  candidate_name: string;
  role_title: string;
  round_name: string | null;
  updated_at: Date;
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
    const rows: FeedInterviewRow[] = await this.dataSource.query(
      `SELECT i.id, i.starts_at, i.ends_at, i.status, s.sequence, c.name AS candidate_name, r.title AS role_title, i.updated_at,
              COALESCE((SELECT x->>'name' FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = i.round_id::text LIMIT 1), rd.name) AS round_name
         FROM interviews i
         JOIN applications a ON a.id = i.application_id
         JOIN candidates c ON c.id = a.candidate_id
         JOIN roles r ON r.id = i.role_id
         JOIN loop_versions lv ON lv.id = i.loop_version_id
         LEFT JOIN rounds rd ON rd.id = i.round_id
         LEFT JOIN interview_calendar_sequences s ON s.interview_id = i.id
        WHERE i.organization_id = $1 AND $2 = ANY(i.interviewer_ids) AND i.ends_at > now() - make_interval(days => $3)
        ORDER BY i.starts_at, i.id
        LIMIT $4`,
      [owner.organization_id, owner.member_id, FEED_PAST_DAYS, FEED_MAX_EVENTS],
    );
    const events: EventAttributes[] = rows.map((i) => {
      const url = appLink(this.config.PUBLIC_APP_URL, `/interviews/${i.id}`);
      return {
        uid: interviewCalendarUid(i.id),
        sequence: i.sequence ?? 0,
        start: new Date(i.starts_at).getTime(),
        startInputType: 'utc',
        startOutputType: 'utc',
        end: new Date(i.ends_at).getTime(),
        endInputType: 'utc',
        endOutputType: 'utc',
        title: headerText(`${i.round_name ?? 'Interview'} interview: ${i.candidate_name} (${i.role_title})`, 200),
        description: `Interview kit: ${url}`,
        url,
        status: i.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
        lastModified: new Date(i.updated_at).getTime(),
      };
    });
    const { error, value } = createEvents(events, { productId: 'hireloop/interviews', method: 'PUBLISH', calName: headerText(`Interviews · ${owner.name}`, 100) });
    if (error || !value) throw error ?? new Error('could not build the calendar feed');
    return value;
  }
}
