import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@hireloop/config';
import { RetentionResult, RetentionService } from '@hireloop/core/retention/retention.service';
import { JobName, QueueName } from '@hireloop/queue';
import { upsertSchedulerInBackground } from '../interviewer-calibration/job-schedulers';
import { runAsSystem } from '@hireloop/database';

export interface PingJobData {
  sentAt: string;
}

/** Fixed id of the daily retention purge's job scheduler (RETENTION_CRON, UTC). */
export const RETENTION_SCHEDULER_ID = 'retention-purge';

/**
 * The maintenance queue: `ping` lets operators and tests prove a worker is consuming; `purge-expired` deletes
 * expired idempotency keys and long-published outbox rows, daily.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private scheduler?: { stop(): void };

  constructor(
    private readonly retention: RetentionService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler = upsertSchedulerInBackground(
      this.queue,
      RETENTION_SCHEDULER_ID,
      this.config.RETENTION_CRON,
      { name: JobName.PurgeExpired, data: {} },
      this.logger,
    );
  }

  onModuleDestroy(): void {
    this.scheduler?.stop();
  }

  async process(job: Job): Promise<{ pong: string; pid: number } | RetentionResult> {
    switch (job.name) {
      case JobName.Ping:
        this.logger.debug(`ping ${job.id} sent at ${(job.data as PingJobData).sentAt}`);
        return { pong: new Date().toISOString(), pid: process.pid };
      case JobName.PurgeExpired: {
        const purged = await runAsSystem('retention purge', () =>
          this.retention.purgeExpired({
            idempotencyKeyTtlHours: this.config.IDEMPOTENCY_KEY_TTL_HOURS,
            publishedOutboxRetentionDays: this.config.OUTBOX_RETENTION_DAYS,
          }),
        );
        this.logger.log(
          `retention purge: ${purged.idempotencyKeys} idempotency keys, ${purged.outboxMessages} published outbox rows, ${purged.revokedAccessTokens} signed-out tokens, ${purged.sessions} expired sessions`,
        );
        return purged;
      }
      default:
        throw new UnrecoverableError(`unexpected job ${job.name} on ${QueueName.Maintenance}`);
    }
  }
}
