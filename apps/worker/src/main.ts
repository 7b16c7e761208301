import 'reflect-metadata';
import './tracing';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig, ConfigValidationError, validateEnvironment } from '@hireloop/config';
import { WorkerModule } from './worker.module';
import { allowSystemScope } from '@hireloop/database';

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
  // Only this process may run statements in the system scope (cross-organization maintenance); see runAsSystem.
  const scopeLog = new Logger('SystemScope');
  allowSystemScope((reason) => scopeLog.debug(`entering the system database scope: ${reason}`));
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // JSON lines through pino (WorkerLoggingModule), like the API.
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  new Logger('Worker').log(`hireloop worker started (pid ${process.pid})`);
  // Also unconditionally, whatever LOG_LEVEL: supervisors and tests wait for this line (as for the API's).
  if (!app.get(AppConfig).LOG_LEVEL.match(/^(info|debug|trace)$/)) process.stdout.write(`hireloop worker started (pid ${process.pid})\n`);
}

main().catch((error) => {
  process.stderr.write(`hireloop worker failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
