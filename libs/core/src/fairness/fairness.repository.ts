import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { RatingScaleKind } from '@hireloop/calibration';

/** An application's stages as the audit counts them. */
export interface FairnessApplicationRow {
  id: string;
  /** At least one submitted scorecard. */
  interviewed: boolean;
  /** The latest calibration report recommends hire. */
  report_hire: boolean;
  decision_hire: boolean;
}

/** A submitted scorecard's ratings, with its loop version's scale and dimensions. */
export interface FairnessScorecardRow {
  application_id: string;
  interviewer_id: string;
  ratings: { dimensionId: string; rating: number | null }[];
  scale: RatingScaleKind | null;
  dimensions: { id: string; name: string }[] | null;
}

/** The reads of the adverse-impact report, each of one organization and optionally one role (null: every role). */
@Injectable()
export class FairnessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every role of the organization: id, title and status only. */
  roles(organizationId: string): Promise<{ id: string; title: string; status: string }[]> {
    return this.dataSource.query(`SELECT id, title, status FROM roles WHERE organization_id = $1 ORDER BY lower(title), id`, [organizationId]);
  }

  async roleExists(organizationId: string, roleId: string): Promise<boolean> {
    const [role] = await this.dataSource.query(`SELECT 1 FROM roles WHERE organization_id = $1 AND id = $2`, [organizationId, roleId]);
    return Boolean(role);
  }

  applications(manager: EntityManager, organizationId: string, roleId: string | null): Promise<FairnessApplicationRow[]> {
    return manager.query(
      `SELECT a.id,
                EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = a.organization_id AND s.application_id = a.id AND s.status = 'submitted') AS interviewed,
                coalesce((SELECT r.recommendation = 'hire' FROM calibration_reports r
                           WHERE r.organization_id = a.organization_id AND r.application_id = a.id ORDER BY r.version DESC LIMIT 1), false) AS report_hire,
                EXISTS (SELECT 1 FROM decisions d WHERE d.organization_id = a.organization_id AND d.application_id = a.id AND d.decision = 'hire') AS decision_hire
           FROM applications a
          WHERE a.organization_id = $1 AND ($2::uuid IS NULL OR a.role_id = $2)`,
      [organizationId, roleId],
    );
  }

  submittedScorecards(manager: EntityManager, organizationId: string, roleId: string | null): Promise<FairnessScorecardRow[]> {
    return manager.query(
      `SELECT s.application_id, s.interviewer_id, s.ratings, lv.snapshot->>'ratingScale' AS scale, lv.snapshot->'dimensions' AS dimensions
           FROM scorecards s
           JOIN applications a ON a.id = s.application_id AND a.organization_id = s.organization_id
           JOIN loop_versions lv ON lv.id = s.loop_version_id
          WHERE s.organization_id = $1 AND s.status = 'submitted' AND ($2::uuid IS NULL OR a.role_id = $2)`,
      [organizationId, roleId],
    );
  }

  /** The interviewers' names, by member id; a member without an account is named as invited, else 'Member'. */
  async interviewerNames(manager: EntityManager, organizationId: string, memberIds: string[]): Promise<Record<string, string>> {
    const names: { id: string; name: string }[] = await manager.query(
      `SELECT m.id, coalesce(u.name, m.invited_name, 'Member') AS name FROM members m LEFT JOIN users u ON u.id = m.user_id
          WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
      [organizationId, [...new Set(memberIds)]],
    );
    return Object.fromEntries(names.map((n) => [n.id, n.name]));
  }
}
