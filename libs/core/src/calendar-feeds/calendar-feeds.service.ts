import { Injectable } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { appLink, interviewCalendarFeed } from '../email';
import { enterOrganization } from '@hireloop/database';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { hashOneTimeToken, newOneTimeToken } from '../common/one-time-token';

/** How far back the feed reaches; everything scheduled ahead is in it. */
const FEED_PAST_DAYS = 60;
const FEED_MAX_EVENTS = 1000;

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
    private readonly feeds: CalendarFeedsRepository,
    private readonly config: AppConfig,
    private readonly interviews: InterviewsRepository,
  ) {}

  async create(auth: AuthContext): Promise<CalendarFeedDto> {
    const token = newOneTimeToken();
    const createdAt = await this.feeds.upsert(auth.organizationId, auth.memberId, hashOneTimeToken(token));
    return { url: appLink(this.config.PUBLIC_APP_URL, `/v1/calendar-feeds/${token}.ics`), createdAt: createdAt.toISOString() };
  }

  async revoke(auth: AuthContext): Promise<void> {
    await this.feeds.remove(auth.organizationId, auth.memberId);
  }

  /** The feed of a token, as text/calendar; 404 for an unknown or revoked token. */
  async feed(tokenParam: string): Promise<string> {
    const token = tokenParam.replace(/\.ics$/, '');
    // Served by its token alone: the token names its organization, and the rest of the request runs in that
    // organization's scope (row-level security).
    const organizationId = await this.feeds.organizationOfToken(hashOneTimeToken(token));
    if (!organizationId) throw AppError.notFound('Calendar feed');
    enterOrganization(organizationId);
    const owner = await this.feeds.activeOwner(hashOneTimeToken(token));
    if (!owner) throw AppError.notFound('Calendar feed');
    const interviews = await this.interviews.withNames(owner.organization_id, {
      interviewerId: owner.member_id,
      endedWithinDays: FEED_PAST_DAYS,
      limit: FEED_MAX_EVENTS,
    });
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
