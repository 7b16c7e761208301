import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ALL_QUEUES } from '@hireloop/queue';

export class FailedJobsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class QueueCountsDto {
  @ApiProperty({ enum: ALL_QUEUES }) name: string;
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
  @ApiProperty() prioritized: number;
}

export class QueueOverviewResponseDto {
  @ApiProperty({ type: QueueCountsDto, isArray: true, description: 'Counts over the whole service (every organization)' }) queues: QueueCountsDto[];
}

export class FailedJobDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The job payload (ids only)' }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) failedReason: string | null;
  @ApiProperty() attemptsMade: number;
  @ApiProperty({ description: 'When the job was created (ms since the epoch)' }) timestamp: number;
  @ApiProperty({ nullable: true, type: Number, description: 'When it failed (ms since the epoch)' }) finishedOn: number | null;
}

export class FailedJobsResponseDto {
  @ApiProperty() queue: string;
  @ApiProperty({
    type: FailedJobDto,
    isArray: true,
    description: "Newest first: the organization's own jobs and service-wide jobs (nightly runs, scans)",
  })
  items: FailedJobDto[];
}

export class RetriedJobResponseDto {
  @ApiProperty() queue: string;
  @ApiProperty() id: string;
  @ApiProperty({ description: 'State after the retry (normally waiting)' }) state: string;
}
