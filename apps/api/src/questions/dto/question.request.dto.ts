import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CountedPageQueryDto } from '@hireloop/core';
import { NormalizeTags, Trim, TrimEach } from '../../roles/dto/transforms';

const MAX_ITEMS = 30;
const TAG_PATTERN = /^[a-z0-9][a-z0-9 _.:/+#-]*$/;
const TAG_MESSAGE = 'each tag must start with a letter or digit and use only lower-case letters, digits, spaces and - _ . : / + #';

export class CreateQuestionRequestDto {
  @ApiProperty({ example: 'How would you design an A/B test for a new ranking algorithm?', maxLength: 4000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  prompt: string;

  @ApiPropertyOptional({ type: [String], description: 'What the interviewer should listen for' })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  pointsOfAssessment?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Common weak answers' })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  pitfalls?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  followUps?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Stored lower-case', example: ['experimentation', 'senior-applied-scientist'] })
  @IsOptional()
  @NormalizeTags()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: TAG_MESSAGE })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Dimensions (of any role of the organization) the question assesses' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each dimensionIds entry must be a dimension id (UUID)' })
  dimensionIds?: string[];
}

/** Any subset; each list given replaces the stored one. Rounds using the question get the change (new loop version if in use). */
export class UpdateQuestionRequestDto {
  @ApiPropertyOptional({ maxLength: 4000 })
  @Trim()
  @ValidateIf((o: UpdateQuestionRequestDto) => o.prompt !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  prompt?: string;

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: UpdateQuestionRequestDto) => o.pointsOfAssessment !== undefined)
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  pointsOfAssessment?: string[];

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: UpdateQuestionRequestDto) => o.pitfalls !== undefined)
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  pitfalls?: string[];

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: UpdateQuestionRequestDto) => o.followUps !== undefined)
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  followUps?: string[];

  @ApiPropertyOptional({ type: [String] })
  @ValidateIf((o: UpdateQuestionRequestDto) => o.tags !== undefined)
  @NormalizeTags()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @Matches(TAG_PATTERN, { each: true, message: TAG_MESSAGE })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @ValidateIf((o: UpdateQuestionRequestDto) => o.dimensionIds !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each dimensionIds entry must be a dimension id (UUID)' })
  dimensionIds?: string[];
}

export class ListQuestionsQueryDto extends CountedPageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive text the prompt contains (% and _ match literally)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Questions carrying this tag' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(60)
  tag?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Questions assessing this dimension' })
  @IsOptional()
  @IsUUID('all', { message: 'dimensionId must be a dimension id (UUID)' })
  dimensionId?: string;
}
