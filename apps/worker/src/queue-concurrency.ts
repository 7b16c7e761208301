import { EnvironmentVariables, validateEnvironment } from '@hireloop/config';

/**
 * How many jobs of a queue one worker process runs at once, from the validated environment (libs/config). Read when
 * the processor class loads: the @Processor decorator needs it before Nest's injector exists.
 */
export function queueConcurrency(
  setting: 'EMAIL_DELIVERY_CONCURRENCY' | 'WEBHOOK_DELIVERY_CONCURRENCY',
  env: EnvironmentVariables = validateEnvironment(process.env as Record<string, unknown>),
): number {
  return env[setting];
}
