import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@hireloop/config';
import { emailDeliveryDedupeKey } from '@hireloop/core/email/email-requests';
import { jobSweepRequests } from '@hireloop/core/observability';
import { JobSweepResult, JobSweepService } from '@hireloop/core/outbox/job-sweep.service';
import { runAsSystem } from '@hireloop/database';
import { QueueName } from '@hireloop/queue';

/**
 * Runs the job sweep (JobSweepService) every JOB_SWEEP_INTERVAL_MS (0: never) in each worker process; the sweep's
 * lock lets one process at a time do the work. A timer of the process, not a BullMQ repeatable job: the sweep is
 * there for the times Redis lost its data, which would take a job scheduler with it.
 */
@Injectable()
export class JobSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly sweeps: JobSweepService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.EmailDeliveries) private readonly emailQueue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.JOB_SWEEP_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep now; a failure (e.g. Redis unreachable) is logged, and the next interval tries again. */
  async sweepOnce(): Promise<JobSweepResult | null> {
    try {
      const result = await runAsSystem('job sweep', () =>
        this.sweeps.sweep({
          settledForSeconds: this.config.JOB_SWEEP_GRACE_S,
          emailJobAlive: emailJobAliveIn(this.emailQueue),
        }),
      );
      jobSweepRequests.inc({ kind: 'report' }, result.reports.length);
      jobSweepRequests.inc({ kind: 'report_algorithm' }, result.outdated.length);
      jobSweepRequests.inc({ kind: 'email' }, result.emails.length);
      if (result.reports.length > 0) {
        this.logger.warn(`job sweep: ${result.reports.length} application(s) whose report did not follow their feedback; asked for it again`);
      }
      if (result.outdated.length > 0) {
        this.logger.log(
          `job sweep: ${result.outdated.length} application(s) whose report an older calibration algorithm computed; asked to recompute`,
        );
      }
      if (result.emails.length > 0) {
        this.logger.warn(`job sweep: ${result.emails.length} email(s) whose send job was gone; asked for them again`);
      }
      return result;
    } catch (error) {
      this.logger.warn(`job sweep failed: ${(error as Error).message}`);
      return null;
    }
  }
}

/**
 * Whether the email queue still holds a delivery's send job: the relay adds it with the delivery's de-duplication
 * key, which BullMQ keeps while the job waits, is delayed for a retry or runs, and drops once it completes or fails.
 */
export function emailJobAliveIn(queue: Pick<Queue, 'getDeduplicationJobId'>): (deliveryId: string) => Promise<boolean> {
  return async (deliveryId) => (await queue.getDeduplicationJobId(emailDeliveryDedupeKey(deliveryId))) !== null;
}
