import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The organization's question bank. */
@Entity({ name: 'questions' })
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ type: 'text' }) prompt: string;
  @Column({ name: 'points_of_assessment', type: 'text', array: true, default: () => "'{}'" }) pointsOfAssessment: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) pitfalls: string[];
  @Column({ name: 'follow_ups', type: 'text', array: true, default: () => "'{}'" }) followUps: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  /** Dimensions (of any role) this question is known to assess; searchable. */
  @Column({ name: 'dimension_ids', type: 'uuid', array: true, default: () => "'{}'" }) dimensionIds: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
