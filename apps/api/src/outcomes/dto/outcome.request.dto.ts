import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { DEPARTURE_TYPES, OUTCOME_KINDS, REVIEW_POINTS } from '@hireloop/core';

/**
 * One outcome. Which fields apply depends on `kind`; the service checks them together (with the organization's rating
 * scale) and answers field-level errors, so the checks here only let the fields through.
 */
export class RecordOutcomeRequestDto {
  @ApiProperty({ enum: OUTCOME_KINDS })
  @Allow()
  kind: unknown;

  @ApiPropertyOptional({ enum: REVIEW_POINTS, description: 'performance_rating: the review point' })
  @Allow()
  reviewPoint?: unknown;

  @ApiPropertyOptional({ type: 'integer', description: "performance_rating: a level of the organization's scale (1–5 by default)" })
  @Allow()
  rating?: unknown;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 3650, description: 'time_to_productivity: days from the start date' })
  @Allow()
  days?: unknown;

  @ApiPropertyOptional({ enum: DEPARTURE_TYPES, description: 'departure: voluntary or involuntary' })
  @Allow()
  departureType?: unknown;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    description: 'departure / promotion: the date (required); performance_rating: the review date (optional)',
  })
  @Allow()
  date?: unknown;
}

/** An edit: the fields to change (the kind stays). */
export class UpdateOutcomeRequestDto {
  @ApiPropertyOptional({ enum: REVIEW_POINTS }) @Allow() reviewPoint?: unknown;
  @ApiPropertyOptional({ type: 'integer' }) @Allow() rating?: unknown;
  @ApiPropertyOptional({ type: 'integer' }) @Allow() days?: unknown;
  @ApiPropertyOptional({ enum: DEPARTURE_TYPES }) @Allow() departureType?: unknown;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @Allow() date?: unknown;
}

export class PerformanceScaleRequestDto {
  @ApiProperty({ type: 'integer', example: 1 }) @Allow() min: unknown;
  @ApiProperty({ type: 'integer', example: 5 }) @Allow() max: unknown;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { '1': 'Far below', '5': 'Far above' } })
  @Allow()
  labels: unknown;
}
