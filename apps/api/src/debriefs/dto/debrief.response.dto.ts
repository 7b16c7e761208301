import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES, LEVEL_ASSESSMENTS, RECOMMENDATIONS, ROUND_KINDS } from '@hireloop/core';
import type { ApplicationStatus, DebriefView, LevelAssessment, Recommendation, ReportStatus, RoundKind } from '@hireloop/core';
import { AmendmentDto } from '../../scorecards/dto/scorecard.response.dto';
import { CalibrationReportResponseDto } from './calibration-report.response.dto';
import { DecisionResponseDto, PersonRefDto } from './decision.response.dto';

export class RoleRefDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) level: string | null;
}

export class DebriefApplicationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty() stage: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ type: PersonRefDto }) candidate: PersonRefDto;
  @ApiProperty({ type: RoleRefDto }) role: RoleRefDto;
}

export class CoveredRevisionDto {
  @ApiProperty() scorecardId: string;
  @ApiProperty() revision: number;
}

export class RoundRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROUND_KINDS, nullable: true, type: String }) kind: RoundKind | null;
}

export class DebriefRatingDto {
  @ApiProperty() dimensionId: string;
  @ApiProperty() dimensionName: string;
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 4 }) rating: number | null;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty() notAssessed: boolean;
  @ApiProperty({ nullable: true, type: String }) notAssessedReason: string | null;
}

export class DebriefSignalDto {
  @ApiProperty() dimensionId: string;
  @ApiProperty({ enum: ['strong', 'weak'] }) kind: 'strong' | 'weak';
  @ApiProperty() text: string;
}

export class DebriefScorecardDto {
  @ApiProperty() id: string;
  @ApiProperty() interviewId: string;
  @ApiProperty({ type: PersonRefDto }) interviewer: PersonRefDto;
  @ApiProperty({ type: RoundRefDto }) round: RoundRefDto;
  @ApiProperty({ type: DebriefRatingDto, isArray: true }) ratings: DebriefRatingDto[];
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: Recommendation;
  @ApiProperty({ type: DebriefSignalDto, isArray: true }) signals: DebriefSignalDto[];
  @ApiProperty({ type: String, isArray: true }) redFlags: string[];
  @ApiProperty({ enum: LEVEL_ASSESSMENTS, nullable: true, type: String }) levelAssessment: LevelAssessment | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Present only for admins and the role's hiring manager" })
  privateNote?: string | null;
  @ApiProperty() revision: number;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ description: "Amended after its author had read the panel's feedback" }) amendedAfterViewingPanel: boolean;
  @ApiProperty({
    type: AmendmentDto,
    isArray: true,
    description: 'Every amendment: when, why, after viewing the panel or not, ratings before and after',
  })
  amendments: AmendmentDto[];
}

export class DisagreementRatingDto {
  @ApiProperty({ type: PersonRefDto }) interviewer: PersonRefDto;
  @ApiProperty() scorecardId: string;
  @ApiProperty() rating: number;
}

export class DisagreementDto {
  @ApiProperty() dimensionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: DisagreementRatingDto, isArray: true }) ratings: DisagreementRatingDto[];
}

export class RedFlagDto {
  @ApiProperty() flag: string;
  @ApiProperty({ type: PersonRefDto }) interviewer: PersonRefDto;
  @ApiProperty() scorecardId: string;
}

export class AwaitingFeedbackDto {
  @ApiProperty() interviewId: string;
  @ApiProperty({ type: PersonRefDto }) interviewer: PersonRefDto;
  @ApiProperty({ type: RoundRefDto }) round: RoundRefDto;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: ['none', 'draft', 'withdrawn'] }) scorecardStatus: 'none' | 'draft' | 'withdrawn';
}

export class DebriefResponseDto implements DebriefView {
  @ApiProperty({ type: DebriefApplicationDto }) application: DebriefApplicationDto;
  @ApiProperty({
    type: CalibrationReportResponseDto,
    nullable: true,
    description:
      'The latest calibrated report (every field of the calibration engine) plus version, computedAt and scorecardCount; null before the first',
  })
  // The stored engine output (jsonb) as the service reads it; the document above declares its shape.
  report: Record<string, unknown> | null;
  @ApiProperty({
    enum: ['current', 'computing', 'no_feedback'],
    description:
      'current: the report covers exactly the submitted scorecard revisions; computing: newer feedback is being included; no_feedback: nothing submitted',
  })
  status: ReportStatus;
  @ApiProperty({ type: CoveredRevisionDto, isArray: true, description: 'Scorecard revisions the report reflects' }) covers: CoveredRevisionDto[];
  @ApiProperty({ type: CoveredRevisionDto, isArray: true, description: 'Submitted revisions the report does not reflect yet' })
  pendingRevisions: CoveredRevisionDto[];
  @ApiProperty({ type: DebriefScorecardDto, isArray: true }) scorecards: DebriefScorecardDto[];
  @ApiProperty({ type: DisagreementDto, isArray: true }) disagreements: DisagreementDto[];
  @ApiProperty({ type: RedFlagDto, isArray: true }) redFlags: RedFlagDto[];
  @ApiProperty({ type: AwaitingFeedbackDto, isArray: true }) awaitingFeedback: AwaitingFeedbackDto[];
  @ApiProperty({ type: DecisionResponseDto, nullable: true, description: 'With reportVersion, staleAcknowledged and staleReason' })
  decision: DecisionResponseDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "Member id → name of every interviewer (and the decider): to show names for the report's interviewer ids (reasons' interviewerId(s), report.interviewers)",
  })
  interviewerNames: Record<string, string>;
}
