import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { AdminQueuesService } from './admin-queues.service';
import { FailedJobsQueryDto, FailedJobsResponseDto, QueueOverviewResponseDto, RetriedJobResponseDto } from './dto/admin-queues.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(private readonly queues: AdminQueuesService) {}

  @Get()
  @ApiOperation({ summary: 'Job counts per queue (waiting, active, delayed, failed, completed); 503 when Redis is unreachable' })
  overview(): Promise<QueueOverviewResponseDto> {
    return this.queues.overview();
  }

  @Get(':name/failed')
  @ApiOperation({ summary: "Failed jobs of a queue, newest first (the organization's own and service-wide ones)" })
  failed(@Auth() auth: AuthContext, @Param('name') name: string, @Query() query: FailedJobsQueryDto): Promise<FailedJobsResponseDto> {
    return this.queues.failed(auth, name, query.limit ?? 20);
  }

  @Post(':name/jobs/:jobId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry a failed job' })
  retry(@Auth() auth: AuthContext, @Param('name') name: string, @Param('jobId') jobId: string): Promise<RetriedJobResponseDto> {
    return this.queues.retry(auth, name, jobId);
  }
}
