import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueueName } from '@hireloop/queue';
import type { ApplicationStatus } from '../candidates/application.entity';
import { DecisionEntity } from './decision.entity';

/** Hiring decisions, always looked up within one organization. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByApplication(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<DecisionEntity | null> {
    return manager.findOneBy(DecisionEntity, { organizationId, applicationId });
  }

  /**
   * What the report must reflect right now: the submitted scorecard revisions (id → revision) and whether a report
   * recomputation for the application is still waiting in the outbox (not yet handed to the worker's queue).
   */
  async feedbackState(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
  ): Promise<{ current: Record<string, number>; recomputePending: boolean }> {
    const [row] = await manager.query(
      `SELECT (SELECT coalesce(jsonb_object_agg(s.id, s.revision), '{}'::jsonb) FROM scorecards s
                WHERE s.organization_id = $1 AND s.application_id = $2 AND s.status = 'submitted') AS current,
              EXISTS (SELECT 1 FROM outbox_messages o
                       WHERE o.organization_id = $1 AND o.published_at IS NULL AND o.queue = $3 AND o.payload->>'applicationId' = $2::text) AS "recomputePending"`,
      [organizationId, applicationId, QueueName.PanelAggregation],
    );
    return { current: row.current, recomputePending: row.recomputePending };
  }

  async insert(manager: EntityManager, values: Omit<DecisionEntity, 'id' | 'createdAt'>): Promise<DecisionEntity> {
    return manager.save(manager.create(DecisionEntity, values));
  }

  /** The decided application's new status and decision time (its row is locked by the deciding transaction). */
  async markApplicationDecided(
    manager: EntityManager,
    organizationId: string,
    applicationId: string,
    status: ApplicationStatus,
    decidedAt: Date,
  ): Promise<void> {
    await manager.query(`UPDATE applications SET status = $3, decided_at = $4, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      applicationId,
      status,
      decidedAt,
    ]);
  }

  /** Replaces the rationale and any override reason of the applications' decisions with `text`; returns how many changed. */
  async eraseFreeText(manager: EntityManager, organizationId: string, applicationIds: string[], text: string): Promise<number> {
    const [{ n }]: { n: number }[] = await manager.query(
      `WITH erased AS (
         UPDATE decisions SET rationale = $3, override_reason = CASE WHEN override_reason IS NULL THEN NULL ELSE $3 END
          WHERE organization_id = $1 AND application_id = ANY($2::uuid[]) AND (rationale <> $3 OR override_reason <> $3)
          RETURNING id)
       SELECT count(*)::int AS n FROM erased`,
      [organizationId, applicationIds, text],
    );
    return n;
  }
}
