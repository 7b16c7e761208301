import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueueName } from '@hireloop/queue';
import { LoopVersionsRepository } from '../roles/loop-versions.repository';
import type { StoredHirePolicy } from '../roles/role.entity';
import { CalibrationReportEntity, ReportCovers, ReportRecommendation } from './calibration-report.entity';
import type { InterviewerOffset, ReportLoopVersion, SubmittedRating, SubmittedScorecard } from './report-inputs';
import type { StoredReportKey } from './report-versioning';

export interface ReportApplication {
  id: string;
  organizationId: string;
  roleId: string;
  status: string;
  decidedAt: Date | null;
}

/** Everything one report computation reads (fetched for a whole batch in a single round trip). */
export interface PanelState {
  application: ReportApplication;
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

/**
 * The job sweep's two looks at application `a` share their rule: only an open debrief (active, undecided: a decided
 * application keeps the report it was decided on), and only when no request to recompute it waits in the outbox.
 */
const OPEN_APPLICATION = `a.status = 'active' AND a.decided_at IS NULL`;
const NO_REPORT_REQUEST_WAITING = `NOT EXISTS (SELECT 1 FROM outbox_messages o
                           WHERE o.published_at IS NULL AND o.queue = '${QueueName.PanelAggregation}'
                             AND o.organization_id = a.organization_id AND o.payload->>'applicationId' = a.id::text)`;

/**
 * The ratings of a stored scorecard's `ratings` column the engine reads (a jsonpath filter): those with a dimension and
 * a rating, not marked "not assessed". The state statement reads their dimension ids and ratings as two arrays, one
 * item per rating, so that the evidence text, most of the column, is neither sent nor parsed (issue 17: the worker's
 * CPU per report −0.045 ms, PostgreSQL's unchanged, bench/README). The same filter in both keeps the arrays aligned.
 */
const RATED = '$[*] ? (exists(@.dimensionId) && exists(@.rating ? (@ != null)) && !exists(@.notAssessed ? (@ == true)))';

/** Reports and the state they are computed from. Every method is scoped by organization. */
@Injectable()
export class CalibrationReportsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loopVersions: LoopVersionsRepository,
  ) {}

  /**
   * Undecided, active applications whose latest report does not cover their scorecards as they are (a submitted
   * scorecard missing or at another revision, or a withdrawn one still covered), although their last scorecard
   * change is older than `settledForSeconds` and newer than `changedWithinHours`, and no request to recompute them
   * waits in the outbox: their report request was lost on the way (a job gone with Redis's data) or failed for good.
   * The longest waiting first. Across organizations (the system scope), or one organization's.
   */
  staleApplications(
    manager: EntityManager,
    options: { settledForSeconds: number; changedWithinHours: number; limit: number; organizationId?: string },
  ): Promise<PanelRef[]> {
    return manager.query(
      `SELECT a.organization_id AS "organizationId", a.id AS "applicationId"
         FROM applications a
         JOIN LATERAL (
           SELECT coalesce(jsonb_object_agg(s.id, s.revision) FILTER (WHERE s.status = 'submitted'), '{}'::jsonb) AS covers,
                  max(s.updated_at) AS last_change
             FROM scorecards s
            WHERE s.organization_id = a.organization_id AND s.application_id = a.id AND s.status <> 'draft') panel ON true
         LEFT JOIN LATERAL (
           SELECT r.covers FROM calibration_reports r
            WHERE r.organization_id = a.organization_id AND r.application_id = a.id
            ORDER BY r.version DESC LIMIT 1) latest ON true
        WHERE ${OPEN_APPLICATION}
          AND ($4::uuid IS NULL OR a.organization_id = $4::uuid)
          AND panel.last_change < now() - make_interval(secs => $1)
          AND panel.last_change > now() - make_interval(hours => $2)
          AND coalesce(latest.covers, '{}'::jsonb) <> panel.covers
          AND ${NO_REPORT_REQUEST_WAITING}
        ORDER BY panel.last_change
        LIMIT $3`,
      [options.settledForSeconds, options.changedWithinHours, options.limit, options.organizationId ?? null],
    );
  }

  /**
   * Undecided, active applications whose latest report covers their feedback as it is but was computed by another
   * algorithm version than `algorithmVersion` (the caller keeps those of an older one: `isOlderAlgorithm`), and for
   * which no request to recompute waits in the outbox. Feedback of any age: an open debrief must not keep showing a
   * recommendation made by rules since corrected. In application id order, after `afterApplicationId` when given (the
   * caller's cursor: applications whose recompute fails for good must not hold the front of the line for ever).
   */
  otherAlgorithmApplications(
    manager: EntityManager,
    options: { algorithmVersion: string; limit: number; organizationId?: string; afterApplicationId?: string | null },
  ): Promise<(PanelRef & { algorithmVersion: string })[]> {
    return manager.query(
      `SELECT a.organization_id AS "organizationId", a.id AS "applicationId", latest.algorithm_version AS "algorithmVersion"
         FROM applications a
         JOIN LATERAL (
           SELECT r.covers, r.algorithm_version FROM calibration_reports r
            WHERE r.organization_id = a.organization_id AND r.application_id = a.id
            ORDER BY r.version DESC LIMIT 1) latest ON true
         JOIN LATERAL (
           SELECT coalesce(jsonb_object_agg(s.id, s.revision), '{}'::jsonb) AS covers
             FROM scorecards s
            WHERE s.organization_id = a.organization_id AND s.application_id = a.id AND s.status = 'submitted') panel ON true
        WHERE ${OPEN_APPLICATION}
          AND ($3::uuid IS NULL OR a.organization_id = $3::uuid)
          AND latest.algorithm_version <> $1
          AND ($4::uuid IS NULL OR a.id > $4::uuid)
          AND panel.covers <> '{}'::jsonb AND latest.covers = panel.covers
          AND ${NO_REPORT_REQUEST_WAITING}
        ORDER BY a.id
        LIMIT $2`,
      [options.algorithmVersion, options.limit, options.organizationId ?? null, options.afterApplicationId ?? null],
    );
  }

  /**
   * Serialises report writes per application until the transaction ends, across processes, for a whole batch: the
   * locks are taken one after another in hash order, so two batches sharing applications wait instead of deadlocking.
   */
  async lockApplications(manager: EntityManager, applicationIds: readonly string[]): Promise<void> {
    if (applicationIds.length === 0) return;
    await manager.query(
      `SELECT pg_advisory_xact_lock(h)
         FROM (SELECT DISTINCT hashtext('calibration_report:' || id) AS h FROM unnest($1::text[]) AS id ORDER BY 1 LIMIT 1000000) ordered`,
      [applicationIds],
    );
  }

  /**
   * For each application: the application, its role's hire policy, its submitted scorecards, the latest report's
   * key (not its body), the loop versions involved and the interviewers' offsets — for the whole batch in one
   * statement, keyed by `panelKey`. Applications that do not exist in their organization are absent.
   */
  async panelStates(manager: EntityManager, refs: readonly PanelRef[]): Promise<Map<string, PanelState>> {
    if (refs.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT p.organization_id AS "organizationId", p.id AS "applicationId",
         (SELECT row_to_json(a) FROM (
            SELECT ap.id, ap.organization_id AS "organizationId", ap.role_id AS "roleId", ap.status, ap.decided_at AS "decidedAt",
                   r.hire_policy AS "hirePolicy"
              FROM applications ap JOIN roles r ON r.id = ap.role_id AND r.organization_id = ap.organization_id
             WHERE ap.organization_id = p.organization_id AND ap.id = p.id) a) AS application,
         (SELECT coalesce(json_agg(s ORDER BY s.id), '[]') FROM (
            SELECT id, interviewer_id AS "interviewerId", revision, loop_version_id AS "loopVersionId",
                   jsonb_path_query_array(ratings, '${RATED}.dimensionId') AS "ratedDimensionIds",
                   jsonb_path_query_array(ratings, '${RATED}.rating') AS "ratingValues", recommendation,
                   red_flags AS "redFlags", submitted_at AS "submittedAt"
              FROM scorecards WHERE organization_id = p.organization_id AND application_id = p.id AND status = 'submitted') s) AS scorecards,
         (SELECT row_to_json(k) FROM (
            SELECT id, version, inputs_hash AS "inputsHash", algorithm_version AS "algorithmVersion", covers
              FROM calibration_reports WHERE organization_id = p.organization_id AND application_id = p.id ORDER BY version DESC LIMIT 1) k) AS latest,
         -- The loop versions of the submitted scorecards are in their rows; every version of the application (its
         -- interviews' too) only when nothing is submitted (buildPanelReportInput's fallback): not read otherwise.
         (SELECT coalesce(json_agg(v), '[]') FROM (
            SELECT DISTINCT loop_version_id AS id FROM (
              SELECT loop_version_id FROM scorecards WHERE organization_id = p.organization_id AND application_id = p.id
              UNION ALL SELECT loop_version_id FROM interviews WHERE organization_id = p.organization_id AND application_id = p.id) u
             WHERE NOT EXISTS (SELECT 1 FROM scorecards
                                WHERE organization_id = p.organization_id AND application_id = p.id AND status = 'submitted')) v) AS "fallbackLoopVersionIds",
         (SELECT coalesce(json_agg(o), '[]') FROM (
            -- Out of sample: each offset without this application's own ratings, (S − s_X) / (n − n_X + k), rounded to
            -- 6 decimals (libs/calibration offsetWithout; the interviewer-calibration job stores S, n, k and s_X, n_X).
            SELECT panel.interviewer_id AS "interviewerId",
                   CASE WHEN c.n - coalesce(x.n, 0) > 0
                        THEN greatest(-3, least(3, round(((c.deviation_sum - coalesce(x.deviation_sum, 0)) / (c.n - coalesce(x.n, 0) + c.k))::numeric, 6)))::double precision
                        ELSE 0 END AS "offset",
                   c.n - coalesce(x.n, 0) AS n
              -- From the panel's few interviewers to their calibration rows by key (the planner, left to itself, read
              -- all of the organization's calibrations and searched the panel for each: 7× slower, issue 17).
              FROM (SELECT DISTINCT interviewer_id FROM scorecards
                     WHERE organization_id = p.organization_id AND application_id = p.id AND status = 'submitted') panel
              CROSS JOIN LATERAL (SELECT n, k, deviation_sum FROM interviewer_calibrations
                                   WHERE organization_id = p.organization_id AND interviewer_id = panel.interviewer_id LIMIT 1) c
              LEFT JOIN LATERAL (SELECT n, deviation_sum FROM interviewer_application_calibrations
                                  WHERE organization_id = p.organization_id AND application_id = p.id AND interviewer_id = panel.interviewer_id
                                  LIMIT 1) x ON true) o) AS offsets
       FROM unnest($1::uuid[], $2::uuid[]) AS p(organization_id, id)`,
      [refs.map((r) => r.organizationId), refs.map((r) => r.applicationId)],
    )) as {
      organizationId: string;
      applicationId: string;
      application: (ReportApplication & { hirePolicy: StoredHirePolicy | null }) | null;
      scorecards: (Omit<SubmittedScorecard, 'ratings'> & { ratedDimensionIds: string[]; ratingValues: SubmittedRating['rating'][] })[];
      latest: (StoredReportKey & { id: string }) | null;
      fallbackLoopVersionIds: { id: string }[];
      offsets: { interviewerId: string; offset: number; n: number }[];
    }[];
    const versionIdsOf = (row: (typeof rows)[number]) => [
      ...new Set([...row.scorecards.map((s) => s.loopVersionId), ...row.fallbackLoopVersionIds.map((v) => v.id)]),
    ];
    // A batch of one role's applications shares one or two ~17 KB snapshots: read (and parsed) once, not per application.
    const versions = await this.loopVersions.readThroughCache(
      rows.flatMap((row) => (row.application ? versionIdsOf(row).map((id) => ({ organizationId: row.organizationId, id })) : [])),
      manager,
    );
    const states = new Map<string, PanelState>();
    for (const row of rows) {
      if (!row.application) continue;
      const { hirePolicy, ...application } = row.application;
      states.set(panelKey(row), {
        application,
        hirePolicy: hirePolicy ?? {},
        scorecards: row.scorecards.map(({ ratedDimensionIds, ratingValues, ...card }) => ({
          ...card,
          ratings: ratedDimensionIds.map((dimensionId, i) => ({ dimensionId, rating: ratingValues[i] })),
        })),
        latest: row.latest,
        loopVersions: versionIdsOf(row).flatMap((id) => versions.get(id) ?? []),
        offsets: Object.fromEntries(row.offsets.map((o) => [o.interviewerId, { offset: Number(o.offset), n: Number(o.n) }])),
      });
    }
    return states;
  }

  /** The submitted revisions of each application right now (keyed by `panelKey`; none submitted → absent). */
  async currentCoversMany(refs: readonly PanelRef[]): Promise<Map<string, ReportCovers>> {
    if (refs.length === 0) return new Map();
    const rows: { organizationId: string; applicationId: string; covers: ReportCovers }[] = await this.dataSource.query(
      `SELECT s.organization_id AS "organizationId", s.application_id AS "applicationId", jsonb_object_agg(s.id, s.revision) AS covers
         FROM unnest($1::uuid[], $2::uuid[]) AS p(organization_id, id)
         JOIN scorecards s ON s.organization_id = p.organization_id AND s.application_id = p.id AND s.status = 'submitted'
        GROUP BY 1, 2`,
      [refs.map((r) => r.organizationId), refs.map((r) => r.applicationId)],
    );
    return new Map(rows.map((r) => [panelKey(r), r.covers]));
  }

  latest(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationReportEntity | null> {
    return manager.findOne(CalibrationReportEntity, { where: { organizationId, applicationId }, order: { version: 'DESC' } });
  }

  /** Every version, oldest first, without the report body. */
  versions(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<CalibrationReportEntity[]> {
    return manager.find(CalibrationReportEntity, {
      select: {
        id: true,
        version: true,
        inputsHash: true,
        algorithmVersion: true,
        score: true,
        recommendation: true,
        scorecardCount: true,
        covers: true,
        computedAt: true,
      },
      where: { organizationId, applicationId },
      order: { version: 'ASC' },
    });
  }

  /**
   * New report versions of a batch, in one statement. The jsonb values go as one text of JSON documents, one per line
   * (JSON.stringify never writes a raw line break), each parsed on its own: PostgreSQL took 0.15 ms per report to
   * pull them out of one large JSON document (jsonb_to_recordset), 0.09 ms this way, and pg's array quoting of 4 KB
   * texts costs the worker more than a join (bench/README, issue 17).
   */
  async insertMany(manager: EntityManager, rows: readonly NewReportVersion[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO calibration_reports
         (organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, covers, report)
       SELECT x.organization_id, x.application_id, x.version, x.inputs_hash, x.algorithm_version, x.score, x.recommendation,
              x.scorecard_count, x.covers::jsonb, x.report::jsonb
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::double precision[], $7::text[], $8::int[],
                     string_to_array($9, E'\\n'), string_to_array($10, E'\\n'))
           AS x(organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, covers, report)`,
      [
        rows.map((r) => r.organizationId),
        rows.map((r) => r.applicationId),
        rows.map((r) => r.version),
        rows.map((r) => r.inputsHash),
        rows.map((r) => r.algorithmVersion),
        rows.map((r) => r.score),
        rows.map((r) => r.recommendation),
        rows.map((r) => r.scorecardCount),
        jsonLines(rows.map((r) => r.covers)),
        jsonLines(rows.map((r) => r.report)),
      ],
    );
  }

  /** The reports are unchanged but now known to reflect these revisions (e.g. an amendment of evidence text only). */
  async refreshCoversMany(manager: EntityManager, rows: readonly { organizationId: string; id: string; covers: ReportCovers }[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE calibration_reports c SET covers = x.covers
         FROM jsonb_to_recordset($1::jsonb) AS x(organization_id uuid, id uuid, covers jsonb)
        WHERE c.organization_id = x.organization_id AND c.id = x.id`,
      [JSON.stringify(rows.map((r) => ({ organization_id: r.organizationId, id: r.id, covers: r.covers })))],
    );
  }
}

/** JSON documents one per line, for `string_to_array(text, E'\n')` (JSON.stringify escapes every line break). */
export function jsonLines(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join('\n');
}

/** The key of an application in batch results: ids are only meaningful within their organization. */
export function panelKey(ref: { organizationId: string; applicationId: string }): string {
  return `${ref.organizationId}/${ref.applicationId}`;
}

export interface PanelRef {
  organizationId: string;
  applicationId: string;
}
