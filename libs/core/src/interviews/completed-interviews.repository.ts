import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { CursorPosition, decodeCursor, likePattern } from '../common/pagination';
import type { MyInterviewRow } from './interviews.repository';

export interface CompletedFilter {
  q?: string;
}

/** A completed row with its sort key at full (microsecond) precision, so the cursor resumes exactly after it. */
export type CompletedInterviewRow = MyInterviewRow & { submittedAtKey: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller's completed interviews (their scorecard submitted), most recently submitted first, keyset-paged on
 * (submitted_at, interview id). `q` searches the candidate's name and the role's title.
 */
@Injectable()
export class CompletedInterviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(organizationId: string, memberId: string, query: CompletedFilter & { limit: number; cursor?: string }): Promise<CompletedInterviewRow[]> {
    const after = decodeCursor(query.cursor);
    if (after && (!UUID.test(after.id) || Number.isNaN(Date.parse(after.sortValue)))) {
      throw AppError.invalid('cursor', 'cursor is not a cursor this API issued.', 'invalid_cursor');
    }
    const { where, params } = this.filtered(organizationId, memberId, query);
    params.push(query.limit + 1);
    const limitParam = `$${params.length}`;
    let keyset = '';
    if (after) {
      params.push(after.sortValue, after.id);
      keyset = ` AND (s.submitted_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.dataSource.query(
      `SELECT i.id, i.application_id AS "applicationId", i.role_id AS "roleId", r.title AS "roleTitle", c.name AS "candidateName",
              i.round_id AS "roundId", COALESCE(sr->>'name', rd.name) AS "roundName", COALESCE(sr->>'kind', rd.kind) AS "roundKind",
              i.starts_at AS "startsAt", i.ends_at AS "endsAt", s.id AS "scorecardId", s.status AS "scorecardStatus",
              s.submitted_at AS "scorecardSubmittedAt", s.submitted_at::text AS "submittedAtKey"
         FROM interviews i
         JOIN applications a ON a.id = i.application_id AND a.organization_id = i.organization_id
         JOIN candidates c ON c.id = a.candidate_id AND c.organization_id = i.organization_id
         JOIN roles r ON r.id = i.role_id AND r.organization_id = i.organization_id
         JOIN scorecards s ON s.interview_id = i.id AND s.interviewer_id = $2 AND s.organization_id = i.organization_id
         JOIN loop_versions lv ON lv.id = i.loop_version_id
         LEFT JOIN LATERAL (SELECT x AS sr FROM jsonb_array_elements(lv.snapshot->'rounds') x WHERE x->>'id' = i.round_id::text LIMIT 1) snap ON true
         LEFT JOIN rounds rd ON rd.id = i.round_id
        WHERE ${where}${keyset}
        ORDER BY s.submitted_at DESC, i.id DESC
        LIMIT ${limitParam}`,
      params,
    );
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
        WHERE ${where}`,
      params,
    )) as { total: number }[];
    return row?.total ?? 0;
  }

  cursorOf(row: CompletedInterviewRow): CursorPosition {
    return { sortValue: row.submittedAtKey, id: row.id };
  }

  private filtered(organizationId: string, memberId: string, filter: CompletedFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [organizationId, memberId];
    // The same rows as the `completed` list of GET /me/interviews: scheduled, assigned to the caller, submitted by them.
    let where = `i.organization_id = $1 AND $2::uuid = ANY(i.interviewer_ids) AND i.status = 'scheduled'
          AND s.status = 'submitted' AND s.submitted_at IS NOT NULL`;
    if (filter.q) {
      params.push(likePattern(filter.q));
      where += ` AND (lower(c.name) LIKE $${params.length} OR lower(r.title) LIKE $${params.length})`;
    }
    return { where, params };
  }
}
