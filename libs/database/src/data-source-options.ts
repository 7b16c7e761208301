import { DataSourceOptions } from 'typeorm';
// Relative on purpose: the test global setup loads this file without the path aliases.
import { ALL_ENTITIES } from '../../core/src/entities';
import { ALL_MIGRATIONS } from '../../../migrations';
import { PreparingClient, ScopedClient } from './preparing-client';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  migrationsRun?: boolean;
  logging?: boolean;
  /** Parameterised queries as named prepared statements (see PreparingClient). Default true. */
  preparedStatements?: boolean;
}

/** The one description of the database, shared by the API, the worker, the migration CLI and the tests. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Query errors are not logged here: the API maps expected ones (e.g. unique violations) and logs the rest itself.
    logging: settings.logging ? ['error', 'warn', 'migration'] : ['warn', 'migration'],
    extra: {
      max: settings.poolSize ?? 20,
      Client: settings.preparedStatements === false ? ScopedClient : PreparingClient,
      // Fail fast when the database is unreachable, so requests get a 503 instead of hanging.
      connectionTimeoutMillis: 3000,
      statement_timeout: 15000,
      idle_in_transaction_session_timeout: 30000,
      application_name: 'hireloop',
    },
  };
}
