import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PageQueryDto } from '../common/pagination';
import { DimensionEntity } from './dimension.entity';
import type { LoopSnapshot, SnapshotQuestion } from './loop-snapshot';
import { LoopVersionEntity } from './loop-version.entity';
import { LoopVersionListItem, LoopVersionPointer, LoopVersionsRepository } from './loop-versions.repository';
import { QuestionEntity } from './question.entity';
import { RatingScaleKind, ratingScaleOf, rubricKeysOf } from './rating-scale';
import { RoundEntity } from './round.entity';

export type { LoopVersionListItem, LoopVersionPointer } from './loop-versions.repository';

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

export interface LoopSyncResult extends LoopVersionPointer {
  /** True when a new version was made because the previous one already had scorecards. */
  created: boolean;
  /** True when the snapshot changed (in place or as a new version). */
  changed: boolean;
  previousVersionId: string | null;
}

export const EMPTY_LOOP_SNAPSHOT: LoopSnapshot = { ratingScale: 'four_point', dimensions: [], rounds: [] };

/**
 * Loop versions of a role. Every write to dimensions, rounds or the questions they embed calls `sync` in the same
 * transaction (after taking the role's row lock). Versions with scorecards are never edited: a change makes a new one.
 */
@Injectable()
export class LoopVersionsService {
  constructor(private readonly versions: LoopVersionsRepository) {}

  /** Version 1 of a new role, empty; the caller's later `sync` fills it. */
  async createInitial(
    manager: EntityManager,
    organizationId: string,
    roleId: string,
    ratingScale: RatingScaleKind = 'four_point',
  ): Promise<LoopVersionPointer> {
    const first = await this.versions.insertFirst(manager, organizationId, roleId, {
      ...EMPTY_LOOP_SNAPSHOT,
      ratingScale: ratingScaleOf(ratingScale).kind,
    });
    await this.versions.pointRoleAt(manager, organizationId, roleId, first.id);
    return first;
  }

  /** The snapshot of the role's live dimensions, rounds and their questions. */
  async buildLive(manager: EntityManager, organizationId: string, roleId: string): Promise<LoopSnapshot> {
    const live = await this.versions.liveLoop(manager, organizationId, roleId);
    return buildLoopSnapshot(live.dimensions, live.rounds, live.questions, live.ratingScale ?? 'four_point');
  }

  /**
   * Makes the role's current version reflect the live loop. If the current version has scorecards and the loop
   * differs, a new version (number + 1) becomes current; otherwise the current version's snapshot is overwritten.
   * Call inside the transaction that changed the loop, after locking the role row.
   */
  async sync(manager: EntityManager, organizationId: string, roleId: string): Promise<LoopSyncResult> {
    const currentId = await this.versions.currentVersionId(organizationId, roleId, manager);
    if (currentId === undefined) throw new Error(`role ${roleId} not found in organization ${organizationId}`);
    const snapshot = await this.buildLive(manager, organizationId, roleId);

    // Locked so that no scorecard can start pointing at this version between the "in use" check below and the commit.
    const current = currentId ? await this.versions.lockVersion(manager, organizationId, currentId) : undefined;
    if (!current) {
      const created = await this.createInitial(manager, organizationId, roleId);
      await this.versions.setFreshSnapshot(manager, created.id, snapshot);
      return { ...created, created: true, changed: true, previousVersionId: null };
    }
    if (snapshotsEqual(current.snapshot, snapshot)) {
      return { id: current.id, number: current.number, created: false, changed: false, previousVersionId: null };
    }
    if (!(await this.isInUse(manager, organizationId, current.id))) {
      await this.versions.setSnapshot(manager, organizationId, current.id, snapshot);
      return { id: current.id, number: current.number, created: false, changed: true, previousVersionId: null };
    }
    const next = await this.versions.insertNext(manager, organizationId, roleId, snapshot);
    await this.versions.pointRoleAtNewVersion(manager, organizationId, roleId, next.id);
    return { id: next.id, number: next.number, created: true, changed: true, previousVersionId: current.id };
  }

  /** A version is in use once any scorecard (draft, submitted or withdrawn) was made against it. */
  isInUse(manager: EntityManager, organizationId: string, versionId: string): Promise<boolean> {
    return this.versions.hasScorecards(manager, organizationId, versionId);
  }

  scorecardCount(organizationId: string, versionId: string, manager?: EntityManager): Promise<number> {
    return this.versions.scorecardCount(organizationId, versionId, manager);
  }

  findById(organizationId: string, versionId: string, manager?: EntityManager): Promise<LoopVersionEntity | null> {
    return this.versions.findById(organizationId, versionId, manager);
  }

  /** A role's versions, newest first, with how many scorecards were made against each. */
  page(organizationId: string, roleId: string, query: PageQueryDto): Promise<LoopVersionListItem[]> {
    return this.versions.page(organizationId, roleId, query);
  }

  /** The version new interviews of the role pin (and their scorecards are made against). */
  async findCurrent(organizationId: string, roleId: string, manager?: EntityManager): Promise<LoopVersionEntity | null> {
    const currentId = await this.versions.currentVersionId(organizationId, roleId, manager);
    if (!currentId) return null;
    return this.findById(organizationId, currentId, manager);
  }
}
