import { ApiProperty } from '@nestjs/swagger';
import { DEPARTURE_TYPES, OUTCOME_KINDS, REVIEW_POINTS, type OutcomesView, type OutcomeView, type PerformanceScale } from '@hireloop/core';

export class OutcomeResponseDto implements OutcomeView {
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
}

export class PerformanceScaleResponseDto implements PerformanceScale {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels: Record<string, string>;
}

export class OutcomesResponseDto implements OutcomesView {
  @ApiProperty({ type: PerformanceScaleResponseDto }) scale: PerformanceScaleResponseDto;
  @ApiProperty({ type: [OutcomeResponseDto] }) items: OutcomeResponseDto[];
}
