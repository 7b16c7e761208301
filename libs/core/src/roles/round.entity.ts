import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoundKind } from './loop-snapshot';

/** An interview round of a role, as currently configured. */
@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: RoundKind;
  @Column({ name: 'duration_minutes', type: 'int' }) durationMinutes: number;
  @Column({ type: 'int' }) position: number;
  @Column({ name: 'focus_dimension_ids', type: 'uuid', array: true, default: () => "'{}'" }) focusDimensionIds: string[];
  @Column({ name: 'question_ids', type: 'uuid', array: true, default: () => "'{}'" }) questionIds: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
