import { Injectable } from '@nestjs/common';
import { AppError, AuthContext, CalibrationStatsRepository, hasRole, SCORE_BUCKETS, SCORE_MAX, SCORE_MIN } from '@hireloop/core';
import { InterviewerCalibrationResponseDto, RatingShareDto, RoleCalibrationResponseDto } from './dto/calibration.response.dto';

/**
 * Calibration views. Roles: admins see every role; a hiring manager sees the roles they manage. Interviewers:
 * admins and hiring managers see any interviewer of the organization, and every member may see their own figures
 * (self-calibration). Ids of another organization are 404.
 */
@Injectable()
export class CalibrationService {
  constructor(private readonly stats: CalibrationStatsRepository) {}

  async role(auth: AuthContext, roleId: string): Promise<RoleCalibrationResponseDto> {
    const role = await this.stats.findRole(auth.organizationId, roleId);
    if (!role) throw AppError.notFound('Role', roleId);
    if (!hasRole(auth, 'admin') && role.hiringManagerId !== auth.memberId) {
      throw AppError.forbidden('not_role_hiring_manager', "Only admins and the role's hiring manager can see its calibration.");
    }
    const [dimensions, distribution, decisions] = await Promise.all([
      this.stats.roleReliability(auth.organizationId, roleId),
      this.stats.roleScoreDistribution(auth.organizationId, roleId),
      this.stats.roleDecisionStats(auth.organizationId, roleId),
    ]);
    const width = (SCORE_MAX - SCORE_MIN) / SCORE_BUCKETS;
    const computed = dimensions.map((d) => d.computedAt?.getTime() ?? 0).filter((t) => t > 0);
    const counted = decisions.followed + decisions.overridden;
    const recommendations = distribution.recommendations;
    return {
      roleId: role.id,
      title: role.title,
      dimensions: dimensions.map((d) => ({ dimensionId: d.dimensionId, name: d.name, alpha: d.alpha, nUnits: d.nUnits, nRatings: d.nRatings })),
      scoreDistribution: {
        applications: recommendations.hire + recommendations.no_hire + recommendations.inconclusive,
        buckets: distribution.buckets.map((b) => ({ from: SCORE_MIN + (b.bucket - 1) * width, to: SCORE_MIN + b.bucket * width, count: b.count })),
        unscored: distribution.unscored,
        recommendations,
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

  async interviewer(auth: AuthContext, interviewerId: string): Promise<InterviewerCalibrationResponseDto> {
    // Existence first, so another organization's id is a 404 for every caller (as the class comment promises).
    const member = await this.stats.findMember(auth.organizationId, interviewerId);
    if (!member) throw AppError.notFound('Interviewer', interviewerId);
    if (!hasRole(auth, 'admin', 'hiring_manager') && interviewerId !== auth.memberId) {
      throw AppError.forbidden('calibration_not_visible', "Only admins, hiring managers and the interviewer themself can see an interviewer's calibration.");
    }
    const [offset, own, organization, match] = await Promise.all([
      this.stats.interviewerOffset(auth.organizationId, interviewerId),
      this.stats.ratingCounts(auth.organizationId, interviewerId),
      this.stats.ratingCounts(auth.organizationId, null),
      this.stats.recommendationMatch(auth.organizationId, interviewerId),
    ]);
    const ownShares = shares(own);
    const orgShares = shares(organization);
    return {
      interviewerId: member.id,
      name: member.name,
      offset: offset?.offset ?? 0,
      n: offset?.n ?? 0,
      computedAt: offset ? offset.computedAt.toISOString() : null,
      ratingDistribution: ownShares.shares,
      ratingCount: ownShares.total,
      organizationDistribution: orgShares.shares,
      organizationRatingCount: orgShares.total,
      recommendations: { total: match.total, matchedDecision: match.matched, matchRate: match.total > 0 ? match.matched / match.total : null },
    };
  }
}

function shares(counts: Record<1 | 2 | 3 | 4, number>): { shares: RatingShareDto; total: number } {
  const total = counts[1] + counts[2] + counts[3] + counts[4];
  const share = (c: number) => (total > 0 ? c / total : 0);
  return { shares: { 1: share(counts[1]), 2: share(counts[2]), 3: share(counts[3]), 4: share(counts[4]) }, total };
}
