import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InterviewerValidityReport, ValidityReport } from '@hireloop/calibration/quality-of-hire';

export const VALIDITY_REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ValidityReportStatus = (typeof VALIDITY_REPORT_STATUSES)[number];
export type ValidityReportReason = 'manual' | 'nightly';

/** What the worker stores: the report, and (organization-wide reports only) every interviewer's shrunk validity. */
export interface StoredValidityReport extends ValidityReport {
  readonly interviewerValidity: InterviewerValidityReport | null;
}

/**
 * One computation of a validity report (issue 15, item 3), versioned per (organization, role); `roleId` null = the
 * organization-wide report. Queued by the API or the nightly run, computed by the worker.
 */
@Entity({ name: 'validity_reports' })
export class ValidityReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'role_id', type: 'uuid', nullable: true }) roleId: string | null;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) status: ValidityReportStatus;
  @Column({ type: 'text' }) reason: ValidityReportReason;
  @Column({ name: 'min_n', type: 'int' }) minN: number;
  @Column({ name: 'requested_by_member_id', type: 'uuid', nullable: true }) requestedByMemberId: string | null;
  @Column({ type: 'jsonb', nullable: true }) report: StoredValidityReport | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'computed_at', type: 'timestamptz', nullable: true }) computedAt: Date | null;
}
