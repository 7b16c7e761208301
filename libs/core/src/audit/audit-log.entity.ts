import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every write to roles, scorecards and decisions. A trigger refuses UPDATE and DELETE. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  /** Member who acted; null for the system (e.g. the worker). */
  @Column({ name: 'actor_member_id', type: 'uuid', nullable: true })
  actorMemberId: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  /** The candidate whose personal fields are sealed in `personal`. */
  @Column({ name: 'subject_candidate_id', type: 'uuid', nullable: true })
  subjectCandidateId: string | null;

  /** Personal fields of before/after, sealed with the candidate's data key (unreadable once the candidate is erased). */
  @Column({ type: 'bytea', nullable: true })
  personal: Buffer | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
