import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const REPORT_RECOMMENDATIONS = ['hire', 'no_hire', 'inconclusive'] as const;
export type ReportRecommendation = (typeof REPORT_RECOMMENDATIONS)[number];

/** Scorecard id → the scorecard revision a report was computed from. */
export type ReportCovers = Record<string, number>;

/**
 * One version of an application's calibrated panel report. A new version is stored only when the report's inputs
 * (its `inputs_hash`) or the algorithm changed; `covers` lists the submitted scorecard revisions it reflects.
 */
@Entity({ name: 'calibration_reports' })
export class CalibrationReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  /** 1, 2, 3… per application; unique with the application. */
  @Column({ type: 'int' }) version: number;
  @Column({ name: 'inputs_hash', type: 'text' }) inputsHash: string;
  @Column({ name: 'algorithm_version', type: 'text' }) algorithmVersion: string;
  @Column({ type: 'double precision', nullable: true }) score: number | null;
  @Column({ type: 'text' }) recommendation: ReportRecommendation;
  @Column({ name: 'scorecard_count', type: 'int' }) scorecardCount: number;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) covers: ReportCovers;
  /** Everything `buildReport` returned. */
  @Column({ type: 'jsonb' }) report: Record<string, unknown>;
  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' }) computedAt: Date;
}
