import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/**
 * The key of the session advisory lock held while migrations run ("hireloop migrations" as two int4s), so that
 * processes starting together apply each migration once: the first runs them, the others wait and then find
 * nothing pending.
 */
export const MIGRATION_LOCK_KEY: readonly [number, number] = [0x68697265, 0x6d696772];

export interface MigrationRun {
  applied: string[];
  waitedMs: number;
}

/**
 * Applies pending migrations under a session advisory lock, on a connection to PostgreSQL itself (`directUrl`: a
 * transaction-mode pooler would hand the lock and the migration to different server sessions).
 */
export async function runMigrationsOnce(directUrl: string, options: { log?: (message: string) => void } = {}): Promise<MigrationRun> {
  const lock = new Client({ connectionString: directUrl, application_name: 'hireloop-migrations' });
  await lock.connect();
  try {
    const started = Date.now();
    await lock.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK_KEY]);
    const waitedMs = Date.now() - started;
    try {
      // The migrations are plain SQL: no entity is mapped.
      const dataSource = new DataSource(buildDataSourceOptions({ url: directUrl, poolSize: 1, entities: [] }));
      await dataSource.initialize();
      try {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        if (applied.length > 0) options.log?.(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
        return { applied: applied.map((m) => m.name), waitedMs };
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await lock.end().catch(() => undefined);
  }
}
