import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { NudgeInput, NudgeView } from '@hireloop/core';

export class NudgeRequestDto implements NudgeInput {
  @ApiProperty({ format: 'uuid', description: 'The interviewer on the panel whose scorecard is missing' })
  @IsUUID('all', { message: 'Choose an interviewer of this interview.' })
  interviewerId: string;
}

export class NudgeResponseDto implements NudgeView {
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ format: 'uuid' }) interviewId: string;
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty() interviewerName: string;
  @ApiProperty() nudgedAt: string;
  @ApiProperty({ description: 'The next nudge to this interviewer is accepted from this moment' }) nextNudgeAllowedAt: string;
}
