import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Inter-rater reliability of one dimension of a role: Krippendorff's alpha (interval metric) over the submitted
 * ratings, applications as units and interviewers as raters. Written by the interviewer-calibration job.
 */
@Entity({ name: 'role_reliability' })
export class RoleReliabilityEntity {
  @PrimaryColumn({ name: 'role_id', type: 'uuid' }) roleId: string;
  @PrimaryColumn({ name: 'dimension_id', type: 'uuid' }) dimensionId: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  /** Null when undefined: fewer than two pairable ratings, or every rating identical. */
  @Column({ type: 'double precision', nullable: true }) alpha: number | null;
  /** Applications with at least two ratings of the dimension (the pairable units). */
  @Column({ name: 'n_units', type: 'int' }) nUnits: number;
  /** Ratings in those units. */
  @Column({ name: 'n_ratings', type: 'int' }) nRatings: number;
  @Column({ name: 'computed_at', type: 'timestamptz' }) computedAt: Date;
}
