import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class NudgeRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The interviewer on the panel whose scorecard is missing' })
  @IsUUID('all', { message: 'Choose an interviewer of this interview.' })
  interviewerId: string;
}

export class NudgeResponseDto {
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ format: 'uuid' }) interviewId: string;
  @ApiProperty({ format: 'uuid' }) interviewerId: string;
  @ApiProperty() interviewerName: string;
  @ApiProperty() nudgedAt: string;
  @ApiProperty({ description: 'The next nudge to this interviewer is accepted from this moment' }) nextNudgeAllowedAt: string;
}
