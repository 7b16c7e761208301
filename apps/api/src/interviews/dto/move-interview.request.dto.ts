import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, ValidateIf } from 'class-validator';
import type { MoveInterviewInput } from '@hireloop/core';

export class MoveInterviewRequestDto implements MoveInterviewInput {
  @ApiProperty({
    format: 'date-time',
    example: '2026-12-02T14:00:00Z',
    description: 'Not in the past (a few minutes of clock skew are allowed; otherwise 422 start_in_past)',
  })
  @IsDateString({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-02T15:00:00Z', description: 'After startsAt; at most 12 hours later' })
  @IsDateString({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt: string;

  @ApiPropertyOptional({
    description: 'Move even when an interviewer is already booked at an overlapping time (otherwise 409 interviewer_double_booked)',
  })
  @ValidateIf((o: { allowConflict?: unknown }) => o.allowConflict !== undefined)
  @IsBoolean({ message: 'allowConflict must be true or false' })
  allowConflict?: boolean;
}
