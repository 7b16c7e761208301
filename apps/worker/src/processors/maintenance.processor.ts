import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueName } from '@hireloop/queue';

export interface PingJobData {
  sentAt: string;
}

/** Answers `ping` jobs: lets operators and tests prove a worker is consuming. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  async process(job: Job<PingJobData>): Promise<{ pong: string; pid: number }> {
    this.logger.debug(`ping ${job.id} sent at ${job.data.sentAt}`);
    return { pong: new Date().toISOString(), pid: process.pid };
  }
}
