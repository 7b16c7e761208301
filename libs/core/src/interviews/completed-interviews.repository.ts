import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { CursorPosition, decodeCursor, likePattern } from '../common/pagination';
import { sqlLimit } from '../common/sql-limit';
import { isUuid } from '../common/uuid';
import type { MyInterviewRow } from './interviews.repository';

export interface CompletedFilter {
  q?: string;
}

/** A completed row with its sort key at full (microsecond) precision, so the cursor resumes exactly after it. */
export type CompletedInterviewRow = MyInterviewRow & { submittedAtKey: string };

/** Interviews of organization $1 assigned to member $2 and not cancelled. */
const ASSIGNED_AND_SCHEDULED = `i.organization_id = $1 AND $2::uuid = ANY(i.interviewer_ids) AND i.status = 'scheduled'`;

/** The `limit` most recently submitted (a `sqlLimit`), unfiltered: GET /me/interviews' `completed` (InterviewsRepository.myInterviewLists). */
export const latestCompletedInterviewsSql = (limit: string) => completedInterviewsSql(ASSIGNED_AND_SCHEDULED, '', limit);

/**
 * The member's submitted scorecards' interviews, most recently submitted first: `where` filters the interview (and its
 * candidate `c` and role `r`), `keyset` the scorecards (after a cursor), `limit` the row limit (a `sqlLimit`).
 * $1 is the organization and $2 the member. Also a part of InterviewsRepository.myInterviewLists.
 *
 * The page is picked first, then its rounds are named from the ~17 KB loop snapshot (for the page's rows only:
 * two small join problems instead of one of eight relations, which took PostgreSQL 5–10 times longer to plan
 * than to run). The member's submitted scorecards come in scorecards_interviewer_submitted_idx order from a
 * subquery of their own (its ORDER BY keeps it apart; the index holds every column it reads, so it is an
 * index-only scan already in order) and each is joined to its interview laterally (LIMIT 1, one row at most
 * anyway, keeps the planner from flattening it), so the work stops at the LIMIT. With everything in one join, the
 * generic plan under row-level security read, joined and sorted every submitted scorecard of the member (85 ms
 * for 3,750 on a quiet machine, ~400 ms at 64 clients).
 */
export function completedInterviewsSql(where: string, keyset: string, limit: string): string {
  return `SELECT p.id, p."applicationId", p."roleId", p."roleTitle", p."candidateName",
            p."roundId", COALESCE(sr->>'name', rd.name) AS "roundName", COALESCE(sr->>'kind', rd.kind) AS "roundKind",
            p.starts_at AS "startsAt", p.ends_at AS "endsAt", p."scorecardId", p."scorecardStatus",
            p.submitted_at AS "scorecardSubmittedAt", p.submitted_at::text AS "submittedAtKey"
       FROM (SELECT i.id, i.application_id AS "applicationId", i.role_id AS "roleId", i."roleTitle", i."candidateName",
                    i.round_id AS "roundId", i.loop_version_id, i.starts_at, i.ends_at, i."scorecardId", i."scorecardStatus",
                    s.submitted_at
               FROM (SELECT s.interview_id, s.submitted_at FROM scorecards s
                      WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND s.status = 'submitted' AND s.submitted_at IS NOT NULL${keyset}
                      ORDER BY s.submitted_at DESC NULLS LAST, s.interview_id DESC) s
               CROSS JOIN LATERAL (
                 SELECT i.*, r.title AS "roleTitle", c.name AS "candidateName", own.id AS "scorecardId", own.status AS "scorecardStatus"
                   FROM interviews i
                   JOIN scorecards own ON own.interview_id = i.id AND own.interviewer_id = $2 AND own.organization_id = i.organization_id
                   JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
                   JOIN candidates c ON c.id = a.candidate_id AND c.organization_id = i.organization_id
                   JOIN roles r ON r.id = i.role_id AND r.organization_id = i.organization_id
                  WHERE i.id = s.interview_id AND ${where}
                  LIMIT 1) i
              ORDER BY s.submitted_at DESC NULLS LAST, s.interview_id DESC
              LIMIT ${limit}) p
       JOIN loop_versions lv ON lv.id = p.loop_version_id
       LEFT JOIN LATERAL (SELECT x AS sr FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = p."roundId"::text LIMIT 1) snap ON true
       LEFT JOIN rounds rd ON rd.id = p."roundId"
      ORDER BY p.submitted_at DESC NULLS LAST, p.id DESC`;
}

/**
 * The caller's completed interviews (their scorecard submitted), most recently submitted first, keyset-paged on
 * (submitted_at, interview id). `q` searches the candidate's name and the role's title.
 */
@Injectable()
export class CompletedInterviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of `limit + 1` rows (see `toPage`), after `cursor`. */
  page(organizationId: string, memberId: string, query: CompletedFilter & { limit: number; cursor?: string }): Promise<CompletedInterviewRow[]> {
    const after = decodeCursor(query.cursor);
    if (after && (!isUuid(after.id) || Number.isNaN(Date.parse(after.sortValue)))) {
      throw AppError.invalid('cursor', 'cursor is not a cursor this API issued.', 'invalid_cursor');
    }
    return this.select(organizationId, memberId, query, query.limit + 1, after);
  }

  private select(
    organizationId: string,
    memberId: string,
    filter: CompletedFilter,
    limit: number,
    after?: CursorPosition,
  ): Promise<CompletedInterviewRow[]> {
    const { where, params } = this.filtered(organizationId, memberId, filter);
    let keyset = '';
    if (after) {
      params.push(after.sortValue, after.id);
      // s.interview_id (= i.id) so that the position is a condition of the index scan, not a filter after it.
      keyset = ` AND (s.submitted_at, s.interview_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.dataSource.query(completedInterviewsSql(where, keyset, sqlLimit(limit, 1000)), params);
  }

  async count(organizationId: string, memberId: string, filter: CompletedFilter): Promise<number> {
    const { where, params } = this.filtered(organizationId, memberId, filter);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS total
         FROM interviews i
         JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
         JOIN candidates c ON c.id = a.candidate_id AND c.organization_id = i.organization_id
         JOIN roles r ON r.id = i.role_id AND r.organization_id = i.organization_id
         JOIN scorecards s ON s.interview_id = i.id AND s.interviewer_id = $2 AND s.organization_id = i.organization_id
        WHERE ${where} AND s.status = 'submitted' AND s.submitted_at IS NOT NULL`,
      params,
    )) as { total: number }[];
    return row?.total ?? 0;
  }

  cursorOf(row: CompletedInterviewRow): CursorPosition {
    return { sortValue: row.submittedAtKey, id: row.id };
  }

  private filtered(organizationId: string, memberId: string, filter: CompletedFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [organizationId, memberId];
    // Scheduled, assigned to the caller, submitted by them.
    // (The scorecard's own conditions, status submitted with its time, are where each query reads the scorecard.)
    let where = ASSIGNED_AND_SCHEDULED;
    if (filter.q) {
      params.push(likePattern(filter.q));
      where += ` AND (lower(c.name) LIKE $${params.length} OR lower(r.title) LIKE $${params.length})`;
    }
    return { where, params };
  }
}
