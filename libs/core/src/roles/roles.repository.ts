import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { likePattern, PageQueryDto } from '../common/pagination';
import { DimensionEntity } from './dimension.entity';
import { RoleEntity, RoleStatus, StoredHirePolicy } from './role.entity';
import { RoundEntity } from './round.entity';
import { defaultPolicyOf, type RatingScaleKind, type ScaledHirePolicy } from './rating-scale';

/**
 * The hire policy a role stores (every field filled in). The calibration engine owns the shape and the defaults;
 * thresholds are stated on the role's rating scale.
 */
export type HirePolicy = ScaledHirePolicy;

/** The 4-point scale's defaults (roles from before rating scales). */
export const DEFAULT_HIRE_POLICY: Readonly<HirePolicy> = Object.freeze(defaultPolicyOf('four_point'));

/** The stored policy with the scale's defaults filled in for missing fields. */
export function resolveHirePolicy(stored: StoredHirePolicy | null | undefined, ratingScale: RatingScaleKind | null = 'four_point'): HirePolicy {
  const s = stored ?? {};
  const d = defaultPolicyOf(ratingScale);
  return {
    bar: s.bar ?? d.bar,
    floor: s.floor ?? d.floor,
    minCoverage: s.minCoverage ?? d.minCoverage,
    minInterviewers: s.minInterviewers ?? d.minInterviewers,
    margin: s.margin ?? d.margin,
    adjustForLeniency: s.adjustForLeniency ?? d.adjustForLeniency,
    everyDimensionMeets: s.everyDimensionMeets ?? d.everyDimensionMeets,
  };
}

export interface RolePageFilter {
  status?: RoleStatus;
  /** Only roles this member is the hiring manager of. */
  hiringManagerId?: string;
  /** Case-insensitive part of the title, department, level or location. */
  q?: string;
}

export interface DimensionUsage {
  /** Scorecards (any status) that rated the dimension or ticked one of its signals. */
  scorecards: number;
}

type LoopTable = 'dimensions' | 'rounds';

/** Roles and their live loop (dimensions, rounds). Every method takes the organization id. */
@Injectable()
export class RolesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<RoleEntity | null> {
    return manager.findOne(RoleEntity, { where: { organizationId, id: roleId } });
  }

  /** Locks the role row for the rest of the transaction: every change to a role's loop takes this lock first. */
  lockById(manager: EntityManager, organizationId: string, roleId: string): Promise<RoleEntity | null> {
    return manager.findOne(RoleEntity, { where: { organizationId, id: roleId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks several roles in id order (a fixed order, so two transactions never wait on each other in a cycle). */
  async lockMany(manager: EntityManager, organizationId: string, roleIds: string[]): Promise<void> {
    if (roleIds.length === 0) return;
    await manager.query(`SELECT id FROM roles WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [organizationId, roleIds]);
  }

  page(organizationId: string, query: PageQueryDto, filter: RolePageFilter): Promise<RoleEntity[]> {
    const qb = this.filtered(organizationId, filter);
    applyKeyset(qb, query, { alias: 'r', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  /** How many roles match the filter (every page). */
  count(organizationId: string, filter: RolePageFilter): Promise<number> {
    return this.filtered(organizationId, filter).getCount();
  }

  private filtered(organizationId: string, filter: RolePageFilter) {
    const qb = this.dataSource.getRepository(RoleEntity).createQueryBuilder('r').where('r.organization_id = :organizationId', { organizationId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.hiringManagerId) qb.andWhere('r.hiring_manager_id = :hiringManagerId', { hiringManagerId: filter.hiringManagerId });
    if (filter.q) {
      qb.andWhere(
        `(lower(r.title) LIKE :pattern OR lower(coalesce(r.department, '')) LIKE :pattern OR lower(coalesce(r.level, '')) LIKE :pattern OR lower(coalesce(r.location, '')) LIKE :pattern)`,
        {
          pattern: likePattern(filter.q),
        },
      );
    }
    return qb;
  }

  cursorOf(role: RoleEntity) {
    return { sortValue: timestampKey(role.createdAt), id: role.id };
  }

  async insert(manager: EntityManager, values: Partial<RoleEntity> & { organizationId: string; title: string }): Promise<RoleEntity> {
    return manager.save(manager.create(RoleEntity, { status: 'draft', hirePolicy: {}, ...values }));
  }

  async update(manager: EntityManager, organizationId: string, roleId: string, patch: Partial<RoleEntity>): Promise<void> {
    await manager.update(RoleEntity, { organizationId, id: roleId }, patch);
  }

  // --- dimensions -------------------------------------------------------------------------------------------

  dimensions(organizationId: string, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<DimensionEntity[]> {
    return manager.find(DimensionEntity, { where: { organizationId, roleId }, order: { position: 'ASC', id: 'ASC' } });
  }

  findDimension(manager: EntityManager, organizationId: string, roleId: string, dimensionId: string): Promise<DimensionEntity | null> {
    return manager.findOne(DimensionEntity, { where: { organizationId, roleId, id: dimensionId } });
  }

  insertDimension(manager: EntityManager, values: Partial<DimensionEntity> & { organizationId: string; roleId: string }): Promise<DimensionEntity> {
    return manager.save(manager.create(DimensionEntity, values));
  }

  async updateDimension(manager: EntityManager, organizationId: string, dimensionId: string, patch: Partial<DimensionEntity>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await manager.update(DimensionEntity, { organizationId, id: dimensionId }, patch);
  }

  async deleteDimension(manager: EntityManager, organizationId: string, roleId: string, dimensionId: string): Promise<void> {
    await manager.query(
      `UPDATE rounds SET focus_dimension_ids = array_remove(focus_dimension_ids, $3::uuid), updated_at = now() WHERE organization_id = $1 AND role_id = $2 AND $3::uuid = ANY(focus_dimension_ids)`,
      [organizationId, roleId, dimensionId],
    );
    await manager.query(
      `UPDATE questions SET dimension_ids = array_remove(dimension_ids, $2::uuid), updated_at = now() WHERE organization_id = $1 AND $2::uuid = ANY(dimension_ids)`,
      [organizationId, dimensionId],
    );
    await manager.delete(DimensionEntity, { organizationId, roleId, id: dimensionId });
  }

  /** How much feedback already refers to the dimension (ratings rows, ratings inside scorecards, ticked signals). */
  async dimensionUsage(manager: EntityManager, organizationId: string, dimensionId: string): Promise<DimensionUsage> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS scorecards FROM scorecards s
        WHERE s.organization_id = $1
          AND (EXISTS (SELECT 1 FROM scorecard_ratings sr WHERE sr.scorecard_id = s.id AND sr.dimension_id = $2::uuid)
               OR s.ratings @> jsonb_build_array(jsonb_build_object('dimensionId', $2::text))
               OR s.signals @> jsonb_build_array(jsonb_build_object('dimensionId', $2::text)))`,
      [organizationId, dimensionId],
    );
    return { scorecards: row.scorecards };
  }

  /** Ids among `ids` that are dimensions of the role. */
  async dimensionIdsOfRole(manager: EntityManager, organizationId: string, roleId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM dimensions WHERE organization_id = $1 AND role_id = $2 AND id = ANY($3::uuid[])`,
      [organizationId, roleId, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  // --- rounds -----------------------------------------------------------------------------------------------

  rounds(organizationId: string, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<RoundEntity[]> {
    return manager.find(RoundEntity, { where: { organizationId, roleId }, order: { position: 'ASC', id: 'ASC' } });
  }

  findRound(manager: EntityManager, organizationId: string, roleId: string, roundId: string): Promise<RoundEntity | null> {
    return manager.findOne(RoundEntity, { where: { organizationId, roleId, id: roundId } });
  }

  insertRound(manager: EntityManager, values: Partial<RoundEntity> & { organizationId: string; roleId: string }): Promise<RoundEntity> {
    return manager.save(manager.create(RoundEntity, values));
  }

  async updateRound(manager: EntityManager, organizationId: string, roundId: string, patch: Partial<RoundEntity>): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await manager.update(RoundEntity, { organizationId, id: roundId }, patch);
  }

  async deleteRound(manager: EntityManager, organizationId: string, roleId: string, roundId: string): Promise<void> {
    await manager.delete(RoundEntity, { organizationId, roleId, id: roundId });
  }

  /** Interviews (any status) held or scheduled for the round. */
  /** Scorecards (draft, submitted or withdrawn) made on any loop version of the role. */
  async scorecardCount(manager: EntityManager, organizationId: string, roleId: string): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM scorecards s JOIN loop_versions lv ON lv.id = s.loop_version_id
        WHERE s.organization_id = $1 AND lv.organization_id = $1 AND lv.role_id = $2`,
      [organizationId, roleId],
    );
    return row.n;
  }

  async roundInterviewCount(manager: EntityManager, organizationId: string, roundId: string): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM interviews WHERE organization_id = $1 AND round_id = $2`, [
      organizationId,
      roundId,
    ]);
    return row.n;
  }

  // --- ordering ---------------------------------------------------------------------------------------------

  /** Sets positions 1..n in the given order. */
  async renumber(manager: EntityManager, table: LoopTable, organizationId: string, roleId: string, orderedIds: string[]): Promise<void> {
    if (orderedIds.length === 0) return;
    await manager.query(
      `UPDATE ${table} t SET position = x.pos
         FROM unnest($3::uuid[]) WITH ORDINALITY AS x(id, pos)
        WHERE t.organization_id = $1 AND t.role_id = $2 AND t.id = x.id AND t.position IS DISTINCT FROM x.pos`,
      [organizationId, roleId, orderedIds],
    );
  }

  async nextPosition(manager: EntityManager, table: LoopTable, organizationId: string, roleId: string): Promise<number> {
    const [row] = await manager.query(`SELECT COALESCE(MAX(position), 0) + 1 AS next FROM ${table} WHERE organization_id = $1 AND role_id = $2`, [
      organizationId,
      roleId,
    ]);
    return Number(row.next);
  }
}
