import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { CountedPageQueryDto, MyCompletedInterviewsQuery, MyInterviewsQuery, ScheduleInterviewInput } from '@hireloop/core';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class ScheduleInterviewRequestDto implements ScheduleInterviewInput {
  @ApiProperty({ format: 'uuid', description: "A round of the application's role (in its current loop version)" })
  @IsUUID('all', { message: 'Choose a round of this role.' })
  roundId: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 10, description: 'Active members holding the interviewer role' })
  @IsArray()
  @ArrayMinSize(1, { message: 'interviewerIds needs at least one interviewer' })
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'interviewerIds must not repeat a member' })
  @IsUUID('all', { each: true, message: 'each interviewerId must be a UUID' })
  interviewerIds: string[];

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-01T14:00:00Z',
    description: 'Not in the past (a few minutes of clock skew are allowed; otherwise 422 start_in_past)',
  })
  @IsDateString({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-01T15:00:00Z', description: 'After startsAt; at most 12 hours later' })
  @IsDateString({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt: string;

  @ApiPropertyOptional({
    description: 'Schedule even when an interviewer is already booked at an overlapping time (otherwise 409 interviewer_double_booked)',
  })
  @ValidateIf((o: { allowConflict?: unknown }) => o.allowConflict !== undefined)
  @IsBoolean({ message: 'allowConflict must be true or false' })
  allowConflict?: boolean;
}

export class MyInterviewsQueryDto implements MyInterviewsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50, description: 'Maximum items in each list' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MyCompletedInterviewsQueryDto extends CountedPageQueryDto implements MyCompletedInterviewsQuery {
  @ApiPropertyOptional({ description: "Search in the candidate's name and the role's title", maxLength: 200 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200, { message: 'Search for at most 200 characters.' })
  q?: string;
}
