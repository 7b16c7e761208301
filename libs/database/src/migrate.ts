import 'reflect-metadata';
import { ConfigValidationError, directDatabaseUrl, validateEnvironment } from '@hireloop/config';
import { runMigrationsOnce } from './migrations-once';

/**
 * The separate migration command (`node dist/libs/database/src/migrate.js`): applies pending migrations under the
 * migration lock and exits; the Kubernetes migration Job runs it before a new version serves (deploy/README.md).
 */
async function main(): Promise<void> {
  let url: string;
  try {
    url = directDatabaseUrl(validateEnvironment(process.env as Record<string, unknown>));
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const run = await runMigrationsOnce(url, { log: (message) => process.stdout.write(`${message}\n`) });
  process.stdout.write(`migrations up to date (${run.applied.length} applied)\n`);
}

main().catch((error) => {
  process.stderr.write(`migrations failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
