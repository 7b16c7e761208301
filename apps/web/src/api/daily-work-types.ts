import type { Interview } from './types';

/** Types of the API additions for the daily-work pages (inbox, nudges, completed interviews, counted lists). */

/** A page of a list asked with `?withTotal=true`. */
export interface CountedPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export type NotificationKind = 'feedback_reminder' | 'feedback_escalation' | 'feedback_nudge';

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  interviewId: string;
  interviewerId: string;
  step: number;
  payload: {
    applicationId: string;
    roleId: string;
    roleTitle: string;
    interviewEndedAt: string;
    dueAt: string;
    daysOverdue: number;
    nudgedBy?: { memberId: string; name: string };
  };
  createdAt: string;
  readAt: string | null;
}

/** An entry of GET /me/interviews with its feedback due time. */
export interface MyInterview extends Interview {
  feedbackDueAt?: string;
  feedbackOverdue?: boolean;
  scorecardSubmittedAt?: string | null;
}

export interface MyInterviewLists {
  upcoming: MyInterview[];
  awaitingFeedback: MyInterview[];
  completed?: MyInterview[];
}

export interface NudgeResult {
  notificationId: string;
  interviewId: string;
  interviewerId: string;
  interviewerName: string;
  nudgedAt: string;
  nextNudgeAllowedAt: string;
}
