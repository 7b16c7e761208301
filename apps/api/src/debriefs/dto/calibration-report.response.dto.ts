import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RECOMMENDATIONS, Recommendation } from '@hireloop/core';
import { HirePolicyResponseDto } from '../../roles/dto/role.response.dto';

/**
 * The calibration engine's report (libs/calibration CalibrationReport) as the debrief returns it, plus its stored
 * version: declared field by field so clients get its types from the document.
 */
const HIRING_DECISIONS = ['hire', 'no_hire', 'inconclusive'];

export class ReportDimensionDto {
  @ApiProperty() dimensionId: string;
  @ApiProperty() name: string;
  @ApiProperty() weight: number;
  @ApiProperty({ description: "Share (0–1) of the loop's total weight" }) weightShare: number;
  @ApiProperty() required: boolean;
  @ApiProperty({ description: 'Interviewers who rated the dimension' }) raters: number;
  @ApiProperty() ratings: number;
  @ApiProperty({ nullable: true, type: Number }) rawMean: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean after the leniency correction' }) adjustedMean: number | null;
  @ApiProperty({ nullable: true, type: Number }) min: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
  @ApiProperty({ description: 'Ratings two or more levels apart' }) disagreement: boolean;
}

export class SplitSideDto {
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: Recommendation;
  @ApiProperty({ type: [String] }) interviewerIds: string[];
}

export class ReportReasonDto {
  @ApiProperty({
    enum: [
      'insufficient_evidence',
      'dimension_unassessed',
      'low_rating',
      'below_floor',
      'below_meets',
      'below_bar',
      'red_flag',
      'split_panel',
      'uncertain',
      'meets_bar',
    ],
  })
  code: string;
  @ApiProperty({ description: "The engine's own sentence (may name member ids); clients render from code and figures" }) message: string;
  @ApiPropertyOptional() dimensionId?: string;
  @ApiPropertyOptional() flag?: string;
  @ApiPropertyOptional() interviewerId?: string;
  @ApiPropertyOptional({ type: [String] }) interviewerIds?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'The exact figures the rule turned on, e.g. { score, bar, intervalLow, margin }',
  })
  figures?: Record<string, number>;
  @ApiPropertyOptional({ type: SplitSideDto, description: 'split_panel: the higher side' }) high?: SplitSideDto;
  @ApiPropertyOptional({ type: SplitSideDto, description: 'split_panel: the lower side' }) low?: SplitSideDto;
}

export class ScoreIntervalDto {
  @ApiProperty({ example: 0.9 }) level: number;
  @ApiProperty() low: number;
  @ApiProperty() high: number;
}

export class ReportRedFlagDto {
  @ApiProperty() flag: string;
  @ApiProperty({ type: [String] }) raisedBy: string[];
}

export class ReportInterviewerDto {
  @ApiProperty() interviewerId: string;
  @ApiProperty({ description: 'Estimated leniency (rating points)' }) offset: number;
  @ApiProperty({ nullable: true, type: Number }) n: number | null;
  @ApiProperty() offsetApplied: number;
  @ApiProperty() ratings: number;
  @ApiProperty() scorecards: number;
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: Recommendation;
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation', isArray: true }) recommendations: Recommendation[];
}

export class IgnoredRatingDto {
  @ApiProperty() interviewerId: string;
  @ApiProperty() dimensionId: string;
  @ApiProperty() rating: number;
}

export class CalibrationReportResponseDto {
  @ApiProperty() algorithmVersion: string;
  @ApiProperty({ description: 'sha256 of the canonical input' }) inputsHash: string;
  @ApiProperty({ type: HirePolicyResponseDto, description: 'The policy after defaults were applied' }) policy: HirePolicyResponseDto;
  @ApiProperty({ enum: HIRING_DECISIONS }) recommendation: 'hire' | 'no_hire' | 'inconclusive';
  @ApiProperty({ type: [ReportReasonDto] }) reasons: ReportReasonDto[];
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: Number }) rawScore: number | null;
  @ApiProperty({ description: "Share (0–1) of the loop's weight with at least one rating" }) coverage: number;
  @ApiProperty({ type: ScoreIntervalDto, nullable: true }) interval: ScoreIntervalDto | null;
  @ApiPropertyOptional({ type: ScoreIntervalDto, nullable: true }) rawInterval?: ScoreIntervalDto | null;
  @ApiPropertyOptional({ enum: ['four_point', 'five_point', 'three_level'] }) scale?: 'four_point' | 'five_point' | 'three_level';
  @ApiProperty() splitPanel: boolean;
  @ApiProperty({ type: [ReportDimensionDto] }) dimensions: ReportDimensionDto[];
  @ApiProperty({ type: [ReportRedFlagDto] }) redFlags: ReportRedFlagDto[];
  @ApiProperty({ type: [ReportInterviewerDto] }) interviewers: ReportInterviewerDto[];
  @ApiPropertyOptional({ type: [IgnoredRatingDto] }) ignoredRatings?: IgnoredRatingDto[];
  @ApiProperty() version: number;
  @ApiProperty() computedAt: string;
  @ApiProperty() scorecardCount: number;
}
