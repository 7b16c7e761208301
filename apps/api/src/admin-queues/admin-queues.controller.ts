import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { AdminQueuesService } from './admin-queues.service';
import { FailedJobsQueryDto, FailedJobsResponseDto, QueueOverviewResponseDto, RetriedJobResponseDto } from './dto/admin-queues.dto';

/** Header carrying the platform operator credential. */
export const OPERATOR_HEADER = 'x-operator-token';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(private readonly queues: AdminQueuesService) {}

  @Get()
  @ApiContract({
    summary: 'Job counts per queue (waiting, active, delayed, failed, completed); 503 when Redis is unreachable',
    response: QueueOverviewResponseDto,
    errors: ['queue_unavailable'],
  })
  overview(): Promise<QueueOverviewResponseDto> {
    return this.queues.overview();
  }

  @Get(':name/failed')
  @ApiHeader({ name: OPERATOR_HEADER, required: false, description: 'Platform operator credential (OPERATOR_TOKEN): adds service-wide jobs' })
  @ApiContract({
    summary: "Failed jobs of a queue, newest first (the organization's own; service-wide ones only with the operator credential)",
    response: FailedJobsResponseDto,
    errors: ['queue_not_found', 'queue_unavailable'],
  })
  failed(
    @Auth() auth: AuthContext,
    @Param('name') name: string,
    @Query() query: FailedJobsQueryDto,
    @Headers(OPERATOR_HEADER) operatorToken?: string,
  ): Promise<FailedJobsResponseDto> {
    return this.queues.failed(auth, name, query.limit ?? 20, this.queues.isOperator(operatorToken));
  }

  @Post(':name/jobs/:jobId/retry')
  @HttpCode(200)
  @ApiHeader({ name: OPERATOR_HEADER, required: false, description: 'Platform operator credential (OPERATOR_TOKEN)' })
  @ApiContract({
    summary: 'Retry a failed job of the organization (service-wide ones only with the operator credential)',
    response: RetriedJobResponseDto,
    errors: ['queue_not_found', 'job_not_found', 'job_not_failed', 'queue_unavailable'],
  })
  retry(
    @Auth() auth: AuthContext,
    @Param('name') name: string,
    @Param('jobId') jobId: string,
    @Headers(OPERATOR_HEADER) operatorToken?: string,
  ): Promise<RetriedJobResponseDto> {
    return this.queues.retry(auth, name, jobId, this.queues.isOperator(operatorToken));
  }
}
