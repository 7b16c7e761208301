import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset } from '../common/keyset';
import { CachedLoopVersion, immutableLoopVersions } from '../interviews/loop-version-cache';
import { PageQueryDto } from '../common/pagination';
import { DimensionEntity } from './dimension.entity';
import type { LoopSnapshot } from './loop-snapshot';
import { LoopVersionEntity } from './loop-version.entity';
import { QuestionEntity } from './question.entity';
import type { RatingScaleKind } from './rating-scale';
import { RoundEntity } from './round.entity';

export interface LoopVersionPointer {
  id: string;
  number: number;
}

export interface LoopVersionListItem extends LoopVersionPointer {
  createdAt: Date;
  scorecardCount: number;
}

/** The role's live loop: what a snapshot is built from. */
export interface LiveLoopRows {
  dimensions: DimensionEntity[];
  rounds: RoundEntity[];
  questions: QuestionEntity[];
  ratingScale: RatingScaleKind | undefined;
}

/** Every query of loop versions (and of the role's pointer to its current one). */
@Injectable()
export class LoopVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertFirst(manager: EntityManager, organizationId: string, roleId: string, snapshot: LoopSnapshot): Promise<LoopVersionPointer> {
    const [row] = await manager.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 1, $3) RETURNING id, number`,
      [organizationId, roleId, JSON.stringify(snapshot)],
    );
    return { id: row.id, number: row.number };
  }

  /** Version number + 1 of the role. */
  async insertNext(manager: EntityManager, organizationId: string, roleId: string, snapshot: LoopSnapshot): Promise<LoopVersionPointer> {
    const [next] = await manager.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot)
       SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3 FROM loop_versions WHERE role_id = $2
       RETURNING id, number`,
      [organizationId, roleId, JSON.stringify(snapshot)],
    );
    return { id: next.id, number: next.number };
  }

  async pointRoleAt(manager: EntityManager, organizationId: string, roleId: string, versionId: string): Promise<void> {
    await manager.query(`UPDATE roles SET current_loop_version_id = $3 WHERE organization_id = $1 AND id = $2`, [organizationId, roleId, versionId]);
  }

  /** As `pointRoleAt`, and the role counts as updated (a new version of its loop). */
  async pointRoleAtNewVersion(manager: EntityManager, organizationId: string, roleId: string, versionId: string): Promise<void> {
    await manager.query(`UPDATE roles SET current_loop_version_id = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
      versionId,
    ]);
  }

  /** The role's current version id: undefined when the role is missing, null when it has no version. */
  async currentVersionId(
    organizationId: string,
    roleId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null | undefined> {
    const [role] = await manager.query(`SELECT current_loop_version_id AS id FROM roles WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
    ]);
    return role ? role.id : undefined;
  }

  /** Sequential: inside a transaction every query shares one connection. */
  async liveLoop(manager: EntityManager, organizationId: string, roleId: string): Promise<LiveLoopRows> {
    const dimensions = await manager.find(DimensionEntity, { where: { organizationId, roleId } });
    const rounds = await manager.find(RoundEntity, { where: { organizationId, roleId } });
    const questionIds = [...new Set(rounds.flatMap((r) => r.questionIds))];
    const questions = questionIds.length
      ? await manager
          .createQueryBuilder(QuestionEntity, 'q')
          .where('q.organization_id = :organizationId AND q.id = ANY(:questionIds)', { organizationId, questionIds })
          .getMany()
      : [];
    const [role] = await manager.query(`SELECT rating_scale AS "ratingScale" FROM roles WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
    ]);
    return { dimensions, rounds, questions, ratingScale: role?.ratingScale };
  }

  /**
   * The version, locked FOR UPDATE: that conflicts with the FOR KEY SHARE lock a scorecard insert takes on the
   * version it references, so no scorecard can start pointing at it until the caller's transaction ends.
   */
  async lockVersion(
    manager: EntityManager,
    organizationId: string,
    versionId: string,
  ): Promise<(LoopVersionPointer & { snapshot: LoopSnapshot }) | undefined> {
    const [row] = await manager.query(`SELECT id, number, snapshot FROM loop_versions WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [
      organizationId,
      versionId,
    ]);
    return row;
  }

  /** Overwrites the snapshot of a version just made in this transaction (its id is enough). */
  async setFreshSnapshot(manager: EntityManager, versionId: string, snapshot: LoopSnapshot): Promise<void> {
    await manager.query(`UPDATE loop_versions SET snapshot = $2 WHERE id = $1`, [versionId, JSON.stringify(snapshot)]);
  }

  async setSnapshot(manager: EntityManager, organizationId: string, versionId: string, snapshot: LoopSnapshot): Promise<void> {
    await manager.query(`UPDATE loop_versions SET snapshot = $3 WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      versionId,
      JSON.stringify(snapshot),
    ]);
  }

  async hasScorecards(manager: EntityManager, organizationId: string, versionId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM scorecards WHERE organization_id = $1 AND loop_version_id = $2 LIMIT 1`, [
      organizationId,
      versionId,
    ]);
    return rows.length > 0;
  }

  async scorecardCount(organizationId: string, versionId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM scorecards WHERE organization_id = $1 AND loop_version_id = $2`, [
      organizationId,
      versionId,
    ]);
    return row.n;
  }

  /**
   * Loop versions by id: from the process's cache of versions that can no longer change (a scorecard points at them),
   * the others in one statement. Of those, the ones a scorecard points at are remembered; the rest (only interviews
   * point at them, so a loop change may still rewrite them) are read every time. Unknown ids are absent.
   * `remember: false` inside a transaction that may itself have made a scorecard point at a version: it is immutable
   * only once that scorecard commits.
   */
  async readThroughCache(
    refs: readonly { organizationId: string; id: string }[],
    manager: EntityManager = this.dataSource.manager,
    { remember = true }: { remember?: boolean } = {},
  ): Promise<Map<string, CachedLoopVersion>> {
    const found = new Map<string, CachedLoopVersion>();
    const missing = new Map<string, { organizationId: string; id: string }>();
    for (const ref of refs) {
      const cached = immutableLoopVersions.get(ref.organizationId, ref.id);
      if (cached) found.set(ref.id, cached);
      else missing.set(ref.id, ref);
    }
    if (missing.size === 0) return found;
    const rows: (CachedLoopVersion & { inUse: boolean })[] = await manager.query(
      `SELECT lv.id, lv.organization_id AS "organizationId", lv.role_id AS "roleId", lv.number, lv.snapshot, lv.created_at AS "createdAt",
              EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = lv.organization_id AND s.loop_version_id = lv.id) AS "inUse"
         FROM unnest($1::uuid[], $2::uuid[]) AS p(organization_id, id)
         JOIN loop_versions lv ON lv.organization_id = p.organization_id AND lv.id = p.id`,
      [[...missing.values()].map((r) => r.organizationId), [...missing.keys()]],
    );
    for (const { inUse, ...version } of rows) {
      if (inUse && remember) immutableLoopVersions.remember(version);
      found.set(version.id, version);
    }
    return found;
  }

  findById(organizationId: string, versionId: string, manager: EntityManager = this.dataSource.manager): Promise<LoopVersionEntity | null> {
    return manager.findOne(LoopVersionEntity, { where: { organizationId, id: versionId } });
  }

  /** A role's versions, newest first, with how many scorecards were made against each. */
  async page(organizationId: string, roleId: string, query: PageQueryDto): Promise<LoopVersionListItem[]> {
    const qb = this.dataSource
      .getRepository(LoopVersionEntity)
      .createQueryBuilder('lv')
      .select(['lv.id', 'lv.number', 'lv.createdAt'])
      .addSelect(
        '(SELECT count(*) FROM scorecards s WHERE s.organization_id = lv.organization_id AND s.loop_version_id = lv.id)::int',
        'scorecard_count',
      )
      .where('lv.organization_id = :organizationId AND lv.role_id = :roleId', { organizationId, roleId });
    applyKeyset(qb, query, { alias: 'lv', sortColumn: 'number', direction: 'DESC' });
    const { entities, raw } = await qb.getRawAndEntities();
    return entities.map((e, i) => ({ id: e.id, number: e.number, createdAt: e.createdAt, scorecardCount: Number(raw[i].scorecard_count) }));
  }
}
