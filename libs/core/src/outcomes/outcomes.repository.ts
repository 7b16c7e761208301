import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutcomeEntity, OutcomeSettingsEntity } from './outcome.entity';
import { DEFAULT_PERFORMANCE_SCALE, PerformanceScale } from './performance-scale';

/** The application an outcome belongs to, with what access and validation need. */
export interface OutcomeApplicationRow {
  id: string;
  status: string;
  candidateId: string;
  roleId: string;
  hiringManagerId: string | null;
}

export type OutcomeValues = Pick<OutcomeEntity, 'kind' | 'reviewPoint' | 'rating' | 'days' | 'departureType' | 'occurredOn'>;

/** Outcomes and the rating scale, always within one organization. */
@Injectable()
export class OutcomesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findApplication(
    organizationId: string,
    applicationId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<OutcomeApplicationRow | null> {
    const rows: OutcomeApplicationRow[] = await manager.query(
      `SELECT a.id, a.status, a.candidate_id AS "candidateId", a.role_id AS "roleId", r.hiring_manager_id AS "hiringManagerId"
         FROM applications a JOIN roles r ON r.organization_id = a.organization_id AND r.id = a.role_id
        WHERE a.organization_id = $1 AND a.id = $2 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [organizationId, applicationId],
    );
    return rows[0] ?? null;
  }

  listForApplication(organizationId: string, applicationId: string): Promise<OutcomeEntity[]> {
    return this.dataSource.manager.find(OutcomeEntity, { where: { organizationId, applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOne(manager: EntityManager, organizationId: string, applicationId: string, id: string): Promise<OutcomeEntity | null> {
    return manager.findOne(OutcomeEntity, { where: { organizationId, applicationId, id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(
    manager: EntityManager,
    values: OutcomeValues & { organizationId: string; applicationId: string; recordedByMemberId: string | null; importId?: string | null },
  ): Promise<OutcomeEntity> {
    return manager.save(manager.create(OutcomeEntity, values));
  }

  async update(
    manager: EntityManager,
    organizationId: string,
    id: string,
    values: Partial<OutcomeValues> & { recordedByMemberId: string },
  ): Promise<void> {
    await manager.update(OutcomeEntity, { organizationId, id }, values);
  }

  async delete(manager: EntityManager, organizationId: string, id: string): Promise<void> {
    await manager.delete(OutcomeEntity, { organizationId, id });
  }

  /** Erasure: every outcome of these applications goes (personnel data of the erased person). */
  async deleteForApplications(manager: EntityManager, organizationId: string, applicationIds: string[]): Promise<number> {
    if (applicationIds.length === 0) return 0;
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH gone AS (DELETE FROM outcomes WHERE organization_id = $1 AND application_id = ANY($2::uuid[]) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [organizationId, applicationIds],
    );
    return n;
  }

  async scale(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<PerformanceScale> {
    const row = await manager.findOneBy(OutcomeSettingsEntity, { organizationId });
    return row ? { min: row.ratingMin, max: row.ratingMax, labels: row.ratingLabels } : DEFAULT_PERFORMANCE_SCALE;
  }

  async saveScale(manager: EntityManager, organizationId: string, scale: PerformanceScale): Promise<void> {
    await manager.query(
      `INSERT INTO outcome_settings (organization_id, rating_min, rating_max, rating_labels) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (organization_id) DO UPDATE SET rating_min = EXCLUDED.rating_min, rating_max = EXCLUDED.rating_max,
         rating_labels = EXCLUDED.rating_labels, updated_at = now()`,
      [organizationId, scale.min, scale.max, JSON.stringify(scale.labels)],
    );
  }

  /** Ratings outside a proposed scale (a scale cannot shrink under recorded ratings). */
  async ratingsOutside(manager: EntityManager, organizationId: string, scale: PerformanceScale): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM outcomes WHERE organization_id = $1 AND kind = 'performance_rating' AND (rating < $2 OR rating > $3)`,
      [organizationId, scale.min, scale.max],
    );
    return n;
  }
}
