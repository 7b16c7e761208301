import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@hireloop/config';
import { AppError, AuthContext } from '@hireloop/core';
import { ALL_QUEUES, JOB_CONTEXT_KEY, QueueName } from '@hireloop/queue';
import { FailedJobDto, FailedJobsResponseDto, QueueCountsDto, QueueOverviewResponseDto, RetriedJobResponseDto } from './dto/admin-queues.dto';

/** How long an admin request waits for Redis before answering 503. */
export const ADMIN_QUEUE_TIMEOUT_MS = 2000;
/** Failed jobs looked at per request at most (newest first), to find the caller's organization's ones. */
const MAX_FAILED_SCANNED = 2000;
const FAILED_PAGE = 200;

/**
 * Failed-job visibility for admins. Queues are shared by every organization: counts are service-wide (no tenant
 * data), while job lists and retries only cover jobs of the caller's organization. Service-wide jobs (whose payload
 * names no organization) are the platform operator's: listed and retried only when the request also carries the
 * operator credential (`X-Operator-Token` equal to OPERATOR_TOKEN, compared in constant time). When Redis is unreachable every call answers 503 within ADMIN_QUEUE_TIMEOUT_MS;
 * the rest of the API does not touch these queues and keeps working.
 */
@Injectable()
export class AdminQueuesService {
  private readonly logger = new Logger(AdminQueuesService.name);
  private readonly queues: Map<string, Queue>;
  private lastErrorLoggedAt = 0;

  constructor(
    @InjectQueue(QueueName.PanelAggregation) panelAggregation: Queue,
    @InjectQueue(QueueName.InterviewerCalibration) interviewerCalibration: Queue,
    @InjectQueue(QueueName.FeedbackReminders) feedbackReminders: Queue,
    @InjectQueue(QueueName.WebhookDeliveries) webhookDeliveries: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.EmailDeliveries) emailDeliveries: Queue,
    @InjectQueue(QueueName.QualityOfHire) qualityOfHire: Queue,
  ) {
    this.queues = new Map(
      [panelAggregation, interviewerCalibration, feedbackReminders, webhookDeliveries, maintenance, emailDeliveries, qualityOfHire].map((q) => [
        q.name,
        q,
      ]),
    );
    for (const queue of this.queues.values()) {
      // Connection errors repeat while Redis is down; without a listener BullMQ prints every one.
      queue.on('error', (error: Error) => {
        if (Date.now() - this.lastErrorLoggedAt < 30_000) return;
        this.lastErrorLoggedAt = Date.now();
        this.logger.warn(`job queues: ${error.message}`);
      });
    }
  }

  async overview(): Promise<QueueOverviewResponseDto> {
    const queues = await this.withRedis(() =>
      Promise.all(
        ALL_QUEUES.map(async (name): Promise<QueueCountsDto> => {
          const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
          return {
            name,
            waiting: c.waiting ?? 0,
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            completed: c.completed ?? 0,
            prioritized: c.prioritized ?? 0,
          };
        }),
      ),
    );
    return { queues };
  }

  /** True only for the configured operator credential (no credential configured: nobody is an operator). */
  isOperator(token: string | undefined): boolean {
    const expected = this.config.OPERATOR_TOKEN;
    if (!expected || typeof token !== 'string' || token === '') return false;
    const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();
    return timingSafeEqual(digest(token), digest(expected));
  }

  async failed(auth: AuthContext, name: string, limit = 20, operator = false): Promise<FailedJobsResponseDto> {
    const queue = this.queue(name);
    const items = await this.withRedis(async () => {
      const found: FailedJobDto[] = [];
      for (let start = 0; start < MAX_FAILED_SCANNED && found.length < limit; start += FAILED_PAGE) {
        const page = await queue.getFailed(start, start + FAILED_PAGE - 1);
        for (const job of page) if (job && visibleTo(job, auth, operator) && found.length < limit) found.push(toDto(job));
        if (page.length < FAILED_PAGE) break;
      }
      return found;
    });
    return { queue: name, items };
  }

  async retry(auth: AuthContext, name: string, jobId: string, operator = false): Promise<RetriedJobResponseDto> {
    const queue = this.queue(name);
    return this.withRedis(async () => {
      const job = await queue.getJob(jobId);
      if (!job || !visibleTo(job, auth, operator)) throw AppError.notFound('Job', jobId);
      const state = await job.getState();
      if (state !== 'failed') throw AppError.conflict('job_not_failed', `Job ${jobId} is ${state}; only failed jobs can be retried.`);
      // A fresh round of attempts with the queue's backoff, as if the job had just been added.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return { queue: name, id: String(job.id), state: await job.getState() };
    });
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw AppError.notFound('Queue', name);
    return queue;
  }

  /** Runs Redis calls with a deadline: an unreachable Redis is a 503, never a hanging request. */
  private async withRedis<T>(run: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RedisUnavailable(`no answer within ${ADMIN_QUEUE_TIMEOUT_MS} ms`)), ADMIN_QUEUE_TIMEOUT_MS);
    });
    const work = run();
    work.catch(() => undefined); // the deadline may win; a late rejection must not go unhandled
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof RedisUnavailable || isConnectionError(error)) {
        throw new AppError('unavailable', 'queue_unavailable', 'The job queues (Redis) are unavailable; try again shortly.');
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

class RedisUnavailable extends Error {}

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'].includes(e?.code ?? '') ||
    /Connection is closed|Stream isn't writeable|ECONNREFUSED/i.test(e?.message ?? '')
  );
}

/** The caller's organization's jobs; jobs that name no organization (service-wide runs) only for the operator. */
export function visibleTo(job: Pick<Job, 'data'>, auth: Pick<AuthContext, 'organizationId'>, operator: boolean): boolean {
  const org = (job.data as { organizationId?: unknown } | undefined)?.organizationId;
  if (org === undefined || org === null) return operator;
  return org === auth.organizationId;
}

function withoutJobContext(data: unknown): Record<string, unknown> {
  const { [JOB_CONTEXT_KEY]: _context, ...payload } = (data ?? {}) as Record<string, unknown>;
  return payload;
}

function toDto(job: Job): FailedJobDto {
  return {
    id: String(job.id),
    name: job.name,
    // The payload as written; the relay's job context (submission time, trace id) is operational detail.
    data: withoutJobContext(job.data),
    failedReason: job.failedReason ?? null,
    attemptsMade: job.attemptsMade,
    timestamp: job.timestamp,
    finishedOn: job.finishedOn ?? null,
  };
}
