import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../migrations';
import { PooledScopedClient, PreparingClient, ScopedClient } from './preparing-client';

/** The entity classes a data source maps. The caller names them (the apps: `ALL_ENTITIES` of `@hireloop/core`). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export interface DatabaseSettings {
  url: string;
  /**
   * The entities to map. Given by the caller, so that this library depends on nothing above it; a data source that
   * only runs migrations (plain SQL) needs none.
   */
  entities: EntityList;
  poolSize?: number;
  migrationsRun?: boolean;
  logging?: boolean;
  /** Parameterised queries as named prepared statements (see PreparingClient). Default true. */
  preparedStatements?: boolean;
  /**
   * node-postgres pipeline mode: statements queued on a connection go out without waiting for the answer to the one
   * before (each still its own Sync, so an error stays with its statement). The scope's settings and the statement
   * then cost one round trip, not two (four behind a transaction pooler: BEGIN, settings, statement, COMMIT),
   * statements of a transaction sent together (`Promise.all` on its manager) share one, and a transaction's BEGIN
   * leaves with its first statement (ScopedClient). Default true.
   */
  pipeline?: boolean;
  /**
   * Every prepared statement runs on its generic plan (`plan_cache_mode = force_generic_plan`), planned once per
   * connection. PostgreSQL otherwise weighs each call's custom plan against the generic one by estimates, and
   * where a parameter is an array or a limit the generic plan's estimate comes out several times dearer, so such a
   * statement was planned anew on every call (the scorecard views' statement: 0.44 ms of planning for 0.13 ms of
   * execution, on every kit). Not sent through a transaction pooler (no named statements there). Default false.
   */
  genericPlans?: boolean;
  /**
   * `transaction`: `url` is a transaction-mode pooler (PgBouncer). No session settings go in the startup packet
   * (PgBouncer refuses unknown startup parameters such as statement_timeout; they belong on the role:
   * `ALTER ROLE … SET statement_timeout = …`) and no named prepared statements are used (PgBouncer 1.18, Debian 12's,
   * does not track them across server connections). Default `none`.
   */
  pooler?: 'none' | 'transaction';
  /** statement_timeout of each session, in ms (0 = none). Default 15000. Not sent through a transaction pooler. */
  statementTimeoutMs?: number;
  /** How long a caller waits for a pooled connection before failing (the API then answers 503). Default 3000. */
  connectionTimeoutMs?: number;
}

/** The one description of the database, shared by the API, the worker, the migration CLI and the tests. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const pooled = settings.pooler === 'transaction';
  const prepared = settings.preparedStatements !== false && !pooled;
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: ALL_MIGRATIONS,
    migrationsRun: settings.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Query errors are not logged here: the API maps expected ones (e.g. unique violations) and logs the rest itself.
    logging: settings.logging ? ['error', 'warn', 'migration'] : ['warn', 'migration'],
    extra: {
      max: settings.poolSize ?? 20,
      // Every connection carries the tenant scope (ScopedClient); named prepared statements only on PostgreSQL itself.
      // Behind a transaction-mode pooler the scope is set transaction-locally with each statement (see ScopedClient).
      Client: prepared ? PreparingClient : pooled ? PooledScopedClient : ScopedClient,
      pipeline: settings.pipeline !== false,
      // Fail fast when the database is unreachable, so requests get a 503 instead of hanging.
      connectionTimeoutMillis: settings.connectionTimeoutMs ?? 3000,
      ...sessionStartupParameters(settings),
    },
  };
}

/**
 * What node-postgres sends in the startup packet. application_name is one of the parameters PgBouncer tracks, so it
 * always goes; the timeouts go only to PostgreSQL itself.
 */
export function sessionStartupParameters(
  settings: Pick<DatabaseSettings, 'pooler' | 'statementTimeoutMs' | 'genericPlans'>,
): Record<string, string | number> {
  if (settings.pooler === 'transaction') return { application_name: 'hireloop' };
  return {
    statement_timeout: settings.statementTimeoutMs ?? 15000,
    idle_in_transaction_session_timeout: 30000,
    application_name: 'hireloop',
    ...(settings.genericPlans ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
  };
}
