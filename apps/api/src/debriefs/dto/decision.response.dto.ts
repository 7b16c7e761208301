import { ApiProperty } from '@nestjs/swagger';
import { DECISIONS, DecisionView, HiringDecision, REPORT_RECOMMENDATIONS, ReportRecommendation } from '@hireloop/core';

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DecisionReportRefDto {
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REPORT_RECOMMENDATIONS }) recommendation: ReportRecommendation;
}

export class DecisionResponseDto implements DecisionView {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ enum: DECISIONS }) decision: HiringDecision;
  @ApiProperty() rationale: string;
  @ApiProperty({ nullable: true, type: String }) overrideReason: string | null;
  @ApiProperty({
    type: DecisionReportRefDto,
    nullable: true,
    description: 'The report version the decision was taken against; null when none existed',
  })
  report: DecisionReportRefDto | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null when the recommendation was inconclusive or no report existed' })
  followedRecommendation: boolean | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The version of the report the decision was made on (= report.version); null when none existed',
  })
  reportVersion: number | null;
  @ApiProperty({ description: 'The decision was recorded knowing the report did not cover every submitted scorecard revision (acknowledgeStale)' })
  staleAcknowledged: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Why the decision could not wait for the report (with staleAcknowledged)' })
  staleReason: string | null;
  @ApiProperty({ type: PersonRefDto }) decidedBy: PersonRefDto;
  @ApiProperty() decidedAt: string;
}
