import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LoopSnapshot } from './loop-snapshot';

/** An immutable-once-used snapshot of a role's loop. Scorecards and reports point at the version they were made against. */
@Entity({ name: 'loop_versions' })
export class LoopVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  /** 1, 2, 3… per role. */
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'jsonb' }) snapshot: LoopSnapshot;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
