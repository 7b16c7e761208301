import { Client } from 'pg';
import { workerDatabaseUrl } from './setup-env';
import { resetDatabase } from './support/database';

/**
 * Once per test run: a fresh database with every migration applied, then one copy of it per jest worker
 * (CREATE DATABASE … TEMPLATE: a file copy, far quicker than migrating again). setup-env.ts points each worker at its copy.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const g = globalThis as { __hireloopDbReset?: boolean };
  if (g.__hireloopDbReset) return;
  const base = process.env.HIRELOOP_TEST_BASE_DATABASE_URL!;
  await resetDatabase(base);
  const template = new URL(base).pathname.slice(1);
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++) {
      const name = new URL(workerDatabaseUrl(base, worker)).pathname.slice(1);
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    }
  } finally {
    await client.end();
  }
  g.__hireloopDbReset = true;
}
