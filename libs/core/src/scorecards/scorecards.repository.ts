import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { PageQueryDto } from '../common/pagination';
import { ratedDimensions, ScorecardContent } from './scorecard-content';
import { ScorecardRatingRowEntity } from './scorecard-rating-row.entity';
import { ScorecardRevisionEntity } from './scorecard-revision.entity';
import { ScorecardEntity, ScorecardStatus } from './scorecard.entity';

import type { PanelFacts } from './feedback-access';

export interface ScorecardPageFilter {
  /** Scorecards of any of these statuses… */
  statuses: ScorecardStatus[];
  /** …plus this member's own scorecards in any status but draft. */
  ownerId?: string;
}

/** Scorecards, their revisions and their numeric rating rows; always within one organization. */
@Injectable()
export class ScorecardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, scorecardId: string, manager: EntityManager = this.dataSource.manager): Promise<ScorecardEntity | null> {
    return manager.findOne(ScorecardEntity, { where: { organizationId, id: scorecardId } });
  }

  findForInterviewer(organizationId: string, interviewId: string, interviewerId: string, manager: EntityManager = this.dataSource.manager): Promise<ScorecardEntity | null> {
    return manager.findOne(ScorecardEntity, { where: { organizationId, interviewId, interviewerId } });
  }

  /** The interviewer's scorecard for the interview, locked FOR UPDATE for the rest of the transaction; null if none. */
  lockForInterviewer(manager: EntityManager, organizationId: string, interviewId: string, interviewerId: string): Promise<ScorecardEntity | null> {
    return manager.findOne(ScorecardEntity, { where: { organizationId, interviewId, interviewerId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The interviewer's scorecard for the interview, created as an empty draft when missing, locked FOR UPDATE.
   * Two concurrent first writes meet at the unique (interview_id, interviewer_id) key: one inserts, the other waits
   * and then locks the row the first one made.
   */
  async lockOrCreate(
    manager: EntityManager,
    values: Pick<ScorecardEntity, 'organizationId' | 'applicationId' | 'interviewId' | 'interviewerId' | 'loopVersionId'>,
  ): Promise<ScorecardEntity> {
    await manager.query(
      `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision)
       VALUES ($1, $2, $3, $4, $5, 'draft', 0)
       ON CONFLICT (interview_id, interviewer_id) DO NOTHING`,
      [values.organizationId, values.applicationId, values.interviewId, values.interviewerId, values.loopVersionId],
    );
    const row = await this.lockForInterviewer(manager, values.organizationId, values.interviewId, values.interviewerId);
    if (!row) throw new Error(`scorecard of interview ${values.interviewId} by ${values.interviewerId} vanished`);
    return row;
  }

  /** Writes the scorecard's current state. */
  async saveState(
    manager: EntityManager,
    organizationId: string,
    scorecardId: string,
    state: { status: ScorecardStatus; revision: number; content: ScorecardContent; submittedAt?: Date | null },
  ): Promise<void> {
    const { content } = state;
    await manager.update(
      ScorecardEntity,
      { organizationId, id: scorecardId },
      {
        status: state.status,
        revision: state.revision,
        ratings: content.ratings as never,
        recommendation: content.recommendation,
        signals: content.signals as never,
        redFlags: content.redFlags,
        levelAssessment: content.levelAssessment,
        privateNote: content.privateNote,
        ...(state.submittedAt !== undefined ? { submittedAt: state.submittedAt } : {}),
      },
    );
  }

  async insertRevision(
    manager: EntityManager,
    values: Pick<ScorecardRevisionEntity, 'organizationId' | 'scorecardId' | 'revision' | 'kind' | 'reason' | 'actorMemberId'> & { content: ScorecardContent },
  ): Promise<void> {
    await manager.insert(ScorecardRevisionEntity, { ...values, content: values.content as never });
  }

  /** Makes `scorecard_ratings` hold exactly the rated dimensions of the content (submit and amend). */
  async replaceRatings(manager: EntityManager, scorecard: Pick<ScorecardEntity, 'id' | 'organizationId' | 'applicationId' | 'interviewerId'>, roleId: string, content: ScorecardContent): Promise<void> {
    await this.deleteRatings(manager, scorecard.organizationId, scorecard.id);
    const rows = ratedDimensions(content).map((r) => ({
      scorecardId: scorecard.id,
      dimensionId: r.dimensionId,
      organizationId: scorecard.organizationId,
      applicationId: scorecard.applicationId,
      roleId,
      interviewerId: scorecard.interviewerId,
      rating: r.rating,
    }));
    if (rows.length > 0) await manager.insert(ScorecardRatingRowEntity, rows);
  }

  /** A withdrawn scorecard contributes no numbers. */
  async deleteRatings(manager: EntityManager, organizationId: string, scorecardId: string): Promise<void> {
    await manager.delete(ScorecardRatingRowEntity, { organizationId, scorecardId });
  }

  /** The blind rule's facts (see `panelFactsOf`, the same rule over rows in memory). */
  async panelFacts(organizationId: string, applicationId: string, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<PanelFacts> {
    const [row] = await manager.query(
      `SELECT (EXISTS (SELECT 1 FROM interviews i WHERE i.organization_id = $1 AND i.application_id = $2 AND $3::uuid = ANY(i.interviewer_ids))
               OR EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = $1 AND s.application_id = $2 AND s.interviewer_id = $3)) AS "onPanel",
              EXISTS (SELECT 1 FROM interviews i WHERE i.organization_id = $1 AND i.application_id = $2 AND i.status <> 'cancelled' AND $3::uuid = ANY(i.interviewer_ids)) AS "assigned",
              -- scorecard_ratings holds exactly the rated dimensions of submitted scorecards: "not assessed" everywhere unlocks nothing
              EXISTS (SELECT 1 FROM scorecard_ratings r WHERE r.organization_id = $1 AND r.application_id = $2 AND r.interviewer_id = $3) AS "anySubmitted",
              NOT EXISTS (SELECT 1 FROM interviews i
                           WHERE i.organization_id = $1 AND i.application_id = $2 AND i.status = 'scheduled' AND $3::uuid = ANY(i.interviewer_ids)
                             AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.interviewer_id = $3 AND s.status = 'submitted')) AS "noneOutstanding"`,
      [organizationId, applicationId, memberId],
    );
    return { onPanel: row.onPanel, assigned: row.assigned, submittedOwn: row.anySubmitted && row.noneOutstanding };
  }

  /**
   * Applications of the organization on whose panel the member is still blind (assigned to a not-cancelled
   * interview, and not yet submitted every one of them with at least one rating): their feedback must not reach
   * the member through any statistic either.
   */
  async blindApplicationIds(organizationId: string, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT i.application_id AS id
         FROM interviews i
        WHERE i.organization_id = $1 AND i.status <> 'cancelled' AND $2::uuid = ANY(i.interviewer_ids)
          AND (NOT EXISTS (SELECT 1 FROM scorecard_ratings r WHERE r.organization_id = $1 AND r.application_id = i.application_id AND r.interviewer_id = $2)
               OR EXISTS (SELECT 1 FROM interviews j
                           WHERE j.organization_id = $1 AND j.application_id = i.application_id AND j.status <> 'cancelled' AND $2::uuid = ANY(j.interviewer_ids)
                             AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = j.id AND s.interviewer_id = $2 AND s.status = 'submitted')))`,
      [organizationId, memberId],
    );
    return rows.map((r) => r.id);
  }

  /** Dimension id → name over the snapshots of these loop versions (a renamed dimension: the newest version's name). */
  async dimensionNames(organizationId: string, loopVersionIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (loopVersionIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT d->>'id' AS id, d->>'name' AS name
         FROM loop_versions lv, jsonb_array_elements(lv.snapshot->'dimensions') d
        WHERE lv.organization_id = $1 AND lv.id = ANY($2::uuid[])
        ORDER BY lv.number`,
      [organizationId, [...new Set(loopVersionIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Records the first time a panel member read the panel's feedback (later reads change nothing). */
  async recordPanelView(organizationId: string, applicationId: string, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO panel_views (organization_id, application_id, member_id) VALUES ($1, $2, $3) ON CONFLICT (application_id, member_id) DO NOTHING`,
      [organizationId, applicationId, memberId],
    );
  }

  /** When each of these members first read the panel of these applications: key `${applicationId}/${memberId}`. */
  async firstPanelViews(organizationId: string, pairs: { applicationId: string; memberId: string }[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Date>> {
    if (pairs.length === 0) return new Map();
    const rows: { applicationId: string; memberId: string; firstViewedAt: Date }[] = await manager.query(
      `SELECT pv.application_id AS "applicationId", pv.member_id AS "memberId", pv.first_viewed_at AS "firstViewedAt"
         FROM panel_views pv JOIN unnest($2::uuid[], $3::uuid[]) AS p(application_id, member_id)
           ON pv.application_id = p.application_id AND pv.member_id = p.member_id
        WHERE pv.organization_id = $1`,
      [organizationId, pairs.map((p) => p.applicationId), pairs.map((p) => p.memberId)],
    );
    return new Map(rows.map((r) => [`${r.applicationId}/${r.memberId}`, new Date(r.firstViewedAt)]));
  }

  pageForApplication(organizationId: string, applicationId: string, query: PageQueryDto, filter: ScorecardPageFilter): Promise<ScorecardEntity[]> {
    const qb = this.dataSource
      .getRepository(ScorecardEntity)
      .createQueryBuilder('s')
      .where('s.organization_id = :organizationId AND s.application_id = :applicationId', { organizationId, applicationId });
    if (filter.ownerId) {
      qb.andWhere(`(s.status = ANY(:statuses) OR (s.interviewer_id = :ownerId AND s.status <> 'draft'))`, { statuses: filter.statuses, ownerId: filter.ownerId });
    } else {
      qb.andWhere('s.status = ANY(:statuses)', { statuses: filter.statuses });
    }
    applyKeyset(qb, query, { alias: 's', sortColumn: 'created_at', direction: 'ASC' });
    return qb.getMany();
  }

  cursorOf(scorecard: ScorecardEntity) {
    return { sortValue: timestampKey(scorecard.createdAt), id: scorecard.id };
  }

  /** Revisions of the scorecards, oldest first. */
  revisions(organizationId: string, scorecardIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ScorecardRevisionEntity[]> {
    if (scorecardIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(ScorecardRevisionEntity, 'v')
      .where('v.organization_id = :organizationId AND v.scorecard_id = ANY(:scorecardIds)', { organizationId, scorecardIds })
      .orderBy('v.scorecard_id')
      .addOrderBy('v.revision', 'ASC')
      .getMany();
  }

  /** Names of members (interviewers), by member id. */
  async memberNames(organizationId: string, memberIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (memberIds.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
      [organizationId, [...new Set(memberIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // --- erasure ----------------------------------------------------------------------------------------------------

  /** Every scorecard of the applications, locked. */
  lockForApplications(manager: EntityManager, organizationId: string, applicationIds: string[]): Promise<ScorecardEntity[]> {
    if (applicationIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(ScorecardEntity, 's')
      .setLock('pessimistic_write')
      .where('s.organization_id = :organizationId AND s.application_id = ANY(:applicationIds)', { organizationId, applicationIds })
      .orderBy('s.id')
      .getMany();
  }

  lockRevisions(manager: EntityManager, organizationId: string, scorecardIds: string[]): Promise<ScorecardRevisionEntity[]> {
    if (scorecardIds.length === 0) return Promise.resolve([]);
    return manager
      .createQueryBuilder(ScorecardRevisionEntity, 'v')
      .setLock('pessimistic_write')
      .where('v.organization_id = :organizationId AND v.scorecard_id = ANY(:scorecardIds)', { organizationId, scorecardIds })
      .orderBy('v.id')
      .getMany();
  }

  async rewriteRevisionText(manager: EntityManager, organizationId: string, revisionId: string, content: ScorecardContent, reason: string | null): Promise<void> {
    await manager.update(ScorecardRevisionEntity, { organizationId, id: revisionId }, { content: content as never, reason });
  }
}
