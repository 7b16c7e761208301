import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LEVEL_ASSESSMENTS, LevelAssessment, RECOMMENDATIONS, Recommendation, SIGNAL_KINDS, SignalKind } from '@hireloop/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// The range depends on the loop version's rating scale (1–4, 1–5 or 1–3): checked by validateScorecard.
const RATING_MESSAGE = "rating must be an integer level of the role's rating scale";

export class RatingInputDto {
  @ApiProperty({ format: 'uuid', description: "A focus dimension of the interview's round, in the interview's loop version" })
  @IsUUID('all', { message: 'dimensionId must be a UUID' })
  dimensionId: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 5,
    description:
      "A level of the interview loop version's rating scale (1–4 on the 4-point scale, 1–5 on the 5-point one, 1–3 on the 3-level one). Required unless notAssessed; must be absent when notAssessed",
  })
  @IsOptional()
  @IsInt({ message: RATING_MESSAGE })
  rating?: number | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 10000,
    description: "Written evidence; required for a rating, at least the organization's minEvidenceLength",
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  evidence?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: 'The dimension could not be assessed (counts against coverage); needs notAssessedReason' })
  @IsOptional()
  @IsBoolean()
  notAssessed?: boolean | null;

  @ApiPropertyOptional({ type: String, maxLength: 2000, description: 'At least 5 characters when notAssessed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notAssessedReason?: string | null;
}

export class SignalInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'dimensionId must be a UUID' })
  dimensionId: string;

  @ApiProperty({ enum: SIGNAL_KINDS })
  @IsIn(SIGNAL_KINDS, { message: `kind must be one of ${SIGNAL_KINDS.join(', ')}` })
  kind: SignalKind;

  @ApiProperty({ description: "One of the dimension's listed signals of that kind (case-insensitive)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  text: string;
}

/** Fields shared by drafts, submissions and amendments. */
class ScorecardExtrasDto {
  @ApiPropertyOptional({ type: [SignalInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SignalInputDto)
  signals?: SignalInputDto[];

  @ApiPropertyOptional({ type: [String], description: "Listed red flags of the round's focus dimensions (free text is not accepted)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  redFlags?: string[];

  @ApiPropertyOptional({ enum: LEVEL_ASSESSMENTS, nullable: true, description: "Against the role's level" })
  @IsOptional()
  @IsIn(LEVEL_ASSESSMENTS, { message: `levelAssessment must be one of ${LEVEL_ASSESSMENTS.join(', ')}` })
  levelAssessment?: LevelAssessment | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true, description: 'Read only by the hiring manager and admins' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  privateNote?: string | null;
}

/** A draft: every field optional; types, dimensions and listed signals are checked, completeness is not. */
export class ScorecardDraftRequestDto extends ScorecardExtrasDto {
  @ApiPropertyOptional({ type: [RatingInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingInputDto)
  ratings?: RatingInputDto[];

  @ApiPropertyOptional({ enum: RECOMMENDATIONS, enumName: 'Recommendation', nullable: true })
  @IsOptional()
  @IsIn(RECOMMENDATIONS, { message: 'Choose a recommendation: strong no hire, no hire, hire or strong hire.' })
  recommendation?: Recommendation | null;
}

/**
 * A submission: an entry for every focus dimension of the round, and a recommendation. Both are required, but their
 * absence is reported by validateScorecard rather than here, so that one answer lists every problem of the form:
 * each dimension still to rate, each missing evidence, the missing recommendation.
 */
export class ScorecardSubmitRequestDto extends ScorecardExtrasDto {
  @ApiProperty({ type: [RatingInputDto], description: 'One entry per focus dimension of the round' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RatingInputDto)
  ratings: RatingInputDto[];

  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' })
  @IsOptional()
  @IsIn(RECOMMENDATIONS, { message: 'Choose a recommendation: strong no hire, no hire, hire or strong hire.' })
  recommendation: Recommendation;
}

export class ScorecardAmendRequestDto extends ScorecardSubmitRequestDto {
  @ApiProperty({ minLength: 5, maxLength: 1000, description: 'Why the scorecard changes (kept in its history)' })
  @Transform(trim)
  @IsString()
  @MinLength(5, { message: 'reason must be at least 5 characters' })
  @MaxLength(1000)
  reason: string;
}

export class ScorecardWithdrawRequestDto {
  @ApiProperty({ minLength: 5, maxLength: 1000 })
  @Transform(trim)
  @IsString()
  @MinLength(5, { message: 'reason must be at least 5 characters' })
  @MaxLength(1000)
  reason: string;
}
