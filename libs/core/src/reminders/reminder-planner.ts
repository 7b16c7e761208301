import type { FeedbackNotificationPayload, NotificationKind } from '../notifications/notification.entity';

/** The organization settings the planner reads (see `OrganizationSettings`). */
export interface ReminderSettings {
  /** Hours after an interview ends before a missing scorecard is due. */
  reminderAfterHours: number;
  /** From this many days overdue on, each daily reminder is also escalated to the role's hiring manager. */
  escalateAfterDays: number;
}

/** An interview that has ended, as the scan reads it. */
export interface EndedInterview {
  interviewId: string;
  organizationId: string;
  applicationId: string;
  roleId: string;
  roleTitle: string;
  endsAt: Date;
  /** Interviewers still expected to submit (active members on the interview). */
  interviewerIds: readonly string[];
  /** Interviewers who have a submitted scorecard for this interview. */
  submittedInterviewerIds: readonly string[];
  /** The role's hiring manager when one is set and active, else null. */
  hiringManagerId: string | null;
}

export interface PlannedNotification {
  organizationId: string;
  kind: NotificationKind;
  recipientMemberId: string;
  interviewId: string;
  interviewerId: string;
  step: number;
  payload: FeedbackNotificationPayload;
}

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Reminders stop after this many days overdue (two weeks of daily reminders): past that, the scorecard is unlikely to
 * come and the hiring manager has been told every day since `escalateAfterDays`. It also bounds the scan's window.
 */
export const MAX_REMINDER_STEP = 14;

/** When a scorecard falls due: the interview's end plus the organization's grace period. */
export function feedbackDueAt(endsAt: Date, settings: ReminderSettings): Date {
  return new Date(endsAt.getTime() + Math.max(0, settings.reminderAfterHours) * HOUR_MS);
}

/**
 * Step of a reminder: whole days since the scorecard fell due (0 from the moment it is due, 1 a day later, …), or
 * null when it is not due yet or reminders have stopped.
 */
export function reminderStep(endsAt: Date, now: Date, settings: ReminderSettings): number | null {
  const overdueMs = now.getTime() - feedbackDueAt(endsAt, settings).getTime();
  if (overdueMs < 0) return null;
  const step = Math.floor(overdueMs / DAY_MS);
  return step > MAX_REMINDER_STEP ? null : step;
}

/**
 * The reminders owed right now. For each ended interview and each of its interviewers without a submitted scorecard:
 * one `feedback_reminder` to the interviewer at the current step, and from `escalateAfterDays` on one
 * `feedback_escalation` to the role's hiring manager at the same step (not when the hiring manager is that
 * interviewer). Only the current step is planned: a scan that was down for a while does not send the missed days.
 * Whether a planned notification was already sent is not decided here; the store ignores duplicates.
 */
export function planReminders(
  interviews: readonly EndedInterview[],
  now: Date,
  settingsFor: (organizationId: string) => ReminderSettings,
): PlannedNotification[] {
  const planned: PlannedNotification[] = [];
  for (const interview of interviews) {
    const settings = settingsFor(interview.organizationId);
    const step = reminderStep(interview.endsAt, now, settings);
    if (step === null) continue;
    const submitted = new Set(interview.submittedInterviewerIds);
    const payload: FeedbackNotificationPayload = {
      applicationId: interview.applicationId,
      roleId: interview.roleId,
      roleTitle: interview.roleTitle,
      interviewEndedAt: interview.endsAt.toISOString(),
      dueAt: feedbackDueAt(interview.endsAt, settings).toISOString(),
      daysOverdue: step,
    };
    const escalate = step >= Math.max(0, settings.escalateAfterDays);
    for (const interviewerId of new Set(interview.interviewerIds)) {
      if (submitted.has(interviewerId)) continue;
      const base = { organizationId: interview.organizationId, interviewId: interview.interviewId, interviewerId, step, payload };
      planned.push({ ...base, kind: 'feedback_reminder', recipientMemberId: interviewerId });
      if (escalate && interview.hiringManagerId && interview.hiringManagerId !== interviewerId) {
        planned.push({ ...base, kind: 'feedback_escalation', recipientMemberId: interview.hiringManagerId });
      }
    }
  }
  return planned;
}
