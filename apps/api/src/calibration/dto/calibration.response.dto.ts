import { ApiProperty } from '@nestjs/swagger';

export class DimensionReliabilityDto {
  @ApiProperty({ format: 'uuid' }) dimensionId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Krippendorff's alpha (interval metric) over the submitted ratings: applications as units, interviewers as raters. Null until computed or when undefined.",
  })
  alpha: number | null;
  @ApiProperty({ description: 'Applications with at least two ratings of this dimension' }) nUnits: number;
  @ApiProperty({ description: 'Ratings in those applications (one per interviewer and application)' }) nRatings: number;
}

export class ScoreBucketDto {
  @ApiProperty({ description: 'Inclusive lower bound' }) from: number;
  @ApiProperty({ description: 'Exclusive upper bound (inclusive for the last bucket, 4)' }) to: number;
  @ApiProperty() count: number;
}

export class RecommendationCountsDto {
  @ApiProperty() hire: number;
  @ApiProperty() no_hire: number;
  @ApiProperty() inconclusive: number;
}

export class ScoreDistributionDto {
  @ApiProperty({ description: 'Applications of the role with a report (latest version each)' }) applications: number;
  @ApiProperty({ type: ScoreBucketDto, isArray: true, description: '12 buckets of 0.25 from 1 to 4' }) buckets: ScoreBucketDto[];
  @ApiProperty({ description: 'Reports without a score (not enough ratings)' }) unscored: number;
  @ApiProperty({ type: RecommendationCountsDto }) recommendations: RecommendationCountsDto;
}

export class DecisionFollowDto {
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Decisions that matched the report’s hire / no-hire recommendation' }) followedRecommendation: number;
  @ApiProperty({ description: 'Decisions that went against it' }) overrides: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'followedRecommendation / (followedRecommendation + overrides); decisions on inconclusive reports or without a report do not count. Null when there are none.',
  })
  followRate: number | null;
}

export class RoleCalibrationResponseDto {
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: DimensionReliabilityDto, isArray: true }) dimensions: DimensionReliabilityDto[];
  @ApiProperty({ type: ScoreDistributionDto }) scoreDistribution: ScoreDistributionDto;
  @ApiProperty({ type: DecisionFollowDto }) decisions: DecisionFollowDto;
  @ApiProperty({ nullable: true, type: String, description: 'When the reliability figures were last computed' }) computedAt: string | null;
}

export class RatingShareDto {
  @ApiProperty({ name: '1' }) 1: number;
  @ApiProperty({ name: '2' }) 2: number;
  @ApiProperty({ name: '3' }) 3: number;
  @ApiProperty({ name: '4' }) 4: number;
}

export class RecommendationMatchDto {
  @ApiProperty({ description: 'Submitted recommendations on applications that have a decision' }) total: number;
  @ApiProperty({ description: 'yes / strong_yes followed by hire, or no / strong_no followed by no-hire' }) matchedDecision: number;
  @ApiProperty({ nullable: true, type: Number }) matchRate: number | null;
}

export class InterviewerCalibrationResponseDto {
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty() name: string;
  @ApiProperty({
    description: 'Leniency offset: shrunk mean of (rating − mean of co-panelists’ ratings on the same application and dimension); positive = rates higher than peers. 0 until computed.',
  })
  offset: number;
  @ApiProperty({ description: 'Co-rated ratings behind the offset' }) n: number;
  @ApiProperty({ nullable: true, type: String }) computedAt: string | null;
  @ApiProperty({ type: RatingShareDto, description: "Share of the interviewer's submitted ratings at each value" }) ratingDistribution: RatingShareDto;
  @ApiProperty() ratingCount: number;
  @ApiProperty({ type: RatingShareDto, description: "Share of all the organization's submitted ratings at each value" }) organizationDistribution: RatingShareDto;
  @ApiProperty() organizationRatingCount: number;
  @ApiProperty({ type: RecommendationMatchDto }) recommendations: RecommendationMatchDto;
}
