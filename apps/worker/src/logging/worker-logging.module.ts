import { ProcessorDecoratorService } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Job } from 'bullmq';
import { inJobSpan, runInContext, traceIdOf } from '@hireloop/core/observability';
import { JsonLoggingModule } from '@hireloop/core/observability/logging.module';
import { jobContextOf } from '@hireloop/queue';

/**
 * JSON logs in the worker (the API's pino set-up): every line written while a job runs carries `jobId`, `queue` and,
 * when the job came from a traced request, `traceId` (set by runJobInContext below).
 */
@Module({ imports: [JsonLoggingModule.forProcess('worker')] })
export class WorkerLoggingModule {}

const jobLogger = new Logger('Job');

/**
 * Runs one job inside its execution context — with tracing on, a consumer span in the trace of the request that
 * wrote its outbox row — and logs its end at debug level.
 */
export async function runJobInContext<T>(job: Pick<Job, 'id' | 'queueName' | 'name' | 'data'>, process: () => Promise<T>): Promise<T> {
  const { traceparent, links } = jobContextOf(job.data);
  const attributes = { 'messaging.system': 'bullmq', 'messaging.destination.name': job.queueName, 'messaging.message.id': String(job.id) };
  return inJobSpan(
    traceparent,
    `${job.queueName} ${job.name}`,
    attributes,
    (traceId) =>
      runInContext({ jobId: String(job.id), queue: job.queueName, traceId: traceId ?? traceIdOf(traceparent) }, async () => {
        const started = performance.now();
        try {
          const result = await process();
          jobLogger.debug(`${job.name} completed in ${Math.round(performance.now() - started)} ms`);
          return result;
        } catch (error) {
          jobLogger.debug(`${job.name} failed in ${Math.round(performance.now() - started)} ms: ${(error as Error)?.message ?? error}`);
          throw error;
        }
      }),
    Array.isArray(links) ? links : [],
  );
}

/*
 * @nestjs/bullmq hands every processor function to ProcessorDecoratorService.decorate before creating its Worker,
 * the library's documented point for wrapping processors ("can be overridden to provide custom behavior"). The
 * service lives in BullModule's own global module, where no provider override reaches, so the override is made on
 * its prototype, once, when the worker's modules load.
 */
const decorate = ProcessorDecoratorService.prototype.decorate;
ProcessorDecoratorService.prototype.decorate = function decorateWithJobContext(processor) {
  const inner = decorate.call(this, processor) as (job: Job, token?: string) => Promise<unknown>;
  return ((job: Job, token?: string) => runJobInContext(job, () => inner(job, token))) as typeof processor;
};
