import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PanelRecommendation } from '@hireloop/calibration/quality-of-hire';
import type { StoredValidityReport, ValidityReportReason, ValidityReportStatus } from './validity-report.entity';

export interface ValidityReportRow {
  id: string;
  organizationId: string;
  roleId: string | null;
  version: number;
  status: ValidityReportStatus;
  reason: ValidityReportReason;
  minN: number;
  report: StoredValidityReport | null;
  error: string | null;
  createdAt: Date;
  computedAt: Date | null;
}

/** One assessed application (it has a calibrated panel report), with its hire and outcomes when hired. */
export interface AssessedApplicationRow {
  applicationId: string;
  hired: boolean;
  score: number | null;
  rawScore: number | null;
  recommendation: PanelRecommendation | null;
  /** Dimension key → adjusted mean, from the panel report. */
  dimensionMeans: Record<string, number | null> | null;
  rating90d: number | null;
  rating6m: number | null;
  rating12m: number | null;
  productivityDays: number | null;
  /** Days from the hire to the departure, or to today; null without a hire date. */
  tenureDays: number | null;
  departed: boolean;
  /** 1 / 0 once known: departed within 365 days → 0; employed 365 days or more → 1; otherwise null. */
  retained12m: number | null;
}

export interface RoundMeanRow {
  applicationId: string;
  roundKey: string;
  mean: number;
}

export interface Label {
  key: string;
  label: string;
}

export interface InterviewerPairRow {
  interviewerId: string;
  rating: number;
  outcome: number;
}

const REPORT_COLUMNS = `id, organization_id AS "organizationId", role_id AS "roleId", version, status, reason, min_n AS "minN", report, error,
  created_at AS "createdAt", computed_at AS "computedAt"`;

/**
 * Validity reports and the reads their computation needs. Every query takes the organization id; a role id of null
 * means the organization-wide report. The reads are set-based (a handful of statements per report whatever the
 * number of hires): the latest panel report of each application (DISTINCT ON over the (application, version)
 * index), outcomes pivoted per application with FILTER aggregates, round means grouped in one pass.
 *
 * Dimension and round keys: a role's report keys them by id; the organization-wide report pools roles, so it keys
 * dimensions by their lower-cased name ("communication" across roles) and rounds by their kind (technical, …).
 */
@Injectable()
export class ValidityReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The next version for (organization, role), under a transaction-level advisory lock so two requests never collide. */
  async create(
    manager: EntityManager,
    organizationId: string,
    roleId: string | null,
    reason: ValidityReportReason,
    minN: number,
    memberId: string | null,
  ): Promise<ValidityReportRow> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('validity_report:' || $1::text || ':' || coalesce($2::text, 'organization')))`, [
      organizationId,
      roleId,
    ]);
    const [row] = await manager.query(
      `INSERT INTO validity_reports (organization_id, role_id, version, status, reason, min_n, requested_by_member_id)
       SELECT $1, $2::uuid, coalesce(max(version), 0) + 1, 'queued', $3, $4, $5
         FROM validity_reports WHERE organization_id = $1 AND role_id IS NOT DISTINCT FROM $2::uuid
       RETURNING ${REPORT_COLUMNS}`,
      [organizationId, roleId, reason, minN, memberId],
    );
    return row;
  }

  async findById(organizationId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<ValidityReportRow | null> {
    const [row] = await manager.query(`SELECT ${REPORT_COLUMNS} FROM validity_reports WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
    return row ?? null;
  }

  /** The latest done report of (organization, role), else the latest of any status. */
  async latest(organizationId: string, roleId: string | null): Promise<ValidityReportRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${REPORT_COLUMNS} FROM validity_reports WHERE organization_id = $1 AND role_id IS NOT DISTINCT FROM $2::uuid
        ORDER BY (status = 'done') DESC, version DESC LIMIT 1`,
      [organizationId, roleId],
    );
    return row ?? null;
  }

  /** Interviewer validity of the latest done organization-wide report, without the rest of the report. */
  async latestInterviewerValidity(
    organizationId: string,
    interviewerId: string,
  ): Promise<{ reportId: string; computedAt: Date; minN: number; organizationR: number | null; organizationN: number; entry: unknown } | null> {
    const [row] = await this.dataSource.query(
      `SELECT id AS "reportId", computed_at AS "computedAt", min_n AS "minN",
              (report->'interviewerValidity'->>'organizationR')::float8 AS "organizationR",
              coalesce((report->'interviewerValidity'->>'organizationN')::int, 0) AS "organizationN",
              (SELECT e FROM jsonb_array_elements(report->'interviewerValidity'->'interviewers') e WHERE e->>'interviewerId' = $2::text) AS entry
         FROM validity_reports WHERE organization_id = $1 AND role_id IS NULL AND status = 'done'
        ORDER BY version DESC LIMIT 1`,
      [organizationId, interviewerId],
    );
    return row ?? null;
  }

  async findRole(organizationId: string, roleId: string): Promise<{ id: string; hiringManagerId: string | null } | null> {
    const [row] = await this.dataSource.query(`SELECT id, hiring_manager_id AS "hiringManagerId" FROM roles WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
    ]);
    return row ?? null;
  }

  /** Claims a queued report for computation; false when it is not queued (a redelivered job). */
  async markRunning(organizationId: string, id: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `UPDATE validity_reports SET status = 'running' WHERE organization_id = $1 AND id = $2 AND status IN ('queued', 'running') RETURNING id`,
      [organizationId, id],
    );
    return rows.length > 0;
  }

  async markDone(organizationId: string, id: string, report: StoredValidityReport): Promise<void> {
    await this.dataSource.query(
      `UPDATE validity_reports SET status = 'done', report = $3::jsonb, computed_at = now(), error = NULL WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, JSON.stringify(report)],
    );
  }

  async markFailed(organizationId: string, id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE validity_reports SET status = 'failed', error = $3, computed_at = now() WHERE organization_id = $1 AND id = $2`,
      [organizationId, id, error.slice(0, 1000)],
    );
  }

  /** Every assessed application of the organization (or role), one row each. */
  async assessedApplications(organizationId: string, roleId: string | null): Promise<AssessedApplicationRow[]> {
    return this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (r.application_id) r.application_id, r.score, (r.report->>'rawScore')::float8 AS raw_score, r.recommendation,
                (SELECT jsonb_object_agg(CASE WHEN $2::uuid IS NULL THEN 'name:' || lower(d->>'name') ELSE d->>'dimensionId' END, d->'adjustedMean')
                   FROM jsonb_array_elements(r.report->'dimensions') d WHERE jsonb_typeof(d->'adjustedMean') = 'number') AS dimension_means
           FROM calibration_reports r JOIN applications a ON a.id = r.application_id
          WHERE r.organization_id = $1 AND ($2::uuid IS NULL OR a.role_id = $2::uuid)
          ORDER BY r.application_id, r.version DESC
       ),
       pivot AS (
         SELECT o.application_id,
                max(o.rating) FILTER (WHERE o.kind = 'performance_rating' AND o.review_point = '90d') AS rating_90d,
                max(o.rating) FILTER (WHERE o.kind = 'performance_rating' AND o.review_point = '6m') AS rating_6m,
                max(o.rating) FILTER (WHERE o.kind = 'performance_rating' AND o.review_point = '12m') AS rating_12m,
                max(o.days) FILTER (WHERE o.kind = 'time_to_productivity') AS productivity_days,
                min(o.occurred_on) FILTER (WHERE o.kind = 'departure') AS departed_on
           FROM outcomes o WHERE o.organization_id = $1
          GROUP BY o.application_id
       )
       SELECT a.id AS "applicationId", a.status = 'hired' AS hired, l.score, l.raw_score AS "rawScore", l.recommendation,
              l.dimension_means AS "dimensionMeans",
              p.rating_90d AS "rating90d", p.rating_6m AS "rating6m", p.rating_12m AS "rating12m", p.productivity_days AS "productivityDays",
              CASE WHEN a.status = 'hired' AND a.decided_at IS NOT NULL
                   THEN greatest(0, coalesce(p.departed_on, current_date) - a.decided_at::date) END AS "tenureDays",
              p.departed_on IS NOT NULL AS departed,
              CASE WHEN a.status <> 'hired' OR a.decided_at IS NULL THEN NULL
                   WHEN p.departed_on IS NOT NULL AND p.departed_on - a.decided_at::date < 365 THEN 0
                   WHEN current_date - a.decided_at::date >= 365 THEN 1 END AS "retained12m"
         FROM latest l JOIN applications a ON a.id = l.application_id
         LEFT JOIN pivot p ON p.application_id = a.id
        WHERE a.organization_id = $1`,
      [organizationId, roleId],
    );
  }

  /** Mean leniency-adjusted rating per (application, round) over submitted scorecards. */
  async roundMeans(organizationId: string, roleId: string | null): Promise<RoundMeanRow[]> {
    return this.dataSource.query(
      `SELECT sr.application_id AS "applicationId", CASE WHEN $2::uuid IS NULL THEN 'kind:' || rd.kind ELSE rd.id::text END AS "roundKey",
              avg(sr.rating - coalesce(ic."offset", 0))::float8 AS mean
         FROM scorecard_ratings sr
         JOIN scorecards s ON s.id = sr.scorecard_id AND s.status = 'submitted'
         JOIN interviews i ON i.id = s.interview_id
         JOIN rounds rd ON rd.id = i.round_id
         LEFT JOIN interviewer_calibrations ic ON ic.organization_id = sr.organization_id AND ic.interviewer_id = sr.interviewer_id
        WHERE sr.organization_id = $1 AND ($2::uuid IS NULL OR sr.role_id = $2::uuid)
        GROUP BY 1, 2`,
      [organizationId, roleId],
    );
  }

  /** Labels of the dimension keys (see the class comment), in loop order. */
  async dimensionLabels(organizationId: string, roleId: string | null): Promise<Label[]> {
    return roleId === null
      ? this.dataSource.query(
          `SELECT key, label FROM (SELECT DISTINCT ON (lower(name)) 'name:' || lower(name) AS key, name AS label, position FROM dimensions WHERE organization_id = $1 ORDER BY lower(name), created_at) d ORDER BY position, key`,
          [organizationId],
        )
      : this.dataSource.query(
          `SELECT id::text AS key, name AS label FROM dimensions WHERE organization_id = $1 AND role_id = $2 ORDER BY position, name`,
          [organizationId, roleId],
        );
  }

  async roundLabels(organizationId: string, roleId: string | null): Promise<Label[]> {
    return roleId === null
      ? this.dataSource.query(`SELECT DISTINCT 'kind:' || kind AS key, kind AS label FROM rounds WHERE organization_id = $1 ORDER BY key`, [
          organizationId,
        ])
      : this.dataSource.query(
          `SELECT id::text AS key, name AS label FROM rounds WHERE organization_id = $1 AND role_id = $2 ORDER BY position, name`,
          [organizationId, roleId],
        );
  }

  /**
   * Each interviewer's mean rating of each hired application with a 12-month rating, minus the interviewer's
   * leniency offset (the nightly rater-effects estimate), paired with that rating.
   */
  async interviewerPairs(organizationId: string): Promise<InterviewerPairRow[]> {
    return this.dataSource.query(
      `SELECT sr.interviewer_id AS "interviewerId", (avg(sr.rating) - coalesce(max(ic."offset"), 0))::float8 AS rating, o.rating::float8 AS outcome
         FROM scorecard_ratings sr
         JOIN scorecards s ON s.id = sr.scorecard_id AND s.status = 'submitted'
         JOIN applications a ON a.id = sr.application_id AND a.status = 'hired'
         JOIN outcomes o ON o.organization_id = sr.organization_id AND o.application_id = sr.application_id AND o.kind = 'performance_rating' AND o.review_point = '12m'
         LEFT JOIN interviewer_calibrations ic ON ic.organization_id = sr.organization_id AND ic.interviewer_id = sr.interviewer_id
        WHERE sr.organization_id = $1
        GROUP BY sr.interviewer_id, sr.application_id, o.rating`,
      [organizationId],
    );
  }

  /** For the nightly run (system scope): every organization with a hire, and each of its roles with one. */
  async nightlyTargets(): Promise<{ organizationId: string; roleIds: string[] }[]> {
    return this.dataSource.query(
      `SELECT organization_id AS "organizationId", array_agg(DISTINCT role_id::text) AS "roleIds" FROM applications WHERE status = 'hired' GROUP BY organization_id`,
    );
  }
}
