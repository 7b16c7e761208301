import type { components } from './schema';

type Schemas = components['schemas'];

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

/** GET /me/interviews: the generated contract types (upcoming, awaiting feedback with its due time, completed). */
export type MyInterview = Schemas['MyInterviewDto'];
export type MyInterviewLists = Schemas['MyInterviewsResponseDto'];
/** POST /interviews/:id/nudges. */
export type NudgeResult = Schemas['NudgeResponseDto'];

