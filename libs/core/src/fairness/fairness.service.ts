import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ratingScale, toFourPoint, type RatingScaleKind } from '@hireloop/calibration';
import { adverseImpactAudit, type AuditApplication, type AuditReport, type AuditScorecard } from '@hireloop/calibration/fairness';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { knownAnswer, SELF_IDENTIFICATION_CATEGORY_KEYS, SELF_IDENTIFICATION_LABELS } from '../self-identification/self-identification-categories';
import { SelfIdentificationStore } from '../self-identification/self-identification.store';
import { ROLE_STATUSES } from '../roles/role.entity';

/** The intersections audited (NYC Local Law 144 bias audits: sex × race/ethnicity). */
const INTERSECTIONS = [['sex', 'raceEthnicity']] as const;

export interface AdverseImpactReportDto extends AuditReport {
  roleId: string | null;
  generatedAt: string;
  /** Ratings are compared on the 4-point scale (other scales mapped linearly onto 1–4). */
  ratingScale: 'four_point';
  interviewerNames: Record<string, string>;
  labels: Record<string, string>;
}

export class FairnessRoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ROLE_STATUSES }) status: string;
}

export class FairnessRolesResponseDto {
  @ApiProperty({ type: [FairnessRoleDto] }) items: FairnessRoleDto[];
}

interface ApplicationRow {
  id: string;
  interviewed: boolean;
  report_hire: boolean;
  decision_hire: boolean;
}

interface ScorecardRow {
  application_id: string;
  interviewer_id: string;
  ratings: { dimensionId: string; rating: number | null }[];
  scale: RatingScaleKind | null;
  dimensions: { id: string; name: string }[] | null;
}

/**
 * The adverse-impact report of the organization's interview process, per role or across roles, for the compliance
 * role only: self-identification answers joined to each application's stages (a submitted scorecard, the latest
 * report's recommendation, the decision). Only aggregates leave this service; no answer of a person does.
 */
@Injectable()
export class FairnessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly selfIdentification: SelfIdentificationStore,
  ) {}

  /** Every role of the organization, id, title and status only: what the report's role filter needs, nothing of the roles' loops or people. */
  async roles(auth: AuthContext): Promise<FairnessRolesResponseDto> {
    const items: FairnessRoleDto[] = await this.dataSource.query(
      `SELECT id, title, status FROM roles WHERE organization_id = $1 ORDER BY lower(title), id`,
      [auth.organizationId],
    );
    return { items };
  }

  async adverseImpact(auth: AuthContext, roleId: string | null): Promise<AdverseImpactReportDto> {
    const org = auth.organizationId;
    if (roleId) {
      const [role] = await this.dataSource.query(`SELECT 1 FROM roles WHERE organization_id = $1 AND id = $2`, [org, roleId]);
      if (!role) throw AppError.notFound('Role', roleId);
    }
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const applications: ApplicationRow[] = await manager.query(
        `SELECT a.id,
                EXISTS (SELECT 1 FROM scorecards s WHERE s.organization_id = a.organization_id AND s.application_id = a.id AND s.status = 'submitted') AS interviewed,
                coalesce((SELECT r.recommendation = 'hire' FROM calibration_reports r
                           WHERE r.organization_id = a.organization_id AND r.application_id = a.id ORDER BY r.version DESC LIMIT 1), false) AS report_hire,
                EXISTS (SELECT 1 FROM decisions d WHERE d.organization_id = a.organization_id AND d.application_id = a.id AND d.decision = 'hire') AS decision_hire
           FROM applications a
          WHERE a.organization_id = $1 AND ($2::uuid IS NULL OR a.role_id = $2)`,
        [org, roleId],
      );
      const scorecards: ScorecardRow[] = await manager.query(
        `SELECT s.application_id, s.interviewer_id, s.ratings, lv.snapshot->>'ratingScale' AS scale, lv.snapshot->'dimensions' AS dimensions
           FROM scorecards s
           JOIN applications a ON a.id = s.application_id AND a.organization_id = s.organization_id
           JOIN loop_versions lv ON lv.id = s.loop_version_id
          WHERE s.organization_id = $1 AND s.status = 'submitted' AND ($2::uuid IS NULL OR a.role_id = $2)`,
        [org, roleId],
      );
      const answers = await this.selfIdentification.read(manager, org, roleId ? applications.map((a) => a.id) : null);
      const names: { id: string; name: string }[] = await manager.query(
        `SELECT m.id, coalesce(u.name, m.invited_name, 'Member') AS name FROM members m LEFT JOIN users u ON u.id = m.user_id
          WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`,
        [org, [...new Set(scorecards.map((s) => s.interviewer_id))]],
      );

      const dimensionRatings = new Map<string, Map<string, number[]>>();
      const auditScorecards: AuditScorecard[] = [];
      for (const card of scorecards) {
        const scale = ratingScale(card.scale ?? undefined);
        const dimensionName = new Map((card.dimensions ?? []).map((d) => [d.id, d.name]));
        const rated = card.ratings.filter((r): r is { dimensionId: string; rating: number } => typeof r.rating === 'number');
        if (rated.length === 0) continue;
        const perApplication =
          dimensionRatings.get(card.application_id) ?? dimensionRatings.set(card.application_id, new Map()).get(card.application_id)!;
        let sum = 0;
        for (const r of rated) {
          const value = toFourPoint(r.rating, scale);
          sum += value;
          const label = dimensionName.get(r.dimensionId) ?? r.dimensionId;
          (perApplication.get(label) ?? perApplication.set(label, []).get(label)!).push(value);
        }
        auditScorecards.push({ applicationId: card.application_id, interviewerId: card.interviewer_id, meanRating: sum / rated.length });
      }
      const auditApplications: AuditApplication[] = applications.map((a) => {
        const own = answers.get(a.id)?.answers;
        const means = [...(dimensionRatings.get(a.id) ?? new Map<string, number[]>()).entries()].map(
          ([k, v]) => [k, v.reduce((s, x) => s + x, 0) / v.length] as const,
        );
        return {
          applicationId: a.id,
          categories: Object.fromEntries(SELF_IDENTIFICATION_CATEGORY_KEYS.map((c) => [c, knownAnswer(own, c)])),
          interviewed: a.interviewed,
          reportHire: a.report_hire,
          decisionHire: a.decision_hire,
          dimensionMeans: Object.fromEntries(means),
        };
      });
      const report = adverseImpactAudit(auditApplications, auditScorecards, SELF_IDENTIFICATION_CATEGORY_KEYS, INTERSECTIONS);
      return {
        roleId,
        generatedAt: new Date().toISOString(),
        ratingScale: 'four_point',
        ...report,
        interviewerNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
        labels: SELF_IDENTIFICATION_LABELS,
      };
    });
  }
}
