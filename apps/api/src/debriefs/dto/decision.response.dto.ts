import { ApiProperty } from '@nestjs/swagger';
import { DECISIONS, DecisionEntity, HiringDecision, REPORT_RECOMMENDATIONS, ReportRecommendation } from '@hireloop/core';

export class PersonRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class DecisionReportRefDto {
  @ApiProperty({ nullable: true, type: String }) id: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ enum: REPORT_RECOMMENDATIONS }) recommendation: ReportRecommendation;
}

export class DecisionResponseDto {
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

  static from(decision: DecisionEntity, deciderName: string): DecisionResponseDto {
    return {
      id: decision.id,
      applicationId: decision.applicationId,
      decision: decision.decision,
      rationale: decision.rationale,
      overrideReason: decision.overrideReason,
      report:
        decision.reportVersion !== null && decision.reportRecommendation !== null
          ? { id: decision.reportId, version: decision.reportVersion, recommendation: decision.reportRecommendation }
          : null,
      followedRecommendation: decision.followedRecommendation,
      reportVersion: decision.reportVersion,
      staleAcknowledged: Boolean(decision.staleAcknowledged),
      staleReason: decision.staleReason ?? null,
      decidedBy: { id: decision.decidedByMemberId, name: deciderName },
      decidedAt: decision.createdAt.toISOString(),
    };
  }
}
