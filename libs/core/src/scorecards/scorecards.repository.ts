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
import { ownFeedbackOutstanding, PANEL_FACTS_COLUMNS, takePanelFacts } from './blind-rule-sql';
import type { AuditRow } from '../audit/audit.service';
import type { OutboxRow } from '../outbox/outbox.service';

/** What `viewParts` reads for scorecard views. */
export interface ScorecardViewParts {
  /** Member id → name. */
  names: Map<string, string>;
  /** Oldest first within each scorecard. */
  revisions: ScorecardRevisionEntity[];
  /** `${applicationId}/${memberId}` → when that member first read the application's panel. */
  firstPanelViews: Map<string, Date>;
}

export interface ScorecardPageFilter {
  /** Scorecards of any of these statuses… */
  statuses: ScorecardStatus[];
  /** …plus this member's own scorecards in any status but draft. */
  ownerId?: string;
}

/** The columns of ScorecardEntity, by property. */
const SCORECARD_FIELDS: Record<keyof ScorecardEntity, string> = {
  id: 'id',
  organizationId: 'organization_id',
  applicationId: 'application_id',
  interviewId: 'interview_id',
  interviewerId: 'interviewer_id',
  loopVersionId: 'loop_version_id',
  status: 'status',
  revision: 'revision',
  ratings: 'ratings',
  recommendation: 'recommendation',
  signals: 'signals',
  redFlags: 'red_flags',
  levelAssessment: 'level_assessment',
  privateNote: 'private_note',
  submittedAt: 'submitted_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** A select list giving a ScorecardEntity; with an alias and a prefix, its columns can sit beside another row's. */
export const scorecardColumns = (alias = '', prefix = '') =>
  Object.entries(SCORECARD_FIELDS)
    .map(([property, column]) => `${alias ? `${alias}.` : ''}${column} AS "${prefix}${property}"`)
    .join(', ');

const SCORECARD_COLUMNS = scorecardColumns();

/** The writer's scorecard beside its write context (`writeContext` with `lockScorecard`; `takeScorecard` reads it back). */
const LOCKED_SCORECARD_PREFIX = 'scorecard.';
const LOCKED_SCORECARD_COLUMNS = scorecardColumns('s', LOCKED_SCORECARD_PREFIX);

/** Takes the columns of `scorecardColumns(alias, prefix)` out of a row as a ScorecardEntity. */
export function takeScorecard(row: Record<string, unknown>, prefix: string): ScorecardEntity {
  const card: Record<string, unknown> = {};
  for (const property of Object.keys(SCORECARD_FIELDS)) {
    card[property] = row[prefix + property];
    delete row[prefix + property];
  }
  return card as unknown as ScorecardEntity;
}

/** A revision of table alias `a` as one JSON object (the fields of ScorecardRevisionEntity). */
const revisionJson = (a: string) =>
  `json_build_object('id', ${a}.id, 'organizationId', ${a}.organization_id, 'scorecardId', ${a}.scorecard_id, 'revision', ${a}.revision, 'kind', ${a}.kind,
    'content', ${a}.content, 'reason', ${a}.reason, 'actorMemberId', ${a}.actor_member_id, 'createdAt', ${a}.created_at)`;

/** The columns `viewParts` reads, as returned by PostgreSQL (`takeViewParts` turns them into ScorecardViewParts). */
export interface ViewPartsRow {
  partNames: Record<string, string>;
  partRevisions: (Omit<ScorecardRevisionEntity, 'createdAt'> & { createdAt: string })[];
  partPanelViews: { key: string; at: string }[];
}

/**
 * The select-list columns of ScorecardViewParts for the scorecards given as SQL arrays (parameters, or e.g.
 * `ARRAY[s.id]` of a joined row, so that a statement reading a scorecard can bring its view parts along).
 */
export function viewPartsColumns(sql: { organization: string; ids: string; applicationIds: string; interviewerIds: string }): string {
  return `(SELECT coalesce(json_object_agg(m.id, u.name), '{}') FROM members m JOIN users u ON u.id = m.user_id
           WHERE m.organization_id = ${sql.organization} AND m.id = ANY(${sql.interviewerIds})) AS "partNames",
         (SELECT coalesce(json_agg(${revisionJson('v')} ORDER BY v.scorecard_id, v.revision), '[]')
            FROM scorecard_revisions v WHERE v.organization_id = ${sql.organization} AND v.scorecard_id = ANY(${sql.ids})) AS "partRevisions",
         (SELECT coalesce(json_agg(json_build_object('key', pv.application_id || '/' || pv.member_id, 'at', pv.first_viewed_at)), '[]')
            FROM panel_views pv JOIN (SELECT DISTINCT * FROM unnest(${sql.applicationIds}, ${sql.interviewerIds})) AS p(application_id, member_id)
              ON pv.application_id = p.application_id AND pv.member_id = p.member_id
           WHERE pv.organization_id = ${sql.organization}) AS "partPanelViews"`;
}

/** Reads the view parts out of a row (`viewPartsColumns`) and removes their columns from it, as `takeScorecard` does. */
export function takeViewParts(row: ViewPartsRow): ScorecardViewParts {
  const { partNames, partRevisions, partPanelViews } = row;
  const taken = row as Partial<ViewPartsRow>;
  delete taken.partNames;
  delete taken.partRevisions;
  delete taken.partPanelViews;
  return {
    names: new Map(Object.entries(partNames)),
    revisions: partRevisions.map((v) => ({ ...v, createdAt: new Date(v.createdAt) })),
    firstPanelViews: new Map(partPanelViews.map((v) => [v.key, new Date(v.at)])),
  };
}

/** The row `ScorecardsRepository.writeContext` answers. */
export interface ScorecardWriteContextRow {
  id: string;
  organizationId: string;
  applicationId: string;
  roleId: string;
  roundId: string;
  loopVersionId: string;
  interviewerIds: string[];
  startsAt: Date;
  endsAt: Date;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  candidateId: string;
  applicationDecidedAt: Date | null;
  organizationSettings: Record<string, unknown> | null;
  candidateName: string | null;
  candidateEmail: string | null;
  candidateErasedAt: Date | null;
  wrappedKey: Buffer | null;
  memberName: string | null;
  /** The writer's scorecard for the interview, if one exists yet (not locked: a write then locks it). */
  scorecardId: string | null;
  /** With `lockScorecard`: the writer's scorecard, locked FOR UPDATE by the same statement. */
  scorecard?: ScorecardEntity;
}

/** What `ScorecardsRepository.writeRevision` writes. */
export interface RevisionWrite {
  organizationId: string;
  scorecardId: string;
  applicationId: string;
  roleId: string;
  interviewerId: string;
  kind: 'submitted' | 'amended' | 'withdrawn';
  status: 'submitted' | 'withdrawn';
  revision: number;
  content: ScorecardContent;
  reason: string | null;
  actorMemberId: string;
  audit: AuditRow;
  outbox: OutboxRow;
  /**
   * A first submission of a scorecard that does not exist yet: the statement inserts it (with `scorecardId`) instead
   * of updating a draft. Two such writes at once meet at the unique (interview, interviewer) key: the second fails
   * with `unique_violation` and is retried by the caller, which then finds the first one's scorecard.
   */
  insert?: { interviewId: string; loopVersionId: string };
}

/** Scorecards, their revisions and their numeric rating rows; always within one organization. */
@Injectable()
export class ScorecardsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string, scorecardId: string, manager: EntityManager = this.dataSource.manager): Promise<ScorecardEntity | null> {
    return manager.findOne(ScorecardEntity, { where: { organizationId, id: scorecardId } });
  }

  async findForInterviewer(
    organizationId: string,
    interviewId: string,
    interviewerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ScorecardEntity | null> {
    const [row]: ScorecardEntity[] = await manager.query(
      `SELECT ${SCORECARD_COLUMNS} FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND interviewer_id = $3`,
      [organizationId, interviewId, interviewerId],
    );
    return row ?? null;
  }

  /** The interviewer's scorecard for the interview, locked FOR UPDATE for the rest of the transaction; null if none. */
  async lockForInterviewer(
    manager: EntityManager,
    organizationId: string,
    interviewId: string,
    interviewerId: string,
  ): Promise<ScorecardEntity | null> {
    const [row]: ScorecardEntity[] = await manager.query(
      `SELECT ${SCORECARD_COLUMNS} FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND interviewer_id = $3 FOR UPDATE`,
      [organizationId, interviewId, interviewerId],
    );
    return row ?? null;
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
    // The row this statement inserts is already ours (nobody else sees it before the commit): no second statement.
    const inserted: ScorecardEntity[] = await manager.query(
      `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision)
       VALUES ($1, $2, $3, $4, $5, 'draft', 0)
       ON CONFLICT (interview_id, interviewer_id) DO NOTHING
       RETURNING ${SCORECARD_COLUMNS}`,
      [values.organizationId, values.applicationId, values.interviewId, values.interviewerId, values.loopVersionId],
    );
    if (inserted[0]) return inserted[0];
    const row = await this.lockForInterviewer(manager, values.organizationId, values.interviewId, values.interviewerId);
    if (!row) throw new Error(`scorecard of interview ${values.interviewId} by ${values.interviewerId} vanished`);
    return row;
  }

  /**
   * Everything a scorecard write is checked against, in one statement: the interview and its application, share-locked
   * (neither a cancellation nor the hiring decision can slip in before the commit), the organization's settings, the
   * candidate (to mask their name in the audit), the candidate's wrapped data key if there is one, and the writer's
   * name (for the response). Null when the interview is not in the organization.
   *
   * `lockScorecard` (amend, withdraw): the writer's scorecard too, locked FOR UPDATE by the same statement, after the
   * interview and the application — the order in which the rows were locked when this took two statements (PostgreSQL
   * locks a joined row's tables in the order of the locking clauses), so no new lock order meets erasure (candidate,
   * applications, then scorecards) or the decision (application). Null also when the writer has no scorecard: the
   * caller tells the two apart with the unlocked form.
   */
  async writeContext(
    manager: EntityManager,
    organizationId: string,
    interviewId: string,
    memberId: string,
    { lockScorecard = false }: { lockScorecard?: boolean } = {},
  ): Promise<ScorecardWriteContextRow | null> {
    const [row] = await manager.query(
      `SELECT i.id, i.organization_id AS "organizationId", i.application_id AS "applicationId", i.role_id AS "roleId", i.round_id AS "roundId",
              i.loop_version_id AS "loopVersionId", i.interviewer_ids AS "interviewerIds", i.starts_at AS "startsAt", i.ends_at AS "endsAt",
              i.status, i.created_at AS "createdAt", i.updated_at AS "updatedAt",
              a.candidate_id AS "candidateId", a.decided_at AS "applicationDecidedAt",
              o.settings AS "organizationSettings",
              c.name AS "candidateName", c.email AS "candidateEmail", c.erased_at AS "candidateErasedAt",
              k.wrapped_key AS "wrappedKey",
              (SELECT u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = $3) AS "memberName",
              ${
                lockScorecard
                  ? `s.id AS "scorecardId", ${LOCKED_SCORECARD_COLUMNS}`
                  : `(SELECT s.id FROM scorecards s WHERE s.organization_id = $1 AND s.interview_id = $2 AND s.interviewer_id = $3) AS "scorecardId"`
              }
         FROM interviews i
         JOIN applications a ON a.organization_id = i.organization_id AND a.id = i.application_id
         JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN candidates c ON c.organization_id = a.organization_id AND c.id = a.candidate_id
         LEFT JOIN candidate_keys k ON k.organization_id = a.organization_id AND k.candidate_id = a.candidate_id
         ${lockScorecard ? 'JOIN scorecards s ON s.organization_id = i.organization_id AND s.interview_id = i.id AND s.interviewer_id = $3' : ''}
        WHERE i.organization_id = $1 AND i.id = $2
          FOR SHARE OF i, a ${lockScorecard ? 'FOR UPDATE OF s' : ''}`,
      [organizationId, interviewId, memberId],
    );
    if (!row) return null;
    if (lockScorecard) row.scorecard = takeScorecard(row, LOCKED_SCORECARD_PREFIX);
    return row;
  }

  /**
   * A new revision of a scorecard in ONE statement: the scorecard's state, the revision row, `scorecard_ratings` made
   * to hold exactly the rated dimensions (none when withdrawn), the audit row and the outbox row (the report request;
   * the caller wakes the relay after the commit). Answers the scorecard as stored, its whole history and when its
   * author first read the panel (for `amendedAfterViewingPanel`) — everything the response needs.
   */
  async writeRevision(
    manager: EntityManager,
    w: RevisionWrite,
  ): Promise<{ card: ScorecardEntity; revisions: ScorecardRevisionEntity[]; firstViewedAt: Date | null }> {
    const { content } = w;
    const rated = w.status === 'submitted' ? ratedDimensions(content) : [];
    const cardStatement = w.insert
      ? `INSERT INTO scorecards (id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings,
                                 recommendation, signals, red_flags, level_assessment, private_note, submitted_at)
         VALUES ($2, $1, $18, $36, $20, $37, $3, $4, $5::jsonb, $6, $7::jsonb, $8::text[], $9, $10, CASE WHEN $11::boolean THEN now() END)
         RETURNING ${SCORECARD_COLUMNS}`
      : `UPDATE scorecards SET status = $3, revision = $4, ratings = $5::jsonb, recommendation = $6, signals = $7::jsonb, red_flags = $8::text[],
                level_assessment = $9, private_note = $10, submitted_at = CASE WHEN $11::boolean THEN now() ELSE submitted_at END, updated_at = now()
          WHERE organization_id = $1 AND id = $2
          RETURNING ${SCORECARD_COLUMNS}`;
    const [row] = await manager.query(
      `WITH card AS (${cardStatement}),
       revision AS (
         INSERT INTO scorecard_revisions (organization_id, scorecard_id, revision, kind, content, reason, actor_member_id)
         VALUES ($1, $2, $4, $12, $13::jsonb, $14, $15)
         RETURNING revision, ${revisionJson('scorecard_revisions')} AS v),
       gone AS (
         DELETE FROM scorecard_ratings WHERE organization_id = $1 AND scorecard_id = $2 AND dimension_id <> ALL($16::uuid[])),
       rated AS (
         INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating)
         SELECT $2, r.dimension_id, $1, $18, $19, $20, r.rating FROM unnest($16::uuid[], $17::smallint[]) AS r(dimension_id, rating)
         ON CONFLICT (scorecard_id, dimension_id) DO UPDATE SET rating = EXCLUDED.rating),
       audit AS (
         INSERT INTO audit_log (organization_id, actor_member_id, action, entity_type, entity_id, before, after, subject_candidate_id, personal, request_id)
         VALUES ($1, $21, $22, $23, $24, $25::jsonb, $26::jsonb, $27, $28, $29)),
       outbox AS (
         INSERT INTO "outbox_messages" (organization_id, queue, job_name, payload, dedupe_key, trace_context)
         VALUES ($30, $31, $32, $33::jsonb, $34, $35))
       SELECT card.*,
              (SELECT json_agg(h.v ORDER BY h.revision)
                 FROM (SELECT earlier.revision, ${revisionJson('earlier')} AS v
                         FROM scorecard_revisions earlier WHERE earlier.organization_id = $1 AND earlier.scorecard_id = $2
                       UNION ALL SELECT r.revision, r.v FROM revision r) h) AS "revisions",
              (SELECT pv.first_viewed_at FROM panel_views pv
                WHERE pv.organization_id = $1 AND pv.application_id = card."applicationId" AND pv.member_id = card."interviewerId") AS "firstViewedAt"
         FROM card`,
      [
        w.organizationId,
        w.scorecardId,
        w.status,
        w.revision,
        JSON.stringify(content.ratings),
        content.recommendation,
        JSON.stringify(content.signals),
        content.redFlags,
        content.levelAssessment,
        content.privateNote,
        w.kind === 'submitted',
        w.kind,
        JSON.stringify(content),
        w.reason,
        w.actorMemberId,
        rated.map((r) => r.dimensionId),
        rated.map((r) => r.rating),
        w.applicationId,
        w.roleId,
        w.interviewerId,
        w.audit.actorMemberId,
        w.audit.action,
        w.audit.entityType,
        w.audit.entityId,
        w.audit.before === null ? null : JSON.stringify(w.audit.before),
        w.audit.after === null ? null : JSON.stringify(w.audit.after),
        w.audit.subjectCandidateId,
        w.audit.personal,
        w.audit.requestId,
        w.outbox.organizationId,
        w.outbox.queue,
        w.outbox.jobName,
        JSON.stringify(w.outbox.payload),
        w.outbox.dedupeKey,
        w.outbox.traceContext,
        ...(w.insert ? [w.insert.interviewId, w.insert.loopVersionId] : []),
      ],
    );
    if (!row) throw new Error(`scorecard ${w.scorecardId} vanished`);
    const { revisions, firstViewedAt, ...card } = row;
    return {
      card: card as ScorecardEntity,
      revisions: (revisions as (Omit<ScorecardRevisionEntity, 'createdAt'> & { createdAt: string })[]).map((v) => ({
        ...v,
        createdAt: new Date(v.createdAt),
      })),
      firstViewedAt: firstViewedAt ?? null,
    };
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
    values: Pick<ScorecardRevisionEntity, 'organizationId' | 'scorecardId' | 'revision' | 'kind' | 'reason' | 'actorMemberId'> & {
      content: ScorecardContent;
    },
  ): Promise<void> {
    await manager.insert(ScorecardRevisionEntity, { ...values, content: values.content as never });
  }

  /** Makes `scorecard_ratings` hold exactly the rated dimensions of the content (submit and amend). */
  async replaceRatings(
    manager: EntityManager,
    scorecard: Pick<ScorecardEntity, 'id' | 'organizationId' | 'applicationId' | 'interviewerId'>,
    roleId: string,
    content: ScorecardContent,
  ): Promise<void> {
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
  async panelFacts(
    organizationId: string,
    applicationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PanelFacts & { viewedPanel: boolean }> {
    const [row] = await manager.query(`SELECT ${PANEL_FACTS_COLUMNS}`, [organizationId, applicationId, memberId]);
    return takePanelFacts(row);
  }

  /**
   * What decides whether a member may read an application's feedback, in one statement: the role's hiring manager and
   * the blind rule's facts; null when the organization has no such application.
   */
  async feedbackReaderFacts(
    organizationId: string,
    applicationId: string,
    memberId: string,
  ): Promise<(PanelFacts & { viewedPanel: boolean; hiringManagerId: string | null }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT r.hiring_manager_id AS "hiringManagerId", ${PANEL_FACTS_COLUMNS}
         FROM applications a JOIN roles r ON r.id = a.role_id
        WHERE a.organization_id = $1 AND a.id = $2`,
      [organizationId, applicationId, memberId],
    );
    return row ? { hiringManagerId: row.hiringManagerId, ...takePanelFacts(row) } : null;
  }

  /**
   * Applications of the organization on whose panel the member is still blind (assigned to a not-cancelled
   * interview, and not yet submitted every one of them with at least one rating): their feedback must not reach
   * the member through any statistic either.
   */
  async blindApplicationIds(organizationId: string, memberId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      // The member's interviews by key from interview_interviewers (kept by a trigger on interviews), not by scanning
      // the organization's interviews for the member in their interviewer_ids.
      `SELECT DISTINCT i.application_id AS id
         FROM interview_interviewers mine
         JOIN interviews i ON i.organization_id = mine.organization_id AND i.id = mine.interview_id
        WHERE mine.organization_id = $1 AND mine.member_id = $2 AND mine.status <> 'cancelled'
          AND ${ownFeedbackOutstanding('$1', 'i.application_id', '$2')}`,
      [organizationId, memberId],
    );
    return rows.map((r) => r.id);
  }

  /** Records the first time a panel member read the panel's feedback (later reads change nothing). */
  async recordPanelView(
    organizationId: string,
    applicationId: string,
    memberId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO panel_views (organization_id, application_id, member_id) VALUES ($1, $2, $3) ON CONFLICT (application_id, member_id) DO NOTHING`,
      [organizationId, applicationId, memberId],
    );
  }

  /**
   * What the views of these scorecards need besides their rows, in one statement: the interviewers' names, every
   * revision (oldest first) and when each author first read their application's panel (key
   * `${applicationId}/${memberId}`).
   */
  async viewParts(
    organizationId: string,
    rows: readonly { id: string; applicationId: string; interviewerId: string }[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ScorecardViewParts> {
    const [row]: ViewPartsRow[] = await manager.query(
      `SELECT ${viewPartsColumns({ organization: '$1', ids: '$2::uuid[]', applicationIds: '$3::uuid[]', interviewerIds: '$4::uuid[]' })}`,
      [organizationId, rows.map((r) => r.id), rows.map((r) => r.applicationId), rows.map((r) => r.interviewerId)],
    );
    return takeViewParts(row);
  }

  pageForApplication(organizationId: string, applicationId: string, query: PageQueryDto, filter: ScorecardPageFilter): Promise<ScorecardEntity[]> {
    const qb = this.dataSource
      .getRepository(ScorecardEntity)
      .createQueryBuilder('s')
      .where('s.organization_id = :organizationId AND s.application_id = :applicationId', { organizationId, applicationId });
    if (filter.ownerId) {
      qb.andWhere(`(s.status = ANY(:statuses) OR (s.interviewer_id = :ownerId AND s.status <> 'draft'))`, {
        statuses: filter.statuses,
        ownerId: filter.ownerId,
      });
    } else {
      qb.andWhere('s.status = ANY(:statuses)', { statuses: filter.statuses });
    }
    applyKeyset(qb, query, { alias: 's', sortColumn: 'created_at', direction: 'ASC' });
    return qb.getMany();
  }

  cursorOf(scorecard: ScorecardEntity) {
    return { sortValue: timestampKey(scorecard.createdAt), id: scorecard.id };
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

  async rewriteRevisionText(
    manager: EntityManager,
    organizationId: string,
    revisionId: string,
    content: ScorecardContent,
    reason: string | null,
  ): Promise<void> {
    await manager.update(ScorecardRevisionEntity, { organizationId, id: revisionId }, { content: content as never, reason });
  }
}
