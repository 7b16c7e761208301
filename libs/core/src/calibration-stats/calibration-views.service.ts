import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { AuthContext, hasRole } from '../common/auth-context';
import { OutcomeValidityView, ValidityReportsService } from '../quality-of-hire/validity-reports.service';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { CalibrationStatsRepository, SCORE_BUCKETS, SCORE_MAX, SCORE_MIN } from './calibration-stats.repository';
import { Anchoring, RatingHabits, RatingHabitsService } from './rating-habits.service';
import { RatingValue, ratingShares, suppressed } from './suppression';

/** A role's calibration as the API answers it (the API's `RoleCalibrationResponseDto` has this shape). */
export interface RoleCalibrationView {
  roleId: string;
  title: string;
  dimensions: { dimensionId: string; name: string | null; alpha: number | null; nUnits: number; nRatings: number; suppressed: boolean }[];
  scoreDistribution: {
    applications: number;
    buckets: { from: number; to: number; count: number | null }[];
    unscored: number | null;
    recommendations: { hire: number | null; no_hire: number | null; inconclusive: number | null };
    suppressed: boolean;
  };
  decisions: { total: number; followedRecommendation: number; overrides: number; followRate: number | null };
  computedAt: string | null;
}

/** An interviewer's calibration as the API answers it (the API's `InterviewerCalibrationResponseDto` has this shape). */
export interface InterviewerCalibrationView {
  interviewerId: string;
  name: string;
  offset: number;
  n: number;
  computedAt: string | null;
  ratingDistribution: Record<RatingValue, number | null>;
  ratingCount: number;
  ratingDistributionSuppressed: boolean;
  organizationDistribution: Record<RatingValue, number | null>;
  organizationRatingCount: number;
  organizationDistributionSuppressed: boolean;
  recommendations: { total: number; matchedDecision: number; matchRate: number | null };
  ratingHabits: RatingHabits;
  anchoring: Anchoring;
  outcomeValidity: OutcomeValidityView;
}

/**
 * Calibration views. Roles: admins see every role; a hiring manager sees the roles they manage. Interviewers:
 * admins and hiring managers see any interviewer of the organization, and every member may see their own figures
 * (self-calibration). Ids of another organization are 404.
 *
 * No leak of blind feedback: live figures (rating distributions, score distribution, recommendation match) leave
 * out every application on whose panel the caller is still blind (assigned, not yet submitted with a rating);
 * reliability and offsets come from the nightly computation. Figures resting on fewer than 5 ratings or
 * applications are withheld (null) and flagged (`suppression.ts`).
 */
@Injectable()
export class CalibrationViewsService {
  constructor(
    private readonly stats: CalibrationStatsRepository,
    private readonly scorecards: ScorecardsRepository,
    private readonly habits: RatingHabitsService,
    private readonly validity: ValidityReportsService,
  ) {}

  async role(auth: AuthContext, roleId: string): Promise<RoleCalibrationView> {
    const role = await this.stats.findRole(auth.organizationId, roleId);
    if (!role) throw AppError.notFound('Role', roleId);
    if (!hasRole(auth, 'admin') && role.hiringManagerId !== auth.memberId) {
      throw AppError.forbidden('not_role_hiring_manager', "Only admins and the role's hiring manager can see its calibration.");
    }
    const blind = await this.scorecards.blindApplicationIds(auth.organizationId, auth.memberId);
    const [dimensions, distribution, decisions] = await Promise.all([
      this.stats.roleReliability(auth.organizationId, roleId),
      this.stats.roleScoreDistribution(auth.organizationId, roleId, blind),
      this.stats.roleDecisionStats(auth.organizationId, roleId),
    ]);
    const width = (SCORE_MAX - SCORE_MIN) / SCORE_BUCKETS;
    const computed = dimensions.map((d) => d.computedAt?.getTime() ?? 0).filter((t) => t > 0);
    const counted = decisions.followed + decisions.overridden;
    const recommendations = distribution.recommendations;
    const applications = recommendations.hire + recommendations.no_hire + recommendations.inconclusive;
    const hide = suppressed(applications);
    return {
      roleId: role.id,
      title: role.title,
      dimensions: dimensions.map((d) => ({
        dimensionId: d.dimensionId,
        name: d.name,
        alpha: suppressed(d.nRatings) ? null : d.alpha,
        nUnits: d.nUnits,
        nRatings: d.nRatings,
        suppressed: suppressed(d.nRatings),
      })),
      scoreDistribution: {
        applications,
        buckets: distribution.buckets.map((b) => ({
          from: SCORE_MIN + (b.bucket - 1) * width,
          to: SCORE_MIN + b.bucket * width,
          count: hide ? null : b.count,
        })),
        unscored: hide ? null : distribution.unscored,
        recommendations: hide ? { hire: null, no_hire: null, inconclusive: null } : recommendations,
        suppressed: hide,
      },
      decisions: {
        total: decisions.total,
        followedRecommendation: decisions.followed,
        overrides: decisions.overridden,
        followRate: counted > 0 ? decisions.followed / counted : null,
      },
      computedAt: computed.length > 0 ? new Date(Math.max(...computed)).toISOString() : null,
    };
  }

  async interviewer(auth: AuthContext, interviewerId: string): Promise<InterviewerCalibrationView> {
    // Existence first, so another organization's id is a 404 for every caller (as the class comment promises).
    const member = await this.stats.findMember(auth.organizationId, interviewerId);
    if (!member) throw AppError.notFound('Interviewer', interviewerId);
    if (!hasRole(auth, 'admin', 'hiring_manager') && interviewerId !== auth.memberId) {
      throw AppError.forbidden(
        'calibration_not_visible',
        "Only admins, hiring managers and the interviewer themself can see an interviewer's calibration.",
      );
    }
    const blind = await this.scorecards.blindApplicationIds(auth.organizationId, auth.memberId);
    const [offset, own, organization, match, ratingHabits, anchoring, outcomeValidity] = await Promise.all([
      this.stats.interviewerOffset(auth.organizationId, interviewerId),
      this.stats.ratingCounts(auth.organizationId, interviewerId, blind),
      this.stats.ratingCounts(auth.organizationId, null, blind),
      this.stats.recommendationMatch(auth.organizationId, interviewerId, blind),
      this.habits.habits(auth.organizationId, interviewerId, blind),
      this.habits.anchoring(auth.organizationId, interviewerId, blind),
      this.validity.interviewerValidity(auth.organizationId, interviewerId),
    ]);
    const ownShares = ratingShares(own);
    const orgShares = ratingShares(organization);
    return {
      interviewerId: member.id,
      name: member.name,
      offset: offset?.offset ?? 0,
      n: offset?.n ?? 0,
      computedAt: offset ? offset.computedAt.toISOString() : null,
      ratingDistribution: ownShares.shares,
      ratingCount: ownShares.total,
      ratingDistributionSuppressed: ownShares.suppressed,
      organizationDistribution: orgShares.shares,
      organizationRatingCount: orgShares.total,
      organizationDistributionSuppressed: orgShares.suppressed,
      recommendations: { total: match.total, matchedDecision: match.matched, matchRate: match.total > 0 ? match.matched / match.total : null },
      ratingHabits,
      anchoring,
      outcomeValidity,
    };
  }
}
