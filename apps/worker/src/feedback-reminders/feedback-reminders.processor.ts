import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@hireloop/config';
import { FeedbackRemindersService, ReminderScanResult } from '@hireloop/core/reminders/feedback-reminders.service';
import { JobName, QueueName } from '@hireloop/queue';
import { upsertSchedulerInBackground } from '../interviewer-calibration/job-schedulers';
import { runAsSystem } from '@hireloop/database';

export interface ScanRemindersJobData {
  /**
   * The scan's "now" (ISO 8601). Outside production only, so tests can move days ahead without waiting; ignored
   * (the real time is used) when NODE_ENV=production.
   */
  now?: string;
}
export type ScanRemindersJob = Job<ScanRemindersJobData, ReminderScanResult, typeof JobName.ScanReminders>;

/** Fixed id of the periodic scan's job scheduler (REMINDER_CRON, UTC). */
export const REMINDER_SCAN_SCHEDULER_ID = 'reminder-scan';

/** The clock of a scan: the job's `now` outside production, else the current time. */
export function scanClock(data: ScanRemindersJobData | undefined, nodeEnv: string, realNow: Date = new Date()): Date {
  if (nodeEnv === 'production' || !data?.now) return realNow;
  const at = new Date(data.now);
  if (Number.isNaN(at.getTime())) throw new UnrecoverableError(`scan-reminders: "now" is not a date: ${JSON.stringify(data.now)}`);
  return at;
}

/**
 * `scan-reminders`: plans and stores the feedback reminders due now (see FeedbackRemindersService). Safe to run
 * often and from several workers at once: a reminder is stored once per interview, interviewer, kind and step.
 */
@Processor(QueueName.FeedbackReminders, { concurrency: 1 })
export class FeedbackRemindersProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FeedbackRemindersProcessor.name);
  private scheduler?: { stop(): void };
  private lastErrorLoggedAt = 0;

  constructor(
    private readonly reminders: FeedbackRemindersService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.FeedbackReminders) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler = upsertSchedulerInBackground(
      this.queue,
      REMINDER_SCAN_SCHEDULER_ID,
      this.config.REMINDER_CRON,
      { name: JobName.ScanReminders, data: {} satisfies ScanRemindersJobData },
      this.logger,
    );
  }

  onModuleDestroy(): void {
    this.scheduler?.stop();
  }

  async process(job: ScanRemindersJob): Promise<ReminderScanResult> {
    if (job.name !== JobName.ScanReminders) throw new UnrecoverableError(`unexpected job ${job.name} on ${QueueName.FeedbackReminders}`);
    // The scan looks for overdue interviews in every organization: maintenance.
    return runAsSystem('reminder scan', () => this.reminders.scan(scanClock(job.data, this.config.NODE_ENV)));
  }

  @OnWorkerEvent('failed')
  onFailed(job: ScanRemindersJob | undefined, error: Error): void {
    const final = error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    this.logger.warn(`scan-reminders ${job?.id} failed${final ? ' for good' : ', will retry'}: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = Date.now();
    this.logger.warn(`feedback-reminders worker: ${error.message}`);
  }
}
