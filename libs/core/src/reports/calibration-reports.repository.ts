import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredHirePolicy } from '../roles/role.entity';
import { CalibrationReportEntity, ReportCovers, ReportRecommendation } from './calibration-report.entity';
import type { InterviewerOffset, ReportLoopVersion, SubmittedScorecard } from './report-inputs';

export interface ReportApplication {
  id: string;
  organizationId: string;
  roleId: string;
  status: string;
  decidedAt: Date | null;
}

export interface NewReportVersion {
  organizationId: string;
  applicationId: string;
  version: number;
  inputsHash: string;
  algorithmVersion: string;
  score: number | null;
  recommendation: ReportRecommendation;
  scorecardCount: number;
  covers: ReportCovers;
  report: Record<string, unknown>;
}

/** Reports and the state they are computed from. Every method is scoped by organization. */
@Injectable()
export class CalibrationReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Serialises report writes per application until the transaction ends, across processes: two workers never
   * compute and store the same application's report at the same time.
   */
  async lockApplication(manager: EntityManager, applicationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`calibration_report:${applicationId}`]);
  }

  async findApplication(manager: EntityManager, organizationId: string, applicationId: string): Promise<ReportApplication | null> {
    const rows: ReportApplication[] = await manager.query(
      `SELECT id, organization_id AS "organizationId", role_id AS "roleId", status, decided_at AS "decidedAt"
         FROM applications WHERE organization_id = $1 AND id = $2`,
      [organizationId, applicationId],
    );
    return rows[0] ?? null;
  }

  async submittedScorecards(manager: EntityManager, organizationId: string, applicationId: string): Promise<SubmittedScorecard[]> {
    return manager.query(
      `SELECT id, interviewer_id AS "interviewerId", revision, loop_version_id AS "loopVersionId", ratings, recommendation,
              red_flags AS "redFlags", submitted_at AS "submittedAt"
         FROM scorecards
        WHERE organization_id = $1 AND application_id = $2 AND status = 'submitted'
        ORDER BY id`,
      [organizationId, applicationId],
    );
  }

  /** The submitted revisions right now: the fingerprint a report is compared against. */
  async currentCovers(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<ReportCovers> {
    const rows: { covers: ReportCovers }[] = await manager.query(
      `SELECT coalesce(jsonb_object_agg(id, revision), '{}'::jsonb) AS covers
         FROM scorecards WHERE organization_id = $1 AND application_id = $2 AND status = 'submitted'`,
      [organizationId, applicationId],
    );
    return rows[0]?.covers ?? {};
  }

  /** The loop versions the application's scorecards and interviews were made against. */
  loopVersions(manager: EntityManager, organizationId: string, applicationId: string): Promise<ReportLoopVersion[]> {
    return manager.query(
      `SELECT id, number, snapshot FROM loop_versions
        WHERE organization_id = $1
          AND id IN (SELECT loop_version_id FROM scorecards WHERE organization_id = $1 AND application_id = $2
                     UNION SELECT loop_version_id FROM interviews WHERE organization_id = $1 AND application_id = $2)`,
      [organizationId, applicationId],
    );
  }

  /** Leniency offsets of the given interviewers (from the interviewer-calibration job); missing ones are absent. */
  async offsets(manager: EntityManager, organizationId: string, interviewerIds: string[]): Promise<Record<string, InterviewerOffset>> {
    if (interviewerIds.length === 0) return {};
    const rows: { interviewerId: string; offset: number; n: number }[] = await manager.query(
      `SELECT interviewer_id AS "interviewerId", "offset", n FROM interviewer_calibrations WHERE organization_id = $1 AND interviewer_id = ANY($2::uuid[])`,
      [organizationId, interviewerIds],
    );
    return Object.fromEntries(rows.map((r) => [r.interviewerId, { offset: Number(r.offset), n: Number(r.n) }]));
  }

  async hirePolicy(manager: EntityManager, organizationId: string, roleId: string): Promise<StoredHirePolicy> {
    const rows: { hirePolicy: StoredHirePolicy }[] = await manager.query(`SELECT hire_policy AS "hirePolicy" FROM roles WHERE organization_id = $1 AND id = $2`, [organizationId, roleId]);
    return rows[0]?.hirePolicy ?? {};
  }

  latest(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationReportEntity | null> {
    return manager.findOne(CalibrationReportEntity, { where: { organizationId, applicationId }, order: { version: 'DESC' } });
  }

  /** Every version, oldest first, without the report body. */
  versions(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationReportEntity[]> {
    return manager.find(CalibrationReportEntity, {
      select: { id: true, version: true, inputsHash: true, algorithmVersion: true, score: true, recommendation: true, scorecardCount: true, covers: true, computedAt: true },
      where: { organizationId, applicationId },
      order: { version: 'ASC' },
    });
  }

  async insert(manager: EntityManager, row: NewReportVersion): Promise<CalibrationReportEntity> {
    const entity = manager.create(CalibrationReportEntity, { ...row, report: row.report as never });
    return manager.save(entity);
  }

  /** The report is unchanged but now known to reflect these revisions (e.g. an amendment of evidence text only). */
  async refreshCovers(manager: EntityManager, organizationId: string, id: string, covers: ReportCovers): Promise<void> {
    await manager.update(CalibrationReportEntity, { organizationId, id }, { covers });
  }
}
