import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { DEFAULT_JOB_OPTIONS } from './default-job-options';
import { ALL_QUEUES } from './queue-names';
import { redisConnectionFromUrl } from './redis-connection';

/** Registers the Redis connection and every queue, for producers (API, relay) and processors (worker) alike. */
@Module({})
export class QueueModule {
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: redisConnectionFromUrl(config.REDIS_URL),
            prefix: config.QUEUE_PREFIX,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      exports: [BullModule],
    };
  }
}
