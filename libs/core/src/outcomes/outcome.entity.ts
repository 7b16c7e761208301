import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const OUTCOME_KINDS = ['performance_rating', 'time_to_productivity', 'departure', 'promotion'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const REVIEW_POINTS = ['90d', '6m', '12m'] as const;
export type ReviewPoint = (typeof REVIEW_POINTS)[number];
export const DEPARTURE_TYPES = ['voluntary', 'involuntary'] as const;
export type DepartureType = (typeof DEPARTURE_TYPES)[number];

/**
 * What happened after a hire (issue 15): personnel data. Read and written only by admins, the role's hiring manager
 * and people analytics; never in webhooks, logs or interviewer views; deleted by candidate erasure.
 */
@Entity({ name: 'outcomes' })
export class OutcomeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'text' }) kind: OutcomeKind;
  @Column({ name: 'review_point', type: 'text', nullable: true }) reviewPoint: ReviewPoint | null;
  @Column({ type: 'int', nullable: true }) rating: number | null;
  @Column({ type: 'int', nullable: true }) days: number | null;
  @Column({ name: 'departure_type', type: 'text', nullable: true }) departureType: DepartureType | null;
  /** Departure or promotion date; optional review date of a rating (YYYY-MM-DD). */
  @Column({ name: 'occurred_on', type: 'date', nullable: true }) occurredOn: string | null;
  @Column({ name: 'recorded_by_member_id', type: 'uuid', nullable: true }) recordedByMemberId: string | null;
  /** The bulk import that wrote it, if any. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The organization's performance-rating scale; no row = the default 1–5 scale. */
@Entity({ name: 'outcome_settings' })
export class OutcomeSettingsEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'rating_min', type: 'int' }) ratingMin: number;
  @Column({ name: 'rating_max', type: 'int' }) ratingMax: number;
  /** One label per level, keyed by the level ("1" … "5"). */
  @Column({ name: 'rating_labels', type: 'jsonb' }) ratingLabels: Record<string, string>;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
