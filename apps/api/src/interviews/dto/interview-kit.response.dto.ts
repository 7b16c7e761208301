import { ApiProperty } from '@nestjs/swagger';
import {
  INTERVIEW_STATUSES,
  InterviewKitView,
  InterviewStatus,
  KitDimensionView,
  KitQuestionView,
  KitRubricView,
  ROUND_KINDS,
  RoundKind,
} from '@hireloop/core';
import { ScorecardResponseDto } from '../../scorecards/dto/scorecard.response.dto';

export class KitRubricDto implements KitRubricView {
  @ApiProperty({ name: '1' }) '1': string;
  @ApiProperty({ name: '2' }) '2': string;
  @ApiProperty({ name: '3' }) '3': string;
  @ApiProperty({ name: '4', required: false, description: 'Absent on the 3-level scale' }) '4': string;
  @ApiProperty({ name: '5', required: false, description: 'Only on the 5-point scale' }) '5'?: string;
}

export class KitScaleLevelDto {
  @ApiProperty() value: number;
  @ApiProperty() key: string;
  @ApiProperty() label: string;
}

export class KitSignalsDto {
  @ApiProperty({ type: [String] }) strong: string[];
  @ApiProperty({ type: [String] }) weak: string[];
  @ApiProperty({ type: [String] }) redFlags: string[];
}

export class KitDimensionDto implements KitDimensionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: KitRubricDto, description: "What each level of the loop version's scale looks like" }) rubric: KitRubricDto;
  @ApiProperty({ description: 'Required dimensions must be rated before the report can recommend hire' }) required: boolean;
  @ApiProperty({ type: KitSignalsDto }) signals: KitSignalsDto;
}

export class KitQuestionDto implements KitQuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() prompt: string;
  @ApiProperty({ type: [String] }) pointsOfAssessment: string[];
  @ApiProperty({ type: [String] }) pitfalls: string[];
  @ApiProperty({ type: [String] }) followUps: string[];
}

export class KitInterviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: INTERVIEW_STATUSES }) status: InterviewStatus;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class KitRoundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROUND_KINDS, enumName: 'RoundKind' }) kind: RoundKind;
  @ApiProperty() durationMinutes: number;
}

export class KitRoleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) level: string | null;
}

export class KitCandidateDto {
  @ApiProperty() name: string;
}

export class KitLoopVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() number: number;
}

/** What an interviewer needs to run the interview, from the interview's loop version. Nothing of others' feedback. */
export class InterviewKitResponseDto implements InterviewKitView {
  @ApiProperty({ type: KitInterviewDto }) interview: KitInterviewDto;
  @ApiProperty({ type: KitCandidateDto }) candidate: KitCandidateDto;
  @ApiProperty({ type: KitRoleDto }) role: KitRoleDto;
  @ApiProperty({ type: KitLoopVersionDto }) loopVersion: KitLoopVersionDto;
  @ApiProperty({ enum: ['four_point', 'five_point', 'three_level'], description: "The loop version's rating scale: ratings are its level values" })
  ratingScale: string;
  @ApiProperty({ type: [KitScaleLevelDto], description: 'The levels, lowest first' }) scaleLevels: KitScaleLevelDto[];
  @ApiProperty({ type: KitRoundDto }) round: KitRoundDto;
  @ApiProperty({ type: [KitDimensionDto], description: "The round's focus dimensions: rate each (or mark not assessed)" })
  focusDimensions: KitDimensionDto[];
  @ApiProperty({ type: [KitQuestionDto] }) questions: KitQuestionDto[];
  @ApiProperty({ description: "The organization's minimum characters of evidence per rating" }) minEvidenceLength: number;
  @ApiProperty({ type: ScorecardResponseDto, nullable: true, description: "The caller's own scorecard (null for a reader who is not assigned)" })
  myScorecard: ScorecardResponseDto | null;
}
