import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@hireloop/config';
import { InterviewerCalibrationService, OrganizationCalibrationResult } from '@hireloop/core/calibration-stats/interviewer-calibration.service';
import { InterviewerCalibrationJobData, JobName, QueueName } from '@hireloop/queue';
import { upsertSchedulerInBackground } from './job-schedulers';
import { runAsSystem, runInOrganization } from '@hireloop/database';

export type { InterviewerCalibrationJobData };
export type RecomputeCalibrationJob = Job<InterviewerCalibrationJobData, OrganizationCalibrationResult[], typeof JobName.RecomputeCalibration>;

/** Fixed id of the nightly run's job scheduler (CALIBRATION_CRON, UTC). */
export const NIGHTLY_CALIBRATION_SCHEDULER_ID = 'nightly-calibration';

/**
 * `recompute-calibration`: every interviewer's leniency offset and every role's reliability, for one organization
 * (after a hiring decision) or all of them (`organizationId: null`, the nightly run). Idempotent: it recomputes from
 * the current ratings. One job at a time per worker: each run is a few set-based statements.
 */
@Processor(QueueName.InterviewerCalibration, { concurrency: 1 })
export class InterviewerCalibrationProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InterviewerCalibrationProcessor.name);
  private scheduler?: { stop(): void };
  private lastErrorLoggedAt = 0;

  constructor(
    private readonly calibration: InterviewerCalibrationService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.InterviewerCalibration) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler = upsertSchedulerInBackground(
      this.queue,
      NIGHTLY_CALIBRATION_SCHEDULER_ID,
      this.config.CALIBRATION_CRON,
      { name: JobName.RecomputeCalibration, data: { organizationId: null, reason: 'nightly' } satisfies InterviewerCalibrationJobData },
      this.logger,
    );
  }

  onModuleDestroy(): void {
    this.scheduler?.stop();
  }

  async process(job: RecomputeCalibrationJob): Promise<OrganizationCalibrationResult[]> {
    const data = job.data ?? ({} as InterviewerCalibrationJobData);
    if (job.name !== JobName.RecomputeCalibration || (data.organizationId !== null && typeof data.organizationId !== 'string')) {
      throw new UnrecoverableError(`unexpected job ${job.name} ${JSON.stringify(job.data)}`);
    }
    this.logger.log(`recomputing calibration for ${data.organizationId ?? 'every organization'} (${data.reason ?? 'unknown reason'})`);
    const organizationId = data.organizationId;
    // One organization's job runs in its scope; the nightly run over every organization is maintenance.
    return organizationId === null
      ? runAsSystem('nightly calibration', () => this.calibration.recompute(null))
      : runInOrganization(organizationId, () => this.calibration.recompute(organizationId));
  }

  @OnWorkerEvent('failed')
  onFailed(job: RecomputeCalibrationJob | undefined, error: Error): void {
    const final = error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    this.logger.warn(
      `recompute-calibration ${job?.id} (${job?.data?.organizationId ?? 'all'}) failed${final ? ' for good' : ', will retry'}: ${error.message}`,
    );
  }

  /** Connection errors repeat while Redis is down: logged at most every 10 s. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = Date.now();
    this.logger.warn(`interviewer-calibration worker: ${error.message}`);
  }
}
