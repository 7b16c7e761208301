import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const INTERVIEW_STATUSES = ['scheduled', 'cancelled'] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/** One round of an application, held by one or more interviewers. */
@Entity({ name: 'interviews' })
export class InterviewEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  /** Loop version current when the interview was scheduled; its scorecards are made against it. */
  @Column({ name: 'loop_version_id', type: 'uuid' }) loopVersionId: string;
  /** Interviewer member ids. */
  @Column({ name: 'interviewer_ids', type: 'uuid', array: true }) interviewerIds: string[];
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text', default: 'scheduled' }) status: InterviewStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
