import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INTERVIEW_STATUSES,
  InterviewRoundView,
  InterviewStatus,
  InterviewView,
  MyCompletedInterviewPage,
  MyInterviewsView,
  MyInterviewView,
  ROUND_KINDS,
  RoundKind,
  SCORECARD_STATUSES,
} from '@hireloop/core';
import { PersonRefDto } from '../../debriefs/dto/decision.response.dto';

export class InterviewRoundDto implements InterviewRoundView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ enum: ROUND_KINDS, nullable: true }) kind: RoundKind | null;
}

export class InterviewResponseDto implements InterviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty({ type: InterviewRoundDto }) round: InterviewRoundDto;
  @ApiProperty({ format: 'uuid', description: 'Loop version pinned at scheduling; scorecards are made against it' }) loopVersionId: string;
  @ApiProperty() loopVersionNumber: number;
  @ApiProperty({ type: [String] }) interviewerIds: string[];
  @ApiProperty({ type: [PersonRefDto], description: 'The interviewers with their names, in the order of interviewerIds' })
  interviewers: PersonRefDto[];
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: INTERVIEW_STATUSES }) status: InterviewStatus;
  @ApiProperty() createdAt: string;
}

export class MyInterviewDto implements MyInterviewView {
  @ApiProperty({ format: 'uuid', description: 'Interview id' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() candidateName: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty({ type: InterviewRoundDto }) round: InterviewRoundDto;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty({ enum: ['none', ...SCORECARD_STATUSES], description: "The caller's scorecard for this interview" }) scorecardStatus: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) scorecardId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When your scorecard was submitted (completed interviews)' })
  scorecardSubmittedAt?: string | null;
  @ApiProperty({ description: "When your scorecard is due: the interview's end plus the organization's reminderAfterHours" }) feedbackDueAt: string;
  @ApiProperty({ description: 'Past its due time without your submitted scorecard' }) feedbackOverdue: boolean;
}

export class MyInterviewsResponseDto implements MyInterviewsView {
  @ApiProperty({ type: [MyInterviewDto], description: 'Scheduled and not yet ended, soonest first' }) upcoming: MyInterviewDto[];
  @ApiProperty({ type: [MyInterviewDto], description: 'Ended, without your submitted scorecard, application undecided; oldest first' })
  awaitingFeedback: MyInterviewDto[];
  @ApiProperty({
    type: [MyInterviewDto],
    description: 'Ended, with your submitted scorecard (to amend it or read the panel); most recently submitted first',
  })
  completed: MyInterviewDto[];
}

export class MyCompletedInterviewPageResponseDto implements MyCompletedInterviewPage {
  @ApiProperty({ type: MyInterviewDto, isArray: true, description: 'Most recently submitted first' }) items: MyInterviewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many completed interviews match (every page)' }) total?: number;
}
