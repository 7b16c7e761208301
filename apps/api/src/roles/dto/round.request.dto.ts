import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROUND_KINDS } from '@hireloop/core';
import type { CreateRoundInput, RoundKind, UpdateRoundInput } from '@hireloop/core';
import { Trim } from './transforms';

export const MIN_ROUND_MINUTES = 5;
export const MAX_ROUND_MINUTES = 600;

export class CreateRoundRequestDto implements CreateRoundInput {
  @ApiProperty({ example: 'ML system design', maxLength: 120 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: ROUND_KINDS, enumName: 'RoundKind' })
  @IsIn(ROUND_KINDS, { message: `kind must be one of: ${ROUND_KINDS.join(', ')}` })
  kind: RoundKind;

  @ApiProperty({ minimum: MIN_ROUND_MINUTES, maximum: MAX_ROUND_MINUTES, example: 60 })
  @IsInt()
  @Min(MIN_ROUND_MINUTES)
  @Max(MAX_ROUND_MINUTES)
  durationMinutes: number;

  @ApiPropertyOptional({ minimum: 1, description: '1-based; defaults to last. Others move down.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Dimensions of this role the round assesses' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each focusDimensionIds entry must be a dimension id (UUID)' })
  focusDimensionIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Questions from the organization's question bank, in order" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each questionIds entry must be a question id (UUID)' })
  questionIds?: string[];
}

export class UpdateRoundRequestDto implements UpdateRoundInput {
  @ApiPropertyOptional({ maxLength: 120 })
  @Trim()
  @ValidateIf((o: UpdateRoundRequestDto) => o.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ enum: ROUND_KINDS, enumName: 'RoundKind' })
  @ValidateIf((o: UpdateRoundRequestDto) => o.kind !== undefined)
  @IsIn(ROUND_KINDS, { message: `kind must be one of: ${ROUND_KINDS.join(', ')}` })
  kind?: RoundKind;

  @ApiPropertyOptional({ minimum: MIN_ROUND_MINUTES, maximum: MAX_ROUND_MINUTES })
  @ValidateIf((o: UpdateRoundRequestDto) => o.durationMinutes !== undefined)
  @IsInt()
  @Min(MIN_ROUND_MINUTES)
  @Max(MAX_ROUND_MINUTES)
  durationMinutes?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Move to this 1-based position' })
  @ValidateIf((o: UpdateRoundRequestDto) => o.position !== undefined)
  @IsInt()
  @Min(1)
  position?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the focus dimensions' })
  @ValidateIf((o: UpdateRoundRequestDto) => o.focusDimensionIds !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each focusDimensionIds entry must be a dimension id (UUID)' })
  focusDimensionIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Replaces the questions' })
  @ValidateIf((o: UpdateRoundRequestDto) => o.questionIds !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each questionIds entry must be a question id (UUID)' })
  questionIds?: string[];
}
