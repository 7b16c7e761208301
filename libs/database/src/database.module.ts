import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, appDatabaseUrl } from '@hireloop/config';
import { buildDataSourceOptions } from './data-source-options';

/**
 * Pending migrations run first over the owner's connection (DATABASE_URL); the service then connects as its own
 * role (DATABASE_APP_URL, default `hireloop_app`), which has no superuser and no BYPASSRLS: every tenant table's
 * row-level-security policy applies to each of its statements.
 */
async function runMigrations(url: string): Promise<void> {
  const owner = new DataSource(buildDataSourceOptions({ url, poolSize: 1, preparedStatements: false }));
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    if (applied.length > 0) new Logger('Database').log(`applied ${applied.length} migration(s)`);
  } finally {
    await owner.destroy();
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (config.MIGRATIONS_RUN) await runMigrations(config.DATABASE_URL);
        return {
          ...buildDataSourceOptions({
            url: appDatabaseUrl(config),
            poolSize: config.DATABASE_POOL_SIZE,
            migrationsRun: false,
            preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
          }),
          retryAttempts: 5,
          retryDelay: 1000,
        };
      },
    }),
  ],
})
export class DatabaseModule {}
