import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The numeric ratings of currently submitted scorecards, one row per (scorecard, dimension), kept in step with
 * `scorecards` in the same transaction. Statistics (leniency, reliability) read this with set-based SQL.
 */
@Entity({ name: 'scorecard_ratings' })
export class ScorecardRatingRowEntity {
  @PrimaryColumn({ name: 'scorecard_id', type: 'uuid' }) scorecardId: string;
  @PrimaryColumn({ name: 'dimension_id', type: 'uuid' }) dimensionId: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ name: 'interviewer_id', type: 'uuid' }) interviewerId: string;
  @Column({ type: 'smallint' }) rating: number;
}
