import 'reflect-metadata';
import './tracing';
import { AppConfig, assertApiSecret, ConfigValidationError, validateEnvironment } from '@hireloop/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  try {
    assertApiSecret(validateEnvironment(process.env as Record<string, unknown>));
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen({ port: config.PORT, host: config.HOST });
  process.stdout.write(`hireloop api listening on ${config.HOST}:${config.PORT} (docs at /docs)\n`);
}

main().catch((error) => {
  process.stderr.write(`hireloop api failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
