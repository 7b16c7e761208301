import { Module } from '@nestjs/common';
import { ReportsModule } from '@hireloop/core';
import { EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { JobSweepService } from '@hireloop/core/outbox/job-sweep.service';
import { JobSweeper } from './job-sweeper';

/** Asks again for the work whose job was lost after the outbox relay published it (reports, emails). */
@Module({
  imports: [ReportsModule],
  providers: [EmailDeliveriesRepository, JobSweepService, JobSweeper],
})
export class JobSweepWorkerModule {}
