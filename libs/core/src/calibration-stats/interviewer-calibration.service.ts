import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LENIENCY_K, LENIENCY_DECIMALS, solveRaterEffects, type RaterEffectSystem } from '@hireloop/calibration';

/** Ridge pseudo-count of the rater-effect model: offset = Σ deviation / (n + k) (the pure function's default k). */
export const LENIENCY_SHRINKAGE_K = DEFAULT_LENIENCY_K;

export interface OrganizationCalibrationResult {
  organizationId: string;
  /** Interviewers with ratings whose offset was written (0 with n = 0 when none of their ratings is co-rated). */
  interviewers: number;
  /** (role, dimension) pairs with a reliability row. */
  dimensions: number;
  durationMs: number;
}

/**
 * The interviewer-calibration computation, set-based in PostgreSQL so that no rating is ever held in memory here
 * (Issue 7: one million ratings in under 30 s and 500 MB).
 *
 * Leniency, per interviewer: the joint additive rater-effect model of libs/calibration's `raterEffects`
 * (rating = μ(application, dimension) + b(interviewer) + error, ridge k), with each interviewer's deviation sum split
 * per application so that a report can use the offset without its own application's ratings (see writeLeniency
 * and `offsetWithout`). An integration test checks that the stored figures equal the pure function's to 1e-9.
 *
 * Reliability, per role and dimension: Krippendorff's alpha with the interval metric, applications as units and
 * interviewers as raters (an interviewer who rated the same dimension twice on one application counts once, with
 * the mean of their ratings). From per-unit sums: with m_u values in unit u (m_u ≥ 2), n = Σ m_u,
 * alpha = 1 − (n − 1) · Σ_u (m_u·Σv² − (Σv)²)/(m_u − 1) / (n·Σv² − (Σv)²) over all pairable values; null when
 * undefined (n < 2 or no variation). Equal to libs/calibration's `alphaFromUnits(…, 'interval')` on those values
 * (checked by the same integration test).
 *
 * Each organization is recomputed in one transaction under an advisory lock, so two workers never interleave.
 */
@Injectable()
export class InterviewerCalibrationService {
  private readonly logger = new Logger(InterviewerCalibrationService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One organization, or (null) every organization that has ratings or earlier results. */
  async recompute(organizationId: string | null, options: { k?: number } = {}): Promise<OrganizationCalibrationResult[]> {
    const organizationIds = organizationId ? [organizationId] : await this.organizationsToRecompute();
    const results: OrganizationCalibrationResult[] = [];
    for (const id of organizationIds) results.push(await this.recomputeOrganization(id, options));
    return results;
  }

  async recomputeOrganization(organizationId: string, options: { k?: number } = {}): Promise<OrganizationCalibrationResult> {
    const k = options.k ?? LENIENCY_SHRINKAGE_K;
    const started = Date.now();
    return this.dataSource.transaction(async (manager) => {
      // Big organizations: more than the default statement timeout, and room to sort in memory.
      await manager.query(`SET LOCAL statement_timeout = '300s'`);
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('interviewer-calibration'), hashtext($1))`, [organizationId]);
      const interviewers = await this.writeLeniency(manager, organizationId, k);
      const dimensions = await this.writeReliability(manager, organizationId);
      const result = { organizationId, interviewers, dimensions, durationMs: Date.now() - started };
      this.logger.log(`calibration of ${organizationId}: ${interviewers} interviewers, ${dimensions} role dimensions in ${result.durationMs} ms`);
      return result;
    });
  }

  private async organizationsToRecompute(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT o.id FROM organizations o
        WHERE EXISTS (SELECT 1 FROM scorecard_ratings r WHERE r.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM interviewer_calibrations c WHERE c.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM role_reliability rr WHERE rr.organization_id = o.id)
        ORDER BY o.id`,
    );
    return rows.map((r) => r.id);
  }

  /**
   * The joint rater-effect model of libs/calibration (`raterEffects`, see rater-effects.ts), computed set-based:
   *
   * 1. `rater_groups` (temp): per (application, dimension, interviewer) the sum s and count c of the ratings mapped
   *    onto 1–4 ({@link ratingOnFourPointSql}), with the group's total m, sum T and number of distinct interviewers;
   * 2. the normal equations (L + kI) b = h: per interviewer n, L_ii, h_i and per co-rating pair L_ij, summed in SQL
   *    over groups with ≥ 2 interviewers (a few hundred rows per organization, not one per rating);
   * 3. solved here by `solveRaterEffects` (the library's conjugate gradients): memory is O(interviewers + pairs);
   * 4. back in SQL, μ̂ = (T − Σ c_j b_j)/m per group and each interviewer's deviations s − c·μ̂, summed per
   *    application into `interviewer_application_calibrations` and per interviewer into `interviewer_calibrations`
   *    (deviation_sum, n, k and offset = deviation_sum / (n + k), rounded to LENIENCY_DECIMALS).
   *
   * Interviewers whose ratings are never co-rated get offset 0 with n = 0; interviewers with no ratings left go back
   * to 0 as well.
   */
  private async writeLeniency(manager: EntityManager, organizationId: string, k: number): Promise<number> {
    const rating = await this.ratingOnFourPointSql(manager);
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
    const system: RaterEffectSystem = {
      ids,
      n: perInterviewer.map((r) => Number(r.n)),
      diag: perInterviewer.map((r) => Number(r.diag)),
      rhs: perInterviewer.map((r) => Number(r.rhs)),
      pairs: pairs.map((p) => ({ a: index.get(p.a)!, b: index.get(p.b)!, value: Number(p.value) })),
    };
    const { effects } = solveRaterEffects(system, k);

    await manager.query(`DROP TABLE IF EXISTS rater_effects`);
    await manager.query(
      `CREATE TEMP TABLE rater_effects ON COMMIT DROP AS
       SELECT * FROM unnest($1::uuid[], $2::double precision[]) AS e(interviewer_id, b)`,
      [ids, effects],
    );
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
      [organizationId, k, 10 ** LENIENCY_DECIMALS],
    );
    await manager.query(
      `UPDATE interviewer_calibrations SET "offset" = 0, n = 0, deviation_sum = 0, k = $2, computed_at = now()
        WHERE organization_id = $1 AND computed_at <> now()`,
      [organizationId, k],
    );
    return rows[0].count;
  }

  /**
   * THE one place where a rating's scale is read. Ratings are mapped linearly onto 1–4 (libs/calibration
   * `toFourPoint`) from the role's `rating_scale` ('four_point' | 'five_point' | 'three_level'). On a database
   * without that column (before the roles migration of issue 12) every rating is taken as 4-point.
   */
  private async ratingOnFourPointSql(manager: EntityManager): Promise<{ expression: string; join: string }> {
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

  /** Replaces the organization's reliability rows. */
  private async writeReliability(manager: EntityManager, organizationId: string): Promise<number> {
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
    await manager.query(`DELETE FROM role_reliability WHERE organization_id = $1 AND computed_at <> now()`, [organizationId]);
    return rows[0].count;
  }
}
