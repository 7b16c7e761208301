import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportRecommendation } from '../reports/calibration-report.entity';

export const DECISIONS = ['hire', 'no_hire'] as const;
export type HiringDecision = (typeof DECISIONS)[number];

/** The hiring decision on an application: at most one, final, taken against a specific report version. */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) decision: HiringDecision;
  @Column({ type: 'text' }) rationale: string;
  /** Required when the decision goes against the report's recommendation (or no report existed). */
  @Column({ name: 'override_reason', type: 'text', nullable: true }) overrideReason: string | null;
  @Column({ name: 'report_id', type: 'uuid', nullable: true }) reportId: string | null;
  @Column({ name: 'report_version', type: 'int', nullable: true }) reportVersion: number | null;
  @Column({ name: 'report_recommendation', type: 'text', nullable: true }) reportRecommendation: ReportRecommendation | null;
  /** True/false against a hire/no_hire recommendation; null when it was inconclusive or no report existed. */
  @Column({ name: 'followed_recommendation', type: 'boolean', nullable: true }) followedRecommendation: boolean | null;
  /** The decision was recorded knowing the report did not cover every submitted scorecard revision. */
  @Column({ name: 'stale_acknowledged', type: 'boolean', default: false }) staleAcknowledged: boolean;
  /** Why deciding on a stale report could not wait; required when staleAcknowledged. */
  @Column({ name: 'stale_reason', type: 'text', nullable: true }) staleReason: string | null;
  @Column({ name: 'decided_by_member_id', type: 'uuid' }) decidedByMemberId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
