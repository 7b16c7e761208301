import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LENIENCY_K, LENIENCY_DECIMALS } from '@hireloop/calibration';

/** Shrinkage of the leniency offset: offset = n / (n + k) × mean deviation (the pure function's default k). */
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
 * Leniency, per interviewer: for each of their ratings that has co-panelists (other interviewers' ratings on the same
 * application and dimension), the deviation rating − mean of the co-panelists' ratings, the co-panelists' mean being
 * (group sum − the interviewer's sum) / (group count − the interviewer's count) from window sums (an interviewer
 * with two rows in one group is not their own co-panelist); n = number of such ratings;
 * offset = n / (n + k) × mean deviation = Σ deviation / (n + k), rounded to LENIENCY_DECIMALS. This is exactly
 * libs/calibration's `leniencyOffsets` (an integration test checks that both agree to 1e-9 on generated data).
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
   * Upserts every rating interviewer's offset (those without a co-rated rating get 0 with n = 0, as in the pure
   * function); interviewers with no ratings left go back to 0 as well.
   */
  private async writeLeniency(manager: EntityManager, organizationId: string, k: number): Promise<number> {
    const rows: { count: number }[] = await manager.query(
      `WITH per_rater AS (
         SELECT application_id, dimension_id, interviewer_id, sum(rating)::double precision AS s, count(*)::double precision AS c
           FROM scorecard_ratings
          WHERE organization_id = $1
          GROUP BY application_id, dimension_id, interviewer_id
       ), grouped AS (
         SELECT interviewer_id, s, c, sum(s) OVER w AS group_sum, sum(c) OVER w AS group_count
           FROM per_rater
         WINDOW w AS (PARTITION BY application_id, dimension_id)
       ), per_interviewer AS (
         SELECT interviewer_id,
                COALESCE(sum(c) FILTER (WHERE group_count > c), 0) AS n,
                COALESCE(sum(s - c * (group_sum - s) / (group_count - c)) FILTER (WHERE group_count > c), 0) AS diff
           FROM grouped
          GROUP BY interviewer_id
       ), upserted AS (
         INSERT INTO interviewer_calibrations (organization_id, interviewer_id, "offset", n, computed_at)
         SELECT $1, interviewer_id,
                -- diff / (n + k) = n / (n + k) × mean deviation, rounded like the pure function (Math.round semantics)
                CASE WHEN n > 0 THEN floor(diff / (n + $2::double precision) * $3::double precision + 0.5) / $3::double precision ELSE 0 END + 0,
                n::int, now()
           FROM per_interviewer
         ON CONFLICT (organization_id, interviewer_id)
         DO UPDATE SET "offset" = EXCLUDED."offset", n = EXCLUDED.n, computed_at = EXCLUDED.computed_at
         RETURNING 1
       )
       SELECT count(*)::int AS count FROM upserted`,
      [organizationId, k, 10 ** LENIENCY_DECIMALS],
    );
    await manager.query(`UPDATE interviewer_calibrations SET "offset" = 0, n = 0, computed_at = now() WHERE organization_id = $1 AND computed_at <> now()`, [
      organizationId,
    ]);
    return rows[0].count;
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
