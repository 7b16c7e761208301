import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const APPLICATION_STATUSES = ['active', 'hired', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A candidate applying to a role. */
@Entity({ name: 'applications' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'candidate_id', type: 'uuid' }) candidateId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  /** Free-form pipeline stage, e.g. "applied", "onsite", "debrief". */
  @Column({ type: 'text', default: 'applied' }) stage: string;
  @Column({ type: 'text', default: 'active' }) status: ApplicationStatus;
  /** Set when the hiring decision is recorded; scorecards can no longer be amended after it. */
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
