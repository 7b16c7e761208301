import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScorecardEntity, ScorecardStatus } from '../scorecards/scorecard.entity';
import {
  scorecardColumns,
  ScorecardViewParts,
  takeScorecard,
  takeViewParts,
  viewPartsColumns,
  ViewPartsRow,
} from '../scorecards/scorecards.repository';
import { sqlLimit } from '../common/sql-limit';
import { latestCompletedInterviewsSql } from './completed-interviews.repository';
import type { RoundKind } from '../roles/loop-snapshot';
import { LoopVersionEntity } from '../roles/loop-version.entity';
import { LoopVersionsRepository } from '../roles/loop-versions.repository';
import type { OrganizationSettings } from '../organizations/organization.entity';
import { InterviewEntity } from './interview.entity';
import { CachedLoopVersion, immutableLoopVersions } from './loop-version-cache';

/** An interview as an interviewer's own list shows it. */
export interface MyInterviewRow {
  id: string;
  applicationId: string;
  roleId: string;
  roleTitle: string;
  candidateName: string;
  roundId: string;
  roundName: string | null;
  roundKind: RoundKind | null;
  startsAt: Date;
  endsAt: Date;
  scorecardId: string | null;
  scorecardStatus: ScorecardStatus | null;
  scorecardSubmittedAt: Date | null;
}

/** GET /me/interviews: the organization's settings and the member's three lists (InterviewsRepository.myInterviewLists). */
export interface MyInterviewLists {
  settings: Record<string, unknown> | null;
  upcoming: MyInterviewRow[];
  awaitingFeedback: MyInterviewRow[];
  completed: MyInterviewRow[];
}

/** What the interview kit needs besides the loop version, read in one statement (InterviewKitService). */
export interface KitContextRow extends Pick<
  InterviewEntity,
  'id' | 'applicationId' | 'roleId' | 'roundId' | 'loopVersionId' | 'interviewerIds' | 'startsAt' | 'endsAt' | 'status'
> {
  candidateName: string;
  roleTitle: string;
  roleLevel: string | null;
  hiringManagerId: string | null;
  settings: Partial<OrganizationSettings> | null;
  /** The reader's own scorecard of this interview, if any, with what its view needs besides (ScorecardViews). */
  own: ScorecardEntity | null;
  ownParts: ScorecardViewParts;
}

/** The reader's scorecard beside the kit's context row (`takeScorecard` reads it back). */
const OWN_SCORECARD_PREFIX = 'own.';
const OWN_SCORECARD_COLUMNS = scorecardColumns('s', OWN_SCORECARD_PREFIX);
const OWN_SCORECARD_VIEW_PARTS = viewPartsColumns({
  organization: '$1',
  ids: 'ARRAY[s.id]',
  applicationIds: 'ARRAY[s.application_id]',
  interviewerIds: 'ARRAY[s.interviewer_id]',
});

/** An interview as a feedback nudge reads it (FeedbackNudgesService). */
export interface NudgeTargetRow {
  status: string;
  ends_at: Date;
  interviewer_ids: string[];
  application_id: string;
  application_status: string;
  role_id: string;
  role_title: string;
  hiring_manager_id: string | null;
  settings: Record<string, unknown> | null;
}

/** An interviewer's booked interview that overlaps a new booking (assertNoDoubleBooking). */
export interface OverlappingBookingRow {
  interview_id: string;
  interviewer_id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
}

/** An interview with its round's name and kind as its loop version has them. */
export interface InterviewWithRound {
  id: string;
  applicationId: string;
  roleId: string;
  roundId: string;
  roundName: string | null;
  roundKind: RoundKind | null;
  loopVersionId: string;
  loopVersionNumber: number;
  interviewerIds: string[];
  /** The interviewers with their names, in the order of interviewerIds. */
  interviewers: { id: string; name: string }[];
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'cancelled';
  createdAt: Date;
}

/** An interview with the names its emails and calendar entries show. */
export interface InterviewWithNames {
  id: string;
  applicationId: string;
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  interviewerIds: string[];
  candidateName: string;
  roleTitle: string;
  /** As its pinned loop version names the round (the round's current name when the snapshot lacks it). */
  roundName: string | null;
  /** The SEQUENCE of its latest calendar invitation; null before the first. */
  calendarSequence: number | null;
  updatedAt: Date;
}

/** One interview, or an interviewer's interviews that ended at most `endedWithinDays` ago (and all ahead), soonest first. */
export type InterviewsWithNamesFilter = { interviewId: string } | { interviewerId: string; endedWithinDays: number; limit: number };

/**
 * Interviews with candidate, role and round names (emails, invitations and the calendar feed). A function of the
 * caller's transaction as well as the repository's method, for the email requests that run in one.
 */
export function interviewsWithNames(
  manager: EntityManager,
  organizationId: string,
  filter: InterviewsWithNamesFilter,
): Promise<InterviewWithNames[]> {
  const [condition, params] =
    'interviewId' in filter
      ? ['i.id = $2', [filter.interviewId]]
      : [
          // The member's interviews by key (interview_interviewers, kept by a trigger on interviews), not a scan of
          // the organization's interviews for the member in interviewer_ids.
          `i.id IN (SELECT mine.interview_id FROM interview_interviewers mine
                     WHERE mine.organization_id = $1 AND mine.member_id = $2 AND mine.ends_at > now() - make_interval(days => $3))
           ORDER BY i.starts_at, i.id LIMIT ${sqlLimit(filter.limit)}`,
          [filter.interviewerId, filter.endedWithinDays],
        ];
  return manager.query(
    `SELECT i.id, i.application_id AS "applicationId", i.status, i.starts_at AS "startsAt", i.ends_at AS "endsAt", i.interviewer_ids AS "interviewerIds",
            c.name AS "candidateName", r.title AS "roleTitle", COALESCE(sr->>'name', rd.name) AS "roundName",
            s.sequence AS "calendarSequence", i.updated_at AS "updatedAt"
       FROM interviews i
       JOIN applications a ON a.id = i.application_id
       JOIN candidates c ON c.id = a.candidate_id
       JOIN roles r ON r.id = i.role_id
       JOIN loop_versions lv ON lv.id = i.loop_version_id
       LEFT JOIN LATERAL (SELECT x AS sr FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = i.round_id::text LIMIT 1) snap ON true
       LEFT JOIN rounds rd ON rd.id = i.round_id
       LEFT JOIN interview_calendar_sequences s ON s.interview_id = i.id
      WHERE i.organization_id = $1 AND ${condition}`,
    [organizationId, ...params],
  );
}

const LOOP_VERSION_COLUMNS = `lv.id, lv.organization_id AS "organizationId", lv.role_id AS "roleId", lv.number, lv.snapshot, lv.created_at AS "createdAt"`;

/** Interviews, always within one organization. */
@Injectable()
export class InterviewsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loopVersions: LoopVersionsRepository,
  ) {}

  findById(organizationId: string, interviewId: string, manager: EntityManager = this.dataSource.manager): Promise<InterviewEntity | null> {
    return manager.findOne(InterviewEntity, { where: { organizationId, id: interviewId } });
  }

  /** The interview with its candidate's name, its application's role and the organization's settings; null if any is missing. */
  async kitContext(organizationId: string, interviewId: string, readerId: string): Promise<KitContextRow | null> {
    const [row]: (Omit<KitContextRow, 'own' | 'ownParts'> & ViewPartsRow & Record<string, unknown>)[] = await this.dataSource.query(
      `SELECT i.id, i.application_id AS "applicationId", i.role_id AS "roleId", i.round_id AS "roundId",
              i.loop_version_id AS "loopVersionId", i.interviewer_ids AS "interviewerIds", i.starts_at AS "startsAt",
              i.ends_at AS "endsAt", i.status, c.name AS "candidateName", r.title AS "roleTitle", r.level AS "roleLevel",
              r.hiring_manager_id AS "hiringManagerId", o.settings, ${OWN_SCORECARD_COLUMNS}, ${OWN_SCORECARD_VIEW_PARTS}
         FROM interviews i
         JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
         JOIN candidates c ON c.id = a.candidate_id AND c.organization_id = a.organization_id
         JOIN roles r ON r.id = a.role_id AND r.organization_id = a.organization_id
         JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN scorecards s ON s.organization_id = i.organization_id AND s.interview_id = i.id AND s.interviewer_id = $3
        WHERE i.organization_id = $1 AND i.id = $2`,
      [organizationId, interviewId, readerId],
    );
    if (!row) return null;
    const own = takeScorecard(row, OWN_SCORECARD_PREFIX);
    const ownParts = takeViewParts(row);
    return { ...(row as Omit<KitContextRow, 'own' | 'ownParts'>), own: own.id ? own : null, ownParts };
  }

  /** `update` to change the interview (cancel); `share` to keep it from changing under a scorecard write. */
  lockById(manager: EntityManager, organizationId: string, interviewId: string, mode: 'share' | 'update'): Promise<InterviewEntity | null> {
    return manager.findOne(InterviewEntity, {
      where: { organizationId, id: interviewId },
      lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' },
    });
  }

  insert(
    manager: EntityManager,
    values: Pick<
      InterviewEntity,
      'organizationId' | 'applicationId' | 'roleId' | 'roundId' | 'loopVersionId' | 'interviewerIds' | 'startsAt' | 'endsAt'
    >,
  ): Promise<InterviewEntity> {
    return manager.save(manager.create(InterviewEntity, { ...values, status: 'scheduled' }));
  }

  async update(manager: EntityManager, organizationId: string, interviewId: string, patch: Partial<InterviewEntity>): Promise<void> {
    await manager.update(InterviewEntity, { organizationId, id: interviewId }, patch);
  }

  /** Scorecards of the interview that are (or were) submitted: feedback that must not vanish with a cancellation. */
  async feedbackCount(manager: EntityManager, organizationId: string, interviewId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND status <> 'draft'`,
      [organizationId, interviewId],
    );
    return row.n;
  }

  /** Whether the interviewer's scorecard for the interview is submitted. */
  async submittedBy(manager: EntityManager, organizationId: string, interviewId: string, interviewerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND interviewer_id = $3 AND status = 'submitted'`,
      [organizationId, interviewId, interviewerId],
    );
    return rows.length > 0;
  }

  /** What a feedback nudge checks and says: the interview with its application's status, its role and the organization's settings. */
  async nudgeTarget(manager: EntityManager, organizationId: string, interviewId: string): Promise<NudgeTargetRow | null> {
    const [row]: NudgeTargetRow[] = await manager.query(
      `SELECT i.status, i.ends_at, i.interviewer_ids, i.application_id, a.status AS application_status, i.role_id, r.title AS role_title,
              r.hiring_manager_id, o.settings
         FROM interviews i
         JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
         JOIN roles r ON r.id = i.role_id AND r.organization_id = i.organization_id
         JOIN organizations o ON o.id = i.organization_id
        WHERE i.organization_id = $1 AND i.id = $2`,
      [organizationId, interviewId],
    );
    return row ?? null;
  }

  forApplication(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<InterviewEntity[]> {
    return manager.find(InterviewEntity, { where: { organizationId, applicationId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Interviews of an application, or one interview, with round names from the pinned loop version. */
  withRounds(
    organizationId: string,
    filter: { applicationId: string } | { interviewId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InterviewWithRound[]> {
    const [column, value] = 'applicationId' in filter ? ['i.application_id', filter.applicationId] : ['i.id', filter.interviewId];
    return manager.query(
      `SELECT i.id, i.application_id AS "applicationId", i.role_id AS "roleId", i.round_id AS "roundId",
              COALESCE(sr->>'name', rd.name) AS "roundName", COALESCE(sr->>'kind', rd.kind) AS "roundKind",
              i.loop_version_id AS "loopVersionId", lv.number AS "loopVersionNumber", i.interviewer_ids AS "interviewerIds",
              (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', u.name) ORDER BY x.position), '[]')
                 FROM unnest(i.interviewer_ids) WITH ORDINALITY AS x(member_id, position)
                 JOIN members m ON m.id = x.member_id AND m.organization_id = i.organization_id
                 JOIN users u ON u.id = m.user_id) AS "interviewers",
              i.starts_at AS "startsAt", i.ends_at AS "endsAt", i.status, i.created_at AS "createdAt"
         FROM interviews i
         JOIN loop_versions lv ON lv.id = i.loop_version_id
         LEFT JOIN LATERAL (SELECT x AS sr FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = i.round_id::text LIMIT 1) snap ON true
         LEFT JOIN rounds rd ON rd.id = i.round_id
        WHERE i.organization_id = $1 AND ${column} = $2
        ORDER BY i.starts_at ASC, i.id ASC`,
      [organizationId, value],
    );
  }

  /** See `interviewsWithNames`. */
  withNames(
    organizationId: string,
    filter: InterviewsWithNamesFilter,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InterviewWithNames[]> {
    return interviewsWithNames(manager, organizationId, filter);
  }

  /**
   * A loop version of the organization (interviews pin one; kits and scorecards read its snapshot): from the process's
   * cache of versions that can no longer change, else read (and remembered when a scorecard already points at it).
   */
  async loopVersion(
    organizationId: string,
    loopVersionId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CachedLoopVersion | null> {
    return (await this.loopVersions.readThroughCache([{ organizationId, id: loopVersionId }], manager)).get(loopVersionId) ?? null;
  }

  /**
   * The loop version a scorecard write checks against. Cached (immutable) → no statement and no lock. Otherwise read
   * with a key-share lock, so a loop change (which locks the version FOR UPDATE before rewriting its snapshot while
   * no scorecard points at it) cannot slip in between validating and committing; `remember` it once the write that
   * points a scorecard at it has committed.
   */
  async loopVersionForWrite(
    manager: EntityManager,
    organizationId: string,
    loopVersionId: string,
  ): Promise<{ version: CachedLoopVersion; cached: boolean } | null> {
    const cached = immutableLoopVersions.get(organizationId, loopVersionId);
    if (cached) return { version: cached, cached: true };
    const version = await this.lockLoopVersion(manager, organizationId, loopVersionId);
    return version ? { version, cached: false } : null;
  }

  /**
   * Reads a loop version and takes a key-share lock on it: a loop change (which locks the version FOR UPDATE before
   * rewriting its snapshot in place) cannot slip in between validating a scorecard against it and committing.
   */
  async lockLoopVersion(manager: EntityManager, organizationId: string, loopVersionId: string): Promise<LoopVersionEntity | null> {
    const rows: LoopVersionEntity[] = await manager.query(
      `SELECT ${LOOP_VERSION_COLUMNS} FROM loop_versions lv WHERE lv.organization_id = $1 AND lv.id = $2 FOR KEY SHARE`,
      [organizationId, loopVersionId],
    );
    return rows[0] ?? null;
  }

  /** Serializes bookings of these interviewers until the transaction ends (two bookings at once wait for each other). */
  async lockInterviewerBookings(manager: EntityManager, interviewerIds: string[]): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('interviewer-booking:' || x::text)) FROM unnest($1::uuid[]) AS x ORDER BY x`, [
      interviewerIds,
    ]);
  }

  /** Scheduled interviews of these interviewers overlapping [startsAt, endsAt), one row per interviewer, at most 20. */
  overlappingBookings(
    manager: EntityManager,
    organizationId: string,
    booking: { interviewerIds: string[]; startsAt: Date; endsAt: Date; excludeInterviewId?: string },
  ): Promise<OverlappingBookingRow[]> {
    return manager.query(
      `SELECT i.id AS interview_id, x.interviewer_id, u.name, i.starts_at, i.ends_at
       FROM interviews i
      CROSS JOIN LATERAL unnest(i.interviewer_ids) AS x(interviewer_id)
       JOIN members m ON m.id = x.interviewer_id AND m.organization_id = i.organization_id
       JOIN users u ON u.id = m.user_id
      WHERE i.organization_id = $1 AND i.status = 'scheduled' AND x.interviewer_id = ANY($2::uuid[])
        AND i.starts_at < $4::timestamptz AND i.ends_at > $3::timestamptz
        AND ($5::uuid IS NULL OR i.id <> $5::uuid)
      ORDER BY i.starts_at, u.name
      LIMIT 20`,
      [organizationId, booking.interviewerIds, booking.startsAt.toISOString(), booking.endsAt.toISOString(), booking.excludeInterviewId ?? null],
    );
  }

  /**
   * GET /me/interviews in one statement: the organization's settings (the feedback due time follows them) and the
   * member's three lists, `limit` rows each — upcoming (scheduled and not ended yet, in progress included; soonest
   * first), awaiting feedback (ended, not cancelled, still without their submitted or withdrawn scorecard, on
   * applications still undecided and active; oldest first) and completed (their scorecard submitted; latest first).
   * One round trip on one pooled connection: as four statements in parallel, 64 clients asked the pool for 256
   * connections at once. (Settings null: the organization's row is not visible.)
   */
  async myInterviewLists(organizationId: string, memberId: string, limit: number): Promise<MyInterviewLists> {
    const rows: MyInterviewListRow[] = await this.dataSource.query(myInterviewListsSql(limit), [organizationId, memberId]);
    const lists: MyInterviewLists = { settings: rows[0]?.settings ?? null, upcoming: [], awaitingFeedback: [], completed: [] };
    for (const { settings: _settings, list, position: _position, ...row } of rows) {
      if (list === 'upcoming') lists.upcoming.push(row);
      else if (list === 'awaiting') lists.awaitingFeedback.push(row);
      else if (list === 'completed') lists.completed.push(row);
    }
    return lists;
  }
}

/**
 * One of the member's lists of GET /me/interviews: scheduled interviews of theirs meeting `condition` (aliases `ii`
 * interview_interviewers, `i` interviews, `a` applications, `s` their scorecard), in `order`, `limit` rows at most
 * (written into the text: see `sqlLimit`); $1 is the organization, $2 the member.
 *
 * The member's interviews come from `interview_interviewers` (kept by a trigger on interviews), by uuid equality
 * on its (organization, member, ends_at) index: under row-level security the GIN index on interviewer_ids cannot
 * serve `@>` (not leakproof), so every list scanned the organization's interviews. The round's name comes
 * from the ~17 KB loop snapshot, so it is looked up only for the page's rows, after the LIMIT (before, it was
 * unpacked for every matching interview before sorting: hundreds per busy interviewer, two lists per request).
 */
function myListSql(condition: string, order: string, limit: string): string {
  const pageOrder = order.replace(/\b[is]\./g, 'm.');
  return `SELECT m.id, m."applicationId", m."roleId", r.title AS "roleTitle", c.name AS "candidateName",
          m."roundId", COALESCE(sr->>'name', rd.name) AS "roundName", COALESCE(sr->>'kind', rd.kind) AS "roundKind",
          m.starts_at AS "startsAt", m.ends_at AS "endsAt", m."scorecardId", m."scorecardStatus", m.submitted_at AS "scorecardSubmittedAt"
     FROM (SELECT i.id, i.application_id AS "applicationId", i.role_id AS "roleId", i.round_id AS "roundId", i.loop_version_id,
                  i.starts_at, i.ends_at, s.id AS "scorecardId", s.status AS "scorecardStatus", s.submitted_at, a.candidate_id
             FROM interview_interviewers ii
             JOIN interviews i ON i.id = ii.interview_id AND i.organization_id = ii.organization_id
             JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
             LEFT JOIN scorecards s ON s.interview_id = i.id AND s.organization_id = i.organization_id AND s.interviewer_id = $2
            WHERE ii.organization_id = $1 AND ii.member_id = $2 AND ii.status = 'scheduled' AND ${condition}
            ORDER BY ${order}
            LIMIT ${limit}) m
     JOIN candidates c ON c.id = m.candidate_id AND c.organization_id = $1
     JOIN roles r ON r.id = m."roleId" AND r.organization_id = $1
     JOIN loop_versions lv ON lv.id = m.loop_version_id
     LEFT JOIN LATERAL (SELECT x AS sr FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = m."roundId"::text LIMIT 1) snap ON true
     LEFT JOIN rounds rd ON rd.id = m."roundId"
    ORDER BY ${pageOrder}`;
}

/** The columns of MyInterviewRow, of a subquery aliased `alias`. */
const myInterviewColumns = (alias: string) => MY_INTERVIEW_COLUMNS.map((column) => `${alias}."${column}"`).join(', ');

const MY_INTERVIEW_COLUMNS: (keyof MyInterviewRow)[] = [
  'id',
  'applicationId',
  'roleId',
  'roleTitle',
  'candidateName',
  'roundId',
  'roundName',
  'roundKind',
  'startsAt',
  'endsAt',
  'scorecardId',
  'scorecardStatus',
  'scorecardSubmittedAt',
];

type MyInterviewListRow = MyInterviewRow & {
  settings: Record<string, unknown> | null;
  /** Null when the member has no interview in any list (the organization's row alone). */
  list: 'upcoming' | 'awaiting' | 'completed' | null;
  position: string | null;
};

/** Scheduled and not ended yet (in progress included), soonest first. */
const upcomingSql = (limit: string) => myListSql(`ii.ends_at > now()`, `i.starts_at ASC, i.id ASC`, limit);

/** Ended, still without their submitted or withdrawn scorecard, on applications undecided and active; oldest first. */
const awaitingFeedbackSql = (limit: string) =>
  myListSql(
    `ii.ends_at <= now() AND NOT ii.feedback_done AND (s.id IS NULL OR s.status = 'draft') AND a.decided_at IS NULL AND a.status = 'active'`,
    `i.ends_at ASC, i.id ASC`,
    limit,
  );

/** The statement of each limit asked for so far (at most 1,000 texts: built once each, not on every request). */
const myInterviewListsStatements = new Map<number, string>();

/** InterviewsRepository.myInterviewLists's statement for `limitRows` rows per list ($1 organization, $2 member). */
function myInterviewListsSql(limitRows: number): string {
  let statement = myInterviewListsStatements.get(limitRows);
  if (statement === undefined) {
    statement = buildMyInterviewListsSql(sqlLimit(limitRows, 1000));
    myInterviewListsStatements.set(limitRows, statement);
  }
  return statement;
}

const buildMyInterviewListsSql = (limit: string) => {
  return `SELECT o.settings, l.*
     FROM organizations o
     LEFT JOIN (
           SELECT 'upcoming' AS list, row_number() OVER (ORDER BY u."startsAt", u.id) AS position, ${myInterviewColumns('u')}
             FROM (${upcomingSql(limit)}) u
       UNION ALL
           SELECT 'awaiting', row_number() OVER (ORDER BY w."endsAt", w.id), ${myInterviewColumns('w')}
             FROM (${awaitingFeedbackSql(limit)}) w
       UNION ALL
           SELECT 'completed', row_number() OVER (ORDER BY c."scorecardSubmittedAt" DESC NULLS LAST, c.id DESC), ${myInterviewColumns('c')}
             FROM (${latestCompletedInterviewsSql(limit)}) c
     ) l ON true
    WHERE o.id = $1
    ORDER BY l.list, l.position`;
};
