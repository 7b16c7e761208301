import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LevelAssessment, LoopSnapshot, Recommendation, ScorecardRating } from '@hireloop/core';

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

/** The reads of the debrief and decision routes. Every query is scoped by organization. */
@Injectable()
export class DebriefsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The application with its candidate and role. `lock`: FOR UPDATE of the application row (decisions). */
  async findApplication(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<DebriefApplicationRow | null> {
    const rows: DebriefApplicationRow[] = await manager.query(
      `SELECT a.id, a.status, a.stage, a.decided_at AS "decidedAt",
              c.id AS "candidateId", c.name AS "candidateName",
              r.id AS "roleId", r.title AS "roleTitle", r.level AS "roleLevel", r.hiring_manager_id AS "hiringManagerId"
         FROM applications a
         JOIN candidates c ON c.id = a.candidate_id
         JOIN roles r ON r.id = a.role_id
        WHERE a.organization_id = $1 AND a.id = $2
        ${lock ? 'FOR UPDATE OF a' : ''}`,
      [organizationId, applicationId],
    );
    return rows[0] ?? null;
  }

  /** Every scorecard of the application (any status), oldest submission first. */
  scorecards(organizationId: string, applicationId: string): Promise<DebriefScorecardRow[]> {
    return this.dataSource.query(
      `SELECT id, interview_id AS "interviewId", interviewer_id AS "interviewerId", loop_version_id AS "loopVersionId", status, revision,
              ratings, recommendation, signals, red_flags AS "redFlags", level_assessment AS "levelAssessment",
              private_note AS "privateNote", submitted_at AS "submittedAt"
         FROM scorecards
        WHERE organization_id = $1 AND application_id = $2
        ORDER BY submitted_at NULLS LAST, id`,
      [organizationId, applicationId],
    );
  }

  interviews(organizationId: string, applicationId: string): Promise<DebriefInterviewRow[]> {
    return this.dataSource.query(
      `SELECT id, round_id AS "roundId", loop_version_id AS "loopVersionId", interviewer_ids AS "interviewerIds",
              starts_at AS "startsAt", ends_at AS "endsAt", status
         FROM interviews
        WHERE organization_id = $1 AND application_id = $2
        ORDER BY starts_at, id`,
      [organizationId, applicationId],
    );
  }

  async loopSnapshots(organizationId: string, ids: string[]): Promise<Map<string, LoopSnapshot>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; snapshot: LoopSnapshot }[] = await this.dataSource.query(
      `SELECT id, snapshot FROM loop_versions WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.snapshot]));
  }

  async memberNames(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
