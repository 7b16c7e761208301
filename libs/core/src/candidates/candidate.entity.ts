import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'candidates' })
export class CandidateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ type: 'text' }) name: string;
  /** Lower-cased; unique per organization. Replaced by a placeholder on erasure. */
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', nullable: true }) source: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) links: string[];
  /** Set when personal data was erased on request. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
