import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReportRecommendation } from '../reports/calibration-report.entity';
import type { RevisionForAmendments } from '../scorecards/amendments';

export interface RoleRef {
  id: string;
  title: string;
  hiringManagerId: string | null;
}

export interface MemberRef {
  id: string;
  name: string;
}

export interface DimensionReliabilityRow {
  dimensionId: string;
  name: string | null;
  alpha: number | null;
  nUnits: number;
  nRatings: number;
  computedAt: Date | null;
}

export interface ScoreBucketRow {
  /** 1…12: [1, 1.25), [1.25, 1.5), … [3.75, 4]. */
  bucket: number;
  count: number;
}

export interface RoleDecisionStats {
  total: number;
  followed: number;
  overridden: number;
}

export interface InterviewerOffsetRow {
  offset: number;
  n: number;
  computedAt: Date;
}

export interface RecommendationMatchStats {
  total: number;
  matched: number;
}

/** Score histogram: 12 buckets of 0.25 from 1 to 4 (a score of exactly 4 falls in the last one). */
/** One submitted scorecard's ratings, for the rating-habit figures. */
export interface SubmittedRatingsRow {
  interviewer_id: string;
  ratings: { dimensionId: string; rating: number | null }[];
}

/** One revision of an amended scorecard, with what its amendments are compared against. */
export interface AmendedRevisionRow {
  scorecard_id: string;
  application_id: string;
  revision: number;
  kind: string;
  created_at: Date;
  content: RevisionForAmendments['content'];
  first_viewed_at: Date | null;
  dimensions: { id: string; name: string }[] | null;
}

export const SCORE_BUCKETS = 12;
export const SCORE_MIN = 1;
export const SCORE_MAX = 4;

/** Reads behind the calibration views; every method is scoped by organization. */
@Injectable()
export class CalibrationStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRole(organizationId: string, roleId: string): Promise<RoleRef | null> {
    const rows: RoleRef[] = await this.dataSource.query(
      `SELECT id, title, hiring_manager_id AS "hiringManagerId" FROM roles WHERE organization_id = $1 AND id = $2`,
      [organizationId, roleId],
    );
    return rows[0] ?? null;
  }

  async findMember(organizationId: string, memberId: string): Promise<MemberRef | null> {
    const rows: MemberRef[] = await this.dataSource.query(
      `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = $2`,
      [organizationId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * The role's dimensions (current ones first, in loop order, then older ones that still have ratings) with their
   * stored reliability; names of dimensions no longer in the live loop come from the newest loop version naming them.
   */
  async roleReliability(organizationId: string, roleId: string): Promise<DimensionReliabilityRow[]> {
    const rows: (Omit<DimensionReliabilityRow, 'nUnits' | 'nRatings'> & { nUnits: number | null; nRatings: number | null })[] =
      await this.dataSource.query(
        `WITH live AS (
         SELECT id, name, position FROM dimensions WHERE organization_id = $1 AND role_id = $2
       ), snapshot_names AS (
         SELECT DISTINCT ON (d->>'id') (d->>'id')::uuid AS id, d->>'name' AS name
           FROM loop_versions lv, jsonb_array_elements(lv.snapshot->'dimensions') d
          WHERE lv.organization_id = $1 AND lv.role_id = $2 AND d ? 'id'
          ORDER BY d->>'id', lv.number DESC
       ), ids AS (
         SELECT id FROM live
         UNION
         SELECT dimension_id FROM role_reliability WHERE organization_id = $1 AND role_id = $2
       )
       SELECT ids.id AS "dimensionId", COALESCE(live.name, snapshot_names.name) AS name,
              rr.alpha, rr.n_units AS "nUnits", rr.n_ratings AS "nRatings", rr.computed_at AS "computedAt"
         FROM ids
         LEFT JOIN live ON live.id = ids.id
         LEFT JOIN snapshot_names ON snapshot_names.id = ids.id
         LEFT JOIN role_reliability rr ON rr.role_id = $2 AND rr.dimension_id = ids.id
        ORDER BY live.position NULLS LAST, name, ids.id`,
        [organizationId, roleId],
      );
    return rows.map((r) => ({ ...r, nUnits: r.nUnits ?? 0, nRatings: r.nRatings ?? 0 }));
  }

  /**
   * Histogram of the latest report score of each application of the role, plus its recommendation counts.
   * `excludeApplicationIds`: applications whose feedback the caller may not see (they are blind on its panel).
   */
  async roleScoreDistribution(
    organizationId: string,
    roleId: string,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<{ buckets: ScoreBucketRow[]; unscored: number; recommendations: Record<ReportRecommendation, number> }> {
    const rows: { bucket: number | null; recommendation: ReportRecommendation; count: number }[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (cr.application_id) cr.score, cr.recommendation
           FROM calibration_reports cr
           JOIN applications a ON a.id = cr.application_id
          WHERE cr.organization_id = $1 AND a.organization_id = $1 AND a.role_id = $2 AND NOT (cr.application_id = ANY($6::uuid[]))
          ORDER BY cr.application_id, cr.version DESC
       )
       SELECT CASE WHEN score IS NULL THEN NULL ELSE LEAST(GREATEST(width_bucket(score, $3::double precision, $4::double precision, $5::int), 1), $5::int) END AS bucket,
              recommendation, count(*)::int AS count
         FROM latest
        GROUP BY 1, 2`,
      [organizationId, roleId, SCORE_MIN, SCORE_MAX, SCORE_BUCKETS, [...excludeApplicationIds]],
    );
    const counts = new Map<number, number>();
    const recommendations: Record<ReportRecommendation, number> = { hire: 0, no_hire: 0, inconclusive: 0 };
    let unscored = 0;
    for (const row of rows) {
      recommendations[row.recommendation] = (recommendations[row.recommendation] ?? 0) + row.count;
      if (row.bucket === null) unscored += row.count;
      else counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.count);
    }
    const buckets = Array.from({ length: SCORE_BUCKETS }, (_, i) => ({ bucket: i + 1, count: counts.get(i + 1) ?? 0 }));
    return { buckets, unscored, recommendations };
  }

  /** Decisions on the role's applications, and how many followed the report's hire/no-hire recommendation. */
  async roleDecisionStats(organizationId: string, roleId: string): Promise<RoleDecisionStats> {
    const rows: RoleDecisionStats[] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE d.followed_recommendation)::int AS followed,
              count(*) FILTER (WHERE d.followed_recommendation = false)::int AS overridden
         FROM decisions d
         JOIN applications a ON a.id = d.application_id
        WHERE d.organization_id = $1 AND a.organization_id = $1 AND a.role_id = $2`,
      [organizationId, roleId],
    );
    return rows[0];
  }

  async interviewerOffset(organizationId: string, memberId: string): Promise<InterviewerOffsetRow | null> {
    const rows: InterviewerOffsetRow[] = await this.dataSource.query(
      `SELECT "offset", n, computed_at AS "computedAt" FROM interviewer_calibrations WHERE organization_id = $1 AND interviewer_id = $2`,
      [organizationId, memberId],
    );
    return rows[0] ?? null;
  }

  /**
   * Count of submitted ratings per value (1–5, every scale pooled), for one interviewer or (null) the whole
   * organization, leaving out `excludeApplicationIds` (applications on whose panel the caller is still blind).
   */
  async ratingCounts(
    organizationId: string,
    interviewerId: string | null,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<Record<1 | 2 | 3 | 4 | 5, number>> {
    const rows: { rating: number; count: number }[] = await this.dataSource.query(
      `SELECT rating, count(*)::int AS count FROM scorecard_ratings
        WHERE organization_id = $1 AND NOT (application_id = ANY($2::uuid[])) ${interviewerId ? 'AND interviewer_id = $3' : ''}
        GROUP BY rating`,
      interviewerId ? [organizationId, [...excludeApplicationIds], interviewerId] : [organizationId, [...excludeApplicationIds]],
    );
    const counts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (const row of rows) counts[row.rating as 1 | 2 | 3 | 4 | 5] = row.count;
    return counts;
  }

  /**
   * The interviewer's submitted recommendations on decided applications: matched when yes/strong_yes met a hire or
   * no/strong_no met a no-hire.
   */
  async recommendationMatch(
    organizationId: string,
    interviewerId: string,
    excludeApplicationIds: readonly string[] = [],
  ): Promise<RecommendationMatchStats> {
    const rows: RecommendationMatchStats[] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE (s.recommendation IN ('yes','strong_yes')) = (d.decision = 'hire'))::int AS matched
         FROM scorecards s
         JOIN decisions d ON d.application_id = s.application_id AND d.organization_id = $1
        WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND s.status = 'submitted' AND s.recommendation IS NOT NULL
          AND NOT (s.application_id = ANY($3::uuid[]))`,
      [organizationId, interviewerId, [...excludeApplicationIds]],
    );
    return rows[0];
  }

  /** Every submitted scorecard's ratings in the organization, leaving out `excludeApplicationIds`. */
  async submittedRatings(organizationId: string, excludeApplicationIds: readonly string[]): Promise<SubmittedRatingsRow[]> {
    return this.dataSource.query(
      `SELECT s.interviewer_id, s.ratings FROM scorecards s
        WHERE s.organization_id = $1 AND s.status = 'submitted' AND NOT (s.application_id = ANY($2::uuid[]))`,
      [organizationId, excludeApplicationIds],
    );
  }

  /**
   * Every revision of the interviewer's amended scorecards (by scorecard, oldest first), with when they first read
   * the panel and their loop version's dimensions; leaving out `excludeApplicationIds`.
   */
  async amendedRevisions(organizationId: string, interviewerId: string, excludeApplicationIds: readonly string[]): Promise<AmendedRevisionRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS scorecard_id, s.application_id, v.revision, v.kind, v.created_at, v.content, pv.first_viewed_at, lv.snapshot->'dimensions' AS dimensions
         FROM scorecards s
         JOIN scorecard_revisions v ON v.organization_id = s.organization_id AND v.scorecard_id = s.id
         JOIN loop_versions lv ON lv.id = s.loop_version_id
         LEFT JOIN panel_views pv ON pv.organization_id = s.organization_id AND pv.application_id = s.application_id AND pv.member_id = s.interviewer_id
        WHERE s.organization_id = $1 AND s.interviewer_id = $2 AND NOT (s.application_id = ANY($3::uuid[]))
          AND EXISTS (SELECT 1 FROM scorecard_revisions a WHERE a.organization_id = s.organization_id AND a.scorecard_id = s.id AND a.kind = 'amended')
        ORDER BY s.id, v.revision`,
      [organizationId, interviewerId, excludeApplicationIds],
    );
  }
}
