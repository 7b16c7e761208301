import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LENIENCY_K, LENIENCY_DECIMALS, solveRaterEffects } from '@hireloop/calibration';
import { CalibrationStatsRepository } from './calibration-stats.repository';

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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stats: CalibrationStatsRepository,
  ) {}

  /** One organization, or (null) every organization that has ratings or earlier results. */
  async recompute(organizationId: string | null, options: { k?: number } = {}): Promise<OrganizationCalibrationResult[]> {
    const organizationIds = organizationId ? [organizationId] : await this.stats.organizationsWithCalibrationData();
    const results: OrganizationCalibrationResult[] = [];
    for (const id of organizationIds) results.push(await this.recomputeOrganization(id, options));
    return results;
  }

  async recomputeOrganization(organizationId: string, options: { k?: number } = {}): Promise<OrganizationCalibrationResult> {
    const k = options.k ?? LENIENCY_SHRINKAGE_K;
    const started = Date.now();
    return this.dataSource.transaction(async (manager) => {
      await this.stats.allowLongRecompute(manager);
      await this.stats.lockOrganizationRecompute(manager, organizationId);
      const interviewers = await this.writeLeniency(manager, organizationId, k);
      const dimensions = await this.writeReliability(manager, organizationId);
      const result = { organizationId, interviewers, dimensions, durationMs: Date.now() - started };
      this.logger.log(`calibration of ${organizationId}: ${interviewers} interviewers, ${dimensions} role dimensions in ${result.durationMs} ms`);
      return result;
    });
  }

  /**
   * The joint rater-effect model of libs/calibration (`raterEffects`, see rater-effects.ts), computed set-based:
   *
   * 1. `rater_groups` (temp): per (application, dimension, interviewer) the sum s and count c of the ratings mapped
   *    onto 1–4, with the group's total m, sum T and number of distinct interviewers;
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
    await this.stats.buildRaterGroups(manager, organizationId);
    const system = await this.stats.raterEffectEquations(manager);
    const { effects } = solveRaterEffects(system, k);
    await this.stats.storeRaterEffects(manager, system.ids, effects);
    await this.stats.replaceApplicationDeviations(manager, organizationId);
    const written = await this.stats.upsertInterviewerOffsets(manager, organizationId, k, LENIENCY_DECIMALS);
    await this.stats.resetOffsetsNotRecomputed(manager, organizationId, k);
    return written;
  }

  /** Replaces the organization's reliability rows. */
  private async writeReliability(manager: EntityManager, organizationId: string): Promise<number> {
    const written = await this.stats.upsertRoleReliability(manager, organizationId);
    await this.stats.deleteReliabilityNotRecomputed(manager, organizationId);
    return written;
  }
}
