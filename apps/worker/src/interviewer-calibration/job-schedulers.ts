import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/**
 * Registers (or updates) a repeatable job with a fixed scheduler id, so every worker process can call it at boot:
 * upserting is idempotent and a changed cron replaces the old one. Runs in the background: while Redis is down the
 * worker still starts, and the registration goes through once Redis answers (retried on errors).
 */
export function upsertSchedulerInBackground(
  queue: Queue,
  schedulerId: string,
  pattern: string,
  template: { name: string; data: Record<string, unknown> },
  logger: Logger,
): { stop(): void; done: Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const done = (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        const next = await queue.upsertJobScheduler(schedulerId, { pattern, tz: 'UTC' }, template);
        const at =
          next?.timestamp !== undefined && next.opts?.delay !== undefined ? Math.round((next.timestamp + next.opts.delay) / 1000) * 1000 : null;
        logger.log(`job scheduler "${schedulerId}" on ${queue.name}: ${pattern} (UTC), next run ${at ? new Date(at).toISOString() : 'scheduled'}`);
        return;
      } catch (error) {
        if (stopped) return;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        if (attempt === 1 || attempt % 10 === 0)
          logger.warn(`could not register job scheduler "${schedulerId}" (attempt ${attempt}, retrying in ${delay} ms): ${(error as Error).message}`);
        await new Promise<void>((resolve) => (timer = setTimeout(resolve, delay)));
      }
    }
  })();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    done,
  };
}
