import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Rubric } from './loop-snapshot';

/** A scorecard dimension of a role, as currently configured (the live, editable copy). */
@Entity({ name: 'dimensions' })
export class DimensionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  /** Percent, > 0. numeric in the database; converted to number. */
  @Column({
    type: 'numeric',
    precision: 7,
    scale: 3,
    transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  weight: number;
  @Column({ type: 'jsonb' }) rubric: Rubric;
  /** A required dimension must be rated before the report can recommend `hire`. */
  @Column({ type: 'boolean', default: true }) required: boolean;
  @Column({ name: 'strong_signals', type: 'text', array: true, default: () => "'{}'" }) strongSignals: string[];
  @Column({ name: 'weak_signals', type: 'text', array: true, default: () => "'{}'" }) weakSignals: string[];
  @Column({ name: 'red_flags', type: 'text', array: true, default: () => "'{}'" }) redFlags: string[];
  @Column({ type: 'int' }) position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
