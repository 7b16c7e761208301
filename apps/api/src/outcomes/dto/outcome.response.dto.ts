import { ApiProperty } from '@nestjs/swagger';
import { DEPARTURE_TYPES, OUTCOME_KINDS, OutcomeEntity, REVIEW_POINTS, type PerformanceScale } from '@hireloop/core';

export class OutcomeResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ enum: OUTCOME_KINDS }) kind: string;
  @ApiProperty({ enum: REVIEW_POINTS, nullable: true }) reviewPoint: string | null;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty({ type: String, nullable: true, description: "The rating's label on the organization's scale" }) ratingLabel: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) days: number | null;
  @ApiProperty({ enum: DEPARTURE_TYPES, nullable: true }) departureType: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) date: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recordedByMemberId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(o: OutcomeEntity, scale: PerformanceScale): OutcomeResponseDto {
    return {
      id: o.id,
      applicationId: o.applicationId,
      kind: o.kind,
      reviewPoint: o.reviewPoint,
      rating: o.rating,
      ratingLabel: o.rating === null ? null : (scale.labels[String(o.rating)] ?? null),
      days: o.days,
      departureType: o.departureType,
      date: o.occurredOn,
      recordedByMemberId: o.recordedByMemberId,
      createdAt: o.createdAt.toISOString(),
      updatedAt: o.updatedAt.toISOString(),
    };
  }
}

export class PerformanceScaleResponseDto {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
}

export class OutcomesResponseDto {
  @ApiProperty({ type: PerformanceScaleResponseDto }) scale: PerformanceScaleResponseDto;
  @ApiProperty({ type: [OutcomeResponseDto] }) items: OutcomeResponseDto[];
}
