import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../common/auth-context';
import { RateLimitedError } from '../common/rate-limited.error';
import { EmailRequests } from '../email/email-requests';
import { FeedbackNotificationPayload } from '../notifications/notification.entity';
import { organizationSettings } from '../organizations/organization.entity';
import { feedbackDueAt } from '../reminders/reminder-planner';
import { canReadApplication } from '../scorecards/feedback-access';

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

interface NudgeTargetRow {
  status: string;
  ends_at: Date;
  interviewer_ids: string[];
  application_id: string;
  application_status: string;
  role_id: string;
  role_title: string;
  hiring_manager_id: string | null;
  settings: Record<string, unknown> | null;
}

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
    private readonly audit: AuditService,
  ) {}

  async nudge(auth: AuthContext, interviewId: string, dto: NudgeInput, now = new Date()): Promise<NudgeView> {
    const org = auth.organizationId;
    return this.dataSource.transaction(async (manager) => {
      const [row]: NudgeTargetRow[] = await manager.query(
        `SELECT i.status, i.ends_at, i.interviewer_ids, i.application_id, a.status AS application_status, i.role_id, r.title AS role_title,
                r.hiring_manager_id, o.settings
           FROM interviews i
           JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
           JOIN roles r ON r.id = i.role_id AND r.organization_id = i.organization_id
           JOIN organizations o ON o.id = i.organization_id
          WHERE i.organization_id = $1 AND i.id = $2`,
        [org, interviewId],
      );
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
      const [member]: { name: string; status: string }[] = await manager.query(
        `SELECT u.name, m.status FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = $2`,
        [org, dto.interviewerId],
      );
      if (!member || member.status !== 'active') throw AppError.conflict('interviewer_inactive', 'This interviewer is no longer an active member.');
      const [submitted] = await manager.query(
        `SELECT 1 FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND interviewer_id = $3 AND status = 'submitted'`,
        [org, interviewId, dto.interviewerId],
      );
      if (submitted) throw AppError.conflict('feedback_submitted', `${member.name} has already submitted the scorecard.`);

      // Serializes nudges to one interviewer, so two at once cannot both pass the rate limit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('feedback-nudge:' || $1))`, [dto.interviewerId]);
      const [last]: { created_at: Date }[] = await manager.query(
        `SELECT created_at FROM notifications WHERE organization_id = $1 AND interviewer_id = $2 AND kind = 'feedback_nudge' ORDER BY created_at DESC LIMIT 1`,
        [org, dto.interviewerId],
      );
      const nextAllowed = last ? new Date(last.created_at).getTime() + NUDGE_INTERVAL_HOURS * 3600_000 : 0;
      if (nextAllowed > now.getTime()) {
        throw new RateLimitedError(
          429,
          Math.ceil((nextAllowed - now.getTime()) / 1000),
          'nudge_too_soon',
          `${member.name} was asked for feedback less than ${NUDGE_INTERVAL_HOURS} hours ago; you can ask again from ${new Date(nextAllowed).toISOString()}.`,
        );
      }

      const [nudger]: { name: string }[] = await manager.query(`SELECT u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.id = $1`, [
        auth.memberId,
      ]);
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
        nudgedBy: { memberId: auth.memberId, name: nudger?.name ?? '' },
      };
      const [inserted]: {
        id: string;
        organization_id: string;
        recipient_member_id: string;
        kind: string;
        interview_id: string;
        interviewer_id: string;
        payload: Record<string, unknown>;
        created_at: Date;
      }[] = await manager.query(
        `INSERT INTO notifications (organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload, created_at)
           VALUES ($1, $2, 'feedback_nudge', $3, $2, (SELECT COALESCE(max(step) + 1, 0) FROM notifications WHERE interview_id = $3 AND interviewer_id = $2 AND kind = 'feedback_nudge'), $4, $5)
           RETURNING id, organization_id, recipient_member_id, kind, interview_id, interviewer_id, payload, created_at`,
        [org, dto.interviewerId, interviewId, JSON.stringify(payload), now.toISOString()],
      );
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
