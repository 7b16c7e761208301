import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, appDatabaseUrl, directDatabaseUrl } from '@hireloop/config';
import { buildDataSourceOptions, EntityList } from './data-source-options';
import { runMigrationsOnce } from './migrations-once';

export interface DatabaseModuleOptions {
  /** The entities the process maps (the apps pass `ALL_ENTITIES` of `@hireloop/core`). */
  entities: EntityList;
  /** See `DatabaseSettings.genericPlans` (the API: its statements are short lookups run thousands of times). */
  genericPlans?: boolean;
}

/**
 * Pending migrations run first as the owner (DATABASE_DIRECT_URL, else DATABASE_URL: PostgreSQL itself, under an
 * advisory lock); the service then connects as its own role (DATABASE_APP_URL, default `hireloop_app` on
 * DATABASE_URL), which has no superuser and no BYPASSRLS: every tenant table's row-level-security policy applies to
 * each of its statements.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            // Before the pool opens: on PostgreSQL itself and under an advisory lock, so that processes starting
            // together apply each migration once (MIGRATIONS_RUN=false leaves it to the migration command).
            if (config.MIGRATIONS_RUN) await migrateWithRetries(directDatabaseUrl(config));
            return {
              ...buildDataSourceOptions({
                url: appDatabaseUrl(config),
                entities: options.entities,
                poolSize: config.DATABASE_POOL_SIZE,
                preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
                pipeline: config.DATABASE_PIPELINE,
                genericPlans: options.genericPlans,
                pooler: config.DATABASE_POOLER,
                statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
              }),
              retryAttempts: 5,
              retryDelay: 1000,
            };
          },
        }),
      ],
    };
  }
}

/** Like the pool's own start-up: a database that is still starting gets 5 more tries, a second apart. */
async function migrateWithRetries(url: string): Promise<void> {
  const logger = new Logger('Migrations');
  for (let attempt = 1; ; attempt++) {
    try {
      await runMigrationsOnce(url, { log: (message) => logger.log(message) });
      return;
    } catch (error) {
      if (attempt > 5 || !isConnectionError(error)) throw error;
      logger.warn(`cannot reach PostgreSQL to migrate (${(error as Error).message}); retrying (${attempt}/5)`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P03'].includes(code);
}
