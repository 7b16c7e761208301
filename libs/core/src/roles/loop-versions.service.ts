import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset } from '../common/keyset';
import { PageQueryDto } from '../common/pagination';
import { DimensionEntity } from './dimension.entity';
import type { LoopSnapshot, SnapshotQuestion } from './loop-snapshot';
import { LoopVersionEntity } from './loop-version.entity';
import { QuestionEntity } from './question.entity';
import { RatingScaleKind, ratingScaleOf, rubricKeysOf } from './rating-scale';
import { RoundEntity } from './round.entity';

// ---------------------------------------------------------------------------------------------------------------
// Pure part: building a snapshot from the live rows, and telling whether two snapshots differ.
// ---------------------------------------------------------------------------------------------------------------

type LiveDimension = Pick<
  DimensionEntity,
  'id' | 'name' | 'description' | 'weight' | 'rubric' | 'strongSignals' | 'weakSignals' | 'redFlags' | 'position'
> & { required?: boolean };
type LiveRound = Pick<RoundEntity, 'id' | 'name' | 'kind' | 'durationMinutes' | 'position' | 'focusDimensionIds' | 'questionIds'>;
type LiveQuestion = Pick<QuestionEntity, 'id' | 'prompt' | 'pointsOfAssessment' | 'pitfalls' | 'followUps' | 'tags'>;

const byPosition = (a: { position: number; id: string }, b: { position: number; id: string }) =>
  a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The loop as scorecards see it: dimensions and rounds in display order, each round's questions embedded in the
 * round's order. Focus ids that no longer name a dimension of the role and question ids that no longer exist are
 * left out, so a snapshot never points at something it does not contain.
 */
export function buildLoopSnapshot(
  dimensions: LiveDimension[],
  rounds: LiveRound[],
  questions: LiveQuestion[],
  ratingScale: RatingScaleKind = 'four_point',
): LoopSnapshot {
  const levels = rubricKeysOf(ratingScaleOf(ratingScale));
  const dimensionIds = new Set(dimensions.map((d) => d.id));
  const questionsById = new Map(questions.map((q) => [q.id, q]));
  return {
    ratingScale: ratingScaleOf(ratingScale).kind,
    dimensions: [...dimensions].sort(byPosition).map((d) => ({
      id: d.id,
      name: d.name,
      description: d.description,
      weight: Number(d.weight),
      rubric: Object.fromEntries(levels.map((key) => [key, d.rubric?.[key] ?? ''])),
      required: d.required !== false,
      signals: { strong: [...d.strongSignals], weak: [...d.weakSignals], redFlags: [...d.redFlags] },
      position: d.position,
    })),
    rounds: [...rounds].sort(byPosition).map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      durationMinutes: r.durationMinutes,
      position: r.position,
      focusDimensionIds: unique(r.focusDimensionIds).filter((id) => dimensionIds.has(id)),
      questions: unique(r.questionIds)
        .map((id) => questionsById.get(id))
        .filter((q): q is LiveQuestion => q !== undefined)
        .map((q): SnapshotQuestion => ({
          id: q.id,
          prompt: q.prompt,
          pointsOfAssessment: [...q.pointsOfAssessment],
          pitfalls: [...q.pitfalls],
          followUps: [...q.followUps],
          tags: [...q.tags],
        })),
    })),
  };
}

/** JSON with object keys sorted at every level (jsonb does not keep key order), arrays in order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function snapshotsEqual(a: LoopSnapshot | null | undefined, b: LoopSnapshot | null | undefined): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

// ---------------------------------------------------------------------------------------------------------------
// The service: keeps `roles.current_loop_version_id` pointing at a version whose snapshot is the live loop.
// ---------------------------------------------------------------------------------------------------------------

export interface LoopVersionPointer {
  id: string;
  number: number;
}

export interface LoopSyncResult extends LoopVersionPointer {
  /** True when a new version was made because the previous one already had scorecards. */
  created: boolean;
  /** True when the snapshot changed (in place or as a new version). */
  changed: boolean;
  previousVersionId: string | null;
}

export interface LoopVersionListItem extends LoopVersionPointer {
  createdAt: Date;
  scorecardCount: number;
}

export const EMPTY_LOOP_SNAPSHOT: LoopSnapshot = { ratingScale: 'four_point', dimensions: [], rounds: [] };

/**
 * Loop versions of a role. Every write to dimensions, rounds or the questions they embed calls `sync` in the same
 * transaction (after taking the role's row lock). Versions with scorecards are never edited: a change makes a new one.
 */
@Injectable()
export class LoopVersionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Version 1 of a new role, empty; the caller's later `sync` fills it. */
  async createInitial(
    manager: EntityManager,
    organizationId: string,
    roleId: string,
    ratingScale: RatingScaleKind = 'four_point',
  ): Promise<LoopVersionPointer> {
    const [row] = await manager.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 1, $3) RETURNING id, number`,
      [organizationId, roleId, JSON.stringify({ ...EMPTY_LOOP_SNAPSHOT, ratingScale: ratingScaleOf(ratingScale).kind })],
    );
    await manager.query(`UPDATE roles SET current_loop_version_id = $3 WHERE organization_id = $1 AND id = $2`, [organizationId, roleId, row.id]);
    return { id: row.id, number: row.number };
  }

  /** The snapshot of the role's live dimensions, rounds and their questions. */
  async buildLive(manager: EntityManager, organizationId: string, roleId: string): Promise<LoopSnapshot> {
    // Sequential: inside a transaction every query shares one connection.
    const dimensions = await manager.find(DimensionEntity, { where: { organizationId, roleId } });
    const rounds = await manager.find(RoundEntity, { where: { organizationId, roleId } });
    const questionIds = unique(rounds.flatMap((r) => r.questionIds));
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
    return buildLoopSnapshot(dimensions, rounds, questions, role?.ratingScale ?? 'four_point');
  }

  /**
   * Makes the role's current version reflect the live loop. If the current version has scorecards and the loop
   * differs, a new version (number + 1) becomes current; otherwise the current version's snapshot is overwritten.
   * Call inside the transaction that changed the loop, after locking the role row.
   */
  async sync(manager: EntityManager, organizationId: string, roleId: string): Promise<LoopSyncResult> {
    const [role] = await manager.query(`SELECT current_loop_version_id FROM roles WHERE organization_id = $1 AND id = $2`, [organizationId, roleId]);
    if (!role) throw new Error(`role ${roleId} not found in organization ${organizationId}`);
    const snapshot = await this.buildLive(manager, organizationId, roleId);

    // FOR UPDATE conflicts with the FOR KEY SHARE lock a scorecard insert takes on the version it references, so no
    // scorecard can start pointing at this version between the "in use" check below and the commit.
    const [current] = role.current_loop_version_id
      ? await manager.query(`SELECT id, number, snapshot FROM loop_versions WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [
          organizationId,
          role.current_loop_version_id,
        ])
      : [undefined];
    if (!current) {
      const created = await this.createInitial(manager, organizationId, roleId);
      await manager.query(`UPDATE loop_versions SET snapshot = $2 WHERE id = $1`, [created.id, JSON.stringify(snapshot)]);
      return { ...created, created: true, changed: true, previousVersionId: null };
    }
    if (snapshotsEqual(current.snapshot, snapshot)) {
      return { id: current.id, number: current.number, created: false, changed: false, previousVersionId: null };
    }
    if (!(await this.isInUse(manager, organizationId, current.id))) {
      await manager.query(`UPDATE loop_versions SET snapshot = $3 WHERE organization_id = $1 AND id = $2`, [
        organizationId,
        current.id,
        JSON.stringify(snapshot),
      ]);
      return { id: current.id, number: current.number, created: false, changed: true, previousVersionId: null };
    }
    const [next] = await manager.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot)
       SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3 FROM loop_versions WHERE role_id = $2
       RETURNING id, number`,
      [organizationId, roleId, JSON.stringify(snapshot)],
    );
    await manager.query(`UPDATE roles SET current_loop_version_id = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
      next.id,
    ]);
    return { id: next.id, number: next.number, created: true, changed: true, previousVersionId: current.id };
  }

  /** A version is in use once any scorecard (draft, submitted or withdrawn) was made against it. */
  async isInUse(manager: EntityManager, organizationId: string, versionId: string): Promise<boolean> {
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

  /** The version new interviews of the role pin (and their scorecards are made against). */
  async findCurrent(organizationId: string, roleId: string, manager: EntityManager = this.dataSource.manager): Promise<LoopVersionEntity | null> {
    const rows: { id: string }[] = await manager.query(`SELECT current_loop_version_id AS id FROM roles WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      roleId,
    ]);
    if (!rows[0]?.id) return null;
    return this.findById(organizationId, rows[0].id, manager);
  }
}
