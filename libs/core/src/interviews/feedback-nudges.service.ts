import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { RateLimitedError } from '../common/rate-limited.error';
import { EmailRequests } from '../email/email-requests';
import { MembersRepository } from '../members/members.repository';
import { FeedbackNotificationPayload } from '../notifications/notification.entity';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { organizationSettings } from '../organizations/organization.entity';
import { feedbackDueAt } from '../reminders/reminder-planner';
import { canReadApplication } from '../scorecards/feedback-access';
import { InterviewsRepository } from './interviews.repository';

/** Whom to ask for feedback (NudgeRequestDto implements it). */
export interface NudgeInput {
  /** The interviewer on the panel whose scorecard is missing. */
  interviewerId: string;
}

/** A nudge as the API answers it (NudgeResponseDto implements it). */
export interface NudgeView {
  notificationId: string;
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  nudgedAt: string;
  /** The next nudge to this interviewer is accepted from this moment. */
  nextNudgeAllowedAt: string;
}

/** One nudge per interviewer in this many hours, whoever sends it and for whichever interview. */
export const NUDGE_INTERVAL_HOURS = 12;
const DAY_MS = 24 * 3600_000;

/**
 * "Nudge" from the debrief's still-waiting list: a recruiter, an admin or the role's hiring manager asks an
 * interviewer for a missing scorecard. Stored as a `feedback_nudge` notification (the interviewer's inbox) and
 * emailed through the outbox like a scheduled reminder. At most one nudge per interviewer every
 * NUDGE_INTERVAL_HOURS (429 `nudge_too_soon` with Retry-After), so a busy debrief cannot flood anyone.
 */
@Injectable()
export class FeedbackNudgesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: InterviewsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly members: MembersRepository,
    private readonly audit: AuditService,
  ) {}

  async nudge(auth: AuthContext, interviewId: string, dto: NudgeInput, now = new Date()): Promise<NudgeView> {
    const org = auth.organizationId;
    return this.dataSource.transaction(async (manager) => {
      const row = await this.interviews.nudgeTarget(manager, org, interviewId);
      if (!row) throw AppError.notFound('Interview', interviewId);
      if (!canReadApplication(auth, { hiringManagerId: row.hiring_manager_id })) {
        throw AppError.forbidden('nudge_not_allowed', "Only recruiters, admins and the role's hiring manager can ask for feedback.");
      }
      if (!row.interviewer_ids.includes(dto.interviewerId)) {
        throw AppError.invalid('interviewerId', 'This person is not on the interview’s panel.', 'not_on_panel');
      }
      if (row.status !== 'scheduled')
        throw AppError.conflict('interview_not_scheduled', 'The interview was cancelled; there is no feedback to ask for.');
      if (row.application_status !== 'active')
        throw AppError.conflict('application_not_active', 'The application is closed; feedback is no longer needed.');
      if (new Date(row.ends_at).getTime() > now.getTime())
        throw AppError.conflict('interview_not_ended', 'The interview has not ended yet; ask for feedback after it.');
      const member = await this.members.nameAndStatus(org, dto.interviewerId, manager);
      if (!member || member.status !== 'active') throw AppError.conflict('interviewer_inactive', 'This interviewer is no longer an active member.');
      const submitted = await this.interviews.submittedBy(manager, org, interviewId, dto.interviewerId);
      if (submitted) throw AppError.conflict('feedback_submitted', `${member.name} has already submitted the scorecard.`);

      // Serializes nudges to one interviewer, so two at once cannot both pass the rate limit.
      await this.notifications.lockNudgesTo(manager, dto.interviewerId);
      const last = await this.notifications.lastNudgeAt(manager, org, dto.interviewerId);
      const nextAllowed = last ? new Date(last).getTime() + NUDGE_INTERVAL_HOURS * 3600_000 : 0;
      if (nextAllowed > now.getTime()) {
        throw new RateLimitedError(
          429,
          Math.ceil((nextAllowed - now.getTime()) / 1000),
          'nudge_too_soon',
          `${member.name} was asked for feedback less than ${NUDGE_INTERVAL_HOURS} hours ago; you can ask again from ${new Date(nextAllowed).toISOString()}.`,
        );
      }

      const nudgerName = (await this.members.names(org, [auth.memberId], manager)).get(auth.memberId);
      const dueAt = feedbackDueAt(new Date(row.ends_at), {
        reminderAfterHours: Number(organizationSettings({ settings: row.settings ?? {} }).reminderAfterHours) || 0,
        escalateAfterDays: 0,
      });
      const payload: FeedbackNotificationPayload = {
        applicationId: row.application_id,
        roleId: row.role_id,
        roleTitle: row.role_title,
        interviewEndedAt: new Date(row.ends_at).toISOString(),
        dueAt: dueAt.toISOString(),
        daysOverdue: Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS)),
        nudgedBy: { memberId: auth.memberId, name: nudgerName ?? '' },
      };
      const inserted = await this.notifications.insertNudge(manager, {
        organizationId: org,
        interviewerId: dto.interviewerId,
        interviewId,
        payload,
        createdAt: now,
      });
      await EmailRequests.feedbackNotifications(manager, [inserted]);
      await this.audit.record(manager, auth, {
        action: 'interview.feedback_nudged',
        entityType: 'interview',
        entityId: interviewId,
        after: { interviewerId: dto.interviewerId, notificationId: inserted.id },
      });
      return {
        notificationId: inserted.id,
        interviewId,
        interviewerId: dto.interviewerId,
        interviewerName: member.name,
        nudgedAt: new Date(inserted.created_at).toISOString(),
        nextNudgeAllowedAt: new Date(new Date(inserted.created_at).getTime() + NUDGE_INTERVAL_HOURS * 3600_000).toISOString(),
      };
    });
  }
}
