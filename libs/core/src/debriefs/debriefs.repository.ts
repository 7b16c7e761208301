import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DecisionEntity } from '../decisions/decision.entity';
import type { LevelAssessment, Recommendation, ScorecardRating } from '../scorecards/rating';
import type { LoopSnapshot } from '../roles/loop-snapshot';
import type { ReportCovers } from '../reports/calibration-report.entity';
import { LoopVersionsRepository } from '../roles/loop-versions.repository';
import type { PanelFacts } from '../scorecards/feedback-access';
import { PANEL_FACTS_COLUMNS, takePanelFacts } from '../scorecards/blind-rule-sql';

export interface DebriefApplicationRow {
  id: string;
  status: 'active' | 'hired' | 'rejected' | 'withdrawn';
  stage: string;
  decidedAt: Date | null;
  candidateId: string;
  candidateName: string;
  roleId: string;
  roleTitle: string;
  roleLevel: string | null;
  hiringManagerId: string | null;
}

export interface DebriefScorecardRow {
  id: string;
  interviewId: string;
  interviewerId: string;
  loopVersionId: string;
  status: 'draft' | 'submitted' | 'withdrawn';
  revision: number;
  ratings: ScorecardRating[];
  recommendation: Recommendation | null;
  signals: { dimensionId: string; kind: 'strong' | 'weak'; text: string }[];
  redFlags: string[];
  levelAssessment: LevelAssessment | null;
  privateNote: string | null;
  submittedAt: Date | null;
}

export interface DebriefInterviewRow {
  id: string;
  roundId: string;
  loopVersionId: string;
  interviewerIds: string[];
  startsAt: Date;
  endsAt: Date;
  status: string;
}

/** The application ($2 of organization $1) with its candidate and role, as a DebriefApplicationRow; `extraColumns` follow. */
const applicationRow = (extraColumns = '') => `
  SELECT a.id, a.status, a.stage, a.decided_at AS "decidedAt",
         c.id AS "candidateId", c.name AS "candidateName",
         r.id AS "roleId", r.title AS "roleTitle", r.level AS "roleLevel", r.hiring_manager_id AS "hiringManagerId"${extraColumns}
    FROM applications a
    JOIN candidates c ON c.id = a.candidate_id
    JOIN roles r ON r.id = a.role_id
   WHERE a.organization_id = $1 AND a.id = $2`;
const APPLICATION_ROW = applicationRow();

/** The reads of the debrief and decision routes. Every query is scoped by organization. */
@Injectable()
export class DebriefsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loopVersions: LoopVersionsRepository,
  ) {}

  /** The application with its candidate and role. `lock`: FOR UPDATE of the application row (decisions). */
  async findApplication(
    organizationId: string,
    applicationId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<DebriefApplicationRow | null> {
    const rows: DebriefApplicationRow[] = await manager.query(`${APPLICATION_ROW} ${lock ? 'FOR UPDATE OF a' : ''}`, [organizationId, applicationId]);
    return rows[0] ?? null;
  }

  /** The application and the blind rule's facts about member `memberId` on it, in one statement. */
  async findApplicationWithPanelFacts(
    organizationId: string,
    applicationId: string,
    memberId: string,
  ): Promise<{ application: DebriefApplicationRow; facts: PanelFacts } | null> {
    const [row]: (DebriefApplicationRow & Parameters<typeof takePanelFacts>[0])[] = await this.dataSource.query(
      applicationRow(`, ${PANEL_FACTS_COLUMNS}`),
      [organizationId, applicationId, memberId],
    );
    if (!row) return null;
    const { onPanel, assigned, submittedOwn, viewedPanel, ...application } = row;
    return { application, facts: takePanelFacts({ onPanel, assigned, submittedOwn, viewedPanel }) };
  }

  /**
   * Everything of the debrief in one statement: the application with its candidate and role, every scorecard (any
   * status, oldest submission first), the interviews, the loop snapshots they were made against, the latest report,
   * the decision, and the names of the interviewers and of whoever decided. One round trip and one pooled connection instead of six of each (the debrief
   * read is bound by PostgreSQL's CPU and the pool).
   */
  async panel(organizationId: string, applicationId: string): Promise<DebriefPanel> {
    const [row] = (await this.dataSource.query(
      `WITH sc AS (
         SELECT id, interview_id AS "interviewId", interviewer_id AS "interviewerId", loop_version_id AS "loopVersionId", status, revision,
                ratings, recommendation, signals, red_flags AS "redFlags", level_assessment AS "levelAssessment",
                private_note AS "privateNote", submitted_at AS "submittedAt"
           FROM scorecards WHERE organization_id = $1 AND application_id = $2
       ), iv AS (
         SELECT id, round_id AS "roundId", loop_version_id AS "loopVersionId", interviewer_ids AS "interviewerIds",
                starts_at AS "startsAt", ends_at AS "endsAt", status
           FROM interviews WHERE organization_id = $1 AND application_id = $2
       )
       SELECT
         (SELECT row_to_json(ap) FROM (${APPLICATION_ROW}) ap) AS application,
         (SELECT coalesce(json_agg(sc ORDER BY sc."submittedAt" NULLS LAST, sc.id), '[]') FROM sc) AS scorecards,
         (SELECT coalesce(json_agg(iv ORDER BY iv."startsAt", iv.id), '[]') FROM iv) AS interviews,
         -- A version a scorecard points at can no longer change: null here, its snapshot comes from the process's
         -- cache (~17 KB less to send and parse per read). Versions only interviews point at come with their snapshot.
         (SELECT coalesce(json_object_agg(lv.id, CASE WHEN EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = $1 AND s.loop_version_id = lv.id)
                                                      THEN NULL ELSE lv.snapshot END), '{}')
            FROM loop_versions lv
           WHERE lv.organization_id = $1 AND lv.id IN (SELECT "loopVersionId" FROM sc UNION SELECT "loopVersionId" FROM iv)) AS snapshots,
         (SELECT coalesce(json_object_agg(m.id, u.name), '{}') FROM members m JOIN users u ON u.id = m.user_id
           WHERE m.organization_id = $1
             AND m.id IN (SELECT "interviewerId" FROM sc
                          UNION SELECT unnest("interviewerIds") FROM iv
                          UNION SELECT decided_by_member_id FROM decisions WHERE organization_id = $1 AND application_id = $2)) AS names,
         (SELECT row_to_json(r) FROM (
            SELECT id, version, report, covers, scorecard_count AS "scorecardCount", computed_at AS "computedAt"
              FROM calibration_reports WHERE organization_id = $1 AND application_id = $2 ORDER BY version DESC LIMIT 1) r) AS latest,
         (SELECT row_to_json(d) FROM (
            SELECT id, organization_id AS "organizationId", application_id AS "applicationId", decision, rationale,
                   override_reason AS "overrideReason", report_id AS "reportId", report_version AS "reportVersion",
                   report_recommendation AS "reportRecommendation", followed_recommendation AS "followedRecommendation",
                   stale_acknowledged AS "staleAcknowledged", stale_reason AS "staleReason",
                   decided_by_member_id AS "decidedByMemberId", created_at AS "createdAt"
              FROM decisions WHERE organization_id = $1 AND application_id = $2) d) AS decision,
         -- Revisions of scorecards that were amended (ratings and recommendation only), for the amendment markers.
         (SELECT coalesce(json_agg(v ORDER BY v."scorecardId", v.revision), '[]') FROM (
            SELECT rv.scorecard_id AS "scorecardId", rv.revision, rv.kind, rv.reason, rv.created_at AS "createdAt",
                   jsonb_build_object('ratings', rv.content->'ratings', 'recommendation', rv.content->'recommendation') AS content
              FROM scorecard_revisions rv
             WHERE rv.organization_id = $1
               AND rv.scorecard_id IN (SELECT scorecard_id FROM scorecard_revisions
                                        WHERE organization_id = $1 AND kind = 'amended' AND scorecard_id IN (SELECT id FROM sc))) v) AS revisions,
         (SELECT coalesce(json_object_agg(member_id, first_viewed_at), '{}') FROM panel_views
           WHERE organization_id = $1 AND application_id = $2) AS "panelViews"`,
      [organizationId, applicationId],
    )) as {
      application: (Omit<DebriefApplicationRow, 'decidedAt'> & { decidedAt: string | null }) | null;
      scorecards: (Omit<DebriefScorecardRow, 'submittedAt'> & { submittedAt: string | null })[];
      interviews: (Omit<DebriefInterviewRow, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[];
      snapshots: Record<string, LoopSnapshot | null>;
      names: Record<string, string>;
      latest: (Omit<DebriefReport, 'computedAt'> & { computedAt: string }) | null;
      decision: (Omit<DecisionEntity, 'createdAt'> & { createdAt: string }) | null;
      revisions: DebriefRevisionRow[];
      panelViews: Record<string, string>;
    }[];
    return {
      application: row.application && {
        ...row.application,
        decidedAt: row.application.decidedAt === null ? null : new Date(row.application.decidedAt),
      },
      scorecards: row.scorecards.map((s) => ({ ...s, submittedAt: s.submittedAt === null ? null : new Date(s.submittedAt) })),
      interviews: row.interviews.map((i) => ({ ...i, startsAt: new Date(i.startsAt), endsAt: new Date(i.endsAt) })),
      snapshots: await this.snapshotsOf(organizationId, row.snapshots),
      names: new Map(Object.entries(row.names)),
      latest: row.latest && { ...row.latest, computedAt: new Date(row.latest.computedAt) },
      decision: row.decision && { ...row.decision, createdAt: new Date(row.decision.createdAt) },
      revisions: row.revisions,
      panelViews: new Map(Object.entries(row.panelViews).map(([memberId, at]) => [memberId, new Date(at)])),
    };
  }

  /** The statement's snapshots, the versions it left out (null: a scorecard points at them) from the cache. */
  private async snapshotsOf(organizationId: string, read: Record<string, LoopSnapshot | null>): Promise<Map<string, LoopSnapshot>> {
    const snapshots = new Map<string, LoopSnapshot>();
    const pinned: { organizationId: string; id: string }[] = [];
    for (const [id, snapshot] of Object.entries(read)) {
      if (snapshot) snapshots.set(id, snapshot);
      else pinned.push({ organizationId, id });
    }
    if (pinned.length > 0) for (const [id, version] of await this.loopVersions.readThroughCache(pinned)) snapshots.set(id, version.snapshot);
    return snapshots;
  }
}

export interface DebriefPanel {
  /** Null when the application does not exist in the organization. */
  application: DebriefApplicationRow | null;
  scorecards: DebriefScorecardRow[];
  interviews: DebriefInterviewRow[];
  /** Loop version id → snapshot. */
  snapshots: Map<string, LoopSnapshot>;
  /** Member id → name. */
  names: Map<string, string>;
  latest: DebriefReport | null;
  decision: DecisionEntity | null;
  /** Every revision of the scorecards that were amended. */
  revisions: DebriefRevisionRow[];
  /** Member id → when they first read this panel's feedback. */
  panelViews: Map<string, Date>;
}

export interface DebriefRevisionRow {
  scorecardId: string;
  revision: number;
  kind: string;
  reason: string | null;
  createdAt: string;
  content: { ratings: ScorecardRating[] | null; recommendation: Recommendation | null };
}

/** The latest report version, as the debrief shows it. */
export interface DebriefReport {
  id: string;
  version: number;
  report: Record<string, unknown>;
  covers: ReportCovers;
  scorecardCount: number;
  computedAt: Date;
}
