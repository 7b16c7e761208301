import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CreateDimensionInput, RubricInput, SetWeightsInput, SignalsInput, UpdateDimensionInput } from '@hireloop/core';
import { Trim, TrimEach } from './transforms';

const WEIGHT = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };
const MAX_SIGNALS = 30;

/** The rules of one signal list (strong, weak, red flags), on create and on update: trimmed, unique, non-empty texts. */
const SignalList = () =>
  // Listed in the order the stacked decorators were applied (bottom first), so constraint messages keep their order.
  applyDecorators(
    MaxLength(500, { each: true }),
    IsNotEmpty({ each: true }),
    IsString({ each: true }),
    ArrayUnique(),
    ArrayMaxSize(MAX_SIGNALS),
    IsArray(),
    TrimEach(),
  );

/**
 * What each rating level looks like for this dimension, keyed by level value. Every level of the role's rating
 * scale needs an anchor ('1'–'4' on the 4-point scale, '1'–'5' on the 5-point one, '1'–'3' on the 3-level one;
 * checked by the service with a field error per missing level); anchors of other levels may be given (kept for a
 * later change of scale).
 */
export class RubricRequestDto implements RubricInput {
  @ApiPropertyOptional({ description: '1 = strong no (4-point); far below the bar (5-point); below (3-level)', maxLength: 2000 })
  @Trim()
  @ValidateIf((o: RubricRequestDto) => o['1'] !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '1'?: string;

  @ApiPropertyOptional({ description: '2 = no; below the bar; meets', maxLength: 2000 })
  @Trim()
  @ValidateIf((o: RubricRequestDto) => o['2'] !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '2'?: string;

  @ApiPropertyOptional({ description: '3 = yes, meets the bar; meets the bar; exceeds', maxLength: 2000 })
  @Trim()
  @ValidateIf((o: RubricRequestDto) => o['3'] !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '3'?: string;

  @ApiPropertyOptional({ description: '4 = strong yes, exceeds the bar; above the bar; — (3-level)', maxLength: 2000 })
  @Trim()
  @ValidateIf((o: RubricRequestDto) => o['4'] !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '4'?: string;

  @ApiPropertyOptional({ description: '5 = far above the bar (5-point only)', maxLength: 2000 })
  @Trim()
  @ValidateIf((o: RubricRequestDto) => o['5'] !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '5'?: string;
}

/** Signals interviewers can tick. Each list given replaces the stored one. */
export class SignalsRequestDto implements SignalsInput {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @SignalList()
  strong?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @SignalList()
  weak?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @SignalList()
  redFlags?: string[];
}

/** The signal lists of a change: each list given replaces the stored one; `[]` clears it, `null` is refused. */
export class UpdateSignalsRequestDto implements SignalsInput {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS, description: 'Replaces the list; [] clears it' })
  @ValidateIf((o: UpdateSignalsRequestDto) => o.strong !== undefined)
  @SignalList()
  strong?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS, description: 'Replaces the list; [] clears it' })
  @ValidateIf((o: UpdateSignalsRequestDto) => o.weak !== undefined)
  @SignalList()
  weak?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS, description: 'Replaces the list; [] clears it' })
  @ValidateIf((o: UpdateSignalsRequestDto) => o.redFlags !== undefined)
  @SignalList()
  redFlags?: string[];
}

export class CreateDimensionRequestDto implements CreateDimensionInput {
  @ApiProperty({ example: 'Problem framing & metrics', maxLength: 120 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000, default: '' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ description: 'Percent of the overall score, > 0 and ≤ 100, up to 3 decimals', example: 15 })
  @IsNumber(WEIGHT, { message: 'weight must be a number with at most 3 decimals' })
  @IsPositive({ message: 'weight must be greater than 0' })
  @Max(100)
  weight: number;

  @ApiProperty({
    type: RubricRequestDto,
    description: 'Anchors for every level of the role\'s scale: { "1": …, "2": …, "3": …, "4": … } on the 4-point scale',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => RubricRequestDto)
  rubric: RubricRequestDto;

  @ApiPropertyOptional({ default: true, description: 'A required dimension must be rated before the report can recommend hire' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: SignalsRequestDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SignalsRequestDto)
  signals?: SignalsRequestDto;

  @ApiPropertyOptional({ minimum: 1, description: '1-based; defaults to last. Others move down.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;
}

/** Any subset of the dimension's fields; `rubric` (replaced whole) must carry every level of the role's scale. */
export class UpdateDimensionRequestDto implements UpdateDimensionInput {
  @ApiPropertyOptional({ maxLength: 120 })
  @Trim()
  @ValidateIf((o: UpdateDimensionRequestDto) => o.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Trim()
  @ValidateIf((o: UpdateDimensionRequestDto) => o.description !== undefined)
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'Percent, > 0 and ≤ 100' })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.weight !== undefined)
  @IsNumber(WEIGHT, { message: 'weight must be a number with at most 3 decimals' })
  @IsPositive({ message: 'weight must be greater than 0' })
  @Max(100)
  weight?: number;

  @ApiPropertyOptional({ type: RubricRequestDto })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.rubric !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => RubricRequestDto)
  rubric?: RubricRequestDto;

  @ApiPropertyOptional({ description: 'A required dimension must be rated before the report can recommend hire' })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.required !== undefined)
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: UpdateSignalsRequestDto })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.signals !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateSignalsRequestDto)
  signals?: UpdateSignalsRequestDto;

  @ApiPropertyOptional({ minimum: 1, description: 'Move to this 1-based position' })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.position !== undefined)
  @IsInt()
  @Min(1)
  position?: number;
}

export class DimensionWeightRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  dimensionId: string;

  @ApiProperty({ description: 'Percent, > 0 and ≤ 100' })
  @IsNumber(WEIGHT, { message: 'weight must be a number with at most 3 decimals' })
  @IsPositive({ message: 'weight must be greater than 0' })
  @Max(100)
  weight: number;
}

/** Several weights changed at once, so an open role can be rebalanced without passing through an invalid sum. */
export class SetWeightsRequestDto implements SetWeightsInput {
  @ApiProperty({ type: [DimensionWeightRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DimensionWeightRequestDto)
  weights: DimensionWeightRequestDto[];
}
