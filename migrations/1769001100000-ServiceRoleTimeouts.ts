import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service role's session timeouts, on the role itself (for every database: a database copied from a template, as
 * the tests do, keeps no per-database role settings). The service sends them as startup
 * parameters when it talks to PostgreSQL directly (DATABASE_STATEMENT_TIMEOUT_MS, which overrides these), but a
 * transaction-mode pooler refuses startup parameters, so behind PgBouncer its sessions ran with no timeout at all
 * (the deployment guide set them on the owner role, which the service does not use). Where the migrating role may not
 * alter hireloop_app (a managed database whose administrator created it), the migration warns and goes on: the
 * deployment guide gives the two statements to run by hand.
 */
export class ServiceRoleTimeouts1769001100000 implements MigrationInterface {
  name = 'ServiceRoleTimeouts1769001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        ALTER ROLE hireloop_app SET statement_timeout = '15s';
        ALTER ROLE hireloop_app SET idle_in_transaction_session_timeout = '30s';
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'could not set the session timeouts of hireloop_app (no privilege over the role): run the ALTER ROLE statements of deploy/README.md';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        ALTER ROLE hireloop_app RESET statement_timeout;
        ALTER ROLE hireloop_app RESET idle_in_transaction_session_timeout;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'could not reset the session timeouts of hireloop_app (no privilege over the role)';
      END $$`);
  }
}
