import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RatingScaleKind } from './rating-scale';

export const ROLE_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

/** Stored per role; missing fields fall back to the calibration engine's defaults. */
export interface StoredHirePolicy {
  bar?: number;
  floor?: number;
  minCoverage?: number;
  minInterviewers?: number;
  margin?: number;
  adjustForLeniency?: boolean;
  /** Non-compensatory: hire only when every required dimension's mean reaches the scale's "meets" level. */
  everyDimensionMeets?: boolean;
}

/** A job being hired for, and the owner of its hiring loop. */
@Entity({ name: 'roles' })
export class RoleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) level: string | null;
  @Column({ type: 'text', nullable: true }) department: string | null;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ type: 'text' }) status: RoleStatus;
  /** Member holding `hiring_manager` who reads debriefs and decides. */
  @Column({ name: 'hiring_manager_id', type: 'uuid', nullable: true }) hiringManagerId: string | null;
  /** The scale ratings, rubric anchors and policy thresholds are stated on. */
  @Column({ name: 'rating_scale', type: 'text', default: 'four_point' }) ratingScale: RatingScaleKind;
  @Column({ name: 'hire_policy', type: 'jsonb', default: () => "'{}'::jsonb" }) hirePolicy: StoredHirePolicy;
  /** The loop version new scorecards are made against. */
  @Column({ name: 'current_loop_version_id', type: 'uuid', nullable: true }) currentLoopVersionId: string | null;
  @Column({ name: 'template_key', type: 'text', nullable: true }) templateKey: string | null;
  @Column({ name: 'cloned_from_role_id', type: 'uuid', nullable: true }) clonedFromRoleId: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
