import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The full content of a scorecard at each submission, amendment or withdrawal: its history. */
@Entity({ name: 'scorecard_revisions' })
export class ScorecardRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'scorecard_id', type: 'uuid' }) scorecardId: string;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'text' }) kind: 'submitted' | 'amended' | 'withdrawn';
  /** Ratings, recommendation, signals, red flags, level assessment, private note as submitted. */
  @Column({ type: 'jsonb' }) content: Record<string, unknown>;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'actor_member_id', type: 'uuid' }) actorMemberId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
