import 'reflect-metadata';
import './tracing';
import { AppConfig, ConfigValidationError, validateEnvironment } from '@hireloop/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  try {
    validateEnvironment(process.env as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  process.stdout.write(`hireloop api listening on :${config.PORT} (docs at /docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`hireloop api failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
