import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredHirePolicy } from '../roles/role.entity';
import { CalibrationReportEntity, ReportCovers, ReportRecommendation } from './calibration-report.entity';
import type { InterviewerOffset, ReportLoopVersion, SubmittedScorecard } from './report-inputs';
import type { StoredReportKey } from './report-versioning';

export interface ReportApplication {
  id: string;
  organizationId: string;
  roleId: string;
  status: string;
  decidedAt: Date | null;
}

/** Everything one report computation reads, fetched in a single round trip. */
export interface PanelState {
  application: ReportApplication | null;
  hirePolicy: StoredHirePolicy;
  scorecards: SubmittedScorecard[];
  latest: (StoredReportKey & { id: string }) | null;
  loopVersions: ReportLoopVersion[];
  offsets: Record<string, InterviewerOffset>;
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

  /**
   * The application, its role's hire policy, its submitted scorecards, the latest report's key (not its body), the
   * loop versions involved and the interviewers' offsets, as one statement: a report is computed at a few round
   * trips per application instead of one per read (the aggregation throughput is bound by round trips).
   */
  async panelState(manager: EntityManager, organizationId: string, applicationId: string): Promise<PanelState> {
    const [row] = (await manager.query(
      `SELECT
         (SELECT row_to_json(a) FROM (
            SELECT ap.id, ap.organization_id AS "organizationId", ap.role_id AS "roleId", ap.status, ap.decided_at AS "decidedAt",
                   r.hire_policy AS "hirePolicy"
              FROM applications ap JOIN roles r ON r.id = ap.role_id AND r.organization_id = ap.organization_id
             WHERE ap.organization_id = $1 AND ap.id = $2) a) AS application,
         (SELECT coalesce(json_agg(s ORDER BY s.id), '[]') FROM (
            SELECT id, interviewer_id AS "interviewerId", revision, loop_version_id AS "loopVersionId", ratings, recommendation,
                   red_flags AS "redFlags", submitted_at AS "submittedAt"
              FROM scorecards WHERE organization_id = $1 AND application_id = $2 AND status = 'submitted') s) AS scorecards,
         (SELECT row_to_json(k) FROM (
            SELECT id, version, inputs_hash AS "inputsHash", algorithm_version AS "algorithmVersion", covers
              FROM calibration_reports WHERE organization_id = $1 AND application_id = $2 ORDER BY version DESC LIMIT 1) k) AS latest,
         (SELECT coalesce(json_agg(v), '[]') FROM (
            SELECT id, number, snapshot FROM loop_versions
             WHERE organization_id = $1
               AND id IN (SELECT loop_version_id FROM scorecards WHERE organization_id = $1 AND application_id = $2
                          UNION SELECT loop_version_id FROM interviews WHERE organization_id = $1 AND application_id = $2)) v) AS "loopVersions",
         (SELECT coalesce(json_agg(o), '[]') FROM (
            SELECT interviewer_id AS "interviewerId", "offset", n FROM interviewer_calibrations
             WHERE organization_id = $1
               AND interviewer_id IN (SELECT interviewer_id FROM scorecards WHERE organization_id = $1 AND application_id = $2 AND status = 'submitted')) o) AS offsets`,
      [organizationId, applicationId],
    )) as {
      application: (ReportApplication & { hirePolicy: StoredHirePolicy | null }) | null;
      scorecards: SubmittedScorecard[];
      latest: (StoredReportKey & { id: string }) | null;
      loopVersions: ReportLoopVersion[];
      offsets: { interviewerId: string; offset: number; n: number }[];
    }[];
    const { hirePolicy, ...application } = row.application ?? ({} as ReportApplication & { hirePolicy: null });
    return {
      application: row.application ? (application as ReportApplication) : null,
      hirePolicy: hirePolicy ?? {},
      scorecards: row.scorecards,
      latest: row.latest,
      loopVersions: row.loopVersions,
      offsets: Object.fromEntries(row.offsets.map((o) => [o.interviewerId, { offset: Number(o.offset), n: Number(o.n) }])),
    };
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

  /** Plain SQL: this insert runs once per computed report, at thousands per second in the aggregation figure. */
  async insert(manager: EntityManager, row: NewReportVersion): Promise<{ id: string }> {
    const [inserted] = (await manager.query(
      `INSERT INTO calibration_reports
         (organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, covers, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id`,
      [
        row.organizationId,
        row.applicationId,
        row.version,
        row.inputsHash,
        row.algorithmVersion,
        row.score,
        row.recommendation,
        row.scorecardCount,
        JSON.stringify(row.covers),
        JSON.stringify(row.report),
      ],
    )) as { id: string }[];
    return inserted;
  }

  /** The report is unchanged but now known to reflect these revisions (e.g. an amendment of evidence text only). */
  async refreshCovers(manager: EntityManager, organizationId: string, id: string, covers: ReportCovers): Promise<void> {
    await manager.update(CalibrationReportEntity, { organizationId, id }, { covers });
  }
}
