import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LEVEL_ASSESSMENTS,
  LevelAssessment,
  RECOMMENDATIONS,
  Recommendation,
  SCORECARD_STATUSES,
  ScorecardStatus,
  ScorecardView,
  SIGNAL_KINDS,
  SignalKind,
} from '@hireloop/core';

export class RatingResponseDto {
  @ApiProperty({ format: 'uuid' }) dimensionId: string;
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 4 }) rating: number | null;
  @ApiProperty({ nullable: true, type: String }) evidence: string | null;
  @ApiProperty() notAssessed: boolean;
  @ApiProperty({ nullable: true, type: String }) notAssessedReason: string | null;
  @ApiPropertyOptional({ description: "The dimension's name in the scorecard's loop version (GET /v1/applications/:id/scorecards only)" })
  dimensionName?: string;
}

export class SignalResponseDto {
  @ApiProperty({ format: 'uuid' }) dimensionId: string;
  @ApiProperty({ enum: SIGNAL_KINDS }) kind: SignalKind;
  @ApiProperty() text: string;
}

export class ScorecardContentDto {
  @ApiProperty({ type: [RatingResponseDto] }) ratings: RatingResponseDto[];
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation', nullable: true }) recommendation: Recommendation | null;
  @ApiProperty({ type: [SignalResponseDto] }) signals: SignalResponseDto[];
  @ApiProperty({ type: [String] }) redFlags: string[];
  @ApiProperty({ enum: LEVEL_ASSESSMENTS, nullable: true }) levelAssessment: LevelAssessment | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "Only for the author, the role's hiring manager and admins; absent otherwise" })
  privateNote?: string | null;
}

export class ScorecardRevisionDto {
  @ApiProperty() revision: number;
  @ApiProperty({ enum: ['submitted', 'amended', 'withdrawn'] }) kind: 'submitted' | 'amended' | 'withdrawn';
  @ApiProperty({ nullable: true, type: String, description: 'Why it was amended or withdrawn' }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) actorMemberId: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: ScorecardContentDto, description: 'The full content at this revision (GET /v1/scorecards/:id only)' })
  content?: ScorecardContentDto;
}

export class AmendmentChangeDto {
  @ApiProperty({ format: 'uuid' }) dimensionId: string;
  @ApiProperty() dimensionName: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Rating before; null = not assessed' }) before: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Rating after; null = not assessed' }) after: number | null;
}

export class AmendmentDto {
  @ApiProperty() revision: number;
  @ApiProperty() amendedAt: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ description: "The author had already read the panel's feedback on this application when amending" }) afterViewingPanel: boolean;
  @ApiProperty({ type: [AmendmentChangeDto], description: 'Ratings that changed' }) changes: AmendmentChangeDto[];
  @ApiProperty({ nullable: true, type: String }) recommendationBefore: string | null;
  @ApiProperty({ nullable: true, type: String }) recommendationAfter: string | null;
}

export class ScorecardResponseDto extends ScorecardContentDto implements ScorecardView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) interviewId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty() interviewerName: string;
  @ApiProperty({ format: 'uuid' }) loopVersionId: string;
  @ApiProperty({ enum: SCORECARD_STATUSES }) status: ScorecardStatus;
  @ApiProperty({ description: '0 for a draft, 1 at submission, +1 per amendment or withdrawal' }) revision: number;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [ScorecardRevisionDto], description: 'Every submission, amendment and withdrawal, oldest first' })
  history: ScorecardRevisionDto[];
  @ApiProperty({ description: "An amendment was made after its author had read the panel's feedback" }) amendedAfterViewingPanel: boolean;
  @ApiProperty({ type: [AmendmentDto], description: 'Every amendment with the ratings it changed, oldest first' }) amendments: AmendmentDto[];
}

export class ScorecardPageResponseDto {
  @ApiProperty({ type: [ScorecardResponseDto] }) items: ScorecardResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
