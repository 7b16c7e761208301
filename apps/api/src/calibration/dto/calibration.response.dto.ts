import { ApiProperty } from '@nestjs/swagger';
import type { InterviewerCalibrationView, RoleCalibrationView } from '@hireloop/core';
import { AnchoringDto, RatingHabitsDto } from './rating-habits.response.dto';

export class OutcomeValidityIntervalDto {
  @ApiProperty() low: number;
  @ApiProperty() high: number;
}

export class OutcomeValidityDto {
  @ApiProperty({
    enum: ['no_report', 'not_enough_data', 'estimated'],
    description:
      'no_report: no organization-wide validity report is done yet; not_enough_data: fewer than minN of their hires (or of the organization) have a 12-month rating — every figure null',
  })
  status: 'no_report' | 'not_enough_data' | 'estimated';
  @ApiProperty({ description: 'Hired applications this interviewer rated that have a 12-month rating' }) n: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Pearson r of the interviewer's mean adjusted rating of a hire with that hire's 12-month rating",
  })
  r: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "r shrunk toward the organization's figure (empirical Bayes on Fisher's z, weight n − 3 vs the estimated prior strength)",
  })
  shrunk: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same correlation pooled over every interviewer of the organization' })
  organizationR: number | null;
  @ApiProperty({ nullable: true, type: OutcomeValidityIntervalDto, description: '90 % interval around shrunk (posterior; indicative)' })
  interval: OutcomeValidityIntervalDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The report’s minimum number of pairs' }) minN: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the report was computed' }) computedAt: string | null;
}

export class DimensionReliabilityDto {
  @ApiProperty({ format: 'uuid' }) dimensionId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      "Krippendorff's alpha (interval metric) over the submitted ratings (nightly): applications as units, interviewers as raters. Null until computed, when undefined, or when withheld (suppressed: fewer than 5 ratings).",
  })
  alpha: number | null;
  @ApiProperty({ description: 'Applications with at least two ratings of this dimension' }) nUnits: number;
  @ApiProperty({ description: 'Ratings in those applications (one per interviewer and application)' }) nRatings: number;
  @ApiProperty({ description: 'alpha is withheld: it rests on fewer than 5 ratings' }) suppressed: boolean;
}

export class ScoreBucketDto {
  @ApiProperty({ description: 'Inclusive lower bound' }) from: number;
  @ApiProperty({ description: 'Exclusive upper bound (inclusive for the last bucket, 4)' }) to: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when the distribution is suppressed' }) count: number | null;
}

export class RecommendationCountsDto {
  @ApiProperty({ nullable: true, type: Number }) hire: number | null;
  @ApiProperty({ nullable: true, type: Number }) no_hire: number | null;
  @ApiProperty({ nullable: true, type: Number }) inconclusive: number | null;
}

export class ScoreDistributionDto {
  @ApiProperty({
    description: 'Applications of the role with a report (latest version each), leaving out those on whose panel the caller is still blind',
  })
  applications: number;
  @ApiProperty({ type: ScoreBucketDto, isArray: true, description: '12 buckets of 0.25 from 1 to 4' }) buckets: ScoreBucketDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Reports without a score (not enough ratings); null when suppressed' }) unscored:
    number | null;
  @ApiProperty({ type: RecommendationCountsDto, description: 'Counts null when suppressed' }) recommendations: RecommendationCountsDto;
  @ApiProperty({ description: 'Bucket counts, unscored and recommendations are withheld: fewer than 5 applications' }) suppressed: boolean;
}

export class DecisionFollowDto {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Decisions that matched the report’s hire / no-hire recommendation' }) followedRecommendation: number;
  @ApiProperty({ description: 'Decisions that went against it' }) overrides: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'followedRecommendation / (followedRecommendation + overrides); decisions on inconclusive reports or without a report do not count. Null when there are none.',
  })
  followRate: number | null;
}

export class RoleCalibrationResponseDto implements RoleCalibrationView {
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: DimensionReliabilityDto, isArray: true }) dimensions: DimensionReliabilityDto[];
  @ApiProperty({ type: ScoreDistributionDto }) scoreDistribution: ScoreDistributionDto;
  @ApiProperty({ type: DecisionFollowDto }) decisions: DecisionFollowDto;
  @ApiProperty({ nullable: true, type: String, description: 'When the reliability figures were last computed' }) computedAt: string | null;
}

/** Shares per rating value (every scale pooled: 5 exists on the 5-point scale only); all null when suppressed. */
export class RatingShareDto {
  @ApiProperty({ name: '1', nullable: true, type: Number }) 1: number | null;
  @ApiProperty({ name: '2', nullable: true, type: Number }) 2: number | null;
  @ApiProperty({ name: '3', nullable: true, type: Number }) 3: number | null;
  @ApiProperty({ name: '4', nullable: true, type: Number }) 4: number | null;
  @ApiProperty({ name: '5', nullable: true, type: Number }) 5: number | null;
}

export class RecommendationMatchDto {
  @ApiProperty({ description: 'Submitted recommendations on applications that have a decision' }) total: number;
  @ApiProperty({ description: 'yes / strong_yes followed by hire, or no / strong_no followed by no-hire' }) matchedDecision: number;
  @ApiProperty({ nullable: true, type: Number }) matchRate: number | null;
}

export class InterviewerCalibrationResponseDto implements InterviewerCalibrationView {
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    description:
      'Leniency offset: shrunk mean of (rating − mean of co-panelists’ ratings on the same application and dimension); positive = rates higher than peers. 0 until computed.',
  })
  offset: number;
  @ApiProperty({ description: 'Co-rated ratings behind the offset' }) n: number;
  @ApiProperty({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({
    type: RatingShareDto,
    description: "Share of the interviewer's submitted ratings at each value, leaving out applications on whose panel the caller is still blind",
  })
  ratingDistribution: RatingShareDto;
  @ApiProperty() ratingCount: number;
  @ApiProperty({ description: 'ratingDistribution is withheld: fewer than 5 ratings' }) ratingDistributionSuppressed: boolean;
  @ApiProperty({
    type: RatingShareDto,
    description: "Share of all the organization's submitted ratings at each value, leaving out applications on whose panel the caller is still blind",
  })
  organizationDistribution: RatingShareDto;
  @ApiProperty() organizationRatingCount: number;
  @ApiProperty({ description: 'organizationDistribution is withheld: fewer than 5 ratings' }) organizationDistributionSuppressed: boolean;
  @ApiProperty({ type: RecommendationMatchDto }) recommendations: RecommendationMatchDto;
  @ApiProperty({
    type: RatingHabitsDto,
    description: "Halo and straight-lining against the organization's distribution (flagged above its 95th percentile with ≥ 20 scorecards)",
  })
  ratingHabits: RatingHabitsDto;
  @ApiProperty({ type: AnchoringDto, description: "Amendments made after reading the panel's feedback, with the rating changes" })
  anchoring: AnchoringDto;
  @ApiProperty({
    type: OutcomeValidityDto,
    description:
      "How well this interviewer's leniency-adjusted ratings predicted the 12-month performance rating of the people hired, shrunk toward the organization's figure (from the latest organization-wide validity report)",
  })
  outcomeValidity: OutcomeValidityDto;
}
