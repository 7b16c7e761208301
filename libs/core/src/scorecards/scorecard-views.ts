import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Page } from '../common/pagination';
import { LoopVersionsRepository } from '../roles/loop-versions.repository';
import { Amendment, amendmentsOf } from './amendments';
import type { LevelAssessment, Recommendation } from './rating';
import { contentOf, ScorecardContent, SignalKind } from './scorecard-content';
import { ScorecardEntity, ScorecardStatus } from './scorecard.entity';
import { ScorecardRevisionEntity } from './scorecard-revision.entity';
import { ScorecardsRepository, ScorecardViewParts } from './scorecards.repository';

/** One rating as answered; `dimensionName` only where the reader asked for names. */
export interface ScorecardRatingView {
  dimensionId: string;
  rating: number | null;
  evidence: string | null;
  notAssessed: boolean;
  notAssessedReason: string | null;
  dimensionName?: string;
}

export interface ScorecardSignalView {
  dimensionId: string;
  kind: SignalKind;
  text: string;
}

/** A scorecard's content as answered; `privateNote` is absent for readers who may not see it. */
export interface ScorecardContentView {
  ratings: ScorecardRatingView[];
  recommendation: Recommendation | null;
  signals: ScorecardSignalView[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote?: string | null;
}

export interface ScorecardRevisionView {
  revision: number;
  kind: 'submitted' | 'amended' | 'withdrawn';
  reason: string | null;
  actorMemberId: string;
  createdAt: string;
  content?: ScorecardContentView;
}

/** A scorecard as the API answers it (the API's `ScorecardView` has this shape). */
export interface ScorecardView extends ScorecardContentView {
  id: string;
  interviewId: string;
  applicationId: string;
  interviewerId: string;
  interviewerName: string;
  loopVersionId: string;
  status: ScorecardStatus;
  revision: number;
  submittedAt: string | null;
  updatedAt: string;
  history: ScorecardRevisionView[];
  amendedAfterViewingPanel: boolean;
  amendments: Amendment[];
}

export type ScorecardPage = Page<ScorecardView>;

export interface ScorecardViewOptions {
  /** Whether the reader may see this scorecard's private note (in the current state and in its history). */
  showPrivateNote: (scorecard: ScorecardEntity) => boolean;
  /** Include the full content of every revision. */
  withRevisionContent?: boolean;
  /** Name each rating's dimension (`ratings[].dimensionName`, from the scorecard's loop version). */
  withDimensionNames?: boolean;
  /** The rows' view parts, when the statement that read the rows brought them along (`viewPartsColumns`). */
  parts?: ScorecardViewParts;
}

/** Maps scorecards to their views, with interviewer names and history, hiding private notes as told. */
@Injectable()
export class ScorecardViews {
  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly loopVersions: LoopVersionsRepository,
  ) {}

  async build(
    manager: EntityManager | undefined,
    organizationId: string,
    rows: ScorecardEntity[],
    options: ScorecardViewOptions,
  ): Promise<ScorecardView[]> {
    if (rows.length === 0) return [];
    const { names, revisions, firstPanelViews } = options.parts ?? (await this.scorecards.viewParts(organizationId, rows, manager));
    const amended = rows.filter((r) => revisions.some((v) => v.scorecardId === r.id && v.kind === 'amended'));
    const named = options.withDimensionNames ? rows : amended;
    const dimensionNames = await this.dimensionNames(
      organizationId,
      named.map((r) => r.loopVersionId),
      manager,
    );
    const byScorecard = new Map<string, ScorecardRevisionEntity[]>();
    for (const revision of revisions) byScorecard.set(revision.scorecardId, [...(byScorecard.get(revision.scorecardId) ?? []), revision]);
    return rows.map((row) =>
      viewOf(row, {
        interviewerName: names.get(row.interviewerId) ?? '',
        revisions: byScorecard.get(row.id) ?? [],
        firstViewedAt: firstPanelViews.get(`${row.applicationId}/${row.interviewerId}`) ?? null,
        showPrivateNote: options.showPrivateNote(row),
        withRevisionContent: options.withRevisionContent,
        dimensionName: (id) => dimensionNames.get(id) ?? '',
        withDimensionNames: options.withDimensionNames,
      }),
    );
  }

  /**
   * Dimension id → name over these loop versions (a renamed dimension: the newest version's name). Scorecards point
   * at them, so they can no longer change: read through the process's cache, not from the snapshots each time.
   */
  private async dimensionNames(organizationId: string, loopVersionIds: string[], manager: EntityManager | undefined): Promise<Map<string, string>> {
    if (loopVersionIds.length === 0) return new Map();
    const versions = await this.loopVersions.readThroughCache(
      [...new Set(loopVersionIds)].map((id) => ({ organizationId, id })),
      manager,
      // Within a write's transaction the scorecard that pins a version may be its own, not yet committed.
      { remember: manager === undefined },
    );
    const names = new Map<string, string>();
    for (const version of [...versions.values()].sort((a, b) => a.number - b.number))
      for (const dimension of version.snapshot.dimensions) names.set(dimension.id, dimension.name);
    return names;
  }
}

/** One scorecard's view from what was read for it (the writes answer from what their one statement returned). */
export function viewOf(
  row: ScorecardEntity,
  parts: {
    interviewerName: string;
    /** Oldest first. */
    revisions: ScorecardRevisionEntity[];
    firstViewedAt: Date | null;
    showPrivateNote: boolean;
    withRevisionContent?: boolean;
    dimensionName: (id: string) => string;
    withDimensionNames?: boolean;
  },
): ScorecardView {
  const showNote = parts.showPrivateNote;
  return {
    id: row.id,
    interviewId: row.interviewId,
    applicationId: row.applicationId,
    interviewerId: row.interviewerId,
    interviewerName: parts.interviewerName,
    loopVersionId: row.loopVersionId,
    status: row.status,
    revision: row.revision,
    ...contentDto(contentOf(row), showNote, parts.withDimensionNames ? parts.dimensionName : undefined),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    history: parts.revisions.map((v) => revisionDto(v, parts.withRevisionContent ? showNote : undefined)),
    ...amendmentFields(parts.revisions, parts.firstViewedAt, parts.dimensionName),
  };
}

/** `dimensionName`: when given, each rating carries its dimension's name. */
export function contentDto(content: ScorecardContent, showPrivateNote: boolean, dimensionName?: (id: string) => string): ScorecardContentView {
  const dto: ScorecardContentView = {
    ratings: content.ratings.map((r) => (dimensionName ? { ...r, dimensionName: dimensionName(r.dimensionId) } : { ...r })),
    recommendation: content.recommendation,
    signals: content.signals.map((s) => ({ ...s })),
    redFlags: [...content.redFlags],
    levelAssessment: content.levelAssessment,
  };
  if (showPrivateNote) dto.privateNote = content.privateNote;
  return dto;
}

/** `withContent`: undefined → no content; true/false → content with or without the private note. */
function revisionDto(v: ScorecardRevisionEntity, withContent: boolean | undefined): ScorecardRevisionView {
  const dto: ScorecardRevisionView = {
    revision: v.revision,
    kind: v.kind,
    reason: v.reason,
    actorMemberId: v.actorMemberId,
    createdAt: v.createdAt.toISOString(),
  };
  if (withContent !== undefined) dto.content = contentDto(contentOf(v.content), withContent);
  return dto;
}

/** `amendments` (with before/after ratings) and whether any was made after the author read the panel. */
export function amendmentFields(
  revisions: ScorecardRevisionEntity[],
  firstViewedAt: Date | null,
  dimensionName: (id: string) => string,
): Pick<ScorecardView, 'amendedAfterViewingPanel' | 'amendments'> {
  const amendments = amendmentsOf(
    revisions.map((v) => ({ revision: v.revision, kind: v.kind, createdAt: v.createdAt, reason: v.reason, content: v.content as never })),
    firstViewedAt,
    dimensionName,
  );
  return { amendedAfterViewingPanel: amendments.some((a) => a.afterViewingPanel), amendments };
}
