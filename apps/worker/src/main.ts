import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, validateEnvironment } from '@hireloop/config';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors and the outbox relay, no HTTP. */
async function main(): Promise<void> {
  try {
    validateEnvironment(process.env as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('Worker').log(`hireloop worker started (pid ${process.pid})`);
}

main().catch((error) => {
  process.stderr.write(`hireloop worker failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
