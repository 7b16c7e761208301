import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ratingScale, toFourPoint } from '@hireloop/calibration';
import { adverseImpactAudit, type AuditApplication, type AuditReport, type AuditScorecard } from '@hireloop/calibration/fairness';
import { AppError } from '../common/app-error';
import { AuthContext } from '../common/auth-context';
import { knownAnswer, SELF_IDENTIFICATION_CATEGORY_KEYS, SELF_IDENTIFICATION_LABELS } from '../self-identification/self-identification-categories';
import { SelfIdentificationStore } from '../self-identification/self-identification.store';
import { ROLE_STATUSES } from '../roles/role.entity';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { FairnessRepository } from './fairness.repository';

/** The intersections audited (NYC Local Law 144 bias audits: sex × race/ethnicity). */
const INTERSECTIONS = [['sex', 'raceEthnicity']] as const;

export interface AdverseImpactReportDto extends AuditReport {
  roleId: string | null;
  generatedAt: string;
  /** Ratings are compared on the 4-point scale (other scales mapped linearly onto 1–4). */
  ratingScale: 'four_point';
  interviewerNames: Record<string, string>;
  labels: Record<string, string>;
  /** Applications left out because the reader is on their panel and has not submitted their own feedback yet. */
  withheldApplications: number;
}

export class FairnessRoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ROLE_STATUSES }) status: string;
}

export class FairnessRolesResponseDto {
  @ApiProperty({ type: [FairnessRoleDto] }) items: FairnessRoleDto[];
}

/**
 * The adverse-impact report of the organization's interview process, per role or across roles, for the compliance
 * role only: self-identification answers joined to each application's stages (a submitted scorecard, the latest
 * report's recommendation, the decision). Only aggregates leave this service; no answer of a person does.
 * Blind without exceptions: a reader who is also on a panel and owes their feedback does not get that application's
 * ratings, recommendation or decision in the aggregates either (the count left out is reported).
 */
@Injectable()
export class FairnessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fairness: FairnessRepository,
    private readonly selfIdentification: SelfIdentificationStore,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  /** Every role of the organization, id, title and status only: what the report's role filter needs, nothing of the roles' loops or people. */
  async roles(auth: AuthContext): Promise<FairnessRolesResponseDto> {
    return { items: await this.fairness.roles(auth.organizationId) };
  }

  async adverseImpact(auth: AuthContext, roleId: string | null): Promise<AdverseImpactReportDto> {
    const org = auth.organizationId;
    if (roleId && !(await this.fairness.roleExists(org, roleId))) throw AppError.notFound('Role', roleId);
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const blind = new Set(await this.scorecards.blindApplicationIds(org, auth.memberId, manager));
      const allApplications = await this.fairness.applications(manager, org, roleId);
      const applications = allApplications.filter((a) => !blind.has(a.id));
      const scorecards = (await this.fairness.submittedScorecards(manager, org, roleId)).filter((s) => !blind.has(s.application_id));
      const answers = await this.selfIdentification.read(manager, org, roleId ? applications.map((a) => a.id) : null);
      const interviewerNames = await this.fairness.interviewerNames(
        manager,
        org,
        scorecards.map((s) => s.interviewer_id),
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
        interviewerNames,
        labels: SELF_IDENTIFICATION_LABELS,
        withheldApplications: allApplications.length - applications.length,
      };
    });
  }
}
