import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `feedback_nudge`: a reminder a recruiter, admin or hiring manager sent by hand from the debrief. */
export const NOTIFICATION_KINDS = ['feedback_reminder', 'feedback_escalation', 'feedback_nudge'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a feedback reminder or escalation carries besides its columns (ids and the facts the message needs). */
export interface FeedbackNotificationPayload {
  applicationId: string;
  roleId: string;
  roleTitle: string;
  interviewEndedAt: string;
  /** When the scorecard fell due: the interview's end plus the organization's `reminderAfterHours`. */
  dueAt: string;
  /** Whole days since it fell due (0 on the first reminder). */
  daysOverdue: number;
  /** A nudge only: who asked for the scorecard. */
  nudgedBy?: { memberId: string; name: string };
}

/**
 * A message for one member. Feedback reminders go to the interviewer; escalations go to the role's hiring manager
 * and name the interviewer. A reminder or escalation is unique by (interview, interviewer, kind, due time, step): never
 * sent twice, and an interview moved to a later time is reminded about again from its new due time. A nudge is unique by
 * (interview, interviewer, step), its step a counter.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'recipient_member_id', type: 'uuid' }) recipientMemberId: string;
  @Column({ type: 'text' }) kind: NotificationKind;
  @Column({ name: 'interview_id', type: 'uuid' }) interviewId: string;
  /** The interviewer whose scorecard is missing. */
  @Column({ name: 'interviewer_id', type: 'uuid' }) interviewerId: string;
  /** Days since the scorecard fell due. */
  @Column({ type: 'int' }) step: number;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) payload: FeedbackNotificationPayload;
  /** When the scorecard fell due (reminders and escalations; null for nudges). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
}
