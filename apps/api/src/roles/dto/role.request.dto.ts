import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CountedPageQueryDto, RATING_SCALE_KINDS, ROLE_STATUSES } from '@hireloop/core';
import type { CloneRoleInput, CreateRoleInput, HirePolicyInput, RatingScaleKind, RoleListQuery, RoleStatus, UpdateRoleInput } from '@hireloop/core';
import { Trim, TrimToNull } from './transforms';

const NUMBER = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };

/** Any subset of the hire policy; fields left out keep their current value (the calibration defaults on creation). */
export class HirePolicyRequestDto implements HirePolicyInput {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    default: 3,
    description: "Weighted score a hire must reach, on the role's rating scale (checked against it: 1–4, 1–5 or 1–3)",
  })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(1)
  @Max(5)
  bar?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    default: 2,
    description: "No dimension may average below this (on the role's scale); must not exceed bar",
  })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(1)
  @Max(5)
  floor?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: 0.8, description: 'Share of the total weight that must be rated' })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0)
  @Max(1)
  minCoverage?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  minInterviewers?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 4,
    default: 0.5,
    description: "Band around the bar that is inconclusive, in points of the role's scale (at most its range)",
  })
  @IsOptional()
  @IsNumber(NUMBER)
  @Min(0)
  @Max(4)
  margin?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  adjustForLeniency?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Non-compensatory: hire only when every required dimension\'s mean reaches the scale\'s "meets" level',
  })
  @IsOptional()
  @IsBoolean()
  everyDimensionMeets?: boolean;
}

const RATING_SCALE_DOC = {
  enum: RATING_SCALE_KINDS,
  description:
    "four_point (1–4, meets 3), five_point (1–5, meets 3) or three_level (1 below, 2 meets, 3 exceeds). Rubric anchors are required for the scale's levels; policy thresholds are stated on it.",
};

export class CreateRoleRequestDto implements CreateRoleInput {
  @ApiProperty({ example: 'Senior Applied Scientist', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ type: String, example: 'L6', maxLength: 50, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Applied Science', maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Berlin (hybrid)', maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'An active member holding hiring_manager' })
  @IsOptional()
  @IsUUID('all', { message: 'hiringManagerId must be a member id (UUID)' })
  hiringManagerId?: string | null;

  @ApiPropertyOptional({ ...RATING_SCALE_DOC, default: 'four_point' })
  @IsOptional()
  @IsIn(RATING_SCALE_KINDS, { message: `ratingScale must be one of: ${RATING_SCALE_KINDS.join(', ')}` })
  ratingScale?: RatingScaleKind;

  @ApiPropertyOptional({ type: HirePolicyRequestDto, description: "Defaults are the scale's (4-point: bar 3, floor 2, margin 0.5)" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HirePolicyRequestDto)
  hirePolicy?: HirePolicyRequestDto;
}

/** Every field optional; `null` clears level, department, location or the hiring manager. Status changes via open/close. */
export class UpdateRoleRequestDto implements UpdateRoleInput {
  @ApiPropertyOptional({ maxLength: 200 })
  @Trim()
  @ValidateIf((o: UpdateRoleRequestDto) => o.title !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ type: String, maxLength: 50, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  level?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @TrimToNull()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'hiringManagerId must be a member id (UUID)' })
  hiringManagerId?: string | null;

  @ApiPropertyOptional({
    ...RATING_SCALE_DOC,
    description: `${RATING_SCALE_DOC.description} Changes only while no scorecard was made on the role (409 rating_scale_in_use) and when every dimension has anchors for the new levels (400 naming them); bar, floor and margin then reset to the new scale's defaults unless given in the same request.`,
  })
  @ValidateIf((o: UpdateRoleRequestDto) => o.ratingScale !== undefined)
  @IsIn(RATING_SCALE_KINDS, { message: `ratingScale must be one of: ${RATING_SCALE_KINDS.join(', ')}` })
  ratingScale?: RatingScaleKind;

  @ApiPropertyOptional({
    type: HirePolicyRequestDto,
    description: 'Merged into the stored policy: fields left out keep their value (null is refused)',
  })
  @ValidateIf((o: UpdateRoleRequestDto) => o.hirePolicy !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => HirePolicyRequestDto)
  hirePolicy?: HirePolicyRequestDto;
}

export class ListRolesQueryDto extends CountedPageQueryDto implements RoleListQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the title, department, level or location', maxLength: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  q?: string;

  @ApiPropertyOptional({ enum: ROLE_STATUSES })
  @IsOptional()
  @IsIn(ROLE_STATUSES, { message: `status must be one of: ${ROLE_STATUSES.join(', ')}` })
  status?: RoleStatus;
}

export class CloneRoleRequestDto implements CloneRoleInput {
  @ApiPropertyOptional({ maxLength: 200, description: 'Defaults to "<title> (copy)"' })
  @Trim()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;
}
