import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_STATUSES, ApplicationDetailView, ApplicationPage, ApplicationStatus, ApplicationView } from '@hireloop/core';
import { InterviewResponseDto } from '../../interviews/dto/interview.response.dto';

export class FeedbackProgressDto {
  @ApiProperty({ description: 'Submitted scorecards of the scheduled interviews (one per interviewer and interview)' }) submitted: number;
  @ApiProperty({ description: "Scorecards the scheduled interviews' panels owe in all (interviewers summed over interviews)" }) expected: number;
}

export class ApplicationResponseDto implements ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty() candidateName: string;
  @ApiProperty({ format: 'uuid' }) roleId: string;
  @ApiProperty() roleTitle: string;
  @ApiProperty() stage: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ nullable: true, type: String, description: 'When the hiring decision was recorded' }) decidedAt: string | null;
  @ApiProperty({ type: FeedbackProgressDto, description: 'Feedback received so far from the panel' }) feedback: FeedbackProgressDto;
  @ApiProperty({
    enum: ['hire', 'no_hire', 'inconclusive'],
    nullable: true,
    type: String,
    description: "The latest calibrated report's recommendation; null before the first report",
  })
  reportRecommendation: 'hire' | 'no_hire' | 'inconclusive' | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ApplicationDetailResponseDto extends ApplicationResponseDto implements ApplicationDetailView {
  @ApiProperty({ nullable: true, type: String }) roleLevel: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) hiringManagerId: string | null;
  @ApiProperty({ type: [InterviewResponseDto] }) interviews: InterviewResponseDto[];
}

export class ApplicationPageResponseDto implements ApplicationPage {
  @ApiProperty({ type: [ApplicationResponseDto] }) items: ApplicationResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiPropertyOptional({ description: 'With ?withTotal=true: how many applications match (every page)' }) total?: number;
}
