import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LevelAssessment, Recommendation, ScorecardRating } from './rating';

export const SCORECARD_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ScorecardStatus = (typeof SCORECARD_STATUSES)[number];

/** One interviewer's feedback on one interview: the current state. Every submission and amendment is also a revision. */
@Entity({ name: 'scorecards' })
export class ScorecardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'interview_id', type: 'uuid' }) interviewId: string;
  @Column({ name: 'interviewer_id', type: 'uuid' }) interviewerId: string;
  @Column({ name: 'loop_version_id', type: 'uuid' }) loopVersionId: string;
  @Column({ type: 'text' }) status: ScorecardStatus;
  /** 0 while only a draft exists; 1 at first submission; +1 per amendment or withdrawal. */
  @Column({ type: 'int', default: 0 }) revision: number;
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) ratings: ScorecardRating[];
  @Column({ type: 'text', nullable: true }) recommendation: Recommendation | null;
  /** Ticked signals, e.g. `{ dimensionId, kind: 'strong' | 'weak', text }`. */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) signals: { dimensionId: string; kind: 'strong' | 'weak'; text: string }[];
  @Column({ name: 'red_flags', type: 'text', array: true, default: () => "'{}'" }) redFlags: string[];
  @Column({ name: 'level_assessment', type: 'text', nullable: true }) levelAssessment: LevelAssessment | null;
  /** For the hiring manager and admins only. */
  @Column({ name: 'private_note', type: 'text', nullable: true }) privateNote: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
