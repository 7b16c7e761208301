import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsPositive, IsString, IsUUID, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Trim, TrimEach } from './transforms';

const WEIGHT = { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 };
const MAX_SIGNALS = 30;

/** What each rating level looks like for this dimension. */
export class RubricRequestDto {
  @ApiProperty({ description: '1 = strong no', maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '1': string;

  @ApiProperty({ description: '2 = no', maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '2': string;

  @ApiProperty({ description: '3 = yes, meets the bar', maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '3': string;

  @ApiProperty({ description: '4 = strong yes, exceeds the bar', maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  '4': string;
}

/** Signals interviewers can tick. Each list given replaces the stored one. */
export class SignalsRequestDto {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_SIGNALS)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  strong?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_SIGNALS)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  weak?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_SIGNALS })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_SIGNALS)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  redFlags?: string[];
}

export class CreateDimensionRequestDto {
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

  @ApiProperty({ type: RubricRequestDto, description: 'Anchors for every rating level: { "1": …, "2": …, "3": …, "4": … }' })
  @IsObject()
  @ValidateNested()
  @Type(() => RubricRequestDto)
  rubric: RubricRequestDto;

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

/** Any subset of the dimension's fields; `rubric` must carry all four levels. */
export class UpdateDimensionRequestDto {
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

  @ApiPropertyOptional({ type: SignalsRequestDto })
  @ValidateIf((o: UpdateDimensionRequestDto) => o.signals !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => SignalsRequestDto)
  signals?: SignalsRequestDto;

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
export class SetWeightsRequestDto {
  @ApiProperty({ type: [DimensionWeightRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DimensionWeightRequestDto)
  weights: DimensionWeightRequestDto[];
}
