import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RaterEffectSystem } from '@hireloop/calibration';
import type { ReportRecommendation } from '../reports/calibration-report.entity';
import type { RevisionForAmendments } from '../scorecards/amendments';

export interface RoleRef {
  id: string;
  title: string;
  hiringManagerId: string | null;
}

export interface MemberRef {
  id: string;
  name: string;
}

export interface DimensionReliabilityRow {
  dimensionId: string;
  name: string | null;
  alpha: number | null;
  nUnits: number;
  nRatings: number;
  computedAt: Date | null;
}

export interface ScoreBucketRow {
  /** 1…12: [1, 1.25), [1.25, 1.5), … [3.75, 4]. */
  bucket: number;
  count: number;
}

export interface RoleDecisionStats {
  total: number;
  followed: number;
  overridden: number;
}

export interface InterviewerOffsetRow {
  offset: number;
  n: number;
  computedAt: Date;
}

export interface RecommendationMatchStats {
  total: number;
  matched: number;
}

/** Score histogram: 12 buckets of 0.25 from 1 to 4 (a score of exactly 4 falls in the last one). */
/** One submitted scorecard's ratings, for the rating-habit figures. */
export interface SubmittedRatingsRow {
  interviewer_id: string;
  ratings: { dimensionId: string; rating: number | null }[];
}

/** One revision of an amended scorecard, with what its amendments are compared against. */
export interface AmendedRevisionRow {
  scorecard_id: string;
  application_id: string;
  revision: number;
  kind: string;
  created_at: Date;
  content: RevisionForAmendments['content'];
  first_viewed_at: Date | null;
  dimensions: { id: string; name: string }[] | null;
}

export const SCORE_BUCKETS = 12;
export const SCORE_MIN = 1;
export const SCORE_MAX = 4;

/**
 * The calibration figures: the steps of the worker's set-based computation (each runs in the computing transaction,
 * see InterviewerCalibrationService) and the reads behind the calibration views. Every method is scoped by
 * organization.
 */
@Injectable()
export class CalibrationStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Organizations with ratings or with earlier results (which may have to go back to zero). */
  async organizationsWithCalibrationData(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM organizations o
        WHERE EXISTS (SELECT 1 FROM scorecard_ratings r WHERE r.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM interviewer_calibrations c WHERE c.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM role_reliability rr WHERE rr.organization_id = o.id)
        ORDER BY o.id`,
    );
    return rows.map((r) => r.id);
  }

  /** Big organizations: more than the default statement timeout, and room to sort in memory (this transaction only). */
  async allowLongRecompute(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL statement_timeout = '300s'`);
    await manager.query(`SET LOCAL work_mem = '64MB'`);
  }

  /** Until the transaction ends, no other recomputation of the organization runs. */
  async lockOrganizationRecompute(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('interviewer-calibration'), hashtext($1))`, [organizationId]);
  }

  /**
   * `rater_groups` (temp, dropped at commit): per (application, dimension, interviewer) the sum s and count c of the
   * ratings mapped onto 1–4 ({@link ratingOnFourPoint}), with the group's total m, sum T and number of distinct
   * interviewers.
   */
  async buildRaterGroups(manager: EntityManager, organizationId: string): Promise<void> {
    const rating = await this.ratingOnFourPoint(manager);
    await manager.query(`DROP TABLE IF EXISTS rater_groups`);
    await manager.query(
      `CREATE TEMP TABLE rater_groups ON COMMIT DROP AS
       WITH per_rater AS (
         SELECT r.application_id, r.dimension_id, r.interviewer_id, sum(${rating.expression}) AS s, count(*)::double precision AS c
           FROM scorecard_ratings r ${rating.join}
          WHERE r.organization_id = $1
          GROUP BY r.application_id, r.dimension_id, r.interviewer_id
       )
       SELECT application_id, dimension_id, interviewer_id, s, c,
              sum(c) OVER w AS m, sum(s) OVER w AS t, count(*) OVER w AS raters
         FROM per_rater
       WINDOW w AS (PARTITION BY application_id, dimension_id)`,
      [organizationId],
    );
  }

  /**
   * The normal equations (L + kI) b = h from `rater_groups`: per interviewer n, L_ii, h_i (ordered by interviewer id)
   * and per co-rating pair L_ij, summed over groups with ≥ 2 interviewers (a few hundred rows per organization, not
   * one per rating), as libs/calibration's `solveRaterEffects` takes them.
   */
  async raterEffectEquations(manager: EntityManager): Promise<RaterEffectSystem> {
    const perInterviewer: { interviewer_id: string; n: number; diag: number; rhs: number }[] = await manager.query(
      `SELECT interviewer_id,
              COALESCE(sum(c) FILTER (WHERE raters >= 2), 0)::double precision AS n,
              COALESCE(sum(c - c * c / m) FILTER (WHERE raters >= 2), 0)::double precision AS diag,
              COALESCE(sum(s - c * t / m) FILTER (WHERE raters >= 2), 0)::double precision AS rhs
         FROM rater_groups GROUP BY interviewer_id ORDER BY interviewer_id`,
    );
    const pairs: { a: string; b: string; value: number }[] = await manager.query(
      `SELECT x.interviewer_id AS a, y.interviewer_id AS b, sum(-x.c * y.c / x.m)::double precision AS value
         FROM rater_groups x
         JOIN rater_groups y ON y.application_id = x.application_id AND y.dimension_id = x.dimension_id AND y.interviewer_id > x.interviewer_id
        WHERE x.raters >= 2
        GROUP BY 1, 2`,
    );
    const ids = perInterviewer.map((r) => r.interviewer_id);
    const index = new Map(ids.map((id, i) => [id, i]));
    return {
      ids,
      n: perInterviewer.map((r) => Number(r.n)),
      diag: perInterviewer.map((r) => Number(r.diag)),
      rhs: perInterviewer.map((r) => Number(r.rhs)),
      pairs: pairs.map((p) => ({ a: index.get(p.a)!, b: index.get(p.b)!, value: Number(p.value) })),
    };
  }

  /** `rater_effects` (temp, dropped at commit): the solved effect b of each interviewer. */
  async storeRaterEffects(manager: EntityManager, interviewerIds: string[], effects: number[]): Promise<void> {
    await manager.query(`DROP TABLE IF EXISTS rater_effects`);
    await manager.query(
      `CREATE TEMP TABLE rater_effects ON COMMIT DROP AS
       SELECT * FROM unnest($1::uuid[], $2::double precision[]) AS e(interviewer_id, b)`,
      [interviewerIds, effects],
    );
  }

  /**
   * Replaces `interviewer_application_calibrations`: μ̂ = (T − Σ c_j b_j)/m per group and each interviewer's
   * deviations s − c·μ̂, summed per application.
   */
  async replaceApplicationDeviations(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`DELETE FROM interviewer_application_calibrations WHERE organization_id = $1`, [organizationId]);
    await manager.query(
      `INSERT INTO interviewer_application_calibrations (organization_id, application_id, interviewer_id, deviation_sum, n)
       SELECT $1, application_id, interviewer_id, sum(dev), sum(c)::int
         FROM (SELECT g.application_id, g.interviewer_id, g.c,
                      g.s - g.c * (g.t - sum(g.c * e.b) OVER w) / g.m AS dev
                 FROM rater_groups g JOIN rater_effects e ON e.interviewer_id = g.interviewer_id
                WHERE g.raters >= 2
               WINDOW w AS (PARTITION BY g.application_id, g.dimension_id)) d
        GROUP BY application_id, interviewer_id`,
      [organizationId],
    );
  }

  /**
   * Upserts `interviewer_calibrations` for every interviewer of `rater_effects` from their per-application sums:
   * deviation_sum, n, k and offset = deviation_sum / (n + k) rounded to `decimals` (0 with n = 0 when none of their
   * ratings is co-rated). Returns how many rows were written.
   */
  async upsertInterviewerOffsets(manager: EntityManager, organizationId: string, k: number, decimals: number): Promise<number> {
    const rows: { count: number }[] = await manager.query(
      `WITH per_interviewer AS (
         SELECT e.interviewer_id, COALESCE(sum(x.deviation_sum), 0) AS s, COALESCE(sum(x.n), 0)::double precision AS n
           FROM rater_effects e
           LEFT JOIN interviewer_application_calibrations x ON x.organization_id = $1 AND x.interviewer_id = e.interviewer_id
          GROUP BY e.interviewer_id
       ), upserted AS (
         INSERT INTO interviewer_calibrations (organization_id, interviewer_id, "offset", n, deviation_sum, k, computed_at)
         SELECT $1, interviewer_id,
                -- s / (n + k), rounded like the pure functions (Math.round semantics)
                CASE WHEN n > 0 THEN floor(s / (n + $2::double precision) * $3::double precision + 0.5) / $3::double precision ELSE 0 END + 0,
                n::int, CASE WHEN n > 0 THEN s ELSE 0 END, $2::double precision, now()
           FROM per_interviewer
         ON CONFLICT (organization_id, interviewer_id)
         DO UPDATE SET "offset" = EXCLUDED."offset", n = EXCLUDED.n, deviation_sum = EXCLUDED.deviation_sum, k = EXCLUDED.k,
                       computed_at = EXCLUDED.computed_at
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM upserted`,
      [organizationId, k, 10 ** decimals],
    );
    return rows[0].count;
  }

  /** Interviewers not written by this transaction (no ratings left) go back to offset 0 with n = 0. */
  async resetOffsetsNotRecomputed(manager: EntityManager, organizationId: string, k: number): Promise<void> {
    await manager.query(
      `UPDATE interviewer_calibrations SET "offset" = 0, n = 0, deviation_sum = 0, k = $2, computed_at = now()
        WHERE organization_id = $1 AND computed_at <> now()`,
      [organizationId, k],
    );
  }

  /**
   * THE one place where a rating's scale is read. Ratings are mapped linearly onto 1–4 (libs/calibration
   * `toFourPoint`) from the role's `rating_scale` ('four_point' | 'five_point' | 'three_level'). On a database
   * without that column (before the roles migration of issue 12) every rating is taken as 4-point.
   */
  private async ratingOnFourPoint(manager: EntityManager): Promise<{ expression: string; join: string }> {
    const [{ present }]: { present: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'roles' AND column_name = 'rating_scale') AS present`,
    );
    if (!present) return { expression: 'r.rating::double precision', join: '' };
    return {
      expression: `CASE ro.rating_scale WHEN 'five_point' THEN 1 + ((r.rating - 1) * 3)::double precision / 4
                                        WHEN 'three_level' THEN 1 + ((r.rating - 1) * 3)::double precision / 2
                                        ELSE r.rating::double precision END`,
      join: 'JOIN roles ro ON ro.id = r.role_id',
    };
  }

  /**
   * Upserts `role_reliability` (Krippendorff's alpha, interval metric; see InterviewerCalibrationService) for every
   * (role, dimension) of the organization with pairable ratings. Returns how many rows were written.
   */
  async upsertRoleReliability(manager: EntityManager, organizationId: string): Promise<number> {
    const rows: { count: number }[] = await manager.query(
      `WITH rater_values AS (
         SELECT role_id, dimension_id, application_id, interviewer_id, avg(rating)::double precision AS v
           FROM scorecard_ratings
          WHERE organization_id = $1
          GROUP BY role_id, dimension_id, application_id, interviewer_id
       ), units AS (
         SELECT role_id, dimension_id, count(*)::double precision AS m, sum(v) AS s1, sum(v * v) AS s2
           FROM rater_values
          GROUP BY role_id, dimension_id, application_id
         HAVING count(*) >= 2
       ), per_dimension AS (
         SELECT role_id, dimension_id,
                count(*)::int AS n_units,
                sum(m) AS n,
                sum((m * s2 - s1 * s1) / (m - 1)) AS within,
                sum(s1) AS t1,
                sum(s2) AS t2
           FROM units
          GROUP BY role_id, dimension_id
       ), upserted AS (
         INSERT INTO role_reliability (organization_id, role_id, dimension_id, alpha, n_units, n_ratings, computed_at)
         SELECT $1, role_id, dimension_id,
                CASE WHEN n >= 2 AND (n * t2 - t1 * t1) > 1e-9 * n * t2
                     THEN 1 - (n - 1) * within / (n * t2 - t1 * t1) END,
                n_units, n::int, now()
           FROM per_dimension
         ON CONFLICT (role_id, dimension_id)
         DO UPDATE SET organization_id = EXCLUDED.organization_id, alpha = EXCLUDED.alpha, n_units = EXCLUDED.n_units,
                       n_ratings = EXCLUDED.n_ratings, computed_at = EXCLUDED.computed_at
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM upserted`,
      [organizationId],
    );
    return rows[0].count;
  }

  /** Reliability rows not written by this transaction (no pairable ratings left) are removed. */
  async deleteReliabilityNotRecomputed(manager: EntityManager, organizationId: string): Promise<void> {
    await manager.query(`DELETE FROM role_reliability WHERE organization_id = $1 AND computed_at <> now()`, [organizationId]);
  }

  async findRole(organizationId: string, roleId: string): Promise<RoleRef | null> {
    const rows: RoleRef[] = await this.dataSource.query(
      `SELECT id, title, hiring_manager_id AS "hiringManagerId" FROM roles WHERE organization_id = $1 AND id = $2`,
      [organizationId, roleId],
    );
    return rows[0] ?? null;
  }

  async findMember(organizationId: string, memberId: string): Promise<MemberRef | null> {
    const rows: MemberRef[] = await this.dataSource.query(
      `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = $2`,
      [organizationId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * The role's dimensions (current ones first, in loop order, then older ones that still have ratings) with their
   * stored reliability; names of dimensions no longer in the live loop come from the newest loop version naming them.
   */
  async roleReliability(organizationId: string, roleId: string): Promise<DimensionReliabilityRow[]> {
    const rows: (Omit<DimensionReliabilityRow, 'nUnits' | 'nRatings'> & { nUnits: number | null; nRatings: number | null })[] =
      await this.dataSource.query(
        `WITH live AS (
         SELECT id, name, position FROM dimensions WHERE organization_id = $1 AND role_id = $2
       ), snapshot_names AS (
         SELECT DISTINCT ON (d->>'id') (d->>'id')::uuid AS id, d->>'name' AS name
           FROM loop_versions lv, jsonb_array_elements(lv.snapshot->'dimensions') d
          WHERE lv.organization_id = $1 AND lv.role_id = $2 AND d ? 'id'
          ORDER BY d->>'id', lv.number DESC
       ), ids AS (
         SELECT id FROM live
         UNION
         SELECT dimension_id FROM role_reliability WHERE organization_id = $1 AND role_id = $2
       )
       SELECT ids.id AS "dimensionId", COALESCE(live.name, snapshot_names.name) AS name,
              rr.alpha, rr.n_units AS "nUnits", rr.n_ratings AS "nRatings", rr.computed_at AS "computedAt"
         FROM ids
         LEFT JOIN live ON live.id = ids.id
         LEFT JOIN snapshot_names ON snapshot_names.id = ids.id
         LEFT JOIN role_reliability rr ON rr.role_id = $2 AND rr.dimension_id = ids.id
        ORDER BY live.position NULLS LAST, name, ids.id`,
        [organizationId, roleId],
      );
    return rows.map((r) => ({ ...r, nUnits: r.nUnits ?? 0, nRatings: r.nRatings ?? 0 }));
  }

  /**
   * Histogram of the latest report score of each application of the role, plus its recommendation counts.
   * `excludeApplicationIds`: applications whose feedback the caller may not see (they are blind on its panel).
   */
  async roleScoreDistribution(
    organizationId: string,
    roleId: string,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<{ buckets: ScoreBucketRow[]; unscored: number; recommendations: Record<ReportRecommendation, number> }> {
    const rows: { bucket: number | null; recommendation: ReportRecommendation; count: number }[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (cr.application_id) cr.score, cr.recommendation
           FROM calibration_reports cr
           JOIN applications a ON a.id = cr.application_id
          WHERE cr.organization_id = $1 AND a.organization_id = $1 AND a.role_id = $2 AND NOT (cr.application_id = ANY($6::uuid[]))
          ORDER BY cr.application_id, cr.version DESC
       )
       SELECT CASE WHEN score IS NULL THEN NULL ELSE LEAST(GREATEST(width_bucket(score, $3::double precision, $4::double precision, $5::int), 1), $5::int) END AS bucket,
              recommendation, count(*)::int AS count
         FROM latest
        GROUP BY 1, 2`,
      [organizationId, roleId, SCORE_MIN, SCORE_MAX, SCORE_BUCKETS, [...excludeApplicationIds]],
    );
    const counts = new Map<number, number>();
    const recommendations: Record<ReportRecommendation, number> = { hire: 0, no_hire: 0, inconclusive: 0 };
    let unscored = 0;
    for (const row of rows) {
      recommendations[row.recommendation] = (recommendations[row.recommendation] ?? 0) + row.count;
      if (row.bucket === null) unscored += row.count;
      else counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.count);
    }
    const buckets = Array.from({ length: SCORE_BUCKETS }, (_, i) => ({ bucket: i + 1, count: counts.get(i + 1) ?? 0 }));
    return { buckets, unscored, recommendations };
  }

  /** Decisions on the role's applications, and how many followed the report's hire/no-hire recommendation. */
  async roleDecisionStats(organizationId: string, roleId: string): Promise<RoleDecisionStats> {
    const rows: RoleDecisionStats[] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE d.followed_recommendation)::int AS followed,
              count(*) FILTER (WHERE d.followed_recommendation = false)::int AS overridden
         FROM decisions d
         JOIN applications a ON a.id = d.application_id
        WHERE d.organization_id = $1 AND a.organization_id = $1 AND a.role_id = $2`,
      [organizationId, roleId],
    );
    return rows[0];
  }

  async interviewerOffset(organizationId: string, memberId: string): Promise<InterviewerOffsetRow | null> {
    const rows: InterviewerOffsetRow[] = await this.dataSource.query(
      `SELECT "offset", n, computed_at AS "computedAt" FROM interviewer_calibrations WHERE organization_id = $1 AND interviewer_id = $2`,
      [organizationId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * Count of submitted ratings per value (1–5, every scale pooled), for one interviewer or (null) the whole
   * organization, leaving out `excludeApplicationIds` (applications on whose panel the caller is still blind).
   */
  async ratingCounts(
    organizationId: string,
    interviewerId: string | null,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<Record<1 | 2 | 3 | 4 | 5, number>> {
    const rows: { rating: number; count: number }[] = await this.dataSource.query(
      `SELECT rating, count(*)::int AS count FROM scorecard_ratings
        WHERE organization_id = $1 AND NOT (application_id = ANY($2::uuid[])) ${interviewerId ? 'AND interviewer_id = $3' : ''}
        GROUP BY rating`,
      interviewerId ? [organizationId, [...excludeApplicationIds], interviewerId] : [organizationId, [...excludeApplicationIds]],
    );
    const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (const row of rows) counts[row.rating as 1 | 2 | 3 | 4 | 5] = row.count;
    return counts;
  }

  /**
   * The interviewer's submitted recommendations on decided applications: matched when yes/strong_yes met a hire or
   * no/strong_no met a no-hire.
   */
  async recommendationMatch(
    organizationId: string,
    interviewerId: string,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<RecommendationMatchStats> {
    const rows: RecommendationMatchStats[] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE (s.recommendation IN ('yes','strong_yes')) = (d.decision = 'hire'))::int AS matched
         FROM scorecards s
         JOIN decisions d ON d.application_id = s.application_id AND d.organization_id = $1
        WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND s.status = 'submitted' AND s.recommendation IS NOT NULL
          AND NOT (s.application_id = ANY($3::uuid[]))`,
      [organizationId, interviewerId, [...excludeApplicationIds]],
    );
    return rows[0];
  }

  /** Every submitted scorecard's ratings in the organization, leaving out `excludeApplicationIds`. */
  async submittedRatings(organizationId: string, excludeApplicationIds: readonly string[]): Promise<SubmittedRatingsRow[]> {
    return this.dataSource.query(
      `SELECT s.interviewer_id, s.ratings FROM scorecards s
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT (s.application_id = ANY($2::uuid[]))`,
      [organizationId, excludeApplicationIds],
    );
  }

  /**
   * Every revision of the interviewer's amended scorecards (by scorecard, oldest first), with when they first read
   * the panel and their loop version's dimensions; leaving out `excludeApplicationIds`.
   */
  async amendedRevisions(organizationId: string, interviewerId: string, excludeApplicationIds: readonly string[]): Promise<AmendedRevisionRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS scorecard_id, s.application_id, v.revision, v.kind, v.created_at, v.content, pv.first_viewed_at, lv.snapshot->'dimensions' AS dimensions
         FROM scorecards s
         JOIN scorecard_revisions v ON v.organization_id = s.organization_id AND v.scorecard_id = s.id
         JOIN loop_versions lv ON lv.id = s.loop_version_id
         LEFT JOIN panel_views pv ON pv.organization_id = s.organization_id AND pv.application_id = s.application_id AND pv.member_id = s.interviewer_id
        WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND NOT (s.application_id = ANY($3::uuid[]))
          AND EXISTS (SELECT 1 FROM scorecard_revisions a WHERE a.organization_id = s.organization_id AND a.scorecard_id = s.id AND a.kind = 'amended')
        ORDER BY s.id, v.revision`,
      [organizationId, interviewerId, excludeApplicationIds],
    );
  }
}
